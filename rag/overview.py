"""Overviews: whether a question asks for one and of what, and the cited sentences that sum it up."""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from rag.config import Scoring
from rag.drafts import Candidate
from rag.mentions import aspect_terms, document_terms
from rag.text import (CONTEXT_JOIN, LOCATIVES, MONTHS, PREPOSITIONS, WEEKDAYS, WH_WORDS, canonical_terms,
                      is_stopword, lexicon, name_terms, names_in, readings)
from rag.types import Passage, StoredSentence
from rag.wordnet import broader_terms

# Where a subject's head phrase ends: a preposition, a wh-word, a clause, punctuation (a full
# stop only at the end: "the U.S. economy")
_HEAD_END = re.compile(rf"[,;:?!—–(]|\.(?=\W*$)|\s(?=(?:{PREPOSITIONS}|{LOCATIVES}|{WH_WORDS}|that|and|or|as|"
                       rf"around|about|between|among|against|over|under|through|toward|towards|surrounding)\b)",
                       re.I)
_WH_LEAD = re.compile(rf"^\W*(?:{WH_WORDS})\s+", re.I)  # "how the economy reacted": its own subject
_CLAUSE = re.compile(rf"^\W*(?:(?:{WH_WORDS}|{PREPOSITIONS}|{LOCATIVES}|whether|if)\b|\w+ing\b)", re.I)
_OF_A_NAME = re.compile(r"^\s+of\s+(?:the\s+)?[A-ZÁÉÍÓÚÑ]")  # "the town of Tapalpa": the name is the topic
_COURTESY = re.compile(r"\b(?:please|for (?:me|us)|briefly|quickly|in (?:brief|short|a nutshell|(?:a few|a couple of|"
                       r"one|two|three|four|five|\d+) (?:sentences?|words|lines?|paragraphs?|bullet points)))\b", re.I)
_BY_OUTLET = re.compile(r"\s+(?:by|from|in)\s+(?:the\s+)?(?=[A-ZÁÉÍÓÚÑ])[\w&’' .-]*$")  # "the piece by Salon"
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# A sentence that leans on the one before it: "He also ...", "Below, in order, is ..."
_DANGLING = re.compile(r"^\W*(?:(?:but|and|yet|so|however)\W+)?"
                       r"(?:(?:he|she|they|it)\s+also\b|(?:below|above)(?![\w-]))", re.I)


_LATER_SENTENCE = re.compile(r"(?<=[?.!])\s+")
_REQUEST = re.compile(r"^\W*(?:please\s+)?(?:summari[sz]e|sum up|recap|outline|brief\s+me|(?:give|show)\s+(?:me|us)\b)",
                      re.I)  # an overview asked for in the imperative, after a question
_NO_SUBJECT = re.compile(r"^\W*(?:(?:it|that|this|them|those|these|please|briefly|quickly|"
                         r"in\s+(?:brief|short))\b\W*)*$", re.I)  # "… Summarize it, please.": what was asked
_OVERVIEW = re.compile(
    r"^\W*(?:please\s+)?(?:(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:summari[sz]e|sum up|outline|recap|"
    r"describe|explain|brief\s+me(?:\s+on)?|(?:give|show)\s+(?:me\s+|us\s+)?(?:an?\s+|the\s+)?"
    r"(?:(?:quick|brief|short)\s+)?(?:overview|summary|outline|rundown|recap|gist|highlights|(?:key|main)\s+points?)"
    r"(?:\s+of)?|(?:an?\s+)?(?:overview|summary)\s+of|what(?:[’']s|\s+is|\s+are|\s+were|\s+was)\s+the\s+"
    r"(?:gist|highlights|overview|summary|(?:key|main)\s+points?)(?:\s+(?:of|for))?|"
    r"tell\s+me\s+(?:about|how\s+(?!many|much|long|old|often|far|soon|big|large|tall)|what\s+(?=happened|the\b))|"
    r"what\s+happened(?=\s+(?:in|at|during|after|on|since|when|there)\b|\W*$)|"
    r"how\s+did\s+.{3,80}\s+unfold|"
    r"(?:overview|summary|recap|rundown|gist)(?:,?\s+please)?(?=\s*[:—–])|"  # "Overview please: …"
    r"tl;?\s?dr(?:\s+(?:on|of|for))?"  # "tl;dr on the fallout"
    r")\b(?!\s+why\b)", re.IGNORECASE)


