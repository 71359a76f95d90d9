"""Overviews: several cited sentences from the story about what is asked, its lead first."""

from __future__ import annotations

import re

import numpy as np

from rag.config import Scoring
from rag.drafts import Candidate
from rag.mentions import names_a_document, required_names
from rag.text import canonical_terms, fold_accents
from rag.types import Passage, StoredSentence


# A sentence that leans on the one before it ("He also ...", "Below, in order, is ...")
_DANGLING = re.compile(r"^\W*(?:he|she|it|they|this|these|those|his|her|its|their|below|above|such)\b", re.I)


def choose_overview(best: Candidate, eligible: list[Candidate], scoring: Scoring, min_support: float,
                    named: str | None = None) -> list[Candidate]:
    """Several supported sentences that cover different things, most from the story about
    what is asked: the document whose headline is most like the question (``about``), its
    lead favoured, as a news lead sums its story up. Each next sentence is the best by
    maximal marginal relevance (its worth, less its similarity to those chosen); the last
    ones may come from other documents (not when the question ``named`` the story: "Summarize
    the article."). They are quoted in each story's order."""
    titled = [c for c in eligible if c.passage.about is not None]
    focus = named or (max(titled, key=lambda c: c.passage.about).sentence.doc_id if titled
                      else best.sentence.doc_id)

    def worth(cand: Candidate) -> float:
        lead = cand.sentence.doc_id == focus and cand.sentence.index < 2
        return cand.score + (scoring.overview_lead_bonus / (1 + cand.sentence.index) if lead else 0.0)

    ranked = sorted((c for c in eligible if c is best or not _DANGLING.match(c.sentence.text)),
                    key=worth, reverse=True)  # not "He also ...": whom it means is not quoted
    own = [c for c in ranked if c.sentence.doc_id == focus]
    own = own if own and (named or worth(own[0]) >= min_support) else ranked
    chosen, floor = [own[0]], best.score - scoring.overview_margin
    passes = [(own, scoring.overview_sentences)] if named else [
        (own, scoring.overview_focus_sentences), (ranked, scoring.overview_sentences)]
    for pool, limit in passes:
        pool = [c for c in pool if c not in chosen and worth(c) >= floor]
        while pool and len(chosen) < limit:
            pick = max(pool, key=lambda cand: (1 - scoring.overview_diversity) * worth(cand)
                       - scoring.overview_diversity * max(float(cand.sentence.vector @ c.sentence.vector)
                                                          for c in chosen))
            pool.remove(pick)
            if all(float(pick.sentence.vector @ c.sentence.vector) < scoring.redundant_cosine
                   for c in chosen):
                chosen.append(pick)
    order = list(dict.fromkeys([focus, *(c.sentence.doc_id for c in chosen)]))  # as the stories tell it
    return sorted(chosen, key=lambda c: (order.index(c.sentence.doc_id), c.sentence.index))


def named_story(subject: str, passages: list[Passage],
                sentences: list[StoredSentence]) -> tuple[str, str, np.ndarray] | None:
    """When an overview's ``subject`` is a story itself ("the article", "the Salon piece"), the
    document, headline and centroid of the read sentences of that story (one from Salon, else
    one mentioning it, else the best retrieved one): what the story as a whole is about."""
    if not names_a_document(subject):
        return None
    names = [terms for _, terms in required_names(subject)]
    story = next((p for p in passages if all(terms <= canonical_terms(fold_accents(f"{p.title} {p.outlet}"))
                                             for terms in names)), None)  # its masthead or headline,
    story = story or next((p for p in passages if all(terms & p.mentions for terms in names)), None)  # else
    story = story or (passages[0] if passages else None)  # its text
    own = [s.vector for s in sentences if story and s.doc_id == story.doc_id]
    if not story or not own:
        return None
    centroid = np.mean(own, axis=0)
    return story.doc_id, story.title, centroid / (np.linalg.norm(centroid) or 1.0)
