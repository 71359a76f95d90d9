"""Extractive answers: the best-supported sentences of the retrieved passages, each cited."""

from __future__ import annotations

import re
from typing import Callable

import numpy as np

from rag.answer_types import AnswerType, asked_event, exacting, fits, holds, question_type
from rag.asked import noun_phrase, says_the_same
from rag.config import Scoring
from rag.drafts import Candidate, Draft, decline_text
from rag.events import does, lasting_event, polar_terms, subject_event
from rag.figures import (asks_a_part, bound_numbers, count_event, count_phrase, count_predicate, counted,
                         counted_where)
from rag.kinds import lacks_the_kind
from rag.markers import with_marker
from rag.mentions import (agent_names, is_doer, asked_places, document_terms, head_terms, named_terms, place_terms,
                          required_names, said_in_passage, source_names, speaker_names, unmentioned)
from rag.overview import (after_event, asks_overview, centroid, choose_overview, named_story, overview_floor,
                          overview_subject, told_after)
from rag.paragraphs import dated, earlier_sentences, one_paragraph, time_opener
from rag.people import nickname_terms
from rag.parts import asks
from rag.prefer import asked_terms, exact_ones, focused, giving_a_reason, saying_the_thing
from rag.pronouns import needs_antecedent
from rag.rivals import own_noun, rival_figures
from rag.speakers import speaker_of
from rag.text import CONTEXT_JOIN, Coverage, canonical_terms, fold_accents, mentioned_terms, names_in, readings, support
from rag.types import Passage, StoredSentence, cite
from rag.when import day_said_of_asked
from rag.wordnet import kin_terms


def relevance(question: str, vector: np.ndarray, texts: list[str], vectors: np.ndarray,
              idf: Callable[[str], float], w_cosine: float) -> list[float]:
    """How directly each text answers ``question``: the same support formula that ranks
    extractive sentences, so the two kinds of answer compare."""
    cover = Coverage(canonical_terms(question), idf)
    return [support(float(vector @ v), cover(canonical_terms(text)), w_cosine)
            for text, v in zip(texts, vectors)]