def overview_subject(question: str) -> str:
    """An overview question without its request ("Summarize the raid." -> "the raid."). A
    request after a question is of what it names, else of what the question asked ("Who could
    take over? Give me an overview of the successors." -> "the successors."; "What was the
    human cost? Give me the overview." -> "What was the human cost").

    >>> overview_subject("Give an overview of the economic impact.")
    'the economic impact.'
    """
    before, request = _overview_request(question)
    subject = _OVERVIEW.sub("", request, count=1).strip().lstrip(":—–- ")
    return subject if not before or not _NO_SUBJECT.match(subject) else before.strip(" ?")


def asks_overview(question: str) -> bool:
    """Whether ``question`` asks for a summary or an account rather than one fact, in its
    first sentence or in a request after a question ("What happened? Give me the overview.").

    >>> asks_overview("Give an overview of the death toll."), asks_overview("Who led it?")
    (True, False)
    """
    return bool(_OVERVIEW.search(_overview_request(question)[1]))


def _overview_request(question: str) -> tuple[str, str]:
    """The question before a later request for an overview ("Give me an overview …",
    "Summarize …", not a second question such as "What happened there?") and that request, to
    its end; ("", ``question``) when there is none or the question starts with a request."""
    if _OVERVIEW.match(question):
        return "", question
    for match in _LATER_SENTENCE.finditer(question):
        later = question[match.end():]
        if _REQUEST.match(later) and _OVERVIEW.match(later):
            end = _LATER_SENTENCE.search(later)
            return question[: match.start()], later[: end.start()] if end else later
    return "", question


@lru_cache(maxsize=1)
def _story_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    words = lexicon()
    return (frozenset(words["story_words"]), frozenset(words["story_set_words"]),
            frozenset(words["summary_words"]))


def story_reference(subject: str) -> str:
    """"one" when an overview's ``subject`` is one story ("the article", "the Salon piece", "the
    gist", or nothing: "Give me an overview."), "all" when it is the sources as a whole
    ("everything", "the news", "all the articles"), else "" (a topic: "the raid", "El
    Mencho", "the article about the raid")."""
    own = _BY_OUTLET.sub("", _COURTESY.sub("", subject.partition(CONTEXT_JOIN)[0])).strip(" .?!,")
    if _HEAD_END.search(f" {own}"):
        return ""
    words = _WORD.findall(own)
    common = {w.lower() for w in words if w[0].islower()} - _story_words()[2]
    common = {w for w in common if not is_stopword(w)}
    one, every, _ = _story_words()
    if not common:
        return "one" if len(words) == len([w for w in words if w[0].islower()]) else ""  # not "El Mencho."
    if common <= one:
        return "one"
    return "all" if common <= one | every else ""


def overview_topic(subject: str) -> tuple[str, ...]:
    """The nouns naming what an overview asks about: those of its head phrase after any owner
    ("fallout" of "the fallout after the boss was killed", "childhood" of "El Mencho's
    childhood", "economy" of "how the economy reacted", "trade deal"), and words the dictionary
    does not know ("lockdown"); not names (checked as names), nor an aspect the text need not
    name ("impact", "response", "cost"), nor a story ("the Salon piece on ..."); its adjectives
    when that leaves no noun ("economic" of "the economic toll"). Empty when the
    subject is a clause ("in Tapalpa", "what happened") or a place's name ("the town of
    Tapalpa")."""
    own = _WH_LEAD.sub("", subject.partition(CONTEXT_JOIN)[0].strip())
    if _CLAUSE.match(own):
        return ()
    cut = _HEAD_END.search(f" {own}")
    head = f" {own}"[: cut.start()] if cut else f" {own}"
    if cut and _OF_A_NAME.match(f" {own}"[cut.start():]):
        return ()
    words = [w for w in _WORD.findall(re.split(r"[’']s\b", head)[-1]) if w[0].islower()]
    one, every, request = _story_words()
    if set(words) & (one | every):
        return ()
    words = [w for w in words if not is_stopword(w) and w not in request and not w.endswith(("self", "selves"))
             and not canonical_terms(w) <= aspect_terms()]
    nouns = tuple(w for w in words if "NOUN" in readings(w) or not readings(w))
    return nouns or tuple(w for w in words if "ADJ" in readings(w))  # "the economic toll": economic


