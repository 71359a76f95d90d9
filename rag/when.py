"""Whose day a sentence gives: the noun or verb a weekday or date is said of ("a Sunday statement")."""

from __future__ import annotations

import re

from rag.text import CONTEXT_JOIN, MONTHS, WEEKDAYS, canonical_terms, is_stopword, names_in, readings
from rag.wordnet import kin_terms

_DAY = rf"(?:{WEEKDAYS}|\d{{1,2}}\s+(?:{MONTHS})|(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?)"
_DAYS = re.compile(rf"\b{_DAY}\b", re.I)
_ASKS_DAY = re.compile(r"^\W*(?:\w+\s+){0,2}when\b|\b(?:what|which)\s+(?:day|date|weekday)\b", re.I)
_THING = re.compile(r"\b(?:the|a|an|its|his|her|their)\s+([a-z]+)(?:\s+([a-z]+))?")  # "the raid", "her statement"
_NEXT_WORD = re.compile(r"(?:[’']s)?\s+([a-z]+)\b")  # "a Sunday statement", "Saturday's raid"
_DETERMINED = re.compile(r"\b(?:a|an|the|this|that|last|next|its|their|his|her)\s+$", re.I)  # "a Sunday statement"
_WORD_BEFORE_ON = re.compile(r"\b([a-z]+)\s+(?:(?:late|early)\s+)?on\s+$")  # "said on Sunday"
# what a day is asked or said with that is no thing of its own: "Saturday night", "What day of the week"
_TIME_WORDS = frozenset("day days date week weekday month year time hour night morning evening afternoon "
                        "weekend dawn noon midnight".split())


def day_said_of_asked(question: str, sentence: str) -> bool:
    """Whether ``sentence`` may give the day of the thing a when-question asks about ("the raid",
    "her statement"): False only when every day it says is said of something else, a noun ("a
    Sunday statement") or a verb whose subject is none of the question's things or names ("Leavitt
    said on Sunday that … the raid"), nor their WordNet kin ("a Saturday operation" dates a raid).
    A day said of nothing ("On Sunday, troops …") may be anyone's."""
    asked = question.partition(CONTEXT_JOIN)[0]
    if not _ASKS_DAY.search(asked):
        return True  # "What time did he die?": a clock's time, not a day
    things = {w for pair in _THING.findall(asked) for w in pair if "NOUN" in readings(w)} - _TIME_WORDS
    if not things:  # "When was he killed?" names no thing whose day another could be
        return True
    wanted = things | _asked_words(asked)
    named = {t for n in names_in(asked) for t in canonical_terms(n)}
    for day in _DAYS.finditer(sentence):
        of, subject = _said_of(sentence, day)
        if not of or _related(of, wanted) or any(_related(w, wanted) for w in subject.split()) \
                or named & canonical_terms(subject):
            return True
    return not _DAYS.search(sentence)


def _said_of(sentence: str, day: re.Match[str]) -> tuple[str, str]:
    """The noun a day modifies ("a Sunday statement", "Saturday's raid") or the verb before "on
    <day>" ("said on Sunday") with the words of its clause before it; ("", "") for neither."""
    after = _NEXT_WORD.match(sentence, day.end())
    owned = after and after.group(0).startswith(("’s", "'s"))
    if after and (owned or _DETERMINED.search(sentence[: day.start()])) and after.group(1) not in _TIME_WORDS \
            and "NOUN" in readings(after.group(1)):
        return after.group(1), ""
    before = _WORD_BEFORE_ON.search(sentence[: day.start()])  # a verb's ("said on Sunday"), not a noun's:
    word = before.group(1) if before else ""  # "rang out across the capital on 9 September" is the shots' day
    if not word or "VERB" not in readings(word) or "NOUN" in readings(word):
        return "", ""
    clause = re.split(r"[,;:—–]|\b(?:that|which|who|and|but)\b", sentence[: before.start()])[-1]
    return word, clause


def _asked_words(question: str) -> set[str]:
    """The question's own lower-case content words, its words for a time aside."""
    words = re.findall(r"\b[a-z]+\b", question)
    return {w for w in words if w not in _TIME_WORDS and not is_stopword(w) and canonical_terms(w)}


def _related(word: str, asked: set[str]) -> bool:
    """Whether ``word`` is one of ``asked`` or kin to one (an operation to a raid)."""
    terms = canonical_terms(word)
    return bool(terms) and any(terms & (canonical_terms(a) | kin_terms(a)) or canonical_terms(a) & kin_terms(word)
                               for a in asked)
