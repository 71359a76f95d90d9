"""The shared data types: retrieved passages, stored sentences, citations, claims, answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterable, Mapping

import numpy as np


@dataclass
class Passage:
    """A retrieved chunk with where it came from and how it ranked."""

    chunk_id: str
    text: str
    doc_id: str
    title: str
    outlet: str
    date: str
    url: str
    source: str
    start: int
    end: int
    first_sentence: int
    last_sentence: int
    version: str = ""  # the document version (content hash) this chunk was cut from
    score: float = 0.0
    dense: float | None = None
    bm25: float | None = None
    author: str = ""  # chunks indexed before authors were read have none
    about: float | None = None  # an overview question: how like it its document's title is (cosine)
    # What the whole document mentions (canonical terms of its title, outlet and text), when
    # retrieval looked it up: a question's names are checked against the answering document.
    mentions: frozenset[str] = field(default_factory=frozenset, repr=False, compare=False)
    # Its document's nicknames -> the surname it calls them by (rag.people.learn_aliases), looked up with mentions
    aliases: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, meta: dict[str, Any]) -> "Passage":
        return cls(
            chunk_id=chunk_id, text=text, doc_id=str(meta["doc_id"]), title=str(meta["title"]),
            outlet=str(meta.get("outlet", "")), date=str(meta.get("date", "")),
            url=str(meta.get("url", "")), source=str(meta.get("source", "")),
            start=int(meta["start"]), end=int(meta["end"]),
            first_sentence=int(meta["first_sentence"]), last_sentence=int(meta["last_sentence"]),
            version=str(meta.get("hash", "")), author=str(meta.get("author", "")),
        )

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("mentions", "aliases")}


@dataclass(frozen=True)
class StoredSentence:
    """A sentence as stored at ingest: text, document offsets and its unit-length vector."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    vector: np.ndarray


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
    author: str = ""

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


@dataclass
class Answer:
    """An answer with its citations, the passages it drew on, and per-stage timings."""

    question: str
    text: str
    refused: bool
    mode: str
    citations: list[Citation] = field(default_factory=list)
    sources: list[Passage] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    query: str = ""
    understood: str = ""  # a follow-up as a reader reads it (``query`` is what was searched)
    answer_type: str | None = None
    support: float = 0.0
    conflict: bool = False
    unsupported: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    related_count: int = 3  # how many sources a decline offers as related reading

    @property
    def related(self) -> list[Passage]:
        """The closest passages: related reading when the answer declined."""
        return self.sources[: self.related_count]

    @property
    def reworded(self) -> bool:
        """Whether the question was searched in other words than typed (a follow-up made
        standalone, a typo mended); not when only capitals were given to names ("el mencho")."""
        return bool(self.query) and self.query.lower() != " ".join(self.question.split()).lower()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what ``rag ask --json`` prints)."""
        return {
            "question": self.question, "query": self.query,
            "understood": self.understood or self.query, "text": self.text,
            "refused": self.refused, "mode": self.mode, "answer_type": self.answer_type,
            "support": round(self.support, 4), "conflict": self.conflict,
            "citations": [c.to_dict() for c in self.citations],
            "sources": [p.to_dict() for p in self.sources],
            "claims": [c.to_dict() for c in self.claims],
            "unsupported": list(self.unsupported), "notices": list(self.notices),
            "timings": {k: round(v, 2) for k, v in self.timings.items()},
        }


def final_answer(stream: Iterable[Any]) -> Answer:
    """The last :class:`Answer` of an ``ask_stream``, the stream run to its end."""
    answers = [item for item in stream if isinstance(item, Answer)]
    if not answers:
        raise RuntimeError("ask_stream ended without an answer")
    return answers[-1]


def cite(number: int, passage: Passage, start: int, end: int, score: float = 0.0,
         supported: bool = True) -> Citation:
    """Cite the span ``[start, end)`` (document offsets) of ``passage``."""
    if not (passage.start <= start < end <= passage.end):
        raise ValueError(f"span {start}:{end} is outside passage {passage.chunk_id}")
    quote = passage.text[start - passage.start : end - passage.start]
    return Citation(
        number=number, doc_id=passage.doc_id, chunk_id=passage.chunk_id, title=passage.title,
        outlet=passage.outlet, date=passage.date, source=passage.source, passage=passage.text,
        quote=quote, quote_start=start, quote_end=end, supported=supported,
        score=round(score, 4), version=passage.version, author=passage.author,
    )
