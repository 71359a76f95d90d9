"""What a question asks happened: the verb of a who, yes/no or how-long question, and whether
a sentence says it."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.text import AUXILIARIES, CONTEXT_JOIN, PREPOSITION_WORDS, canonical_terms, lexicon, names_in, readings
from rag.wordnet import pertains_to, verb_kin

_PARTICLES = "up|down|out|over|off|away|back"
_WHO_VERB = re.compile(r"^\W*(?:(?:and|so|but)\s+)?who\s+([a-z][a-z-]+)\b", re.I)
# "Who is going to take over ...?", "Who has taken over ...?", "Who's expected to take over?": a
# phrasal verb after an auxiliary, or after what is expected of the subject
_LIKELY = r"(?:going|expected|likely|set|tipped|poised|about|supposed|due|slated)\s+to"
_WHO_LATER_VERB = re.compile(r"^\W*(?:(?:and|so|but)\s+)?who(?:(?:[’']ll|[’']s\s+" + _LIKELY + r"|"
                             r"\s+(?:will|would|could|might|"
                             r"may|can|should|(?:is|are|was|were)\s+" + _LIKELY + r"|has|have|had|is|are|was|were))\s+"
                             r"(?:been\s+|be\s+)?|\s+(?=[a-z]+s\s))"  # "Who takes over?": a verb before its particle
                             rf"([a-z][a-z-]+)\s+({_PARTICLES})\b", re.I)
_POLAR = re.compile(rf"^\W*(?:(?:and|so|but)\s+)?(?:{AUXILIARIES})\s+(.+)$", re.I)
_DO = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:(?:what|how)\s+)?(?:did|does|do|has|have|had)\s+(.+)$", re.I)
_RELATIVE = re.compile(r"\s(?:who|whom|whose|which)\s.*", re.I)  # "the Guardsmen who were killed"
# before a word that is a noun there: "the wounded" (not "that", "any", "her": "did that put",
# "Were any arrested?"); in a do-question's subject "this", "each" and the like too
_DETERMINERS = frozenset("the a an his its their our my your every".split())
_SUBJECT_DETERMINERS = _DETERMINERS | frozenset("this that these those each either any some more".split())
_PARTICLE = re.compile(rf"^\s+(?:{_PARTICLES})\b", re.I)  # "step down", "take over"
_NOT_AN_EVENT = frozenset(PREPOSITION_WORDS)  # "near" is a verb too
# Verbs of saying the lexicon's speech list leaves out (it is read as speech tags too, where
# "he spoke for an hour" or "Mexico responded by sending troops" is no one's speech).
_SAYING = frozenset("comment respond reply speak".split())
_SUBORDINATE = re.compile(r"\b(?:before|after|when|while|since|until|because|once|although|though|whereas)\s+"
                          r"(?=(?:he|she|it|they|we|i|you|the|a|an|his|her|its|their|this|these|those)\b|[A-Z])", re.I)
_NO_CHECK = frozenset("respond react continue".split())  # said of deeds and of words alike


def subject_event(question: str) -> str:
    """What a "who" question asks was done, as the lemma of its verb when that follows "who"
    and can only be a verb ("Who commanded the troops?" -> "command"), or as a phrasal verb
    after a modal or perfect auxiliary ("Who is going to take over?", "Who has taken over?" ->
    "take over"), whose light verb says nothing alone; not saying or knowing ("Who announced
    it?"), light verbs ("Who was ...?", "Who became ...?") or a verb that could be a noun ("Who
    called ...?")."""
    own = question.partition(CONTEXT_JOIN)[0]
    later = _WHO_LATER_VERB.match(own)
    if later:
        lemmas = readings(later.group(1).lower()).get("VERB", ())
        return f"{lemmas[0]} {later.group(2).lower()}" if lemmas else ""
    match = _WHO_VERB.match(own)
    if not match:
        return ""
    word = match.group(1).lower()
    words = lexicon()
    passed_over = set(words["light_verbs"]) | set(words["reporting_verbs"]) | set(words["speech_verbs"])
    entry = readings(word)
    if "VERB" not in entry or "NOUN" in entry or word in passed_over or set(entry["VERB"]) & _SAYING:
        return ""
    return entry["VERB"][0]  # its lemma: "led" is said by "leader" too


def does(event: str, text: str, terms: set[str]) -> bool:
    """Whether ``text`` (whose canonical ``terms`` are given) says ``event`` (a
    :func:`subject_event`) was done: a term starting with its verb's stem ("led": "leader"), or
    for a phrasal verb, a form of the verb before its particle ("took over"), or the two as one
    word ("takeover")."""
    verb, _, particle = event.partition(" ")
    if not particle:
        stem = next(iter(canonical_terms(verb)), verb)  # "carry": "carri"
        return any(t.startswith(stem) for t in terms)
    return bool(_phrasal(verb, particle).search(text))


@lru_cache(maxsize=64)
def _phrasal(verb: str, particle: str) -> re.Pattern[str]:
    """A form of ``verb`` before ``particle``, with at most one word between, or the two as one."""
    from lemminflect import getAllInflections  # 0.1 s to import: only when a question needs it

    forms = {verb, *(f for fs in getAllInflections(verb, upos="VERB").values() for f in fs)}
    pattern = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{pattern})\s+(?:\w+\s+)?{particle}\b|\b{verb}{particle}", re.I)


