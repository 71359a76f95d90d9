"""rag.retrieve: reciprocal rank fusion and the question check (no store, no embedder)."""

from __future__ import annotations

import types

import pytest

from rag.config import Config
from rag.retrieve import Retriever, reciprocal_rank_fusion

pytestmark = pytest.mark.unit


def test_fusion_scores_are_sums_of_reciprocal_ranks() -> None:
    fused = reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=60)
    assert [item for item, _ in fused] == ["b", "a", "c"]
    assert dict(fused) == pytest.approx({"b": 1 / 62 + 1 / 61, "a": 1 / 61, "c": 1 / 62})


def test_fusion_ties_are_broken_by_id() -> None:
    fused = reciprocal_rank_fusion([["b", "a"], ["a", "b"]], k=1)
    assert fused == [("a", pytest.approx(1 / 2 + 1 / 3)), ("b", pytest.approx(1 / 2 + 1 / 3))]


def test_fusion_of_nothing_is_empty() -> None:
    assert reciprocal_rank_fusion([], k=60) == [] and reciprocal_rank_fusion([[], []], k=60) == []


def test_a_single_ranking_keeps_its_order() -> None:
    assert [i for i, _ in reciprocal_rank_fusion([["z", "y", "x"]], k=60)] == ["z", "y", "x"]


def check(question: object, **settings: int) -> tuple[str, list[str]]:
    """``Retriever.check_question`` without a store: it only reads ``self.config``."""
    owner = types.SimpleNamespace(config=Config.load(**settings))
    return Retriever.check_question(owner, question)  # type: ignore[arg-type]


def test_check_question_strips_tags_and_folds_spaces() -> None:
    assert check("  Who <b>led</b>\n the <a href='x'>attack</a> ? ") == ("Who led the attack ?", [])


def test_a_tag_between_words_does_not_glue_them() -> None:
    assert check("Flights<br/>suspended?") == ("Flights suspended?", [])


def test_check_question_keeps_comparisons_that_are_not_tags() -> None:
    assert check("Is a < b and c > d?") == ("Is a < b and c > d?", [])


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_an_empty_question_is_a_value_error(question: str) -> None:
    with pytest.raises(ValueError, match="the question is empty"):
        check(question)


def test_a_markup_only_question_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="the question is only markup"):
        check("<div><p></p></div>")


@pytest.mark.parametrize("question", [None, 42, b"bytes", ["a list"]])
def test_a_non_string_question_is_a_type_error(question: object) -> None:
    with pytest.raises(TypeError, match="question must be a string"):
        check(question)


def test_a_long_question_is_cut_with_a_notice() -> None:
    text, notices = check("x" * 2500)
    assert len(text) == 2000
    assert notices == ["The question was 2,500 characters long; only the first 2,000 were used."]


def test_a_question_at_the_limit_is_not_cut() -> None:
    assert check("y" * 60, max_question_chars=60) == ("y" * 60, [])


def test_absurd_input_is_cut_before_markup_is_removed() -> None:
    text, notices = check("<b>" + "z" * 200, max_question_chars=50, max_question_chars_hard=100)
    assert text == "z" * 50
    assert notices == ["The question was 203 characters long; only the first 50 were used."]


def test_check_question_restores_apostrophes_the_patterns_expect() -> None:
    assert check("how many died and whats the overall number?")[0] == "how many died and what's the overall number?"
    assert check("Why didnt he surrender?")[0] == "Why didn't he surrender?"
    assert check("Whatsapp posts?")[0] == "Whatsapp posts?"
    assert check("cant they wait?")[0] == "can't they wait?"


def test_a_rewrite_is_cleaned_as_the_question_is() -> None:
    from rag.retrieve import _cleaned
    assert _cleaned("What did <b>Sheinbaum</b>  say,  and whats next?") == "What did Sheinbaum say, and what's next?"
