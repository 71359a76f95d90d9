"""Citations: the exact supporting span of a passage, numbered as the reader sees it."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from rag.retrieve import Passage

_MARKER = re.compile(r"\[(\d+(?:\s*[-–,]\s*\d+)*)\]")


@dataclass(frozen=True)
class Citation:
    """One numbered citation: the passage it points at and the quote that supports the claim.

    ``quote`` is a substring of ``passage``; ``quote_start``/``quote_end`` locate it in the
    whole document text, so ``document_text[quote_start:quote_end] == quote``.
    """

    number: int
    doc_id: str
    chunk_id: str
    title: str
    outlet: str
    date: str
    source: str
    passage: str
    quote: str
    quote_start: int
    quote_end: int
    supported: bool = True
    score: float = 0.0
    version: str = ""  # the document version (content hash) the offsets refer to

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Claim:
    """One sentence of a generated answer and the verdict of the citation check.

    ``citations`` are the numbers shown after it; ``reason`` says why an unsupported
    sentence failed; ``corrected`` is set when the checker moved its citation to the given
    source that supports it (the model cited another one, or none).
    """

    text: str
    citations: list[int] = field(default_factory=list)
    supported: bool = False
    score: float = 0.0
    reason: str = ""
    corrected: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def cite(number: int, passage: Passage, start: int, end: int, score: float = 0.0) -> Citation:
    """Cite the span ``[start, end)`` (document offsets) of ``passage``."""
    if not (passage.start <= start < end <= passage.end):
        raise ValueError(f"span {start}:{end} is outside passage {passage.chunk_id}")
    quote = passage.text[start - passage.start : end - passage.start]
    return Citation(
        number=number, doc_id=passage.doc_id, chunk_id=passage.chunk_id, title=passage.title,
        outlet=passage.outlet, date=passage.date, source=passage.source, passage=passage.text,
        quote=quote, quote_start=start, quote_end=end, supported=True, score=round(score, 4),
        version=passage.version,
    )


def parse_markers(text: str) -> list[int]:
    """Citation numbers in ``text`` in order of appearance: ``[1]``, ``[1, 3]``, ``[2-4]``.

    Example:
        >>> parse_markers("A [1]. B [2-3][1, 4].")
        [1, 2, 3, 1, 4]
    """
    numbers: list[int] = []
    for match in _MARKER.finditer(text):
        for part in re.split(r"\s*,\s*", match.group(1)):
            bounds = [int(x) for x in re.split(r"\s*[-–]\s*", part)]
            if len(bounds) == 2 and bounds[0] <= bounds[1] <= bounds[0] + 50:
                numbers.extend(range(bounds[0], bounds[1] + 1))
            else:
                numbers.extend(bounds)
    return numbers


def with_marker(sentence: str, number: int) -> str:
    """Put ``[n]`` after a sentence."""
    return f"{sentence.rstrip()} [{number}]"
