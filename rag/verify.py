"""Check a generated answer's citations: every sentence against the passages it cites."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from rag.answer import canonical_terms
from rag.answer_types import numbers_in
from rag.chunking import split_sentences
from rag.citations import Citation, Claim, cite, parse_markers
from rag.retrieve import Passage
from rag.store import StoredSentence

log = logging.getLogger(__name__)

# Support of a claim by a passage = W_COSINE * best sentence cosine + rest * idf coverage.
W_COSINE = 0.5
UNVERIFIED = "[unverified]"
_MARKERS = re.compile(r"\s*\[\d+(?:\s*[-–,]\s*\d+)*\]")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


@dataclass
class Verified:
    """A generated answer after checking: renumbered text, claims, citations 1..m."""

    text: str
    claims: list[Claim]
    citations: list[Citation]
    dropped: list[int]

    @property
    def unsupported(self) -> list[str]:
        return [c.text for c in self.claims if not c.supported]

    @property
    def grounded(self) -> bool:
        """At least one sentence is supported by a passage it cites."""
        return any(c.supported for c in self.claims)


@dataclass
class _Scored:
    """A claim's support by one cited passage, and that passage's best sentence for it."""

    score: float
    sentence: StoredSentence | None


class CitationVerifier:
    """Parse ``[n]`` markers, check each sentence against what it cites, renumber.

    Example:
        >>> verifier = CitationVerifier(embedder.embed, bm25.idf, min_support=0.45)
        >>> checked = verifier.verify("25 guardsmen died [2].", passages, sentences_of)
        >>> checked.citations[0].number, checked.citations[0].supported
        (1, True)
    """

    def __init__(self, embed: Callable[[list[str]], np.ndarray], idf: Callable[[str], float],
                 min_support: float):
        if not 0.0 <= min_support <= 1.0:
            raise ValueError("min_support must be within [0, 1]")
        self.embed, self.idf, self.min_support = embed, idf, min_support

    def verify(self, text: str, passages: list[Passage],
               sentences_of: Callable[[Passage], list[StoredSentence]]) -> Verified:
        """Check ``text`` whose markers number ``passages`` from 1."""
        parsed = _split_claims(text)
        dropped = sorted({n for _, numbers in parsed for n in numbers
                          if not 1 <= n <= len(passages)})
        if dropped:
            log.warning("dropped citation markers outside sources 1..%d: %s", len(passages), dropped)
        bodies = [body for body, _ in parsed]
        vectors = self.embed(bodies) if bodies else np.zeros((0, 0), dtype=np.float32)
        renumber: dict[int, int] = {}
        best: dict[int, tuple[float, StoredSentence | None, bool]] = {}
        claims = []
        for (body, numbers), vector in zip(parsed, vectors):
            valid = list(dict.fromkeys(n for n in numbers if 1 <= n <= len(passages)))
            scored = {n: self._support(body, vector, sentences_of(passages[n - 1]))
                      for n in valid}
            claim = self._judge(body, valid, scored, passages)
            for n in valid:
                renumber.setdefault(n, len(renumber) + 1)
                ok = claim.supported and scored[n].score >= self.min_support
                if n not in best or (ok, scored[n].score) > (best[n][2], best[n][0]):
                    best[n] = (scored[n].score, scored[n].sentence, ok)
            claim.citations = [renumber[n] for n in valid]
            claims.append(claim)
        citations = [self._citation(new, passages[old - 1], *best[old])
                     for old, new in sorted(renumber.items(), key=lambda item: item[1])]
        return Verified(_render(claims), claims, citations, dropped)

    def _support(self, claim: str, vector: np.ndarray,
                 sentences: list[StoredSentence]) -> _Scored:
        if not sentences:
            return _Scored(0.0, None)
        terms = canonical_terms(claim)
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values()) or 1.0
        cosines = np.array([float(vector @ s.vector) for s in sentences], dtype=np.float32)
        sentence_cover = np.array(
            [sum(weights[t] for t in terms & canonical_terms(s.text)) / total for s in sentences],
            dtype=np.float32,
        )
        found = set().union(*(canonical_terms(s.text) for s in sentences))
        coverage = sum(weights[t] for t in terms & found) / total
        pick = int(np.argmax(W_COSINE * cosines + (1 - W_COSINE) * sentence_cover))
        score = W_COSINE * float(cosines.max()) + (1 - W_COSINE) * coverage
        return _Scored(score, sentences[pick])

    def _judge(self, body: str, valid: list[int], scored: dict[int, _Scored],
               passages: list[Passage]) -> Claim:
        if not valid:
            return Claim(body, reason="no citation to a given source")
        score = max(s.score for s in scored.values())
        stated = set().union(*(numbers_in(passages[n - 1].text) for n in valid))
        missing = sorted(numbers_in(body) - stated)
        if missing:
            figures = ", ".join(f"{x:g}" for x in missing)
            return Claim(body, score=score, reason=f"{figures} not in the cited sources")
        if score < self.min_support:
            return Claim(body, score=score, reason="the cited sources do not support it")
        return Claim(body, supported=True, score=score)

    @staticmethod
    def _citation(number: int, passage: Passage, score: float,
                  sentence: StoredSentence | None, supported: bool) -> Citation:
        if sentence is None:  # a passage without stored sentences: quote it whole
            start, end = passage.start, passage.end
        else:
            start, end = sentence.start, sentence.end
        citation = cite(number, passage, start, end, score)
        return Citation(**{**citation.to_dict(), "supported": supported})


def _split_claims(text: str) -> list[tuple[str, list[int]]]:
    """Sentences with their marker numbers; a sentence of markers alone joins the previous."""
    claims: list[tuple[str, list[int]]] = []
    for span in split_sentences(text):
        numbers = parse_markers(span.text)
        body = _BULLET.sub("", _MARKERS.sub("", span.text)).strip()
        body = re.sub(r"\s+([.,;:!?])", r"\1", body)
        if not re.search(r"\w", body):
            if claims:
                claims[-1][1].extend(numbers)
            continue
        claims.append((body, numbers))
    return claims


def _render(claims: list[Claim]) -> str:
    """The answer as shown: each sentence with its renumbered markers, failures marked."""
    parts = []
    for claim in claims:
        marks = "".join(f"[{n}]" for n in claim.citations)
        parts.append(" ".join(x for x in (claim.text, marks, "" if claim.supported else UNVERIFIED) if x))
    return " ".join(parts)