class ExtractiveAnswerer:
    """Choose one to three sentences that answer the question, or decline.

    Example::

        answerer = ExtractiveAnswerer(bm25.idf, min_support=0.2, max_sentences=3,
                                      scoring=config.scoring, decline_chars=200)
        answerer.answer(question, question_vector, passages, sentences).text
        # 'Mexico Security Secretary Omar García Harfuch said that 25 members ... [1]'
    """

    def __init__(self, idf: Callable[[str], float], min_support: float, max_sentences: int,
                 scoring: Scoring, decline_chars: int):
        if not 0.0 <= min_support <= 1.0:
            raise ValueError("min_support must be within [0, 1]")
        if not 1 <= max_sentences <= 3:
            raise ValueError("max_sentences must be 1, 2 or 3")
        self.idf, self.min_support, self.max_sentences = idf, min_support, max_sentences
        self.scoring, self.decline_chars = scoring, decline_chars
        # a rival figure must answer on its own more surely than a best sentence need
        self.rival_floor = max(min_support, scoring.rival_min_support)

    def candidates(self, question: str, vector: np.ndarray, passages: list[Passage],
                   sentences: list[StoredSentence]) -> list[Candidate]:
        """Every retrieved sentence scored against the question, best first."""
        asking = asking_part(question)  # a follow-up's own question, not its carried context
        kind = question_type(asking)
        cover = Coverage(canonical_terms(question), self.idf)
        counting = count_predicate(asking)
        predicate = counting or asked_event(asking)
        either = frozenset() if predicate else polar_terms(asking)  # "misspelled": did she spell it?
        predicate = predicate or lasting_event(asking)  # "How long had he been living there?": living
        doer = "" if predicate or either else subject_event(asking)
        must = canonical_terms(predicate) if predicate else set()
        happened = frozenset(canonical_terms(count_event(asking) or ""))  # to what a figure counts
        head = counted(asking)  # "how many buses": a figure must count buses (or a kind of them:
        whole = bool(head) and not (counting or asks_a_part(asking))  # "How many blockades were
        # reported on Sunday?" is not answered by "229 of the blockades had been removed" (see
        # bound_numbers); a follow-up's carried context counts among what it asks
        rest = ((canonical_terms(question) - head) or None) if whole else None
        kinds: frozenset[str] = frozenset()
        if head:  # "how many vehicles": "39 buses, lorries and cars")
            kinds = kin_terms(" ".join(count_phrase(asking))) - head
            head = head | kinds
        count_noun = noun_phrase(" ".join(count_phrase(asking)))  # "crew members": not "cartel members"
        part_in = [head_terms(fold_accents(n)) for n in names_in(f" {counted_where(asking)}")]  # "How many
        # of the attacks were in Jalisco?": the sentence itself says Jalisco
        count_head = next(iter(canonical_terms(count_noun[0])), "")
        noun_check = own_noun(asking)
        owner = _owners(passages)
        names = [terms for _, terms in named_terms(question)]
        heads = [terms for _, terms in required_names(question)]  # by the answering document
        own, carried = _own_and_carried(question)
        mentions = document_terms(passages) if heads or carried else {}
        voice = speaker_names(asking)  # "What did the governor of Michoacán say?"
        sourced = source_names(asking)  # "…, according to the Associated Press?"
        doers = agent_names(asking)  # "How much had the Mexican government offered?": not "U.S. authorities,
        # who offered ..."; one of them ("What tolls did the AP and Reuters give?")
        places = asked_places(asking)  # "at Manzanillo airport": by the answer's own passage
        local = {p.chunk_id: place_terms(f"{p.title} {p.text}") for p in passages} if places else {}
        named = set().union(*names) if names else set()
        text_of = {(s.doc_id, s.index): s.text for s in sentences}
        lede = {s.doc_id: f"{s.text} {text_of.get((s.doc_id, 1), '')}" for s in sentences if s.index == 0}
        windows, reach = self.scoring.windows, self.scoring.opener_reach
        out = []
        for sentence in sentences:
            passage = owner.get((sentence.doc_id, sentence.index))
            if passage is None:
                continue
            found = canonical_terms(sentence.text)
            before = text_of.get((sentence.doc_id, sentence.index - 1))
            if named and before:  # "The market ..." after a sentence naming the Mercado de Abastos:
                # the name counts as found, for the name check and the coverage half of support
                found |= named & canonical_terms(before)
            nicknamed = nickname_terms(question, passage.aliases, sentence.text)
            found |= nicknamed  # "Oseguera" is "El Mencho" there
            if carried and _continues(own, carried, found, before):  # a follow-up's context
                # ("What time was that — who opened fire first?") counts where the document says it
                found |= carried & mentions[sentence.doc_id]
            said = holds(sentence.text, kind) or (kind == "time" and time_opener(
                sentence.text, earlier_sentences(text_of, sentence, reach), passage.text) is not None)
            typed = (said and must <= found and (not either or bool(either & found))
                     and fits(asking, sentence.text, passage.title, dated(sentence.text, passage.text,
                                                                          lede.get(sentence.doc_id, "")),
                              before or "", known=question)
                     and not _asks(sentence.text)
                     and (kind != "time" or day_said_of_asked(asking, sentence.text))
                     and (not head or bool(bound_numbers(sentence.text, head, windows=windows, parts=rest,
                                                         happened=happened, noun=noun_check, common=kinds)))
                     and (not doer or does(doer, sentence.text, found))  # "led": "leader"
                     and (not count_head or count_head not in found
                          or says_the_same(sentence.text, *count_noun))
                     and all(terms & mentions[sentence.doc_id] for terms in heads)
                     and (not places or said_in_passage(places, found, passage, local,
                                                        mentions.get(sentence.doc_id, set())))
                     and all(terms & canonical_terms(fold_accents(f"{before or ''} {sentence.text}"))
                             for terms in voice)
                     and (not sourced or any(terms & canonical_terms(fold_accents(
                         f"{passage.outlet} {passage.title} {before or ''} {sentence.text}")) for terms in sourced))
                     and (not doers or _done_by(doers, sentence.text, before, nicknamed))
                     and (not part_in or any(t & canonical_terms(fold_accents(sentence.text)) for t in part_in)))
            score = support(float(vector @ sentence.vector), cover(found), self.scoring.w_cosine)
            out.append(Candidate(sentence, passage, score, typed))
        out.sort(key=lambda c: (-c.score, c.sentence.doc_id, c.sentence.index))
        return out

    def answer(self, question: str, vector: np.ndarray, passages: list[Passage],
               sentences: list[StoredSentence], focus: str = "",
               further: tuple[list[Passage], list[StoredSentence]] = ([], [])) -> Draft:
        """Write the cited answer, or a plain decline when support is weak.

        ``focus`` is a follow-up's own wording when ``question`` is its standalone rewrite:
        sentences holding most of its words are preferred over ones matching only the
        carried context. ``further`` passages (and their sentences) past the retrieved ones are
        read only for another document's figure for what a how-many question counts.
        """
        asking = asking_part(question)
        kind, overview = question_type(asking), asks_overview(question)
        subject = overview_subject(question) if overview else ""
        asked = subject or question  # not "Summarize"
        story = named_story(subject, passages, sentences) if overview else None
        if story:  # "Summarize the article.": what the story as a whole is about
            _, asked, vector = story
        followed = self._followed(subject, vector, passages, sentences) if overview and not story else None
        if followed:  # "What happened after El Mencho was killed?": what the stories tell after it
            subject, vector, sentences = followed
            asked = subject or _WHAT_FOLLOWED
        scored = self.candidates(asked, vector, passages, sentences)
        eligible = [c for c in scored if c.typed]
        exact = exact_ones(asking, eligible, passages)
        exact_enough = exact and exacting(asking) and CONTEXT_JOIN not in question  # a follow-up's context
        least = min(self.min_support, self.scoring.exact_min_support) if exact_enough else self.min_support  # must
        # be said too: an hour alone does not answer "What time was that — who opened fire first?"
        if exact and exact[0].score >= least:  # "at about 2:30 p.m.", not "Sunday evening"
            eligible = exact  # before a follow-up's own words: "when did the shooting start?"
        else:
            least = self.min_support  # what is not exact needs the usual support
            if not exact and lacks_the_kind(asking, eligible, passages, self.min_support, sentences):
                eligible = []
        eligible = saying_the_thing(focused(eligible, focus, self.min_support), asking, kind, sentences)
        eligible = giving_a_reason(eligible, asking, self.scoring.reason_margin, least)  # "Why …?": a cause
        if overview:  # headings ("The raid.") say nothing of their own
            eligible = [c for c in eligible if len(c.sentence.text.split()) >= self.scoring.overview_min_words]
        best = eligible[0] if eligible else None
        top = scored[0].score if scored else 0.0
        missing = unmentioned(question, passages, typed=kind is not None or overview)
        # what followed an event is summed up like a story; a topic of it needs support
        floor, topic = overview_floor(subject, passages, bool(story or followed and not subject), self.min_support,
                                      self.scoring) if overview else (least, ())
        untold = after_event(subject) if overview and not story and not followed else None
        missing = missing or ([untold[0]] if untold else [])  # "What happened after the earthquake?"
        if not missing and topic and (best is None or best.score < floor):
            missing = [" ".join(topic)]  # "El Mencho's childhood", "the weather in Jalisco"
        if missing:  # what the question is about is not in the sources at all
            text = decline_text(question, self.decline_chars, missing)
            return Draft(text, [], True, top, False, kind)
        if best is None or best.score < floor:
            return Draft(decline_text(question, self.decline_chars), [], True, top, False, kind)
        if overview:
            chosen = choose_overview(best, eligible, self.scoring, self.min_support, story[0] if story else None)
            draft = quoted(chosen)
            draft.support = max(c.score for c in chosen)  # its sentences come in the stories' order
            return draft
        rivals = self._further(asked, vector, sentences, further) \
            if kind == "number" and counted(asking) else []  # "252 blockades" beside "318"
        chosen, conflict = self._choose(asking, best, eligible, kind, rivals)
        if kind is None and not conflict:
            chosen = self.continued(chosen, best, scored, further=tells_an_account(asking))
        if not conflict:
            chosen = self._introduced(chosen, best, scored, asking, kind)
        draft = quoted(chosen, conflict, kind)
        draft.support = best.score  # not that of a sentence quoted before it
        return draft

    def _followed(self, subject: str, vector: np.ndarray, passages: list[Passage],
                  sentences: list[StoredSentence]) -> tuple[str, np.ndarray, list[StoredSentence]] | None:
        """What of all that followed an event is asked, and the sentences told after it (:func:`after_event`)."""
        split = after_event(subject)
        if not split:
            return None
        event, rest = split
        later = told_after(self.candidates(event, vector, passages, sentences), sentences, self.min_support)
        return (rest, centroid(later), later) if later else None

    def _further(self, asked: str, vector: np.ndarray, sentences: list[StoredSentence],
                 further: tuple[list[Passage], list[StoredSentence]]) -> list[Candidate]:
        """The sentences of the ``further`` passages that hold what is asked (each story's opening,
        among the retrieved ``sentences``, read for the dates it sets)."""
        extra, extra_sentences = further
        if not extra:
            return []
        held = {(s.doc_id, s.index) for s in extra_sentences}  # the retrieved stories' openings date
        ledes = [s for s in sentences if s.index <= 1 and (s.doc_id, s.index) not in held]  # them: read, not scored
        return [c for c in self.candidates(asked, vector, extra, extra_sentences + ledes) if c.typed]

    def _introduced(self, chosen: list[Candidate], best: Candidate, scored: list[Candidate], asking: str,
                    kind: AnswerType | None) -> list[Candidate]:
        """``chosen`` after the sentences of ``best``'s paragraph it leans on: the one before it,
        for whom its "he" or "she" stands; for the time a when-question asks, the one that opens
        with it (:func:`time_opener`), however far back. ``best`` stays."""
        place = {(c.sentence.doc_id, c.sentence.index): c for c in scored}
        doc, index = best.sentence.doc_id, best.sentence.index
        before = place.get((doc, index - 1))
        leaned = [before] if before and needs_antecedent(asking, best.sentence.text, before.sentence.text) else []
        if kind == "time" and not holds(best.sentence.text, kind):  # the paragraph's opening says when
            text_of = {key: c.sentence.text for key, c in place.items()}
            reach = self.scoring.opener_reach
            k = time_opener(best.sentence.text, earlier_sentences(text_of, best.sentence, reach), best.passage.text)
            opener = place.get((doc, index - 1 - k)) if k is not None else None
            leaned = [opener, *leaned] if opener and opener not in leaned else leaned
        leaned = [c for c in leaned if c not in chosen and _together(c, best)][: self.max_sentences - 1]
        return [*leaned, *chosen][: self.max_sentences] if leaned else chosen

    def continued(self, chosen: list[Candidate], best: Candidate, scored: list[Candidate],
                  further: bool = False) -> list[Candidate]:
        """``chosen`` with the sentence after ``best`` in its document, when there is room, and
        with ``further`` the ones after that too, while there is room.

        A question with no answer type (why, how, what did they find) cannot be checked for
        holding its answer, and news writing often sets a point up in one sentence and makes
        it in the next: the reason after the event ("... barely functioned." "Roadblocks and
        fear kept crews away."), the names after "the two main factions". An account (what
        happened, what a survey found: not "which cartel") may take two sentences to reach its
        point ("... helicopters were flying over the highway." "Below them was a convoy."
        "... gunmen fired rocket-propelled grenades at it."): a sentence past the first one
        after must pass the question's checks and stay in the paragraph. Headings, questions
        and a sentence saying again what is quoted do not continue it.
        """
        last = best
        while len(chosen) < self.max_sentences:
            following = next((c for c in scored if c.sentence.doc_id == last.sentence.doc_id
                              and c.sentence.index == last.sentence.index + 1), None)
            if (following is None or following in chosen or _asks(following.sentence.text)
                    or len(following.sentence.text.split()) < self.scoring.overview_min_words
                    or any(float(following.sentence.vector @ c.sentence.vector)  # it says again
                           >= self.scoring.redundant_cosine for c in chosen)  # what is quoted
                    or (last is not best and not (following.typed and _together(last, following)))):
                break
            at = chosen.index(last) + 1
            chosen, last = [*chosen[:at], following, *chosen[at:]], following
            if not further:
                break
        return chosen

    def _choose(self, question: str, best: Candidate, eligible: list[Candidate],
                kind: AnswerType | None, further: list[Candidate]) -> tuple[list[Candidate], bool]:
        if kind == "number":
            happened = frozenset(canonical_terms(count_event(question) or ""))
            rivals = rival_figures(best, eligible + further, self.rival_floor, counted(question), self.scoring,
                                   happened, own_noun(question))
            if rivals:
                return [best, *rivals][: self.max_sentences], True
        chosen = [best]
        for cand in eligible[1:]:
            if len(chosen) >= self.max_sentences:
                break
            if cand.score < max(self.min_support, best.score - self.scoring.extra_margin):
                break
            if all(float(cand.sentence.vector @ c.sentence.vector) < self.scoring.redundant_cosine
                   for c in chosen):
                chosen.append(cand)
        return chosen, False


