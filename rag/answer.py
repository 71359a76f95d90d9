"""Extractive answers: the best-supported sentences of the retrieved passages, each cited."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import numpy as np

from rag.answer_types import (
    AnswerType, count_predicate, fits, holds, numbers_in, question_type,
)
from rag.citations import Citation, Claim, cite, with_marker
from rag.retrieve import Passage, tokenize
from rag.records import StoredSentence

# Support = W_COSINE * cosine(question, sentence) + W_LEXICAL * idf-weighted term coverage.
W_COSINE, W_LEXICAL = 0.5, 0.5
EXTRA_MARGIN = 0.06  # further sentences must score within this of the best one
CONFLICT_MARGIN = 0.12  # a figure from another document this close to the best is a rival report
REDUNDANT_COSINE = 0.92

# Question words carry no content; bm25s keeps some of them after stop-word removal.
_FILLER = frozenset(
    "how mani much what which who whom whose when where whi did doe do does s is are was were "
    "be been had has have he she her his him they them their it it’s out about after kind type "
    "sort veri happen get got put saw take took make made give gave els besid apart dure"
    .split()
)
# A small table of news-event synonyms (by stem). MiniLM's cosine already handles most
# paraphrase; this only keeps key predicates ("died" ~ "killed") from counting as missing.
_SYNONYMS = {
    "die": "kill", "dead": "kill", "death": "kill", "slain": "kill", "fatal": "kill",
    "murder": "kill", "injur": "wound", "hurt": "wound", "detain": "arrest", "captur": "arrest",
    "bounti": "reward", "troop": "soldier", "repris": "retali", "retaliatori": "retali",
    "firefight": "gunfight", "shootout": "gunfight", "u.s": "unit", "american": "unit",
    "halt": "suspend", "cancel": "suspend", "stuck": "strand",
}


class Coverage:
    """The idf-weighted share of some terms that a text holds (the lexical half of support).

    Example:
        >>> Coverage({"guard", "kill"}, idf)(canonical_terms("Guards were killed"))
        1.0
    """

    def __init__(self, terms: set[str], idf: Callable[[str], float]):
        self.terms = terms
        self.weights = {t: idf(t) for t in terms}
        self.total = sum(self.weights.values()) or 1.0

    def __call__(self, found: set[str]) -> float:
        return sum(self.weights[t] for t in self.terms & found) / self.total


def relevance(question: str, vector: np.ndarray, texts: list[str], vectors: np.ndarray,
              idf: Callable[[str], float]) -> list[float]:
    """How directly each text answers ``question``: the same 0.5 x cosine + 0.5 x idf term
    coverage that ranks extractive sentences, so the two kinds of answer compare."""
    cover = Coverage(canonical_terms(question), idf)
    return [W_COSINE * float(vector @ v) + W_LEXICAL * cover(canonical_terms(text))
            for text, v in zip(texts, vectors)]


def canonical_terms(text: str) -> set[str]:
    """Stemmed content terms of ``text`` with synonyms folded together."""
    return {_SYNONYMS.get(t, t) for t in tokenize([text])[0] if t not in _FILLER}


# Words of a follow-up that point back rather than ask ("it", "they", "that", "about").
_FOCUS_IGNORED = frozenset("it they them that this those these he she him her there then "
                           "anyth someth els also about".split())


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
    answer_type: str | None = None
    support: float = 0.0
    conflict: bool = False
    unsupported: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def related(self) -> list[Passage]:
        """The closest passages: related reading when the answer declined."""
        return self.sources[:3]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what ``rag ask --json`` prints)."""
        return {
            "question": self.question, "query": self.query, "text": self.text,
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


@dataclass
class _Candidate:
    sentence: StoredSentence
    passage: Passage
    cosine: float
    coverage: float
    typed: bool

    @property
    def score(self) -> float:
        return W_COSINE * self.cosine + W_LEXICAL * self.coverage


@dataclass
class Draft:
    """The extractive answerer's output before timings and sources are attached."""

    text: str
    citations: list[Citation]
    refused: bool
    support: float
    conflict: bool
    answer_type: AnswerType | None


class ExtractiveAnswerer:
    """Choose one to three sentences that answer the question, or decline.

    Example:
        >>> answerer = ExtractiveAnswerer(idf=bm25.idf, min_support=0.39)
        >>> draft = answerer.answer(question, question_vector, passages, sentences)
        >>> draft.text
        'Mexico Security Secretary Omar García Harfuch said that 25 members ... [1]'
    """

    def __init__(self, idf: Callable[[str], float], min_support: float, max_sentences: int = 3):
        if not 0.0 <= min_support <= 1.0:
            raise ValueError("min_support must be within [0, 1]")
        if not 1 <= max_sentences <= 3:
            raise ValueError("max_sentences must be 1, 2 or 3")
        self.idf, self.min_support, self.max_sentences = idf, min_support, max_sentences

    def candidates(self, question: str, vector: np.ndarray, passages: list[Passage],
                   sentences: list[StoredSentence]) -> list[_Candidate]:
        """Every retrieved sentence scored against the question, best first."""
        kind = question_type(question)
        cover = Coverage(canonical_terms(question), self.idf)
        predicate = count_predicate(question)
        must = canonical_terms(predicate) if predicate else set()
        owner = _owners(passages)
        out = []
        for sentence in sentences:
            passage = owner.get((sentence.doc_id, sentence.index))
            if passage is None:
                continue
            found = canonical_terms(sentence.text)
            typed = (holds(sentence.text, kind) and fits(question, sentence.text) and must <= found
                     and not _asks(sentence.text))
            out.append(_Candidate(sentence, passage, float(vector @ sentence.vector), cover(found), typed))
        out.sort(key=lambda c: (-c.score, c.sentence.doc_id, c.sentence.index))
        return out

    def answer(self, question: str, vector: np.ndarray, passages: list[Passage],
               sentences: list[StoredSentence], focus: str = "") -> Draft:
        """Write the cited answer, or a plain decline when support is weak.

        ``focus`` is a follow-up's own wording when ``question`` is its standalone rewrite:
        sentences holding most of its words are preferred over ones matching only the
        carried context.
        """
        kind = question_type(question)
        scored = self.candidates(question, vector, passages, sentences)
        eligible = _focused([c for c in scored if c.typed], focus)
        best = eligible[0] if eligible else None
        top = scored[0].score if scored else 0.0
        if best is None or best.score < self.min_support:
            return Draft(decline_text(question), [], True, top, False, kind)
        chosen, conflict = self._choose(best, eligible, kind)
        parts, citations = [], []
        for number, cand in enumerate(chosen, start=1):
            s = cand.sentence
            citations.append(cite(number, cand.passage, s.start, s.end, cand.score))
            parts.append(with_marker(s.text, number))
        text = " ".join(parts)
        if conflict:
            text = "The sources disagree: " + text
        return Draft(text, citations, False, best.score, conflict, kind)

    def _choose(self, best: _Candidate, eligible: list[_Candidate],
                kind: AnswerType | None) -> tuple[list[_Candidate], bool]:
        if kind == "number":
            rivals = _rival_figures(best, eligible, best.score - CONFLICT_MARGIN)
            if rivals:
                return [best, *rivals][: self.max_sentences], True
        chosen = [best]
        for cand in eligible[1:]:
            if len(chosen) >= self.max_sentences:
                break
            if cand.score < max(self.min_support, best.score - EXTRA_MARGIN):
                break
            if all(float(cand.sentence.vector @ c.sentence.vector) < REDUNDANT_COSINE for c in chosen):
                chosen.append(cand)
        return chosen, False


def _focused(eligible: list[_Candidate], focus: str) -> list[_Candidate]:
    """The candidates holding the most of ``focus``'s words (all of them when none holds any).

    Words are counted, not idf-weighted: "Where did she post her statement?" should not
    prefer a rare "post" in another speaker's sentence over a common "statement".
    """
    terms = canonical_terms(focus) - _FOCUS_IGNORED
    if len(terms) < 2 or not eligible:  # "Where did she post it?" leans on the context
        return eligible
    cover = [len(terms & canonical_terms(c.sentence.text)) for c in eligible]
    top = max(cover)
    return [c for c, x in zip(eligible, cover) if x == top] if top > 0 else eligible


def _asks(text: str) -> bool:
    """A sentence that is itself a question (a FAQ's, an interviewer's) answers nothing."""
    return text.rstrip(" \t\n\"'”’)»").endswith("?")


def _owners(passages: list[Passage]) -> dict[tuple[str, int], Passage]:
    """Each sentence belongs to the best-ranked passage that contains it."""
    owner: dict[tuple[str, int], Passage] = {}
    for passage in passages:
        for index in range(passage.first_sentence, passage.last_sentence + 1):
            owner.setdefault((passage.doc_id, index), passage)
    return owner


def _rival_figures(best: _Candidate, eligible: list[_Candidate], floor: float) -> list[_Candidate]:
    """Best sentence of each other document that gives a different figure, if close enough."""
    figures = numbers_in(best.sentence.text)
    rivals: list[_Candidate] = []
    seen = {best.sentence.doc_id}
    for cand in eligible:
        if cand.score < floor or cand.sentence.doc_id in seen:
            continue
        seen.add(cand.sentence.doc_id)
        if numbers_in(cand.sentence.text) != figures:
            rivals.append(cand)
    return rivals


def decline_text(question: str) -> str:
    """The standard answer when the sources do not answer ``question``."""
    q = " ".join(question.split())
    if len(q) > 200:
        q = q[:200].rstrip() + "…"
    return (
        f"The sources don't say. None of the indexed passages answers “{q}”; "
        "the closest passages are listed as related reading."
    )
