"""Typos in a question mended from the corpus: a word neither English nor indexed, one edit
from a word that is both ("suspnded" -> "suspended", "citys" -> "city")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from rag.text import is_stopword, readings, stemmer

_WORD = re.compile(r"(?<![\w’'-])[a-z]{4,}(?![\w’'-])")  # lower case only: names are left alone
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def respelled(question: str, frequency: Callable[[str], int]) -> str:
    """``question`` with each typo replaced by the word one edit away (a deletion,
    transposition, replacement or insertion) that the dictionary knows and the corpus uses
    most (``frequency``: how many chunks hold a stemmed term). A word of four letters or more
    that the dictionary knows, the index drops (a stop word: "with") or the corpus holds is no
    typo; capitalised words (names) and short words are never changed.

    Norvig's corrector with the indexed documents as its word counts: a general-purpose word
    list would "mend" rare words of the news into common ones.

    Example:
        >>> respelled("which airlines suspnded flights?", {"suspend": 3, "flight": 9}.get)
        'which airlines suspended flights?'
    """
    def mend(match: re.Match[str]) -> str:
        word = match.group()
        if readings(word) or is_stopword(word) or _count(word, frequency):
            return word  # "with" is in no dictionary entry, and the index drops it
        known = [w for w in _edits(word) if readings(w)]  # dictionary lookups first: cheap
        best = max(known, key=lambda w: (_count(w, frequency), w), default="")
        return best if best and _count(best, frequency) else word
    return _WORD.sub(mend, question)


def _count(word: str, frequency: Callable[[str], int]) -> int:
    return frequency(_stem(word)) or 0


@lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    return stemmer().stemWord  # the BM25 index's own stemmer: its terms are these stems


def _stem(word: str) -> str:
    return _stemmer()(word)


def _edits(word: str) -> set[str]:
    """Every string one edit from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    return set(deletes + transposes + replaces + inserts) - {word}
