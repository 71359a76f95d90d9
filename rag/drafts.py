"""What an extractive answer is before its sources are attached, and how declines and the
answers to a question's parts are written."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rag.answer_types import AnswerType
from rag.markers import with_marker
from rag.text import CONTEXT_JOIN, clip
from rag.types import Citation, Passage, StoredSentence


@dataclass(eq=False)  # one per sentence read: compared by identity, not by its vector
class Candidate:
    """A retrieved sentence scored as an answer, and whether it holds what the question asks."""

    sentence: StoredSentence
    passage: Passage
    score: float
    typed: bool


@dataclass
class Draft:
    """The extractive answerer's output before timings and sources are attached."""

    text: str
    citations: list[Citation]
    refused: bool
    support: float
    conflict: bool
    answer_type: AnswerType | None


def decline_text(question: str, limit: int, missing: Sequence[str] = ()) -> str:
    """The standard answer when the sources do not answer ``question`` (quoted up to ``limit``),
    naming what they never mention when that is why."""
    if missing:
        return f"The sources don't say. {never_mentioned(missing)}; the closest passages are listed as related reading."
    q = clip(question, limit)
    return (
        f"The sources don't say. None of the indexed passages answers “{q}”; "
        "the closest passages are listed as related reading."
    )


def never_mentioned(missing: Sequence[str]) -> str:
    """What the sources never mention, said: "None of the indexed passages mentions “Lagos”"."""
    return "None of the indexed passages mentions " + ", ".join(f"“{n}”" for n in missing)


def combine(drafts: list[Draft], parts: list[str], decline_chars: int) -> Draft:
    """One answer from the answers to a question's parts, citations renumbered in order and a
    sentence cited once; a part the sources do not answer is said to be unanswered."""
    texts: list[str] = []
    citations: list[Citation] = []
    number_of: dict[tuple[str, int, int], int] = {}
    for draft, part in zip(drafts, parts):
        if draft.refused:
            texts.append(_unanswered(part, decline_chars))
            continue
        sentences = []
        for c in draft.citations:
            key = (c.doc_id, c.quote_start, c.quote_end)
            if key not in number_of:
                number_of[key] = len(citations) + 1
                citations.append(replace(c, number=number_of[key]))
                sentences.append(with_marker(c.quote, number_of[key]))
        prefix = "The sources disagree: " if draft.conflict else ""
        texts.append(prefix + " ".join(sentences) if sentences else "")
    answered = [d for d in drafts if not d.refused]
    return Draft(" ".join(t for t in texts if t), citations, False, max(d.support for d in answered),
                 any(d.conflict for d in answered), answered[0].answer_type)


def _unanswered(part: str, limit: int) -> str:
    """What is said for a part of a question that the sources do not answer."""
    return f"(The sources don't answer “{clip(part.partition(CONTEXT_JOIN)[0].rstrip(' ?'), limit)}?”)"
