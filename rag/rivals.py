"""Conflicts: other documents giving a different figure for the same count, bound as the
answer's own (what it counts, what happened to it)."""

from __future__ import annotations

from typing import Callable

from rag.asked import noun_phrase, says_the_same
from rag.config import Scoring
from rag.drafts import Candidate
from rag.figures import bound_numbers, count_phrase, figures_in
from rag.text import canonical_terms


def own_noun(asking: str) -> Callable[[str], bool]:
    """Whether a figure's own words of what it counts (:func:`rag.figures.figure_clause`) say
    the noun ``asking`` counts, where they have that noun: "crew members", not "cartel members"."""
    noun = noun_phrase(" ".join(count_phrase(asking)))
    head = next(iter(canonical_terms(noun[0])), "")
    return lambda counts: not head or head not in canonical_terms(counts) or says_the_same(counts, *noun)


def rival_figures(best: Candidate, eligible: list[Candidate], floor: float, head: set[str], scoring: Scoring,
                  happened: frozenset[str] = frozenset(),
                  noun: Callable[[str], bool] | None = None) -> list[Candidate]:
    """Best sentence of each other document that gives a different figure for the same thing:
    one that counts every word of ``head`` (what the question counts) that ``happened`` to
    (:func:`rag.figures.bound_numbers`) as its own ``noun``, or any count when the question
    counts people in general; each rival must answer on its own (``floor``)."""
    def figures_of(cand: Candidate) -> set[float]:
        text = cand.sentence.text
        return (bound_numbers(text, head, every=True, windows=scoring.windows, happened=happened, noun=noun)
                if head else figures_in(text))

    figures = figures_of(best)
    rivals: list[Candidate] = []
    seen = {best.sentence.doc_id}
    for cand in eligible:
        if cand.score < floor or cand.sentence.doc_id in seen:
            continue
        seen.add(cand.sentence.doc_id)
        theirs = figures_of(cand)
        if figures and theirs and not figures & theirs:  # one that also gives ours agrees
            rivals.append(cand)
    return rivals
