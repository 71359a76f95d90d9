"""Names a question types in lower case ("el mencho", "guadalajara") given the capitals the
corpus writes them with, so that a question typed in lower case is read like one typed with them.

Learned at index time from the chunks: a name is what the corpus capitalises in mid-sentence
and never writes in lower case. A single word must also be unknown to the dictionary
("march", "pentagon", "us" are words as well); a run of capitalised words ("South Korea",
"National Guard") counts as one name when the corpus never writes the run in lower case.
No list of names: the documents say which words are names.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Mapping, Sequence

from rag.text import fold_accents, readings, without_possessive
from rag.wordnet import proper_name

VERSION = 4  # of what :func:`learn` learns: an index's names saved by another version are learned again
MAX_WORDS = 4  # the longest run of words recased as one name
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_CAPITAL = r"[A-ZÁÉÍÓÚÑÜ][\w’'-]*"
# capitalised words one space apart after a word or comma: not opening a sentence, quote or line
_CAPITAL_RUN = re.compile(rf"(?<=[\w,] ){_CAPITAL}(?: {_CAPITAL}){{0,{MAX_WORDS - 1}}}")
_LOWER = r"(?<![\w’'-])[a-zà-ÿ][\w’'-]*"
_LOWER_WORD = re.compile(_LOWER)
_LOWER_PAIR = re.compile(rf"(?=({_LOWER} [a-zà-ÿ][\w’'-]*))")  # every pair, overlapping


def learn(texts: Sequence[str]) -> dict[str, str]:
    """Lower-case names -> how the corpus writes them: single words, and whole runs of
    capitalised words (not their pieces) that hold a word unknown to the dictionary or come
    back at least twice. A run loses the stop words at its ends and is no name with one inside
    ("Stay In Jalisco" of a headline), nor with a one-letter word ("U" of "U.S."); a spelling in
    capitals ("GUADALAJARA" of a dateline) gives way to another and is not kept alone. A name
    is also found typed without its accents ("michoacan"), unless that is a word.

    Regular expressions do the reading (an archive's chunks are read again at every ingest);
    a run counts as written in lower case when each pair of its words is.

    Example:
        >>> learn(["Troops reached Tapalpa. In Tapalpa the South Korea match was off.", "south of it"])
        {'tapalpa': 'Tapalpa', 'korea': 'Korea', 'south korea': 'South Korea'}
        >>> learn(["Gunmen reached Michoacán."])
        {'michoacan': 'Michoacán', 'michoacán': 'Michoacán'}
    """
    written: dict[str, str] = {}
    runs: Counter[str] = Counter()
    for text in texts:
        for run in _CAPITAL_RUN.findall(text):
            words = _trimmed([without_possessive(w) for w in run.split(" ")])
            whole = len(words) > 1 and not any(w.lower() in _stop() for w in words)  # not "Stay In Jalisco" of a headline
            for phrase in [*words, " ".join(words)] if whole else words:
                key = phrase.lower()
                if key not in written or _shouted(written[key]) and not _shouted(phrase):
                    written[key] = phrase
            if whole:
                runs[" ".join(words).lower()] += 1
    pairs = {pair for key in runs for pair in _pairs(key)}
    lower_words: set[str] = set()
    lower_pairs: set[str] = set()
    for text in texts:
        lower_words.update(w for w in _LOWER_WORD.findall(text) if w in written)
        lower_pairs.update(p for p in _LOWER_PAIR.findall(text) if p in pairs)
    names = {key: phrase for key, phrase in written.items() if not (_shouted(phrase) and " " in key) and (
        (key in runs and (runs[key] > 1 or any(not readings(w) for w in key.split()))
         and not all(p in lower_pairs for p in _pairs(key)))
        or (" " not in key and key not in lower_words and not readings(key)))}
    unaccented: dict[str, set[str]] = {}  # "michoacan", typed without them
    for key, phrase in names.items():
        unaccented.setdefault(fold_accents(key), set()).add(phrase)
    return {**{key: next(iter(phrases)) for key, phrases in unaccented.items()  # one name only: "pena"
               if len(phrases) == 1 and not readings(key)}, **names}  # of "Pená" and "Peña" is neither


def _trimmed(words: list[str]) -> list[str]:
    """A run's words without stop words at its ends ("In", "As"); none with a one-letter word."""
    if any(len(w) < 2 for w in words):
        return []
    while words and words[0].lower() in _stop():
        words = words[1:]
    while words and words[-1].lower() in _stop():
        words = words[:-1]
    return words


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    """The keyword index's stop words, as a set: read for every word of every run."""
    from bm25s.stopwords import STOPWORDS_EN  # imported with the keyword index, not before

    return frozenset(STOPWORDS_EN)


def _shouted(phrase: str) -> bool:
    """Whether ``phrase`` is words written in capitals, as in a byline ("MARÍA VERZA"; not an
    acronym: "CJNG", "CONCACAF"), or a spelling another may replace ("GUADALAJARA")."""
    return any(len(w) > 4 and w.isupper() for w in phrase.split())


def _pairs(key: str) -> list[str]:
    words = key.split(" ")
    return [f"{a} {b}" for a, b in zip(words, words[1:])]


def recased(question: str, casing: Mapping[str, str]) -> str:
    """``question`` with each name it types in lower case written as the corpus writes it,
    the longest run first ("what date is mexico vs south korea" -> "what date is Mexico vs
    South Korea"), else as WordNet writes a word it knows only as a name ("canada"); words
    already capitalised are left as typed.

    Example:
        >>> recased("where was el mencho born", {"el mencho": "El Mencho", "mencho": "Mencho"})
        'where was El Mencho born'
    """
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
            typed = words[at].group()
            bare = without_possessive(typed)
            if typed.islower() and not readings(bare) and (name := proper_name(bare)):  # "canada", which
                out += [question[last:words[at].start()], name, typed[len(bare):]]  # no document names
                last = words[at].end()
            at += 1
    return "".join(out) + question[last:]


def _single_spaced(run: list[re.Match[str]], text: str) -> bool:
    """Whether the words of ``run`` follow one another with a space only ("south korea", not
    "south, korea")."""
    return all(text[a.end():b.start()] == " " for a, b in zip(run, run[1:]))