def quoted(chosen: list[Candidate], conflict: bool = False, kind: AnswerType | None = None) -> Draft:
    """The answer made of the ``chosen`` sentences, each quoted and cited in order."""
    parts, citations = [], []
    for number, cand in enumerate(chosen, start=1):
        s = cand.sentence
        citations.append(cite(number, cand.passage, s.start, s.end, cand.score))
        parts.append(with_marker(s.text, number))
    text = ("The sources disagree: " if conflict else "") + " ".join(parts)
    return Draft(text, citations, False, chosen[0].score if chosen else 0.0, conflict, kind)


_WHAT_FOLLOWED = "what happened"  # all that followed an event, asked as an account


def tells_an_account(question: str) -> bool:
    """Whether ``question`` asks for an account ("What happened to the helicopter?", "What did
    the survey find?", "What caused it?", "How did the army find him?", "Why ...?"), not for a
    thing ("Which cartel ...?", "What is the forecast?") or a yes or no."""
    match = _ACCOUNT.match(question)
    if not match or not match["word"]:
        return bool(match)
    word = match["word"].lower()  # "What caused ...?", "What led to ...?": a verb in the past
    lemmas = readings(word).get("VERB", (word,))
    return word not in lemmas and "be" not in lemmas and "NOUN" not in readings(word)  # not "What is ...?"


