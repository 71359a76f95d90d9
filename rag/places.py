"""Whether a sentence says where: a place it names ("in Tapalpa", "to Mexico City’s airport") or
one a common noun names ("at the cabins"), WordNet saying which nouns are places."""

from __future__ import annotations

import re
from typing import Iterable

from rag.text import AUXILIARIES, LOCATIVES, MONTHS, NAME_WORD, PREPOSITIONS, WEEKDAYS, lexicon
from rag.wordnet import is_place

_NAME = NAME_WORD


def _alternatives(name: str) -> str:
    """A regex alternation of the lexicon's ``name`` list (its words matched literally)."""
    return "|".join(re.escape(word) for word in lexicon()[name])


_PLACE = re.compile(
    rf"\b(in|at|from|near|across|outside|inside|namely|including)\s+(the\s+)?(state of\s+)?{_NAME}|"
    # not an owner: "in response to El Mencho’s killing", "the head of Oseguera’s security"
    rf"\b(to|of)\s+(the\s+)?(state of\s+)?{_NAME}(?![\w’'-])(?!(?:\s+{_NAME})*(?<=[’']s)(?!\w))|"
    rf"\b(around|throughout|along|into|towards?|beyond)\s+(the\s+)?(?!(?i:{WEEKDAYS}|{MONTHS})\b){_NAME}|"
    rf"\b(north|south|east|west|centre|center)(-?(east|west))?(ern)?\s+of\s+(the\s+)?"
    rf"(state|country|city|region|border|capital|coast|{_NAME})|"
    # "Where did she post it?": a platform is where a statement was made
    rf"\b(on|via)\s+({_alternatives('platforms')})\b"
)

# "at the cabins", "in the pine forest around it": a place named by a common noun
_AT_THE = re.compile(r"\b(?:in|at|near|outside|inside|into|on|from|across|by|behind|beside)\s+"
                     r"(?:the|a|an|its|their|his|her|this|that)\s+([a-z-]+(?:\s+[a-z-]+){0,2})")
# "flown to Mexico City’s airport": an owner after "to" or "of" is a place when what it owns is
_OWNED_PLACE = re.compile(rf"\b(?:to|of)\s+(?:the\s+)?{_NAME}(?:\s+{_NAME})*[’']s\s+((?:[A-Za-z]+\s+){{0,2}}[A-Za-z]+)")


# a place named after a locative, and those listed with it ("in Jalisco, Michoacán and Colima")
_PLACES = re.compile(rf"\b(?:{LOCATIVES}|from)\s+(?:the\s+)?(?:state of\s+)?"
                     rf"({_NAME}(?:\s+{_NAME})*(?:(?:,\s+|,?\s+and\s+){_NAME}(?:\s+{_NAME})*)*)(?P<next>\s+[a-z]+)?")
_DOES = re.compile(rf"\s+(?!(?:and|or|as|than|{PREPOSITIONS}|{AUXILIARIES})\b)[a-z]+")
# the places a noun of places lists: "cities severely hit, namely Guadalajara and Puerto Vallarta"
_LISTING = re.compile(rf"\b(?:namely|including|such as)\s+({_NAME}(?:\s+{_NAME})*"
                      rf"(?:(?:,\s+|,?\s+and\s+){_NAME}(?:\s+{_NAME})*)*)")
_LISTED = re.compile(r",?\s+and\s+|,\s+")
_SENTENCE_END = re.compile(r"[.;:!?]")


def place_names(text: str) -> frozenset[str]:
    """The names ``text`` places something in ("Tapalpa" of "in Tapalpa", "in Jalisco, Michoacán
    and Colima"; not "in Jalisco, Volaris and Viva cancelled": a list followed by its verb), and
    those listed after a noun WordNet knows for places ("cities ..., namely Guadalajara and
    Puerto Vallarta"; not "carriers, including Volaris").

    Example:
        >>> sorted(place_names("Flights stopped in cities hit, namely Guadalajara and Puerto Vallarta."))
        ['Guadalajara', 'Puerto Vallarta']
        >>> sorted(place_names("After the violence in Jalisco, Volaris and Viva cancelled flights."))
        ['Jalisco']
        >>> sorted(place_names("Flights were cancelled in Jalisco, Michoacán, and Colima."))
        ['Colima', 'Jalisco', 'Michoacán']
    """
    placed = [m.group(1) if not (m["next"] and _DOES.fullmatch(m["next"])) else _LISTED.split(m.group(1))[0]
              for m in _PLACES.finditer(text)]  # "in Jalisco, Volaris and Viva cancelled": a list doing
    # something names what did it, not places
    listed = [m.group(1) for m in _LISTING.finditer(text)  # a noun of places shortly before the list
              if _any_place(re.findall(r"\b[a-z]+\b", _SENTENCE_END.split(text[max(0, m.start() - 60):m.start()])[-1]))]
    return frozenset(name.strip() for group in [*placed, *listed] for name in _LISTED.split(group))


def names_place(sentence: str) -> bool:
    """Whether ``sentence`` names a place ("in Tapalpa", "on Facebook"), or one owning a place
    ("to Mexico City’s airport", "Guadalajara's Civil Hospital"; not "to El Mencho’s killing")."""
    return bool(_PLACE.search(sentence)) or _any_place(m.group(1) for m in _OWNED_PLACE.finditer(sentence))


def says_common_place(sentence: str) -> bool:
    """Whether ``sentence`` says where with a common noun WordNet knows for a place."""
    return _any_place(m.group(1) for m in _AT_THE.finditer(sentence))


def _any_place(phrases: Iterable[str]) -> bool:
    """Whether a word of ``phrases`` is a noun whose commonest sense is a place."""
    from lemminflect import getLemma  # 0.1 s to import: only when a question needs it

    return any(is_place(lemma) for phrase in phrases for word in phrase.split()
               for lemma in getLemma(word.lower(), upos="NOUN", lemmatize_oov=False))
