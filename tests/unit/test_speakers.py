"""rag.speakers: whose words a sentence gives."""

from __future__ import annotations

import pytest

from rag.speakers import speaker_named

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("said", "speaks"), [
    ("Sheinbaum said the country was calm.", True),
    ("Sheinbaum, speaking in the National Palace, said the country was calm.", True),  # a parenthesis
    ("Sheinbaum also told reporters it was calm.", True),  # an adverb
    ("“All is calm,” said President Claudia Sheinbaum.", True),  # after, past a quote
    ("According to Sheinbaum, all is calm.", True),
    ("President Claudia Sheinbaum previously declared a war on the cartels, calling them armed groups.", True),
    ("Trump told Sheinbaum he was pleased.", False),  # spoken to
    ("Officials said Sheinbaum was in the National Palace.", False),  # spoken of
])
def test_the_speaker_is_the_subject_of_the_verb_of_saying(said: str, speaks: bool) -> None:
    assert speaker_named("What did Sheinbaum say?", said) is speaks


def test_a_question_naming_no_speaker_asks_nothing_of_the_sentence() -> None:
    assert speaker_named("What did the governor say?", "Officials said nothing.")
