"""What a question asks about that the retrieved documents must mention."""

from __future__ import annotations

import pytest

from rag.mentions import asked_thing, unmentioned

from .factories import make_passage

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("question", "expected"), [
    ("What weapons were seized during the raid?", "weapons"),
    ("What charges did El Mencho face in US courts?", "charges"),
    ("What model of helicopter was hit?", "model"),
    ("And what protocol did the governor activate?", "protocol"),
    ("What coordination hub did the government set up?", "coordination hub"),  # either word will do
    ("What term did Trump use for the cartels?", ""),  # the answer is the term, not "term"
    ("What share of firms reopened?", ""),  # a number question: its own checks
    ("Which news agency gave the toll?", ""),  # an organisation: answered by its name
    ("On which platform did Sheinbaum post?", ""),
    ("Which admiral sat in the command centre?", ""),  # a role: answered by a person
    ("Which US agency helped?", ""),  # a name, not a common noun
    ("What sort of reprisals followed?", ""),
    ("What happened next?", ""),  # a verb
    ("Who was killed?", ""),
])
def test_asked_thing(question: str, expected: str) -> None:
    assert asked_thing(question) == expected


def test_unmentioned_names_and_things() -> None:
    passage = make_passage("d1", "Troops seized rifles near Tapalpa; a coordination centre was set up.")
    assert unmentioned("What weapons were seized near Tapalpa?", [passage]) == ["weapons"]
    assert unmentioned("What rifles were seized near Tapalpa?", [passage]) == []
    assert unmentioned("What coordination hub was set up?", [passage]) == []
    assert unmentioned("What weapons were seized in Lagos?", [passage]) == ["Lagos", "weapons"]
    passage.mentions = frozenset({"weapon", "tapalpa"})  # the whole document, when retrieval read it
    assert unmentioned("What weapons were seized near Tapalpa?", [passage]) == []
