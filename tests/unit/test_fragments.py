"""rag.fragments: a follow-up fragment asked in the place of part of the earlier question."""

from __future__ import annotations

import pytest

from rag.fragments import in_place_of

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("fragment", "previous", "asked"), [
    ("by Monday morning", "How many had been cleared by Sunday night",
     "How many had been cleared by Monday morning?"),  # the phrase with the same preposition
    ("El Menchito's sister", "Where is El Menchito now", "Where is El Menchito's sister now?"),  # a shared name
    ("Guanajuato", "How many of the roadblocks were in Jalisco", "How many of the roadblocks were in Guanajuato?"),
    ("Sheinbaum", "What did Trump say in Washington", "Sheinbaum — What did Trump say in Washington?"),
])
def test_a_fragment_takes_the_place_of_its_like_in_the_earlier_question(fragment: str, previous: str,
                                                                          asked: str) -> None:
    assert in_place_of(fragment, previous, "", sources="Roadblocks went up in Guanajuato.") == asked


def test_an_empty_fragment_asks_the_earlier_question_again() -> None:
    assert in_place_of(" ", "How many were in Jalisco", "") == "How many were in Jalisco?"


def test_a_place_is_known_accents_and_owners_aside() -> None:
    assert in_place_of("Michoacan", "How many were in Jalisco", "", sources="Trucks burned in Michoacán.") == \
        "How many were in Michoacan?"
    assert in_place_of("Sheinbaum", "What happened in Jalisco", "",
                       sources="Sheinbaum spoke.").startswith("Sheinbaum —")
