"""Whether a capitalised name can be a person's, and a name without the titles before it."""

from __future__ import annotations

from functools import lru_cache

from rag.text import is_stopword, is_time_name, lexicon, readings, without_possessive
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
    titled = [i for i, w in enumerate(words[:-1]) if w.rstrip(".") in _titles()]
    return " ".join(words[titled[-1] + 1:]) if titled else name


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    return frozenset(t.rstrip(".") for t in lexicon()["title_words"])
