"""Typos in a question mended from the corpus: a word neither English nor indexed, one edit
from a word that is both ("suspnded" -> "suspended", "natonal" -> "national"); abbreviations spelled out."""

from __future__ import annotations

import re
import string
from typing import Callable

from rag.text import is_stopword, readings, stemmer

_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?![\w’'-])")  # lower case only: names are left alone
MAX_LETTERS = 25  # a longer "word" is no typo (and would have thousands of edits)


def respelled(question: str, frequency: Callable[[str], int], min_letters: int = 6,
              max_mended: int = 3) -> str:
    """``question`` with each typo replaced by the word one edit away (a deletion,
    transposition, replacement or insertion) that the dictionary knows and the corpus uses
    most (``frequency``: how many chunks hold a stemmed term).

    A word is no typo when it is shorter than ``min_letters`` ("cops", "feds"), when the
    dictionary knows it, when the index drops it (a stop word: "with") or holds it, or when a
    neighbouring word is unknown too ("guardia nacional" is Spanish, not two typos).
    Capitalised words (names) are never changed, and nothing is when more than
    ``max_mended`` words would be (more unknown words: another language, or no question).

    Own code rather than pyspellchecker or symspellpy: those count surface words, while the
    index keeps only stems, and a candidate must be a word lemminflect knows.

    Example:
        >>> respelled("which airlines suspnded flights?", {"suspend": 3, "flight": 9}.get)
        'which airlines suspended flights?'
    """
    question = _QUESTION_TYPO.sub(lambda m: _question_word(m, frequency), question)
    words = list(_WORD.finditer(question))
    unknown = [not _known(m.group(), frequency) for m in words]
    typos = [m for i, m in enumerate(words) if unknown[i] and min_letters <= len(m.group()) <= MAX_LETTERS
             and not (i and unknown[i - 1]) and not (i + 1 < len(words) and unknown[i + 1])]
    if not typos or len(typos) > max_mended:
        return question
    mended = {m.start(): _mend(m.group(), frequency) for m in typos}
    return _WORD.sub(lambda m: mended.get(m.start(), m.group()), question)


_QUESTION_WORDS = ("what", "when", "where", "which", "who", "whom", "whose", "why", "how")
# the first word of a question or of a clause after ";", a dash or "and": where a question word goes
_QUESTION_TYPO = re.compile(r"(?:^|(?<=[?;:—–])|(?<=\band))(?P<space>\W*)(?P<word>(?i:w[a-z]{1,5}|h[a-z]{1,3}))"
                            r"(?![\w’'-])")


def _question_word(match: re.Match[str], frequency: Callable[[str], int]) -> str:
    """A question word typed with a letter missing, doubled, swapped or wrong ("wat", "wher",
    "hw", "waht") where a question word goes, as that word, in the case typed; short words the
    corpus would not mend (:func:`_mend` reads words of ``min_letters`` or more). A letter
    left out is the likeliest slip, so "wher" is "where", not "when"; a word the dictionary
    or the corpus knows stays ("wen", "hoe", "Ho"), and so does a slip two words are one
    edit from ("hwo": how or who?)."""
    typed = match["word"]
    word = typed.lower()
    if word in _QUESTION_WORDS or _known(word, frequency):
        return match.group()
    for edits in (_inserts(word), _transposes(word), _replaces(word) | _deletes(word)):
        hits = [w for w in _QUESTION_WORDS if w in edits]
        if len(hits) > 1:
            break
        if hits:
            return match["space"] + (hits[0].capitalize() if typed[0].isupper() else hits[0])
    return match.group()


def _known(word: str, frequency: Callable[[str], int]) -> bool:
    return bool(readings(word)) or is_stopword(word) or bool(frequency(stemmer().stemWord(word)))


def _mend(word: str, frequency: Callable[[str], int]) -> str:
    """The English word one edit from ``word`` the corpus uses most, or ``word``."""
    from lemminflect import getAllLemmas  # not the cached readings(): hundreds of candidates

    counted = [(frequency(stemmer().stemWord(w)) or 0, w) for w in _edits(word) if getAllLemmas(w)]
    count, best = max(counted, default=(0, word))
    return best if count else word


def _edits(word: str) -> set[str]:
    """Every string one edit from ``word``."""
    return (_deletes(word) | _transposes(word) | _replaces(word) | _inserts(word)) - {word}


def _splits(word: str) -> list[tuple[str, str]]:
    return [(word[:i], word[i:]) for i in range(len(word) + 1)]


def _deletes(word: str) -> set[str]:
    return {a + b[1:] for a, b in _splits(word) if b}


def _transposes(word: str) -> set[str]:
    return {a + b[1] + b[0] + b[2:] for a, b in _splits(word) if len(b) > 1}


def _replaces(word: str) -> set[str]:
    return {a + c + b[1:] for a, b in _splits(word) if b for c in string.ascii_lowercase}


def _inserts(word: str) -> set[str]:
    return {a + c + b for a, b in _splits(word) for c in string.ascii_lowercase}


# Abbreviations typed for common words, spelled out so the sources' words are found ("state dept")
_ABBREVIATED = {"dept": "department", "depts": "departments", "govt": "government", "gov't": "government",
                "gov’t": "government", "intl": "international", "natl": "national", "approx": "approximately",
                "hrs": "hours", "mins": "minutes", "yrs": "years"}
_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(re.escape(a) for a in _ABBREVIATED)})\b(?!\.\w)(?:\.(?=\s+[a-z]))?",
                           re.IGNORECASE)  # "hrs. did": its full stop too


def spelled_out(question: str) -> str:
    """``question`` with lower-case abbreviations of common words spelled out ("the state dept" ->
    "the state department"); a capitalised one may be a name ("Admin Corp.") and is kept.

    >>> spelled_out("what did the state dept tell americans")
    'what did the state department tell americans'
    """
    return _ABBREVIATION.sub(lambda m: _ABBREVIATED[m.group().rstrip(".").lower()] if m.group().islower()
                             else m.group(), question)
