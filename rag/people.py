"""Whether a capitalised name can be a person's, a name without the titles before it, and the
surnames a story gives nicknames."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from rag.text import (NAME_WORD, NICKNAME, canonical_terms, is_stopword, is_time_name, lexicon, readings,
                      without_possessive)
from rag.wordnet import names_no_one


def is_person_like(name: str) -> bool:
    """Whether ``name`` (titles and trailing punctuation aside) can be a person's: a word no
    dictionary knows ("Leavitt", "Mr. Rubio"), not a run of common words ("White House",
    "General Motors", "Trump" alone), a word WordNet knows as a place, number or people but
    never a person ("Mexico", "Six", "Mexican"), an abbreviation ("U.S."), an organisation
    or a day or month ("Monday")."""
    bare = without_possessive(name.rstrip(".,;:"))
    words = untitled(bare).split()
    if not words or is_time_name(words[0]):
        return False
    titled = len(words) < len(bare.split())  # "Mr. Toledo" is a person, whatever else Toledo is
    organisations = set(lexicon()["organisation_words"])
    return (not any(w in organisations or "." in w or w.isupper() for w in words)
            and any(not readings(w.lower()) and not is_stopword(w) and (titled or not names_no_one(w))
                    for w in words if w[:1].isupper()))


def untitled(name: str) -> str:
    """``name`` without the titles before it ("Mr. Rubio" -> "Rubio", "White House Press
    Secretary Karoline Leavitt" -> "Karoline Leavitt")."""
    words = name.split()
    titled = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in title_words()]
    return " ".join(words[titled[-1] + 1:]) if titled else name


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """The lexicon's titles before a name ("Secretary", "Gen."), without their full stops."""
    return frozenset(t.rstrip(".") for t in lexicon()["title_words"])


def learn_aliases(text: str) -> dict[str, str]:
    """Quoted nicknames (lower case) -> the surname ``text`` writes after them in a full name
    (Nemesio "El Mencho" Oseguera Cervantes: "el mencho" -> "Oseguera"), as a news story names
    a person in full once and by surname after. A nickname given two surnames is left out, and
    so is a surname that is an English word or written in capitals (a headline, a byline).

    Example:
        >>> learn_aliases('Nemesio "El Mencho" Oseguera Cervantes died. Oseguera was 59.')
        {'el mencho': 'Oseguera'}
    """
    found: dict[str, set[str]] = {}
    for match in _IN_FULL.finditer(text):
        surname = without_possessive(match["surname"])
        if not readings(surname.lower()) and not surname.isupper():  # not a headline's "Cartel Boss"
            found.setdefault(match["nick"][1:-1].lower(), set()).add(surname)
    return {nick: next(iter(surnames)) for nick, surnames in found.items() if len(surnames) == 1}


_IN_FULL = re.compile(rf"\b{NAME_WORD}\s+(?P<nick>{NICKNAME})\s+(?P<surname>{NAME_WORD})")


def nicknames_asked(question: str, aliases: Mapping[str, str]) -> list[tuple[str, str]]:
    """The (nickname, surname) pairs of ``aliases`` (:func:`learn_aliases`) whose nickname
    ``question`` says ("El Mencho" of "Where was El Mencho born?")."""
    asked = question.lower()
    return [(nick, surname) for nick, surname in aliases.items()
            if re.search(rf"(?<!\w){re.escape(nick)}(?!\w)", asked)]


def nickname_terms(question: str, aliases: Mapping[str, str], text: str) -> set[str]:
    """The terms of each nickname ``question`` says whose surname ``text`` says alone, in a
    document whose ``aliases`` give the nickname that surname (Nemesio "El Mencho" Oseguera
    Cervantes: a later "Oseguera" is El Mencho; "his son Rubén Oseguera González" is not)."""
    return {t for nick, surname in nicknames_asked(question, aliases) if _alone(surname, text)
            for t in canonical_terms(nick)}


def _alone(surname: str, text: str) -> bool:
    """Whether ``text`` says ``surname`` with no capitalised word before it (a given name)."""
    return any(not re.search(r"[A-ZÁÉÍÓÚÑ][\w’'-]*\s+$", text[: m.start()])
               for m in re.finditer(rf"\b{re.escape(surname)}\b", text))