_ACCOUNT = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:why\b|how\s+(?:did|does|do|was|were|is|are|has|have|had)\b|"
                      r"what\s+(?:else\s+)?(?:did|does|do|has|have|had|(?P<word>[a-z]+))\b)", re.I)


def _together(first: Candidate, second: Candidate) -> bool:
    """Whether two sentences of a document stand in one paragraph of the passage holding both."""
    return one_paragraph(first.passage.text, first.sentence.text, second.sentence.text)


def _continues(own: set[str], carried: set[str], found: set[str], before: str | None) -> bool:
    """Whether a sentence takes up a follow-up: it holds something the follow-up itself asks,
    or, when it asks nothing of its own ("What time was that?"), something of the context, in
    the sentence or the one before."""
    if own:
        return bool(own & found)
    return bool(carried & (found | (canonical_terms(before) if before else set())))


def asking_part(question: str) -> str:
    """What ``question`` asks: a follow-up's own question before the carried context ("Why
    did the crowd gather — who claimed the body?" asks why, not who), the whole of a fragment
    whose context is the question ("the wholesale market — How much was lost?")."""
    own = question.partition(CONTEXT_JOIN)[0]
    return own if own != question and asks(own) else question


def _own_and_carried(question: str) -> tuple[set[str], set[str]]:
    """The terms ``question`` asks itself (pointers and answer-type words like "time" aside)
    and those of the context carried after it (a follow-up's or a part's, after the dash)."""
    own, _, carried = question.partition(CONTEXT_JOIN)
    return asked_terms(own), canonical_terms(carried)


