"""Whose words a sentence gives: the speaker of a verb of saying, as a "What did X say?" asks."""

from __future__ import annotations

import re

from rag.mentions import head_terms
from rag.text import CONTEXT_JOIN, MONTHS, NAME_WORD, WEEKDAYS, fold_accents, mentioned_terms, readings

# The verbs of saying in the past: a surname before one is a person's ("Trevilla described the raid");
# not "Jalisco reported", "Mexico continued"
SPEAKING = ("said|told|wrote|posted|announced|stated|added|urged|described|explained|confirmed|denied|insisted|"
             "warned|argued|noted|claimed|revealed|admitted")


# "What did the Pentagon say ...?", "What did Defense Secretary Pete Hegseth say ...?": a name
# speaks (not "Mexico's president" or "the State Department's consular office": roles and
# offices are often called otherwise)
_SPEAKER = re.compile(rf"^\W*(?i:(?:and\s+)?what\s+did\s+)(?:the\s+)?((?:{NAME_WORD}\.?\s+)*{NAME_WORD})\s+"
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
        if who and _PRONOUN.fullmatch(who.split()[-1]) and named & mentioned_terms("", "", before):  # "She said"
            return True
        after = _RUN_AFTER.match(text, verb.end())
        inverted = verb.group().lower().startswith("according") or re.search(r"[,”\"]\s*$", before)
        if after and inverted and named & mentioned_terms("", "", after.group(1)):
            return True
    return False


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
_PRONOUN = re.compile(r"(?:She|He|They)")


# A verb by which a sentence says whose words or figures it gives ("FEMSA said", "Concanaco
# estimated", "according to the AP", "the tally released by the Security Cabinet")
_GIVES = re.compile(rf"\b(?:{SPEAKING}|says|estimated|counted|tallied|reported|gave|released|recorded|"
                    r"calculated|according\s+to)\b")
_BY = re.compile(r"\s+by\b")
_BARE_BEFORE = re.compile(r"(?:^|\s)((?:[Tt]he|[Ii]ts|[Tt]heir)\s+[a-z]+(?:\s+[a-z]+)?)$")  # "The secretariat"
_APPOSITIVE = re.compile(rf",\s+({_CAPITALISED_RUN}),$")
_BARE_AFTER = re.compile(r"\s+(the\s+[a-z]+)\b")
# "by the federal Security Cabinet"
_NAMED_AFTER = re.compile(rf"\s+(?:the\s+)?(?:[a-z]+\s+){{0,2}}?({_CAPITALISED_RUN})")


def speaker_of(sentence: str) -> str:
    """Who ``sentence`` says gives its words or figures: the subject of its first verb of saying
    or tallying ("Mexico Security Secretary Omar García Harfuch" of "… García Harfuch said that
    25 …"), the name after one past a quote, "according to" or "by"; "The secretariat" or "She"
    when it only calls them so; empty when it says no one.

    Example:
        >>> speaker_of("The secretariat also confirmed that seven others were killed.")
        'The secretariat'
    """
    found = []
    for verb in _GIVES.finditer(sentence):
        before = sentence[: verb.start()]
        passive = _BY.match(sentence, verb.end())
        if verb.group().lower().startswith("according") or passive or re.search(r"[,”\"]\s*$", before):
            start = passive.end() if passive else verb.end()
            found.append(_NAMED_AFTER.match(sentence, start) or _BARE_AFTER.match(sentence, start))
        appositive = _APPOSITIVE.search(before.rstrip())  # "The union's president, Moisés Ramos Portillo, estimated"
        run = _between(_PARENTHESIS_AT_END.sub("", before.rstrip()))
        found.append(appositive or _RUN_BEFORE.search(run) or _BARE_BEFORE.search(run))
    said = [m.group(1).rstrip(".") for m in found if m]
    named = (s for s in said if s[:1].isupper() and s.split()[0].lower() not in _NOT_NAMES)
    return next(named, said[0] if said else "")


_NOT_NAMES = frozenset("the its their she he they it".split())  # "The secretariat", "She": no name
