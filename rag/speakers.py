"""Whose words a sentence gives: the speaker of a verb of saying, as a "What did X say?" asks."""

from __future__ import annotations

import re
from functools import lru_cache

from rag.kinds import singular
from rag.mentions import head_terms, name_keys
from rag.text import (CONTEXT_JOIN, MONTHS, NAME_WORD, WEEKDAYS, acronym_key, fold_accents, mentioned_terms, names_in,
                      readings, without_possessive)
from rag.wordnet import pertains_to

# The verbs of saying in the past: a surname before one is a person's ("Trevilla described the raid");
# not "Jalisco reported", "Mexico continued"
SPEAKING = ("said|told|wrote|posted|announced|stated|added|urged|described|explained|confirmed|denied|insisted|"
             "warned|argued|noted|claimed|revealed|admitted")


# "What did the Pentagon say ...?", "What did Defense Secretary Pete Hegseth say ...?": a name
# speaks (not "Mexico's president" or "the State Department's consular office": roles and
# offices are often called otherwise)
_SPEAKER = re.compile(rf"^\W*(?i:(?:and\s+)?what\s+did\s+)(?:the\s+)?((?:{NAME_WORD}\.?\s+)*{NAME_WORD})\s+"
                      r"(?i:(?:himself|herself|itself|themselves|personally)\s+)?"  # "What did Trump himself post?"
                      r"(?i:say|tell|write|post|announce|claim)\b")


def speaker_named(question: str, said: str) -> bool:
    """Whether ``said`` (a sentence and the one before it: "..., Leavitt wrote. “The United
    States will ...”") has the one whose words ``question`` asks for speak, when a name speaks:
    as the subject of a verb of saying ("Navy Secretary Adm. Raymundo Morales told reporters",
    "Sheinbaum, speaking in the National Palace, said", "She said" after a sentence naming her),
    or after it ("…,” said Defense Secretary Pete Hegseth", "according to Leavitt"); not "She
    explained that … Raymundo Morales …" nor "Trump told Sheinbaum"."""
    speaker = _SPEAKER.match(question.partition(CONTEXT_JOIN)[0])
    named = head_terms(fold_accents(speaker.group(1))) if speaker else set()  # "Sheinbaum" of "Claudia
    if not named:  # Sheinbaum Pardo"; "CJNG"
        return True
    text = fold_accents(said)
    for verb in SPEAKS.finditer(text):
        before = text[: verb.start()]
        subject = _RUN_BEFORE.search(_between(_PARENTHESIS_AT_END.sub("", before.rstrip())))
        who = subject.group(1) if subject else ""
        if named & mentioned_terms("", "", who):
            return True
        if who and who.split()[-1] in _PERSONAL and named & mentioned_terms("", "", before):  # "She said"
            return True
        after = _RUN_AFTER.match(text, verb.end())
        if after and _inverted(verb, before) and named & mentioned_terms("", "", after.group(1)):
            return True
    return False


# What a "What did X say about Y?" asks X's words on: Y's head phrase ("the U.S. role" of "about the U.S.
# role in the raid on El Mencho"), read from the question without its closing punctuation
_TOPIC = re.compile(r"\b(?:say|said|tell|told|write|wrote|post|posted|announce|claim|comment|speak)\b"
                    r"(?:\s+anything)?\s+(?:about|regarding|concerning)\s+(.+?)(?=\s+(?:in|on|at|with|for|during|after|"
                    r"before|against|from|to|by|when|while|that|which|who)\b|$)", re.I)


def topic_named(question: str, sentence: str) -> bool:
    """Whether ``sentence`` names whom or what a "What did X say about Y?" question asks X's
    words on, when Y's head phrase names anyone: each of those names, or its people ("the U.S.
    role" is named by "the United States", "U.S." or "American travelers"; "the americans' help"). A
    sentence of X's on something else ("25 members of the National Guard were killed") does not
    say what X said about the U.S. role. True when the question asks no such thing."""
    topic = spoken_topic(question)
    wanted = _named_in(topic) if topic else ()
    if not wanted:
        return True
    said = _named_by(sentence)
    return all(terms & said for terms in wanted)


