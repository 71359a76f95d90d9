"""rag.spelling: typos mended from the corpus's words."""

from __future__ import annotations

import pytest

from rag.spelling import respelled

pytestmark = pytest.mark.unit

COUNTS = {"suspend": 3, "flight": 9, "nation": 4, "nationwid": 1, "guard": 6, "mencho": 2}


def test_a_typo_becomes_the_english_word_the_corpus_uses() -> None:
    assert respelled("How many natonal guard members died?", COUNTS.get) == "How many national guard members died?"
    assert respelled("which airlines suspnded flights?", COUNTS.get) == "which airlines suspended flights?"


def test_words_that_are_no_typos_stay() -> None:
    for question in ("Did anybody else die with him?", "Who is Sheinbam?", "wat time did el mencho die",
                     "How many flights were grounded?"):
        assert respelled(question, COUNTS.get) == question  # a stop word, a name, a short word, English


def test_a_typo_with_no_indexed_mend_stays() -> None:
    assert respelled("Were the zebrras fed?", COUNTS.get) == "Were the zebrras fed?"