def polar_event(question: str) -> str:
    """What a yes/no question asks happened: a do-question's main verb ("Did Sheinbaum talk to
    Trump?" -> "talk", though "talk" is a noun too; :func:`_do_verb`), else its first word that
    can only be a verb; light verbs, verbs of saying or knowing, a word after a determiner
    ("the wounded") and a relative clause with what follows it ("who were killed") passed over
    ("Has the curfew been lifted?" -> "lifted", "Did officials confirm that 25 were killed?" ->
    "killed"). Empty for other questions, a phrasal verb ("Did he step down?"), a verb said of
    deeds and words alike ("respond") and when no verb is left ("Did the Pope say anything?",
    "Did the Pentagon comment?").

    Example:
        >>> polar_event("Were any of the wounded named?"), polar_event("Who was arrested?")
        ('named', '')
    """
    return _polar(question)[0]


def polar_terms(question: str) -> frozenset[str]:
    """The terms of which a sentence must say one to answer a yes/no question: its
    :func:`polar_event`'s, and for the main verb of a do-question ("Did she spell it right?")
    also those of verbs saying it or its opposite (:func:`_verb_terms`: "misspelled")."""
    event, main = _polar(question)
    if not event:
        return frozenset()
    return _verb_terms(event) if main else frozenset(canonical_terms(event))


@lru_cache(maxsize=256)  # asked of every candidate sentence
def _polar(question: str) -> tuple[str, bool]:
    """:func:`polar_event`, and whether it is a do-question's main verb."""
    own = _RELATIVE.sub("", question.partition(CONTEXT_JOIN)[0])
    match = _POLAR.match(own)
    if not match or re.search(r"\bor\b", own, re.I):  # "Was he arrested or did he die?"
        return "", False
    do = _DO.match(own)
    verb, after = _do_verb(do.group(1)) if do else ("", "")
    if verb and (_PARTICLE.match(after) or verb in _NO_CHECK):  # WordNet's words for "step" miss
        return "", False  # "step down"; "respond" is said of deeds too
    if verb and verb not in passed_over() | _speaking():
        return verb, True
    return event_in(after if verb else match.group(1)), False  # "Did it go ahead as planned?",
    # "Did she warn them that flights were cancelled?": what was said happened, if anything


def _do_verb(text: str) -> tuple[str, str]:
    """The main verb of a do-question (``text``: what follows "did"), and what follows it: the
    first bare verb form after the subject, not capitalised (a name), nor after a determiner
    ("the cartel's force"), nor a noun or adverb before a verb ("Did police arrest ...?", "Did
    the World Cup match go ahead?", "Did they still pay ...?"), nor a noun opening the subject
    before another noun ("Did gas prices rise?")."""
    words = list(re.finditer(r"[\w’'-]+", text))
    before, subject = "", False
    for at, match in enumerate(words):
        word = match.group()
        entry = readings(word)
        following = words[at + 1].group() if at + 1 < len(words) else ""
        later = readings(following)
        if (_bare(word, entry) and before not in _SUBJECT_DETERMINERS and not before.endswith(("’s", "'s"))
                and not (("NOUN" in entry or "ADV" in entry) and _bare(following, later)  # "still pay"
                         and not _PARTICLE.match(f" {following}"))  # "step down": a verb and its particle
                and not ("NOUN" in entry and not subject and "NOUN" in later)):
            return word, text[match.end():]
        subject = subject or word.lower() not in _SUBJECT_DETERMINERS
        before = word.lower()
    return "", ""


