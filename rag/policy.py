"""The answer policy: a generated, extractive, fallback or declined answer, and why, as one Answer."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from rag.answer import ExtractiveAnswerer, asking_part, quoted, relevance, tells_an_account
from rag.answer_types import question_type
from rag.attribution import quoted_for_source
from rag.drafts import Candidate, Draft, combine, decline_text, never_mentioned
from rag.config import Config
from rag.figures import figures_in
from rag.generate import GenerativeAnswerer, Prompted, says_sources_dont_answer
from rag.kinds import lacks_the_kind
from rag.llm import LLMError
from rag.markers import UNVERIFIED, with_marker
from rag.mentions import unmentioned
from rag.overview import asks_overview
from rag.paragraphs import earlier_sentences
from rag.prefer import exact_ones
from rag.retrieve import Retrieved
from rag.text import canonical_terms
from rag.types import Answer, Citation
from rag.verify import CitationVerifier, Verified


class AnswerPolicy:
    """Decide how one question is answered, from what retrieval found.

    - No model configured: the extractive answer (cited sentences, or a decline).
    - A model configured: it writes the answer over the numbered passages, and every sentence
      is checked against what it cites. Its answer gives way to the extractive one (when
      ``llm_fallback``) if it is unsupported, off the question, or weaker than a quoted
      sentence; a model that fails gives the extractive answer with a notice.
    - A selecting model (``llm_answer`` select): it says which of the best sentences answer,
      or none; see :meth:`_selected`.
    - No retrieved passage shares a word with the question: the decline, without asking the
      model. Otherwise the model is asked, however low the passages' similarity: whether they
      answer is for it to read, not for a score to decide.

    Example::

        policy = AnswerPolicy(config, embedder.embed, keywords.idf, lambda: generator)
        answer = final_answer(policy.stream(retriever.retrieve("Who led the raid?")))
    """

    def __init__(self, config: Config, embed: Callable[[list[str]], np.ndarray],
                 idf: Callable[[str], float], generator: Callable[[], GenerativeAnswerer]):
        self.config, self.idf, self._generator = config, idf, generator
        self.extractor = ExtractiveAnswerer(idf, config.min_support, config.max_answer_sentences,
                                            config.scoring, config.decline_question_chars)
        self.verifier = CitationVerifier(embed, idf, config.claim_min_support,
                                         config.scoring.claim_w_cosine)

    def stream(self, found: Retrieved, beside: Citation | None = None,
               source_of: Sequence[Citation] = ()) -> Iterator[str | Answer]:
        """Text deltas as they are produced, then the final, checked :class:`Answer`; for a
        comparison, the other account set ``beside`` the earlier answer's citation, and for a
        question of whose it was, the sentences naming whom the ``source_of`` citations quote: both composed
        from quotes in every mode (a model is not asked)."""
        t0 = time.perf_counter()
        draft = self._compared(found, beside) if beside is not None else \
            self._attributed(found, source_of) if source_of else None
        quoted_only = draft is not None  # otherwise answered as any question
        draft = draft or self.draft(found)
        timings = {**found.timings, "answer_ms": (time.perf_counter() - t0) * 1e3}
        extractive = self.answer(found, draft.text, "extractive", timings, draft=draft)
        if not self.config.uses_llm or quoted_only:
            yield extractive.text
            yield extractive
            return
        generator = self._generator()
        if not _on_topic(found):
            yield from self._without_model(extractive, generator.name)
            return
        if self.config.selects:
            yield self._selected(found, generator, extractive, timings)
            return
        yield from self._with_model(found, generator, extractive, timings)

    def draft(self, found: Retrieved) -> Draft:
        """The extractive answer to what was retrieved: part by part for a multi-part
        question (when no part is answered, as one question); a follow-up's own words as focus."""
        if found.parts:
            drafts = [self.extractor.answer(p.query, p.vector, p.passages, p.sentences)
                      for p in found.parts]
            if any(not d.refused for d in drafts):
                return combine(drafts, [p.query for p in found.parts], self.config.decline_question_chars)
        return self.extractor.answer(found.query, found.vector, found.passages, found.sentences, found.own,
                                     further=(found.further, found.further_sentences))

    def _compared(self, found: Retrieved, beside: Citation) -> Draft:
        """A comparison follow-up ("Did Reuters give the same number?"): the best sentence
        other than the earlier answer's that answers the question asked again, then the
        earlier one, both cited, so the two accounts stand side by side ("The sources
        disagree" when two documents' figures differ); only the earlier one when no other answers."""
        span = (beside.doc_id, beside.quote_start, beside.quote_end)
        others = [s for s in found.sentences if (s.doc_id, s.start, s.end) != span]
        draft = self.extractor.answer(found.query, found.vector, found.passages, others)
        if draft.refused:  # "None of the indexed passages mentions “Reuters”.", or no other says it
            missing = unmentioned(found.query, found.passages, typed=True)
            lead = f"{never_mentioned(missing)}." if missing else "No other indexed source answers this."
            text = f"{lead} {with_marker(beside.quote, 1)}"
            return Draft(text, [replace(beside, number=1)], False, beside.score, False, draft.answer_type)
        earlier = Draft(beside.quote, [beside], False, draft.support, False, draft.answer_type)
        both = combine([draft, earlier], [found.query] * 2, self.config.decline_question_chars)
        theirs, ours = figures_in(" ".join(c.quote for c in draft.citations)), figures_in(beside.quote)
        elsewhere = all(c.doc_id != beside.doc_id for c in draft.citations)  # one article's two counts
        differ = draft.answer_type == "number" and elsewhere and bool(theirs and ours) and not theirs & ours
        return replace(both, text=f"The sources disagree: {both.text}", conflict=True) \
            if differ and not both.conflict else both

    def _attributed(self, found: Retrieved, cited: Sequence[Citation]) -> Draft | None:
        """A follow-up asking whose the earlier answer's figures or words were ("Who gave that
        number?"): each sentence it quoted that says whose it is, after the sentence giving the
        name of what it only calls "the secretariat" (:func:`quoted_for_source`); None when no
        retrieved sentence it quoted says."""
        scored = self.extractor.candidates(found.query, found.vector, found.passages, found.sentences)
        place = {(c.sentence.doc_id, c.sentence.index): c for c in scored}
        text_of = {key: c.sentence.text for key, c in place.items()}
        chosen: list[Candidate] = []
        for citation in cited:
            at = next((c for c in scored if c.sentence.doc_id == citation.doc_id
                       and c.sentence.start <= citation.quote_start < c.sentence.end), None)
            reach = earlier_sentences(text_of, at.sentence, self.config.scoring.source_reach) if at else []
            picked = quoted_for_source(at.sentence.text, reach) if at else None
            quotes = [q for k in picked or () if (q := place.get((at.sentence.doc_id, at.sentence.index - k)))
                      and q not in chosen]  # a name and the sentence it names, together or not at all
            if len(chosen) + len(quotes) <= self.config.max_answer_sentences:
                chosen += quotes
        return quoted(chosen, kind="person") if chosen else None

    def answer(self, found: Retrieved, text: str, mode: str, timings: dict[str, float],
               draft: Draft | None = None, **fields: Any) -> Answer:
        """An :class:`Answer` to ``found``'s question (a ``draft``'s citations and verdict)."""
        if draft is not None:
            fields = {"citations": draft.citations, "refused": draft.refused,
                      "answer_type": draft.answer_type, "support": draft.support,
                      "conflict": draft.conflict, **fields}
        refused = fields.pop("refused", False)
        return Answer(question=found.question, text=text, mode=mode, refused=refused,
                      sources=found.passages, timings=dict(timings), query=found.query,
                      notices=list(found.notices), related_count=self.config.related_passages,
                      **fields)

    @staticmethod
    def _without_model(extractive: Answer, mode: str) -> Iterator[str | Answer]:
        """Nothing retrieved is on the question's topic: the extractive answer (a decline, or a
        sentence found by meaning alone), in the model's mode, without asking the model."""
        extractive.mode = mode
        yield extractive.text
        yield extractive

    def _with_model(self, found: Retrieved, generator: GenerativeAnswerer, extractive: Answer,
                    timings: dict[str, float]) -> Iterator[str | Answer]:
        """Stream the model's answer, then the checked one (or the extractive fallback)."""
        prompted = generator.prompt(found.query, found.passages)
        parts: list[str] = []
        t0 = time.perf_counter()
        try:
            for delta in generator.stream(prompted):
                if not parts:
                    timings["first_token_ms"] = (time.perf_counter() - t0) * 1e3
                parts.append(delta)
                yield delta
        except LLMError as exc:
            what = "stopped partway" if parts else "was not used"
            extractive.timings.update(timings)
            extractive.notices.append(f"The model {what}: {exc}. This is the offline extractive answer.")
            yield extractive
            return
        timings["llm_ms"] = (time.perf_counter() - t0) * 1e3
        yield self._generated(found, "".join(parts), prompted, extractive, timings, generator.name)

    def _selected(self, found: Retrieved, generator: GenerativeAnswerer, extractive: Answer,
                  timings: dict[str, float]) -> Answer:
        """The model reads the best sentences and says which answer, or that none does.

        - None does (or none holds what the question asks for: a number, time, place or
          person; the counted event): the decline.
        - Some do, and the extractive answer clears ``min_support``: that answer (a multi-part
          question's, part by part: the model's NONE declines that part). The ranker
          picks the sentence better than a small model, which favours sentences on the topic
          (dev split: 0.69 answer accuracy against 0.61 for the model's own pick).
        - Some do and the extractive answer declined: the model's sentences, quoted, so a
          paraphrase no score clears is still answered when the model reads it there.
        - A summary or overview: the extractive answer or decline, without asking the model.

        A reply that names neither, or a model that fails, gives the extractive answer with a
        notice."""
        typed = question_type(asking_part(found.question)) is not None
        if unmentioned(found.question, found.passages, typed):  # the extractive decline says what
            return extractive
        if asks_overview(found.query):  # sentences chosen by what they cover, or a decline when
            return extractive  # the sources lack the topic: the ranker's call, not a small model's
        asked = found.parts or [found]
        t0 = time.perf_counter()
        try:
            drafts = [self._pick(part, generator) for part in asked]
        except LLMError as exc:
            extractive.timings.update(timings)
            extractive.notices.append(f"The model was not used: {exc}. This is the offline extractive answer.")
            return extractive
        timings["llm_ms"] = (time.perf_counter() - t0) * 1e3
        if any(d is None for d in drafts):
            return _fall_back(extractive, timings, "The model named no sentence")
        if all(d.refused for d in drafts):
            decline = decline_text(found.question, self.config.decline_question_chars)
            return self.answer(found, decline, generator.name, timings, refused=True)
        if not found.parts and not extractive.refused:
            extractive.mode = generator.name
            extractive.timings.update(timings)
            return extractive
        if not found.parts:
            return self.answer(found, drafts[0].text, generator.name, timings, draft=drafts[0])
        ranked = [self.extractor.answer(p.query, p.vector, p.passages, p.sentences) for p in asked]
        merged = [pick if pick.refused or rank.refused else rank for pick, rank in zip(drafts, ranked)]
        draft = combine(merged, [p.query for p in asked], self.config.decline_question_chars)
        return self.answer(found, draft.text, generator.name, timings, draft=draft)

    def _pick(self, found: Retrieved, generator: GenerativeAnswerer) -> Draft | None:
        """The sentences the model picks for one question among the best that hold what it
        asks for (a refused draft when none does or it says none; None when its reply names
        neither). Sentences without the asked-for kind are not offered: a small model picks
        them readily ("25 Guardsmen were killed" for "How many soldiers were hurt?")."""
        ranked = self.extractor.candidates(found.query, found.vector, found.passages, found.sentences)
        typed = [c for c in ranked if c.typed]
        asking = asking_part(found.query)
        if not exact_ones(asking, typed, found.passages) and lacks_the_kind(
                asking, typed, found.passages, self.config.min_support, found.sentences):
            return Draft("", [], True, 0.0, False, None)  # "Which airlines ...?": no source names one
        offered = typed[: self.config.select_sentences]
        picked = generator.select(found.query, [c.sentence.text for c in offered]) if offered else []
        if picked is None:
            return None
        chosen = [offered[n - 1] for n in picked][: self.config.max_answer_sentences]
        if not chosen:
            return Draft("", [], True, 0.0, False, None)
        if question_type(asking) is None and not asks_overview(found.query):  # as the extractive answer
            chosen = self.extractor.continued(chosen, chosen[0], ranked, further=tells_an_account(asking))
        return quoted(chosen)

    def _generated(self, found: Retrieved, text: str, prompted: Prompted, fallback: Answer,
                   timings: dict[str, float], mode: str) -> Answer:
        """The model's answer after the citation check, or the fallback when ungrounded."""
        checked = self.verifier.verify(text, prompted.passages, found.sentences_of, found.query)
        if says_sources_dont_answer(text) and not checked.grounded:
            if fallback.refused or not self.config.llm_fallback:
                decline = decline_text(found.question, self.config.decline_question_chars)
                return self.answer(found, decline, mode, timings, refused=True)
            return _fall_back(fallback, timings, "The model found no answer in the sources, but "
                              "a quoted sentence answers the question")
        reason = self._weaker_than_extractive(found, checked, fallback)
        if reason and self.config.llm_fallback:
            return _fall_back(fallback, timings, reason)
        answer = self.answer(found, checked.text, mode, timings, citations=checked.citations,
                             claims=checked.claims, unsupported=checked.unsupported,
                             support=max((c.score for c in checked.claims), default=0.0))
        answer.notices += _check_notices(checked)
        return answer

    def _weaker_than_extractive(self, found: Retrieved, checked: Verified, fallback: Answer) -> str:
        """Why the checked model answer should give way to the extractive one ("" if not).

        The citation check proves support, not relevance: a small model often answers with a
        true sentence about something else. Supported sentences are scored against the
        question like extractive candidates; below ``min_support``, or below the extractive
        answer's own score, the extractive answer is the better one.
        """
        kept = [i for i, c in enumerate(checked.claims) if c.supported]
        if not kept:
            return "The model's answer had no sentence supported by a source it cited"
        scores = relevance(found.query, found.vector, [checked.claims[i].text for i in kept],
                           checked.vectors[kept], self.idf, self.config.scoring.w_cosine)
        best = max(scores)
        if best < self.config.min_support:
            return "The model's supported sentences do not address the question"
        if not fallback.refused and fallback.support > best:
            return "A quoted sentence answers the question more directly than the model did"
        return ""


def _on_topic(found: Retrieved) -> bool:
    """Whether a retrieved passage shares a content word with the question (question words
    such as "what" or "did" do not count)."""
    asked = canonical_terms(found.query)
    return any(asked & canonical_terms(f"{p.title} {p.text}") for p in found.passages)


def _check_notices(checked: Verified) -> list[str]:
    """What the citation check changed or found, for the reader."""
    notices = []
    if checked.dropped:
        notices.append("Citation markers to sources that were not given were removed: "
                       + ", ".join(f"[{n}]" for n in checked.dropped) + ".")
    if checked.corrected:
        notices.append(f"{checked.corrected} sentence(s) cited a source that does not state them (or "
                       "none); their citations point to the source that does.")
    if checked.unsupported:
        notices.append(f"{len(checked.unsupported)} sentence(s) are not supported by the sources they "
                       f"cite and are marked {UNVERIFIED}.")
    return notices


def _fall_back(extractive: Answer, timings: dict[str, float], reason: str) -> Answer:
    """The extractive answer in place of the model's, saying why and what the call cost."""
    extractive.timings.update(timings)
    extractive.notices.append(f"{reason}, so the offline extractive answer is shown instead.")
    return extractive
