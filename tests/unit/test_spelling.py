"""rag.spelling: typos mended from the corpus's words."""

from __future__ import annotations

import pytest

from rag.spelling import respelled, spelled_out

pytestmark = pytest.mark.unit

COUNTS = {"suspend": 3, "flight": 9, "nation": 4, "guard": 6, "mencho": 2, "cup": 5, "raid": 9, "road": 1}


@pytest.mark.parametrize(("question", "mended"), [
    ("How many natonal guard members died?", "How many national guard members died?"),
    ("which airlines suspnded flights?", "which airlines suspended flights?"),
])
def test_a_typo_becomes_the_english_word_the_corpus_uses(question: str, mended: str) -> None:
    assert respelled(question, COUNTS.get) == mended


@pytest.mark.parametrize("question", [
    "Did anybody else die with him?",  # a stop word
    "Who is Sheinbam?",  # a name
    "How many cops were killed?",  # short: "cups" is in the corpus
    "Did the guardia nacional arrive?",  # two unknown words side by side: another language
    "Were the zebrras fed?",  # no indexed word one edit away
    "How many flights were grounded?",  # English
])
def test_words_that_are_no_typos_stay(question: str) -> None:
    assert respelled(question, COUNTS.get) == question


def test_the_corpus_decides_between_two_mends() -> None:
    assert respelled("Where was the rooad blocked?", {"raid": 1, "road": 9}.get, min_letters=5) == \
        "Where was the road blocked?"
    assert respelled("Was the raaid planned?", {"raid": 9, "road": 1}.get, min_letters=5) == "Was the raid planned?"


def test_a_very_long_word_is_no_typo() -> None:
    long_word = "suspnded" * 10
    assert respelled(f"were flights {long_word}?", COUNTS.get) == f"were flights {long_word}?"


@pytest.mark.parametrize(("typed", "meant"), [
    ("wat time did he die", "what time did he die"), ("wher was he born", "where was he born"),
    ("Wat happened?", "What happened?"), ("hw many died", "how many died"), ("waht did she say", "what did she say"),
    ("wich cities", "which cities"), ("and wen did it start", "and wen did it start"),  # "wen": a word
    ("Who led it, and wat time was it?", "Who led it, and what time was it?"),
    ("hoe many", "hoe many"),
])
def test_a_question_word_typed_with_a_slip_is_read_as_that_word(typed: str, meant: str) -> None:
    assert respelled(typed, lambda term: 0) == meant


@pytest.mark.parametrize("question", ["What did Ho say?", "What did Hou Yi say?", "Were roads on Hwy 80 blocked?",
                                      "Who is Weho?", "Hwo did it?", "Ho left?"])
def test_a_name_or_a_slip_two_question_words_are_one_edit_from_stays(question: str) -> None:
    assert respelled(question, {"ho": 2}.get) == question  # "Ho": a word the corpus holds


def test_lower_case_abbreviations_of_common_words_are_spelled_out() -> None:
    assert spelled_out("what did the state dept tell americans?") == "what did the state department tell americans?"
    assert spelled_out("how many hrs did the govt wait?") == "how many hours did the government wait?"
    assert spelled_out("What did Admin Corp. say?") == "What did Admin Corp. say?"  # capitalised: maybe a name
    assert spelled_out("a $15 mil reward") == "a $15 mil reward"  # "mil" may be million or military
    assert spelled_out("How many hrs. did it last, per the gov’t?") == "How many hours did it last, per the government?"
