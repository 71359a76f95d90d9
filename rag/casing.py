"""Names a question types in lower case ("el mencho", "guadalajara") given the capitals the
corpus writes them with, so that a question typed in lower case is read like one typed with them.

Learned at index time from the chunks: a name is what the corpus capitalises in mid-sentence
and never writes in lower case. A single word must also be unknown to the dictionary
("march", "pentagon", "us" are words as well); a run of two or three capitalised words ("South
Korea", "National Guard") counts as one name when the corpus never writes the run in lower case.
No list of names: the documents say which words are names.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from rag.text import readings, without_possessive

MAX_WORDS = 4  # the longest run of words recased as one name
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_CAPITAL = r"[A-ZÁÉÍÓÚÑÜ][\w’'-]*"
# capitalised words one space apart after a word or comma: not opening a sentence, quote or line
_CAPITAL_RUN = re.compile(rf"(?<=[\w,] ){_CAPITAL}(?: {_CAPITAL}){{0,{MAX_WORDS - 1}}}")
_LOWER = r"(?<![\w’'-])[a-zà-ÿ][\w’'-]*"
_LOWER_WORD = re.compile(_LOWER)
_LOWER_PAIR = re.compile(rf"(?=({_LOWER} [a-zà-ÿ][\w’'-]*))")  # every pair, overlapping


def learn(texts: Sequence[str]) -> dict[str, str]:
    """Lower-case names (one to :data:`MAX_WORDS` words) -> how the corpus writes them.

    Regular expressions do the reading (an archive's chunks are read again at every ingest);
    a run counts as written in lower case when each pair of its words is.

    Example:
        >>> learn(["Troops reached Tapalpa. In Tapalpa the South Korea match was off.", "south of it"])
        {'tapalpa': 'Tapalpa', 'south korea': 'South Korea', 'korea': 'Korea'}
    """
    written: dict[str, str] = {}
    for text in texts:
        for run in _CAPITAL_RUN.findall(text):
            words = [without_possessive(w) for w in run.split(" ")]
            for n in range(len(words), 0, -1):
                for at in range(len(words) - n + 1):
                    phrase = " ".join(words[at:at + n])
                    written.setdefault(phrase.lower(), phrase)
    pairs = {pair for key in written for pair in _pairs(key)}
    lower_words: set[str] = set()
    lower_pairs: set[str] = set()
    for text in texts:
        lower_words.update(w for w in _LOWER_WORD.findall(text) if w in written)
        lower_pairs.update(p for p in _LOWER_PAIR.findall(text) if p in pairs)
    return {key: phrase for key, phrase in written.items()
            if (" " in key and not all(p in lower_pairs for p in _pairs(key)))
            or (" " not in key and key not in lower_words and not readings(key))}


def _pairs(key: str) -> list[str]:
    words = key.split(" ")
    return [f"{a} {b}" for a, b in zip(words, words[1:])]


def recased(question: str, casing: Mapping[str, str]) -> str:
    """``question`` with each name it types in lower case written as the corpus writes it,
    the longest run first ("what date is mexico vs south korea" -> "what date is Mexico vs
    South Korea"); words already capitalised are left as typed.

    Example:
        >>> recased("where was el mencho born", {"el mencho": "El Mencho", "mencho": "Mencho"})
        'where was El Mencho born'
    """
    if not casing:
        return question
    words = list(_WORD.finditer(question))
    out, last, at = [], 0, 0
    while at < len(words):
        for n in range(min(MAX_WORDS, len(words) - at), 0, -1):
            run = words[at:at + n]
            typed = question[run[0].start():run[-1].end()]
            bare = without_possessive(typed)
            if typed.islower() and " ".join(bare.split()) in casing and _single_spaced(run, question):
                out += [question[last:run[0].start()], casing[" ".join(bare.split())], typed[len(bare):]]
                last, at = run[-1].end(), at + n
                break
        else:
            at += 1
    return "".join(out) + question[last:]


def _single_spaced(run: list[re.Match[str]], text: str) -> bool:
    """Whether the words of ``run`` follow one another with a space only ("south korea", not
    "south, korea")."""
    return all(text[a.end():b.start()] == " " for a, b in zip(run, run[1:]))