def spoken_topic(question: str) -> str:
    """The head phrase of what a "What did X say about Y?" question asks X's words on ("the U.S.
    role" of "… about the U.S. role in the raid"); "" for other questions."""
    topic = _TOPIC.search(question.partition(CONTEXT_JOIN)[0].rstrip(" ?!.…"))
    return topic.group(1) if topic else ""


@lru_cache(maxsize=256)  # asked of every candidate sentence with the same question
def _named_in(topic: str) -> tuple[frozenset[str], ...]:
    """The terms each name of ``topic`` is mentioned by (its people's country for a people: "Mexican")."""
    wanted = [name_keys(name) | _countries(without_possessive(name)) for name in names_in(f" {topic}")]
    wanted += [_countries(w) for w in re.findall(r"\b[a-z]+", topic) if _countries(w)]  # "the americans' help"
    return tuple(frozenset(terms) for terms in wanted if terms)


def _named_by(sentence: str) -> set[str]:
    """What ``sentence`` mentions (:func:`rag.text.mentioned_terms`), with the country of each people it names."""
    said = mentioned_terms("", "", sentence)
    for word in re.findall(r"\b[A-Z][a-z]+", sentence):
        said |= _countries(word)
    return said


def _countries(word: str) -> set[str]:
    """The terms naming the country a people's word pertains to ("American", "americans": the
    United States); a country of several words by its initials, which "U.S." and "United
    States" both give (not by its words: "United Mexican States" would give "States").
    Empty for other words."""
    countries = pertains_to(singular(without_possessive(word)).capitalize())
    return {acronym_key("".join(w[0] for w in c.split())) if " " in c else fold_accents(c).lower()
            for c in countries}


# A verb of saying, any form (a sentence holding one gives someone's words)
SPEAKS = re.compile(rf"\b(?:{SPEAKING}|says|saying|tells|writes|declared|called|calling|asked|praised|thanked|"
                    r"according\s+to|respond(?:ed)?|comment(?:ed)?|declined)\b", re.I)  # "did not respond": it
# did not say; "Trump previously declared a war on cartels, calling them …"
_TIME_AT_END = re.compile(rf"\s+(?:(?:late|early)\s+)?on\s+(?:{WEEKDAYS}|\d{{1,2}}\s+(?:{MONTHS}))$", re.I)


def _between(before: str) -> str:
    """``before`` without what may stand between a speaker and the verb of saying: auxiliaries,
    adverbs and a day ("Sheinbaum also said", "Leavitt on Sunday wrote", "The Pentagon did not
    respond")."""
    while True:
        trimmed = _TIME_AT_END.sub("", before)
        last = trimmed.rsplit(None, 1)
        word = last[-1] if len(last) == 2 else ""
        if word.islower() and (word in _IN_BETWEEN or "ADV" in readings(word) and "NOUN" not in readings(word)):
            trimmed = last[0]
        if trimmed == before:
            return before
        before = trimmed


_IN_BETWEEN = frozenset("did does do has have had would will could was were is not also".split())
_CAPITALISED_RUN = r"(?:[A-ZÁÉÍÓÚÑ][\w’'.-]*\s+){0,6}[A-ZÁÉÍÓÚÑ][\w’'.-]*"
# the words right before the verb, and an owner's office ("The State Department's consular affairs bureau told")
_RUN_BEFORE = re.compile(rf"({_CAPITALISED_RUN})(?:[’']s(?:\s+[a-z]+){{1,3}})?\s*$")
_RUN_AFTER = re.compile(rf"\s+(?:the\s+)?({_CAPITALISED_RUN})")  # "said Defense Secretary Pete Hegseth"
_PARENTHESIS_AT_END = re.compile(r",[^,]{1,120},$")  # "Sheinbaum, speaking at …, said": Sheinbaum
_PERSONAL = frozenset("She He They".split())  # a speaker named in the sentence before


