"""Check a generated answer's citations: every sentence against the passages it cites."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from rag.figures import numbers_in, without_numbers
from rag.chunking import split_sentences
from rag.markers import UNVERIFIED, parse_markers, strip_markers
from rag.text import Coverage, canonical_terms, support
from rag.types import Citation, Claim, Passage, StoredSentence, cite

log = logging.getLogger(__name__)
_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d+(?:\s*[-–,]\s*\d+)*\])+)")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


@dataclass
class Verified:
    """A generated answer after checking: renumbered text, claims, citations 1..m."""

    text: str
    claims: list[Claim]
    citations: list[Citation]
    dropped: list[int]
    vectors: np.ndarray  # one embedding per claim, reused by the relevance check

    @property
    def unsupported(self) -> list[str]:
        return [c.text for c in self.claims if not c.supported]

    @property
    def corrected(self) -> int:
        """How many sentences had their citation moved to the source that supports them."""
        return sum(c.corrected for c in self.claims)

    @property
    def grounded(self) -> bool:
        """At least one sentence is supported by a passage it cites."""
        return any(c.supported for c in self.claims)


@dataclass
class _Scored:
    """A claim's support by one cited passage, and that passage's best sentence for it."""

    score: float
    sentence: StoredSentence | None
    unstated: frozenset[str]  # question words the claim repeats that the quote lacks

    def supports(self, threshold: float) -> bool:
        return self.score >= threshold and not self.unstated


class CitationVerifier:
    """Parse ``[n]`` markers, check each sentence against what it cites, renumber.

    Support of a claim by a passage: ``w_cosine`` x its best sentence's cosine + the rest x
    the idf coverage of the claim's terms by the whole passage.

    Example::

        verifier = CitationVerifier(embedder.embed, bm25.idf, min_support=0.51, w_cosine=0.5)
        checked = verifier.verify("25 guardsmen died [2].", passages, sentences_of)
        checked.citations[0].number, checked.citations[0].supported  # (1, True)
    """

    def __init__(self, embed: Callable[[list[str]], np.ndarray], idf: Callable[[str], float],
                 min_support: float, w_cosine: float):
        if not 0.0 <= min_support <= 1.0 or not 0.0 <= w_cosine <= 1.0:
            raise ValueError("min_support and w_cosine must be within [0, 1]")
        self.embed, self.idf, self.min_support, self.w_cosine = embed, idf, min_support, w_cosine

    def verify(self, text: str, passages: list[Passage],
               sentences_of: Callable[[Passage], list[StoredSentence]],
               question: str = "") -> Verified:
        """Check ``text`` whose markers number ``passages`` from 1.

        With the ``question``, a sentence that repeats one of its words must find that word
        in its source: a small model asked "who was arrested?" writes "seven were arrested"
        over a passage saying "seven were killed", and scores alone would let that through.
        """
        asked = canonical_terms(without_numbers(question))
        parsed = _split_claims(text)
        dropped = sorted({n for item in parsed for n in item.numbers
                          if not 1 <= n <= len(passages)})
        if dropped:
            log.warning("dropped citation markers outside sources 1..%d: %s", len(passages), dropped)
        vectors = (self.embed([item.body for item in parsed]) if parsed
                   else np.zeros((0, 0), dtype=np.float32))
        renumber: dict[int, int] = {}
        best: dict[int, tuple[float, StoredSentence | None, bool]] = {}
        claims = []
        for item, vector in zip(parsed, vectors):
            valid = list(dict.fromkeys(n for n in item.numbers if 1 <= n <= len(passages)))
            scored = {n: self._support(item.body, vector, sentences_of(passage), asked)
                      for n, passage in enumerate(passages, 1)}
            claim, shown = self._judge(item, valid, scored, passages)
            for n in shown:
                renumber.setdefault(n, len(renumber) + 1)
                if n not in best or (claim.supported, scored[n].score) > (best[n][2], best[n][0]):
                    best[n] = (scored[n].score, scored[n].sentence, claim.supported)
            claim.citations = [renumber[n] for n in shown]
            claims.append(claim)
        citations = [self._citation(new, passages[old - 1], *best[old])
                     for old, new in sorted(renumber.items(), key=lambda item: item[1])]
        return Verified(_render(claims), claims, citations, dropped, vectors)

    def _support(self, claim: str, vector: np.ndarray, sentences: list[StoredSentence],
                 asked: set[str]) -> _Scored:
        if not sentences:
            return _Scored(0.0, None, frozenset())
        terms = canonical_terms(without_numbers(claim))  # numbers are checked exactly, apart
        cover = Coverage(terms, self.idf)
        found = [canonical_terms(s.text) for s in sentences]
        cosines = np.array([float(vector @ s.vector) for s in sentences], dtype=np.float32)
        sentence_cover = np.array([cover(f) for f in found], dtype=np.float32)
        pick = int(np.argmax(support(cosines, sentence_cover, self.w_cosine)))
        score = support(float(cosines.max()), cover(set().union(*found)), self.w_cosine)
        quoted = canonical_terms(sentences[pick].text)  # the asked-about word must be in the quote
        return _Scored(score, sentences[pick], frozenset((terms & asked) - quoted))

    def _judge(self, item: "_Parsed", valid: list[int], scored: dict[int, _Scored],
               passages: list[Passage]) -> tuple[Claim, list[int]]:
        """The verdict on one sentence and the source numbers to show after it.

        ``scored`` holds the sentence's support by every given source. When the sources it
        cites do not support it but another given source does, the citation is corrected
        to that source and the claim says so (``corrected``).
        """
        supporting = [n for n in valid if scored[n].supports(self.min_support)]
        missing = self._missing_numbers(item.body, supporting or valid, passages)
        if supporting and not missing:
            score = max(scored[n].score for n in supporting)
            return Claim(item.body, supported=True, score=score), _distinct(supporting, scored)
        others = sorted((n for n in scored if n not in valid and scored[n].supports(self.min_support)),
                        key=lambda n: -scored[n].score)
        for n in others:
            if not self._missing_numbers(item.body, [n], passages):
                return Claim(item.body, supported=True, score=scored[n].score, corrected=True), [n]
        score = max((scored[n].score for n in valid), default=0.0)
        if not valid:
            return Claim(item.body, reason="no citation to a given source"), []
        unstated = set.intersection(*(set(scored[n].unstated) for n in valid))
        if missing:
            reason = ", ".join(f"{x:g}" for x in missing) + " not in the cited sources"
        elif unstated and all(scored[n].score >= self.min_support for n in valid):
            reason = f"the cited sources do not mention {_word_for(item.body, unstated)!r}"
        elif item.inherited:
            reason = "the sources cited after it in its paragraph do not support it"
        else:
            reason = "the cited sources do not support it"
        shown = [] if item.inherited else _distinct(valid, scored)
        return Claim(item.body, score=score, reason=reason), shown

    @staticmethod
    def _missing_numbers(body: str, basis: list[int], passages: list[Passage]) -> list[float]:
        """Numbers in ``body`` that no passage in ``basis`` states (its title included).

        The date is left out on purpose: "2026-02-23" would vouch for a claimed 2 or 23.
        """
        stated = set().union(*(numbers_in(f"{passages[n - 1].title} {passages[n - 1].text}")
                               for n in basis))
        return sorted(numbers_in(body) - stated)

    @staticmethod
    def _citation(number: int, passage: Passage, score: float,
                  sentence: StoredSentence | None, supported: bool) -> Citation:
        if sentence is None:  # a passage without stored sentences: quote it whole
            start, end = passage.start, passage.end
        else:
            start, end = sentence.start, sentence.end
        return cite(number, passage, start, end, score, supported)


@dataclass
class _Parsed:
    """A sentence of the model's text without markers, and the sources it cites."""

    body: str
    numbers: list[int]
    inherited: bool = False


