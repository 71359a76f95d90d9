"""Which of the sentences that could answer a question it prefers: exact ones, ones holding a
follow-up's own words, ones saying the thing or role it asks about."""

from __future__ import annotations

import re

from rag.answer_types import AnswerType, precise
from rag.drafts import Candidate
from rag.events import asked_speaker
from rag.kinds import kind_names, named_kind
from rag.mentions import asked_thing, name_keys, speaker_names
from rag.roles import Role, doing_terms, is_role_noun, role_asked, role_of, role_terms, says_role
from rag.speakers import speaker_of, spoken_topic
from rag.text import (CONTEXT_JOIN, canonical_terms, fold_accents, lexicon, mentioned_terms, names_in,
                      readings, without_possessive)
from rag.types import Passage, StoredSentence
from rag.wordnet import is_country, kin_terms


def exact_ones(asking: str, eligible: list[Candidate], passages: list[Passage]) -> list[Candidate]:
    """The ``eligible`` sentences giving what ``asking`` asks for exactly (:func:`precise`), or
    naming a thing of the kind it asks for by a name the passages give the kind ("Alaska's first
    flight", where "Alaska Airlines" is said)."""
    known = kind_names(asking, " ".join(p.text for p in passages)) if named_kind(asking) else frozenset()
    return [c for c in eligible if precise(asking, c.sentence.text)
            or any(re.search(rf"\b{re.escape(name)}\b", c.sentence.text) for name in known)]


def focused(eligible: list[Candidate], focus: str, floor: float) -> list[Candidate]:
    """The candidates holding the most of ``focus``'s words (all of them when none holds any),
    among those supported enough to answer (``floor``): a word of the follow-up in a sentence
    too weak to answer does not stand in for one that answers ("early casualty tally").

    Words are counted, not idf-weighted: "Where did she post her statement?" should not
    prefer a rare "post" in another speaker's sentence over a common "statement".
    """
    terms = asked_terms(focus)  # not "name" of "What was his real name?": the answer has a name
    if len(terms) < 2 or not eligible:  # "Where did she post it?" leans on the context
        return eligible
    cover = [len(terms & canonical_terms(c.sentence.text)) if c.score >= floor else 0 for c in eligible]
    top = max(cover)
    return [c for c, x in zip(eligible, cover) if x == top] if top > 0 else eligible


def saying_the_thing(eligible: list[Candidate], question: str, kind: AnswerType | None,
                     sentences: list[StoredSentence]) -> list[Candidate]:
    """The candidates that say the thing a "what/which N" question asks for, or a WordNet kin of
    it, in the sentence or the one before ("Which bodyguards died?": a sentence about
    bodyguards, not one about "seven other cartel members"), or the role a "Who is <role>?"
    question asks who holds (:mod:`rag.roles`); all of them when none does, as the sources may
    name the thing without the word ("Troops seized 40 AK-47s")."""
    thing = asked_thing(question)[0] if kind is None else ""
    role = role_asked(question) if kind == "person" else None  # "Who is Mexico's security secretary?"
    if not (thing or role):  # "What has Mexico's president said?": her words, where the sources say her role
        eligible = _said_in_role(eligible, question, sentences)
    speakers = speaker_names(question) if not (thing or role) else ()  # "What did Leavitt say about trump?":
    topic = canonical_terms(spoken_topic(question)) if speakers else set()  # her words that say it, when
    if topic:  # any does (a role's words are anyone's who holds it), not someone's the next sentence quotes

        def own_words(c: Candidate) -> bool:
            said_by = speaker_of(c.sentence.text)
            return not said_by or any(terms & canonical_terms(fold_accents(said_by)) for terms in speakers)
        return [c for c in eligible if topic & canonical_terms(c.sentence.text) and own_words(c)] or eligible
    if not (thing or role) or not eligible:
        return eligible
    of = role_of(question) if role else ""
    if role and of:  # "Who is the governor of Jalisco?": none when no sentence says a governor of it
        return _holding(eligible, role, of)
    terms = kin_terms(thing) | canonical_terms(thing.replace("-", "")) if thing else set()
    text_of = {(s.doc_id, s.index): s.text for s in sentences}

    def says(c: Candidate) -> bool:
        text = f"{text_of.get((c.sentence.doc_id, c.sentence.index - 1), '')} {c.sentence.text}"
        return says_role(text, role) if role else bool(terms & canonical_terms(text))
    return [c for c in eligible if says(c)] or eligible


