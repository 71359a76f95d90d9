"""rag.pronouns: which pronoun the sources use for a name."""

from __future__ import annotations

import pytest

from rag.pronouns import gender_of, referred_as
from rag.text import is_person_like

pytestmark = pytest.mark.unit

STATEMENT = ("Asked whether Washington had pushed Mexico into the operation, Sheinbaum said it had not "
             "been carried out under pressure. Oseguera had one or more arrest warrants against him, she "
             "said, and the aim had been to detain him.")


def test_a_speech_tag_is_the_speakers_not_the_name_before_it() -> None:
    assert referred_as("Claudia Sheinbaum", STATEMENT) == "she"
    assert referred_as("Oseguera", STATEMENT) == "he"


def test_a_pronoun_after_a_later_name_is_that_names() -> None:
    text = "White House press secretary Karoline Leavitt said she was glad."
    assert referred_as("Karoline Leavitt", text) == "she"
    assert referred_as("White House", text) is None


def test_the_next_sentence_may_open_with_the_pronoun() -> None:
    assert referred_as("Leavitt", "Leavitt wrote on X. She also thanked the army.") == "she"


def test_no_pronoun_or_a_tie_says_nothing() -> None:
    assert referred_as("Trevilla", "Trevilla spoke on Monday.") is None
    assert referred_as("Lopez", "Lopez said he left. Lopez said she left.") is None


@pytest.mark.parametrize(("pronoun", "gender"), [("His", "he"), ("herself", "she"), ("they", None)])
def test_gender_of(pronoun: str, gender: str | None) -> None:
    assert gender_of(pronoun) == gender


@pytest.mark.parametrize(("name", "person"), [
    ("Karoline Leavitt", True), ("Oseguera", True), ("White House", False), ("Reporting", False),
    ("U.S.", False), ("CJNG", False),
])
def test_is_person_like(name: str, person: bool) -> None:
    assert is_person_like(name) is person