def _split_claims(text: str) -> list[_Parsed]:
    """Sentences with their marker numbers, paragraph by paragraph.

    A sentence of markers alone joins the previous one. Sentences without markers take
    those of the next cited sentence in their paragraph (models often cite a paragraph
    once, at its end); they are still checked one by one against those sources.
    """
    claims: list[_Parsed] = []
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)", text):
        start = len(claims)
        lines = [_before_full_stop(_BULLET.sub("", line)) for line in paragraph.split("\n")]
        for span in (span for line in lines for span in split_sentences(line)):  # a line break ends one
            numbers = parse_markers(span.text)
            body = _BULLET.sub("", strip_markers(span.text)).strip()
            body = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(body.split()))
            if not re.search(r"\w", body):
                if len(claims) > start:
                    claims[-1].numbers.extend(numbers)
                continue
            claims.append(_Parsed(body, numbers))
        pending: list[int] = []
        for claim in reversed(claims[start:]):
            if claim.numbers:
                pending = claim.numbers
            elif pending:
                claim.numbers, claim.inherited = list(pending), True
    return claims


def _before_full_stop(line: str) -> str:
    """Markers written after a sentence's full stop ("Seven died. [1]", "died.[1]") moved before
    it, so they stay with their sentence when the line is split."""
    return _AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", line)


def _word_for(text: str, stems: set[str]) -> str:
    """The first word of ``text`` whose term is one of ``stems`` (for messages)."""
    return next((w for w in re.findall(r"[\w’'-]+", text) if canonical_terms(w) & stems),
                sorted(stems)[0])


def _distinct(numbers: list[int], scored: dict[int, _Scored]) -> list[int]:
    """Drop a source whose best sentence repeats an earlier one's (overlapping chunks)."""
    seen: set[tuple[str, int] | None] = set()
    kept = []
    for n in numbers:
        sentence = scored[n].sentence
        key = (sentence.doc_id, sentence.start) if sentence else None
        if key is None or key not in seen:
            kept.append(n)
            seen.add(key)
    return kept


def _render(claims: list[Claim]) -> str:
    """The answer as shown: each sentence with its renumbered markers, failures marked."""
    parts = []
    for claim in claims:
        marks = "".join(f"[{n}]" for n in claim.citations)
        parts.append(" ".join(x for x in (claim.text, marks, "" if claim.supported else UNVERIFIED) if x))
    return " ".join(parts)
