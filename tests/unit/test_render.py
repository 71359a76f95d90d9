"""ui.render: spans merged and marked, documents and answers escaped for HTML and Markdown."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rag.markers import UNVERIFIED
from rag.types import Answer, cite
from ui.render import answer_markdown, document_view, md, merge_spans, sources_panel

from .factories import make_passage

pytestmark = pytest.mark.unit


def test_importing_render_does_not_import_gradio() -> None:
    code = "import sys, ui.render; print('gradio' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "False"


def test_merge_spans_sorts_and_merges_overlapping_and_touching() -> None:
    assert merge_spans([(7, 8), (3, 5), (1, 4)], 10) == [(1, 5), (7, 8)]
    assert merge_spans([(3, 5), (5, 7)], 10) == [(3, 7)]
    assert merge_spans([(2, 9), (3, 4)], 10) == [(2, 9)]
    assert merge_spans([(0, 10)], 10) == [(0, 10)]
    assert merge_spans([], 0) == []


@pytest.mark.parametrize("span", [(0, 11), (-1, 2), (3, 3), (5, 2)])
def test_merge_spans_outside_the_text_raises(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match=f"span {span[0]}:{span[1]} is outside the document \\(0:10\\)"):
        merge_spans([(1, 2), span], 10)


def test_document_view_escapes_and_marks() -> None:
    view = document_view("<T>", "a<b>c & d", [(1, 4), (2, 3)])
    assert view == ('<div class="rag-document"><h4>&lt;T&gt;</h4><div class="rag-doc-text">'
                    "a<mark>&lt;b&gt;</mark>c &amp; d</div></div>")


def test_document_view_drops_spans_outside_the_text() -> None:
    view = document_view("T", "abc", [(0, 99), (-1, 1), (2, 2), (1, 2)])
    assert view.count("<mark>") == 1 and "a<mark>b</mark>c" in view


def test_document_view_without_spans() -> None:
    assert document_view("T", "<script>", []).endswith('<div class="rag-doc-text">&lt;script&gt;</div></div>')


def test_md_escapes_markdown_and_html() -> None:
    assert md("a_b *c* <x> [1] #h") == "a\\_b \\*c\\* &lt;x&gt; \\[1\\] \\#h"


def _answer(text: str, cited: int) -> Answer:
    passage = make_passage("d1", "Seven guards died.")
    citations = [cite(n, passage, 0, len(passage.text)) for n in range(1, cited + 1)]
    return Answer("q?", text, refused=False, mode="llm", citations=citations)


def test_answer_markdown_shows_known_markers_and_bolds_unverified() -> None:
    text = answer_markdown(_answer(f"Seven *died*. [1] More fled. [2][1] {UNVERIFIED}", cited=2))
    assert text == f"Seven \\*died\\*. [1] More fled. [2][1] **{UNVERIFIED}**"


def test_answer_markdown_keeps_unknown_markers_and_links_escaped() -> None:
    text = answer_markdown(_answer("Seven died. [3] See [1](http://x)", cited=1))
    assert text == "Seven died. \\[3\\] See \\[1\\](http://x)"


def test_sources_panel_of_no_answer() -> None:
    assert "Cited passages will appear here." in sources_panel(None)


def test_sources_panel_marks_the_quote_escaped() -> None:
    passage = make_passage("d1", "Intro <b>. Seven & more died.", title="A & B")
    answer = Answer("q?", "x [1]", False, "llm", citations=[cite(1, passage, 11, 29)])
    panel = sources_panel(answer)
    assert "Intro &lt;b&gt;. <mark>Seven &amp; more died.</mark>" in panel
    assert "<b>[1]</b> A &amp; B · Outlet · 2026-02-23" in panel
    assert 'href="https://example.org/d1"' in panel


def test_sources_panel_offers_related_reading_after_a_decline() -> None:
    answer = Answer("q?", "The sources don't say.", True, "extractive",
                    sources=[make_passage(f"d{i}", f"Text {i}") for i in range(5)], related_count=2)
    panel = sources_panel(answer)
    assert "The sources don't answer this." in panel
    assert panel.count('class="rag-related"') == 2