def _bare(word: str, entry: dict[str, tuple[str, ...]]) -> bool:
    """Whether ``word`` (with its dictionary ``entry``) is a verb's bare form, in lower case."""
    return word.islower() and word in entry.get("VERB", ())


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
    a word after a determiner ("the wounded"); not in a clause of time or cause ("a bounty on
    him before he was killed": the bounty is asked of, not the killing)."""
    before = ""
    text = _SUBORDINATE.split(text, maxsplit=1)[0]
    for word in re.findall(r"[a-z][a-z-]+", text, re.I):
        entry = readings(word) if word.islower() else {}
        if ("VERB" in entry and "NOUN" not in entry and word not in passed_over()
                and before not in _DETERMINERS):
            return word
        before = word.lower()
    return ""


@lru_cache(maxsize=1)
def passed_over() -> frozenset[str]:
    words = lexicon()
    return (frozenset(words["light_verbs"]) | frozenset(words["light_event_words"])
            | frozenset(words["reporting_verbs"]) | _NOT_AN_EVENT)


@lru_cache(maxsize=256)
def _verb_terms(verb: str) -> frozenset[str]:
    """The terms that say ``verb`` happened, or that its opposite did: the verb's own, and
    those of WordNet's synonyms, more specific ways of doing it ("misspell" for "spell") and
    opposites ("disagree" for "agree"), in every form ("found" for "find": the stemmer leaves
    it); light verbs, verbs of saying, words of three letters and adjectives ("off" for "kill",
    "gas" and "round" for "attack") left out, which would say too much happened."""
    from lemminflect import getAllInflections  # 0.1 s to import: only when a question needs it

    lemmas = readings(verb).get("VERB", (verb,))
    kin = {word for lemma in lemmas for word in verb_kin(lemma)
           if len(word) > 3 and not {"ADJ", "ADV"} & set(readings(word))}  # not "gas", "round"
    kin = (kin - passed_over() - set(lexicon()["speech_verbs"])) | {verb, *lemmas}
    forms = {form for word in kin for forms in getAllInflections(word, upos="VERB").values() for form in forms}
    return frozenset(canonical_terms(" ".join(kin | forms)))


def asked_agent(question: str) -> str:
    """Who a how-much, how-many, what or whom do-question asks did it, when its subject holds a
    name ("the Mexican government" of "How much had the Mexican government offered?", "Alaska"
    of "How many flights did Alaska cancel?", "Sheinbaum" of "Who did Sheinbaum thank?"): a
    sentence about someone else's deed does not answer it. Empty for other questions and
    subjects ("How many did they arrest?")."""
    match = _ASKED_DO.match(question.partition(CONTEXT_JOIN)[0])
    if not match:
        return ""
    rest, subject, verb = match["rest"], "", ""
    if match["aux"].lower().startswith("d"):  # "did Alaska cancel": a bare verb, maybe a noun too
        verb, after = _do_verb(rest)
        subject = rest[: len(rest) - len(after) - len(verb)] if verb else ""
    else:  # "had the Mexican government offered", "has Mexico sent": a participle
        participle = next((m for m in re.finditer(r"\b[a-z][\w-]*\b", rest) if m.group() not in _NOT_PARTICIPLES
                           and m.group() not in readings(m.group()).get("VERB", (m.group(),))), None)
        subject, verb = (rest[: participle.start()], participle.group()) if participle else ("", "")
    if set(readings(verb).get("VERB", (verb,))) & _speaking() and (asked_speaker(question) or WHO_ASKS.match(
            question)):  # "What did X say?", "Whom did X call?" (not "On which platform did X post it?"):
        return ""  # see asked_speaker
    subject = _REFLEXIVE.sub("", subject)  # "the Mexican government itself"
    names = names_in(f" {subject}")
    if WHO_ASKS.match(question) and all(pertains_to(n) for n in names):  # "Who did the Mexican army kill?":
        return ""  # the sources may say "Army special forces", not who the army is of
    return subject.strip() if names else ""


_REFLEXIVE = re.compile(r"\s+(?:itself|himself|herself|themselves)\b", re.I)
WHO_ASKS = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:who|whom|whose)\b", re.I)  # a who-question


_NOT_PARTICIPLES = frozenset("own".split())  # "Mexico's own government"
_ASKED_DO = re.compile(r"^\W*(?:(?:and|so|but)\s+)?(?:how\s+(?:much|many)|(?:(?:on|in|at|from|to|for|with|by|through|"
                       r"via)\s+)?(?:what|which|whom)|who)\b"  # "On which platform did Sheinbaum post it?"
                       r"(?:\s+[\w’'-]+){0,4}?\s+"
                       r"(?P<aux>did|does|do|has|have|had)\s+(?P<rest>.+)$", re.I)


def asked_speaker(question: str) -> str:
    """Whose words a "what did X say?" or "did X say?" question asks for ("the governor of
    Michoacán" of "What did the governor of Michoacán say about the fires?"): the words before
    its main verb (:func:`_do_verb`) when that is a verb of saying (the lexicon's speech verbs,
    and "urge", "warn", "comment", "respond", "reply", "speak"); empty for other questions and
    for a pronoun ("What did she say?").

    Example:
        >>> asked_speaker("What did the governor of Michoacán say about it?"), asked_speaker("What did he say?")
        ('the governor of Michoacán', '')
    """
    own = PERFECT_SAID.sub(lambda m: f"did {m.group(1).strip()} say", question.partition(CONTEXT_JOIN)[0])
    match = _DO.match(own)
    verb, after = _do_verb(match.group(1)) if match else ("", "")
    if verb not in _speaking():
        return ""
    speaker = match.group(1)[: len(match.group(1)) - len(after) - len(verb)].strip()
    return "" if speaker.lower() in _PERSONAL else speaker


_PERSONAL = frozenset("he she they it you i we".split())
# "What has Mexico's president said?": a short subject, no clause ("What has happened since X said …?")
PERFECT_SAID = re.compile(r"(?<=\bwhat\s)\s*(?:has|have|had)\s+((?:(?!(?:since|after|before|when|while|until|"
                          r"because|happened|changed|done|been)\b)[\w’'.-]+\s+){1,6}?)"
                          r"(?:said|told|written|posted|announced)\b", re.I)


@lru_cache(maxsize=1)
def _speaking() -> frozenset[str]:
    return frozenset(lexicon()["speech_verbs"]) | _SAYING | {"urge", "warn"}