def _inverted(verb: re.Match[str], before: str) -> bool:
    """Whether the speaker comes after the verb: "according to X", "…,” said X"."""
    return verb.group().lower().startswith("according") or bool(re.search(r"[,”\"]\s*$", before))


# A verb by which a sentence says whose words or figures it gives ("FEMSA said", "Concanaco
# estimated", "according to the AP", "the tally released by the Security Cabinet")
_GIVES = re.compile(rf"\b(?:{SPEAKING}|says|estimated|counted|tallied|reported|gave|released|recorded|"
                    r"calculated|(?i:according)\s+to)\b")
_BY = re.compile(r"\s+by\b")
_APPOSITIVE = re.compile(rf",\s+({_CAPITALISED_RUN}),$")  # "The union's president, Moisés Ramos Portillo, said"
# the subject before the verb when it is no name: "The secretariat", "officials", "the Jalisco government"
_PLAIN_BEFORE = re.compile(r"(?:^|[\s,])((?:(?:[Tt]he|[Ii]ts|[Tt]heir)\s+)?(?:[A-Za-z]+\s+)?[a-z]+)$")
# the one after "according to", "by" or a quote's verb, up to a preposition or a break: "the federal
# Security Cabinet", "officials" (of "officials in Jalisco"), "the governor of Jalisco"
_STOPS = r"(?:in|on|at|for|from|to|with|after|before|during|that|of(?!\s+(?:the\s+)?[A-ZÁÉÍÓÚÑ]))"
_AFTER = re.compile(rf"\s+((?:(?!{_STOPS}\b)[\w’'.-]+\s*){{1,7}}?)(?=\s+{_STOPS}\b|[,;:]|\.?\s*$|\.\s)")
_QUOTE = re.compile(r"“[^”]*”|\"[^\"]*\"")  # words in quotation marks: the speaker's, not who is speaking


def speaker_of(sentence: str) -> str:
    """Who ``sentence`` says gives its words or figures: the subject of its first verb of saying
    or tallying outside quotation marks ("Mexico Security Secretary Omar García Harfuch" of "…
    García Harfuch said that 25 …", "officials" of "…, officials said", "he" of "“We have
    confirmed 25 deaths,” he said"), the one after it past a quote, "according to" or "by"; a
    name before anyone else ("the federal Security Cabinet" of "according to the tally released
    by the federal Security Cabinet"). "The secretariat" or "She" when it only calls them so;
    empty when it says no one.

    Example:
        >>> speaker_of("The secretariat also confirmed that seven others were killed.")
        'The secretariat'
    """
    quoted = [m.span() for m in _QUOTE.finditer(sentence)]
    found = []
    for verb in _GIVES.finditer(sentence):
        if any(start < verb.start() < end for start, end in quoted):
            continue
        before = sentence[: verb.start()]
        passive = _BY.match(sentence, verb.end())
        if passive or _inverted(verb, before):
            found.append(_AFTER.match(sentence, passive.end() if passive else verb.end()))
        run = _between(_PARENTHESIS_AT_END.sub("", before.rstrip()))
        found.append(_APPOSITIVE.search(before.rstrip()) or _RUN_BEFORE.search(run) or _PLAIN_BEFORE.search(run))
    said = [_without_full_stop(m.group(1).strip()) for m in found if m]
    return next((s for s in said if is_a_name(s)), said[0] if said else "")


def is_a_name(speaker: str) -> bool:
    """Whether a speaker (:func:`speaker_of`) is called by name: a capitalised word other than a
    determiner or a pronoun ("The Pentagon", "the federal Security Cabinet"; not "The secretariat",
    "officials", "She")."""
    return any(w[:1].isupper() for w in speaker.split() if w.lower() not in PRONOUNS | _DETERMINERS)


def _without_full_stop(phrase: str) -> str:
    """``phrase`` without the sentence's full stop ("Hegseth." -> "Hegseth"; "U.S." stays)."""
    return phrase[:-1] if phrase.endswith(".") and phrase[-2:-1].islower() else phrase


PRONOUNS = frozenset("she he they it we i you".split())  # a speaker a pronoun stands for
_DETERMINERS = frozenset("the its their a an both".split())
