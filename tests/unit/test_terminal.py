"""ui.terminal: spans marked in plain text, usage errors."""

from __future__ import annotations

import pytest

from ui.terminal import mark_spans, usage_error

pytestmark = pytest.mark.unit


def test_mark_spans_merges_overlaps() -> None:
    assert mark_spans("abcdef", [(3, 5), (1, 4)]) == "a[[bcde]]f"


def test_mark_spans_with_custom_markers_at_both_ends() -> None:
    assert mark_spans("abcdef", [(0, 2), (4, 6)], "<", ">") == "<ab>cd<ef>"


def test_mark_spans_without_spans_is_the_text() -> None:
    assert mark_spans("abc", []) == "abc"


def test_mark_spans_outside_the_text_raises() -> None:
    with pytest.raises(ValueError, match="outside the document"):
        mark_spans("abc", [(1, 4)])


def test_usage_error_exits_2_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        usage_error("no such document")
    assert caught.value.code == 2
    assert capsys.readouterr().err == "rag: error: no such document\n"


def test_a_follow_up_is_printed_as_understood(capsys: pytest.CaptureFixture[str]) -> None:
    from rag.types import Answer
    from ui.terminal import print_answer

    answer = Answer("When did she get there?", "On Friday. [1]", False, "extractive",
                    query="When did she get there — the army know El Mencho would be there?",
                    understood="When did she get there? (after “How did the army know El Mencho would be there?”)")
    print_answer(answer)
    assert "(understood as: When did she get there? (after “How did the army" in capsys.readouterr().out
