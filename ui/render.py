"""HTML and Markdown for answers, sources and documents; every document string is escaped."""

from __future__ import annotations

import html
import re
from typing import Sequence

from rag.markers import UNVERIFIED
from rag.types import Answer, Citation, Passage


def _meta(*parts: str) -> str:
    """Title, outlet, author, date: the ones known, escaped."""
    return " · ".join(html.escape(x) for x in parts if x)


def _marked_passage(c: Citation) -> str:
    """The cited passage with its supporting quote in <mark>."""
    at = c.passage.find(c.quote)
    if at < 0:
        return html.escape(c.passage)
    before, after = c.passage[:at], c.passage[at + len(c.quote):]
    return f"{html.escape(before)}<mark>{html.escape(c.quote)}</mark>{html.escape(after)}"


def _link(url: str) -> str:
    if not url.startswith(("http://", "https://")):
        return ""
    safe = html.escape(url, quote=True)
    return f' <a href="{safe}" target="_blank" rel="noopener noreferrer">link</a>'


def sources_panel(answer: Answer | None) -> str:
    """The side panel for one answer: cited passages with quotes marked, or related reading."""
    if answer is None:
        return '<div class="rag-sources rag-empty">Cited passages will appear here.</div>'
    parts = ['<div class="rag-sources">']
    if answer.unsupported:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in answer.unsupported)
        parts.append(f'<div class="rag-unsupported"><b>Not supported by the cited sources'
                     f'</b> (marked {UNVERIFIED}):<ul>{items}</ul></div>')
    for note in answer.notices:
        parts.append(f'<div class="rag-notice">{html.escape(note)}</div>')
    if answer.citations:
        for c in answer.citations:
            state = "" if c.supported else ' rag-unsupported-cite'
            parts.append(
                f'<div class="rag-cite{state}" id="rag-cite-{c.number}">'
                f'<div class="rag-cite-head"><b>[{c.number}]</b> {_meta(c.title, c.outlet, c.author, c.date)}'
                f'{_link(c.source)}</div>'
                f'<div class="rag-passage">{_marked_passage(c)}</div></div>'
            )
    elif answer.related:
        parts.append("<p><b>The sources don't answer this.</b> Closest passages:</p>")
        parts += [_related(p) for p in answer.related]
    parts.append("</div>")
    return "".join(parts)


def _related(p: Passage) -> str:
    return (f'<div class="rag-related"><div class="rag-cite-head">{_meta(p.title, p.outlet, p.author, p.date)}'
            f'{_link(p.url)}</div><div class="rag-passage">{html.escape(p.text)}</div></div>')


def sources_markdown(answer: Answer) -> str:
    """The collapsible "Sources" message under an answer in the chat."""
    if not answer.citations:
        return "No passage is cited." if not answer.related else "Related: " + "; ".join(
            md(p.title) for p in answer.related)
    lines = []
    for c in answer.citations:
        meta = ", ".join(md(x) for x in (c.outlet, c.author, c.date) if x)
        flag = "" if c.supported else " — *does not support the sentence citing it*"
        lines.append(f"**[{c.number}]** {md(c.title)} ({meta}){flag}  \n> {md(c.quote)}")
    return "\n\n".join(lines)


def md(text: str) -> str:
    """Text that Markdown shows as typed (document text is data, not markup)."""
    escaped = html.escape(text, quote=False)
    for char in "\\`*_[]#|~>":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def answer_markdown(answer: Answer) -> str:
    """The answer text for the chat bubble, escaped, with failed sentences emphasised."""
    text = md(answer.text).replace(md(UNVERIFIED), f"**{UNVERIFIED}**")
    known = {str(n) for n in range(1, len(answer.citations) + 1)}
    # Only markers the answer placed (after a sentence, before a space or the end) are shown
    # as markers; "[2](http://...)" inside a quoted document stays escaped text.
    return re.sub(r"\\\[(\d+)\\\](?=\s|\[|\\\[|$)",
                  lambda m: f"[{m.group(1)}]" if m.group(1) in known else m.group(0), text)


def merge_spans(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """``(start, end)`` spans sorted, overlapping or touching ones merged; ``ValueError`` for a
    span outside ``0:length``.

    >>> merge_spans([(3, 5), (1, 4), (7, 8)], 10)
    [(1, 5), (7, 8)]
    """
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if not (0 <= start < end <= length):
            raise ValueError(f"span {start}:{end} is outside the document (0:{length})")
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def document_view(title: str, text: str, spans: Sequence[tuple[int, int]]) -> str:
    """A whole document with the given ``(start, end)`` spans marked (overlaps merged, spans
    outside the text left out); the text is escaped."""
    out, cursor = [f'<div class="rag-document"><h4>{html.escape(title)}</h4><div class="rag-doc-text">'], 0
    inside = [(start, end) for start, end in spans if 0 <= start < end <= len(text)]
    for start, end in merge_spans(inside, len(text)):
        out += [html.escape(text[cursor:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        cursor = end
    out += [html.escape(text[cursor:]), "</div></div>"]
    return "".join(out)