def topic_unmentioned(topic: tuple[str, ...], passages: list[Passage]) -> bool:
    """Whether no retrieved document has a word for the head of ``topic`` (its last noun: the
    "deal" of a trade deal), nor for what that is a kind of (:func:`rag.wordnet.broader`:
    "the aftermath" is a result)."""
    if not topic:
        return False
    wanted = canonical_terms(topic[-1]) | broader_terms(topic[-1])
    return not any(wanted & said for said in document_terms(passages).values())


def overview_floor(subject: str, passages: list[Passage], story: bool, min_support: float,
                   scoring: Scoring) -> tuple[float, tuple[str, ...]]:
    """The support below which an overview declines, and its topic when no source has a
    word for it (then declined saying so). A ``story`` (or all that followed an event) is
    summed up whatever its support; an overview of a topic the sources have a word for needs
    only ``overview_min_support`` ("the aftermath": the seed says "the resulting violence"),
    one they have no word for ``overview_unmentioned_support`` (a close paraphrase: "the
    retaliation" of reprisals, not "El Mencho's childhood" of his death); others ``min_support``."""
    if story:
        return 0.0, ()
    topic = overview_topic(subject)
    if not topic:
        return min_support, ()
    if topic_unmentioned(topic, passages):
        return max(min_support, scoring.overview_unmentioned_support), topic
    return scoring.overview_min_support, ()


def named_story(subject: str, passages: list[Passage],
                sentences: list[StoredSentence]) -> tuple[str | None, str, np.ndarray] | None:
    """For an overview of a story (:func:`story_reference`): the story's document (``None`` for
    the sources as a whole), its headline, and the centroid of its read sentences, which is
    what it says as a whole. The story is the one from the outlet the subject names (exactly,
    else all its words), else one mentioning that name, else the best retrieved."""
    kind = story_reference(subject)
    if not kind or not passages:
        return None
    if kind == "all":
        own, title = sentences, "; ".join(dict.fromkeys(p.title for p in passages))
        story = None
    else:
        story = _story_of(subject, passages)
        own, title = [s for s in sentences if s.doc_id == story.doc_id], story.title
    if not own:
        return None
    return (story.doc_id if story else None), title, centroid(own)


def _story_of(subject: str, passages: list[Passage]) -> Passage:
    names = [name_terms(n) for n in names_in(f" {subject}")]
    return (next((p for p in passages if names and any(n == name_terms(p.outlet) for n in names)), None)
            or next((p for p in passages if names and all(n <= name_terms(f"{p.outlet} {p.title}") for n in names)),
                    None)
            or next((p for p in passages if names and all(n & p.mentions for n in names)), None)
            or passages[0])


# What an overview asks followed an event: "after El Mencho was killed", "the aftermath of the raid"
_AFTER = re.compile(r"\b(?:after|since|following|in\s+the\s+(?:wake|aftermath)\s+of|(?:aftermath|fallout|"
                    r"consequences?|repercussions?)\s+(?:of|from))\s+(?P<event>\w.*)$", re.I)
_ONLY_ASPECT = re.compile(r"^\W*+(?:(?:the|its|their)\s+)?(?:aftermath|fallout|consequences?|repercussions?|events|"
                          r"developments|happened|what\s+happened)?\W*+$", re.I)
_NO_EVENT = re.compile(rf"^(?:that|this|it|then|them|those|these|(?:last\s+)?(?:{WEEKDAYS}|{MONTHS}))$", re.I)


