"""rag.speakers: whose words a sentence gives."""

from __future__ import annotations

import pytest

from rag.speakers import is_a_name, speaker_named, speaker_of, topic_named

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


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Mexico Security Secretary Omar García Harfuch said that 25 members were killed.",
     "Mexico Security Secretary Omar García Harfuch"),
    ("“We are ready,” said Defense Secretary Pete Hegseth.", "Defense Secretary Pete Hegseth"),
    ("As many as 73 people have died, according to the Associated Press.", "the Associated Press"),
    ("According to the AP, 73 people died.", "the AP"),
    ("Gunmen set up 318 blockades, according to the tally released by the federal Security Cabinet.",
     "the federal Security Cabinet"),  # a tally is no one: whoever released it
    ("The president of the traders' union, Moisés Ramos Portillo, estimated losses of 700 million pesos.",
     "Moisés Ramos Portillo"),
    ("Seven died, according to officials in Jalisco.", "officials"),
    ("The toll was confirmed by officials on Monday.", "officials"),
    ("The U.S. said it helped.", "The U.S."),
    ("Seven died, according to the governor of Jalisco.", "the governor of Jalisco"),  # "of" a name
    ("“We have confirmed 25 deaths,” he said.", "he"),  # not a verb inside the quotation
    ("The secretariat also confirmed that seven others were killed.", "The secretariat"),
    ("She said the toll had reached 25.", "She"),
    ("Six of those attacks took place in Jalisco.", ""),
])
def test_speaker_of(sentence: str, expected: str) -> None:
    assert speaker_of(sentence) == expected


@pytest.mark.parametrize(("speaker", "expected"), [
    ("the Associated Press", True), ("The Pentagon", True), ("FEMSA", True),
    ("The secretariat", False), ("officials", False), ("She", False), ("A source", False), ("Both airports", False),
])
def test_is_a_name(speaker: str, expected: bool) -> None:
    assert is_a_name(speaker) is expected


_HARFUCH = "Security Secretary Omar García Harfuch said that 25 members of the National Guard were killed."


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("What did Harfuch say about the U.S. role in the operation?", _HARFUCH, False),  # his words on another thing
    ("What did Harfuch say about the U.S. role?", "Harfuch said the United States gave intelligence.", True),
    ("What did Harfuch say about the U.S. role?", "Harfuch thanked American agents.", True),  # its people
    ("Did Sheinbaum say anything about the americans' help?", "“My thanks to the Mexican Army,” she said.", False),
    ("What did Sheinbaum say about the Mexican army?", "“My thanks to the Mexican Army,” she said.", True),
    ("What did Leavitt say about the U.S. role in the raid on El Mencho?",  # the head phrase's names only
     "“The United States provided intelligence support,” Leavitt said.", True),
    ("What did Sheinbaum say on 4 March when asked whether Washington pushed?", "Sheinbaum said no.", True),
    ("What did Harfuch say about the violence?", _HARFUCH, True),  # no name: the topic is not checked
    ("What did Harfuch say?", _HARFUCH, True),
])
def test_a_speakers_words_about_a_name_name_it(question: str, sentence: str, expected: bool) -> None:
    assert topic_named(question, sentence) is expected