def _said_in_role(eligible: list[Candidate], question: str, sentences: list[StoredSentence]) -> list[Candidate]:
    """For "What did <role> say?" ("Mexico's president", "the defense secretary"; not a name: see
    :func:`rag.mentions.speaker_names`), the candidates saying the role and each name it is of, in
    the sentence or the one before ("Mexico’s president, Claudia Sheinbaum, urged …", and the quote
    after it); all of them when none does."""
    speaker = asked_speaker(question)
    roles = [w for w in re.findall(r"\b[a-z]+\b", speaker) if is_role_noun(w)]
    if not roles or speaker_names(question):
        return eligible
    wanted = [name_keys(n) for n in names_in(f" {speaker}")]
    text_of = {(s.doc_id, s.index): s.text for s in sentences}

    def in_role(c: Candidate) -> bool:
        said = mentioned_terms("", "", f"{text_of.get((c.sentence.doc_id, c.sentence.index - 1), '')} "
                                       f"{c.sentence.text}")
        return all(canonical_terms(r) & said for r in roles) and all(terms & said for terms in wanted)
    return [c for c in eligible if in_role(c)] or eligible


def _holding(eligible: list[Candidate], role: Role, of: str) -> list[Candidate]:
    """The candidates saying the ``role`` (as :func:`rag.roles.says_role`, or a role or title
    WordNet gives as its kin: "head" for "leader"; or its verb: "led") and each name of the body
    or place it is ``of`` (or that body's kind: "the cartel"), in one sentence: it names the holder.
    A country may be the story's setting ("Security Secretary Omar García Harfuch"): with no other
    name, all candidates when none says it."""
    names = [n for n in names_in(f" {of}") if not is_country(without_possessive(n))]
    wanted = [name_keys(n) | _kind_of(n) for n in names]
    titles = canonical_terms(role.head) | role.kin | doing_terms(role.head) | (kin_terms(role.head) & role_terms())

    def holds(c: Candidate) -> bool:
        said = mentioned_terms("", "", c.sentence.text)
        titled = says_role(c.sentence.text, role) or (  # a qualified role ("security secretary", "head
            not role.modifiers and not role.phrase and bool(titles & said))  # of state") as it is asked
        return titled and all(terms & said for terms in wanted if terms)
    kept = [c for c in eligible if holds(c)]
    return kept if kept or wanted else eligible


def _kind_of(name: str) -> set[str]:
    """The terms of a name's last word when the dictionary knows it as a noun ("Cartel": cartel)."""
    last = without_possessive(name).split()[-1].lower()
    return canonical_terms(last) if " " in name.strip() and "NOUN" in readings(last) else set()


_WHY = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:why|how\s+come)\b", re.I)
# words that give a cause: "in response to El Mencho's killing", "because", "retaliatory attacks"
_CAUSE = re.compile(r"\b(?:because|due\s+to|in\s+response\s+to|in\s+retaliation|retaliat\w*|as\s+a\s+result|"
                    r"in\s+order\s+to|so\s+that|(?:caused|prompted|triggered|sparked)\s+by|to\s+avenge)\b", re.I)


def giving_a_reason(eligible: list[Candidate], question: str, margin: float, floor: float) -> list[Candidate]:
    """For a why-question, ``eligible`` with the first sentence saying a cause ("… kicked off a
    wave of deadly violence in response to El Mencho’s killing") put first when it scores within
    ``margin`` of the best (which may only describe what is asked about: "Videos of burning cars
    …") and clears ``floor``; else unchanged."""
    if not eligible or not _WHY.match(question.partition(CONTEXT_JOIN)[0]) or _CAUSE.search(eligible[0].sentence.text):
        return eligible
    least = max(floor, eligible[0].score - margin)
    cause = next((c for c in eligible if c.score >= least and _CAUSE.search(c.sentence.text)), None)
    return [cause, *(c for c in eligible if c is not cause)] if cause else eligible


def asked_terms(text: str) -> set[str]:
    """``text``'s terms without pointers ("it", "there") and answer-type words ("time", "name")."""
    words = lexicon()
    return canonical_terms(text) - set(words["follow_up_pointer_stems"]) - set(words["answer_type_stems"])
