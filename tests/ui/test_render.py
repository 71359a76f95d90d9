"""Rendering answers and documents: quotes marked, failures flagged, document text escaped."""

from __future__ import annotations

from rag import Assistant
from rag.markers import UNVERIFIED
from rag.types import Answer, Citation, Claim
from ui.render import answer_markdown, document_view, sources_markdown, sources_panel

SCRIPT = "<script>alert(1)</script>"


def _citation(**changes: object) -> Citation:
    base = dict(number=1, doc_id="d.md", chunk_id="d.md::c0", title=f"T {SCRIPT}", outlet="O",
                date="2026-02-23", source="javascript:alert(1)", passage=f"Before {SCRIPT} quote here. After.",
                quote="quote here.", quote_start=0, quote_end=11, supported=True, score=0.9)
    return Citation(**{**base, **changes})  # type: ignore[arg-type]


def test_sources_panel_escapes_documents_and_marks_the_quote() -> None:
    answer = Answer(question="q", text="A claim. [1]", refused=False, mode="extractive",
                    citations=[_citation()])
    html = sources_panel(answer)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>quote here.</mark>" in html
    assert "javascript:" not in html  # only http(s) links are shown


def test_unsupported_sentences_are_listed_and_flagged() -> None:
    answer = Answer(question="q", text=f"Made up. [1] {UNVERIFIED}", refused=False, mode="llm:m",
                    citations=[_citation(supported=False)], unsupported=["Made up."],
                    claims=[Claim("Made up.", [1], False, 0.2, "the cited sources do not support it")])
    html = sources_panel(answer)
    assert "rag-unsupported" in html and "Made up." in html and "rag-unsupported-cite" in html
    assert f"**{UNVERIFIED}**" in answer_markdown(answer)
    assert "does not support" in sources_markdown(answer)


def test_markdown_keeps_markers_and_escapes_markup() -> None:
    answer = Answer(question="q", text="Use *stars* and <b>tags</b> [1]", refused=False,
                    mode="extractive", citations=[_citation()])
    text = answer_markdown(answer)
    assert "\\*stars\\*" in text and "&lt;b&gt;" in text and text.endswith("[1]")


def test_declined_answer_shows_related_passages(seeded: Assistant) -> None:
    answer = seeded.ask("What is the recipe for chocolate cake?")
    html = sources_panel(answer)
    assert answer.refused and "don't answer" in html and html.count("rag-related") == len(answer.related)


def test_document_view_marks_spans_and_escapes() -> None:
    html = document_view("T", f"ab {SCRIPT} cd", [(0, 2), (len("ab ") + len(SCRIPT) + 1, len("ab ") + len(SCRIPT) + 3)])
    assert html.count("<mark>") == 2 and "<script>" not in html and "<mark>cd</mark>" in html