def after_event(subject: str) -> tuple[str, str] | None:
    """The event an overview asks what followed, and what of it is asked ("El Mencho was killed",
    "" of "after El Mencho was killed"; "the killing", "the cartel's backlash across the country"
    of "the cartel's backlash across the country after the killing"); None for other overviews."""
    own = subject.partition(CONTEXT_JOIN)[0].rstrip(" ?!.…")
    match = _AFTER.search(own)
    if not match or _NO_EVENT.match(match.group("event")):  # "after that", "since Sunday"
        return None
    rest = own[: match.start()]
    return match.group("event"), "" if _ONLY_ASPECT.match(rest) else rest.strip()


def told_after(told: list[Candidate], sentences: list[StoredSentence], min_support: float) -> list[StoredSentence]:
    """The ``sentences`` each story tells after the one that best tells the event (``told``:
    the sentences scored against it, best first), which are what followed it; a story that does
    not tell it clearing ``min_support`` is kept whole (it may tell only what followed). Empty
    when no story tells the event: "What happened after the earthquake?" is not about the raid."""
    cut: dict[str, int] = {}
    for cand in told:
        if cand.score >= min_support:
            cut.setdefault(cand.sentence.doc_id, cand.sentence.index)
    return [s for s in sentences if s.index > cut.get(s.doc_id, -1)] if cut else []


def centroid(sentences: list[StoredSentence]) -> np.ndarray:
    """The unit mean of the sentences' vectors: what they say as a whole."""
    mean = np.mean([s.vector for s in sentences], axis=0)
    return mean / (np.linalg.norm(mean) or 1.0)


def choose_overview(best: Candidate, eligible: list[Candidate], scoring: Scoring, min_support: float,
                    named: str | None = None) -> list[Candidate]:
    """Several supported sentences that cover different things, most from the story about
    what is asked: the document ``named``, else the one whose headline (``about``) and best
    sentence together are most like the question, its lead favoured, as a news lead sums its
    story up. Each next sentence is the best by maximal marginal relevance (its worth, less
    its similarity to those chosen) within ``overview_margin`` of ``best``; the last ones may
    come from other documents (the best when the story has none clearing ``min_support``),
    not when the story was named (unless it has no sentence to give). Sentences that lean on
    the one before are left out. They are quoted in each story's order."""
    titled = [c for c in eligible if c.passage.about is not None]
    focus = named or (max(titled, key=lambda c: c.passage.about + c.score).sentence.doc_id if titled
                      else best.sentence.doc_id)

    def worth(cand: Candidate) -> float:
        lead = cand.sentence.doc_id == focus and cand.sentence.index < scoring.overview_lead_sentences
        return cand.score + (scoring.overview_lead_bonus / (1 + cand.sentence.index) if lead else 0.0)

    standing = [c for c in eligible if not _DANGLING.match(c.sentence.text)] or eligible
    ranked = sorted(standing, key=worth, reverse=True)
    own = [c for c in ranked if c.sentence.doc_id == focus] or ranked
    if not named and worth(own[0]) < min_support:
        own = ranked
    chosen, least = [own[0]], best.score - scoring.overview_margin
    passes = [(own, scoring.overview_sentences)] if named else [
        (own, scoring.overview_focus_sentences), (ranked, scoring.overview_sentences)]
    for pool, limit in passes:
        pool = [c for c in pool if not any(c is x for x in chosen) and worth(c) >= least]
        while pool and len(chosen) < limit:
            pick = max(pool, key=lambda cand: (1 - scoring.overview_diversity) * worth(cand)
                       - scoring.overview_diversity * max(float(cand.sentence.vector @ c.sentence.vector)
                                                          for c in chosen))
            pool.remove(pick)
            if all(float(pick.sentence.vector @ c.sentence.vector) < scoring.redundant_cosine for c in chosen):
                chosen.append(pick)
    order = list(dict.fromkeys([focus, *(c.sentence.doc_id for c in chosen)]))  # as the stories tell it
    return sorted(chosen, key=lambda c: (order.index(c.sentence.doc_id), c.sentence.index))