def _asks(text: str) -> bool:
    """A sentence that is itself a question (a FAQ's, an interviewer's) answers nothing."""
    return text.rstrip(" \t\n\"'”’)»").endswith("?")


def _done_by(doers: tuple[frozenset[str], ...], text: str, before: str | None, nicknamed: set[str]) -> bool:
    """Whether ``text`` says one of ``doers`` (with the nicknames it says by surname), or,
    opening on a pronoun or "the <noun>" ("She sent 2,500 troops", "The airline cancelled 40"),
    or on a quotation that names no speaker, the sentence ``before`` it does; "U.S.
    authorities, who offered $15 million" is no deed of Mexico's, whatever the sentence before
    says."""
    said = mentioned_terms("", "", text) | nicknamed  # "U.S. authorities": the United States
    quotation = _QUOTED.match(text)
    opening = _ANAPHORIC.match(text) or (quotation if quotation and not speaker_of(text) else None)
    noun = opening.group(1) if opening else None
    if not opening or not before or (noun and not is_doer(noun)) or _BY_NAME.search(text):
        return any(terms & said for terms in doers)
    return any(terms & (said | canonical_terms(fold_accents(before))) for terms in doers)


# a subject that stands for one named before: "She ...", "The airline ..." (a person or a body)
_ANAPHORIC = re.compile(r"^\W*(?:(?i:he|she|it|they|its|their|his|her)\b|(?i:the|this|that)\s+([a-z]+))")
_QUOTED = re.compile(r"^\s*[“\"‘«]()")  # "“My appreciation to the Army …”": words of whoever spoke before
_BY_NAME = re.compile(r"\bby\s+(?:the\s+)?[A-ZÁÉÍÓÚÑ]")  # "was offered by the U.S. State Department"


def _owners(passages: list[Passage]) -> dict[tuple[str, int], Passage]:
    """Each sentence belongs to the best-ranked passage that contains it."""
    owner: dict[tuple[str, int], Passage] = {}
    for passage in passages:
        for index in range(passage.first_sentence, passage.last_sentence + 1):
            owner.setdefault((passage.doc_id, index), passage)
    return owner
