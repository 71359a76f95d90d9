"""What a question asks happened: the verb of a who, yes/no or how-long question, and whether
a sentence says it."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.text import AUXILIARIES, CONTEXT_JOIN, LOCATIVES, PREPOSITIONS, canonical_terms, lexicon, readings
from rag.wordnet import verb_kin

_WHO_VERB = re.compile(r"^\W*(?:(?:and|so|but)\s+)?who\s+([a-z][a-z-]+)\b", re.I)
_POLAR = re.compile(rf"^\W*(?:(?:and|so|but)\s+)?(?:{AUXILIARIES})\s+(.+)$", re.I)
_DO = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:did|does|do)(?:n[’']t)?\s+(.+)$", re.I)
_RELATIVE = re.compile(r"\s(?:who|whom|whose|which)\s.*", re.I)  # "the Guardsmen who were killed"
_DETERMINERS = frozenset("the a an his its their our my your every".split())  # before a word that is a
# noun there: "the wounded" (not "that", "any", "her": "did that put", "Were any arrested?")
_NOT_AN_EVENT = frozenset(PREPOSITIONS.split("|")) | frozenset(LOCATIVES.split("|"))  # "near" is a verb too
_SAYING = frozenset("comment respond reply speak".split())
# Verbs of saying the lexicon's speech list leaves out (it is read as speech tags too, where
# "he spoke for an hour" or "Mexico responded by sending troops" is no one's speech).


def subject_event(question: str) -> str:
    """What a "who" question asks was done, as the lemma of its verb when that follows "who"
    and can only be a verb ("Who commanded the troops?" -> "command"); not saying or knowing
    ("Who announced it?"), light verbs ("Who was ...?", "Who became ...?") or a verb that could
    be a noun ("Who called ...?")."""
    match = _WHO_VERB.match(question.partition(CONTEXT_JOIN)[0])
    if not match:
        return ""
    word = match.group(1).lower()
    words = lexicon()
    passed_over = set(words["light_verbs"]) | set(words["reporting_verbs"]) | set(words["speech_verbs"])
    entry = readings(word)
    if "VERB" not in entry or "NOUN" in entry or word in passed_over or set(entry["VERB"]) & _SAYING:
        return ""
    return entry["VERB"][0]  # its lemma: "led" is said by "leader" too (see rag.answer)


def polar_event(question: str) -> str:
    """What a yes/no question asks happened: the verb after a do-question's subject ("Did
    Sheinbaum talk to Trump?" -> "talk", though "talk" is a noun too), else its first word that
    can only be a verb; light verbs, verbs of saying or knowing, a word after a determiner
    ("the wounded") and a relative clause ("who were killed") passed over ("Has the curfew been
    lifted?" -> "lifted", "Did officials confirm that 25 were killed?" -> "killed"). Empty for
    other questions and when no verb is left ("Did the Pope say anything?").

    Example:
        >>> polar_event("Were any of the wounded named?"), polar_event("Who was arrested?")
        ('named', '')
    """
    own = _RELATIVE.sub("", question.partition(CONTEXT_JOIN)[0])
    match = _POLAR.match(own)
    if not match or re.search(r"\bor\b", own, re.I):  # "Was he arrested or did he die?"
        return ""
    rest = match.group(1)
    if do := _DO.match(own):
        verb, after = _do_verb(do.group(1))
        if verb:
            return verb if verb not in _passed_over() else event_in(after)
    return event_in(rest)


def _do_verb(text: str) -> tuple[str, str]:
    """The first word of a do-question after its auxiliary that is a verb's bare form, not
    capitalised (a name), an adverb too ("still") nor after a determiner ("the cartel's force"),
    and what follows it."""
    before = ""
    for match in re.finditer(r"[\w’'-]+", text):
        word = match.group()
        entry = readings(word)
        if (word.islower() and word in entry.get("VERB", ()) and "ADV" not in entry  # "still"
                and before not in _DETERMINERS and not before.endswith(("’s", "'s"))):
            return word, text[match.end():]
        before = word.lower()
    return "", ""


def lasting_event(question: str) -> str:
    """What a "how long ... been doing" question asks went on ("How long had El Mencho been
    living at the cabins?" -> "living"): "about two hours by road" does not say how long he
    lived there. Empty for light verbs ("been going on") and other questions."""
    match = _HOW_LONG.match(question.partition(CONTEXT_JOIN)[0])
    if not match:
        return ""
    word = match.group(1).lower()
    lemmas = readings(word).get("VERB", ())
    return word if lemmas and not set(lemmas) & set(lexicon()["light_verbs"]) else ""


_HOW_LONG = re.compile(r"^\W*(?:(?:and|so|but)\s+)?how long\b.*?\bbeen\s+([a-z]+ing)\b", re.I)


def event_in(text: str) -> str:
    """The first word of ``text`` that can only be a verb, light verbs and verbs of saying or
    knowing passed over ("been", "confirm"), as are prepositions ("near" can be a verb too) and
    a word after a determiner ("the wounded")."""
    before = ""
    for word in re.findall(r"[a-z][a-z-]+", text, re.I):
        entry = readings(word) if word.islower() else {}
        if ("VERB" in entry and "NOUN" not in entry and word not in _passed_over()
                and before not in _DETERMINERS):
            return word
        before = word.lower()
    return ""


@lru_cache(maxsize=1)
def _passed_over() -> frozenset[str]:
    words = lexicon()
    return (frozenset(words["light_verbs"]) | frozenset(words["light_event_words"])
            | frozenset(words["reporting_verbs"]) | _NOT_AN_EVENT)


def polar_terms(question: str) -> frozenset[str]:
    """The terms of which a sentence must say one to answer a yes/no question: its
    :func:`polar_event`'s, and for the main verb of a do-question ("Did she spell it right?")
    also those of verbs saying it or its opposite (:func:`_verb_terms`: "misspelled")."""
    event = polar_event(question)
    if not event:
        return frozenset()
    do = _DO.match(_RELATIVE.sub("", question.partition(CONTEXT_JOIN)[0]))
    main = bool(do) and _do_verb(do.group(1))[0] == event  # not "as planned" after "go ahead"
    if main and event in _speaking():  # "Did the State Department warn Americans?": "urged"
        return _saying_terms()
    return _verb_terms(event) if main else frozenset(canonical_terms(event))


@lru_cache(maxsize=256)
def _verb_terms(verb: str) -> frozenset[str]:
    """The terms that say ``verb`` happened, or that its opposite did: the verb's own, and
    those of WordNet's synonyms, more specific ways of doing it ("misspell" for "spell") and
    opposites ("disagree" for "agree"); light verbs and verbs of saying left out, which would
    say anything happened."""
    lemmas = readings(verb).get("VERB", (verb,))
    kin = {word for lemma in lemmas for word in verb_kin(lemma)} - _passed_over() - set(lexicon()["speech_verbs"])
    return frozenset(canonical_terms(verb)).union(*(canonical_terms(word) for word in kin))


_SPOKEN = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:(?:what|how)\s+)?(?:did|does|do|has|have|had)\s+(.+)$", re.I)


def asked_speaker(question: str) -> str:
    """Whose words a "what did X say?" or "did X say?" question asks for ("the governor of
    Michoacán" of "What did the governor of Michoacán say about the fires?"): the words before
    its verb of saying (the lexicon's speech verbs, and "urge", "warn", "comment", "respond",
    "reply", "speak"); empty for other questions and for a pronoun ("What did she say?").

    Example:
        >>> asked_speaker("What did the governor of Michoacán say about it?"), asked_speaker("What did he say?")
        ('the governor of Michoacán', '')
    """
    match = _SPOKEN.match(question.partition(CONTEXT_JOIN)[0])
    verb = next((w for w in re.finditer(r"[a-z]+", match.group(1)) if w.group() in _speaking()), None) if match else None
    speaker = match.group(1)[:verb.start()].strip() if match and verb else ""
    return "" if speaker.lower() in _PERSONAL else speaker


_PERSONAL = frozenset("he she they it you i we".split())


@lru_cache(maxsize=1)
def _speaking() -> frozenset[str]:
    return frozenset(lexicon()["speech_verbs"]) | _SAYING | {"urge", "warn"}


@lru_cache(maxsize=1)
def _saying_terms() -> frozenset[str]:
    """The terms of every verb of saying: any of them says that someone spoke ("Did the
    Pentagon comment?": "did not respond"), and whether they did is for the sentence to say."""
    return frozenset(canonical_terms(" ".join(_speaking() | set(lexicon()["reporting_verbs"]))))
