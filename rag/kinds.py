"""Named kinds: the names a text gives things of the kind a "which" question asks for ("Which
airlines ...?": "Alaska Airlines"), and whether the answering sentences name any."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from rag.asked import without_names
from rag.events import event_in
from rag.people import nicknames_asked
from rag.places import place_names
from rag.text import (MONTHS, NAME_WORD, WEEKDAYS, canonical_terms, is_stopword, is_time_name,
                      later_names, lexicon, names_in, readings, without_possessive)
from rag.types import Passage, StoredSentence
from rag.wordnet import is_country, pertains_to

if TYPE_CHECKING:  # rag.drafts reads the answer types, which read this module
    from rag.drafts import Candidate

_NAME = NAME_WORD
_NOT_A_DETERMINER = r"(?!(?i:the|a|an|another|this|that|these|those|its|their|his|her|our)\b)"
_WHICH_NOUN = re.compile(r"\b(?i:which|what)\s+(?:[A-Z][A-Z.]+\s+)?([a-z]{3,})\b(?![’'-])")  # "which U.S. agency",
# not "which airline's flight" (nor "which Mexican airlines": of a people, which names seldom say)


def named_kind(question: str) -> str:
    """The kind of named thing a "which/what" question asks for ("Which airlines cancelled?" ->
    "airline"), from the lexicon's ``named_kinds``; empty for other questions."""
    kind = _WHICH_NOUN.search(question)
    noun = kind.group(1).lower() if kind else ""
    kind_of = singular(noun)  # "parties": party
    return kind_of if kind_of in lexicon()["named_kinds"] else ""


def singular(noun: str) -> str:
    """A plural's singular, as far as the kinds asked about need ("cities": "city")."""
    noun = noun.lower()
    return noun[:-3] + "y" if noun.endswith("ies") else noun.removesuffix("s")


def kind_names(question: str, text: str) -> frozenset[str]:
    """The names ``text`` gives things of the kind a "which" question asks for (:func:`named_kind`),
    and acronyms: "Alaska" of "Alaska Airlines", "Jalisco New Generation" and "CJNG" of "the Jalisco
    New Generation Cartel (CJNG)", "Civil" of "the Hospital Civil"; a sentence saying one of them
    names such a thing ("Alaska's first flight ..."), though it does not say the kind."""
    kind_of = named_kind(question)
    if not kind_of:
        return frozenset()
    asked = " ".join(names_in(question))  # not "El Mencho" of "the cartel El Mencho had led"
    return frozenset(n for n in names_of_kind(kind_of, text) if n not in asked)


def lacks_the_kind(asking: str, eligible: list[Candidate], passages: list[Passage], floor: float,
                   sentences: Sequence[StoredSentence] = ()) -> bool:
    """Whether a "which <named kind>" question ("Which airlines cancelled?") has no answer among
    ``eligible`` sentences none of which is exact (:func:`rag.prefer.exact_ones`): the best, and every
    other clearing ``floor`` that says the question's event, names nothing but the question's
    names and places (:func:`names_a_thing`; "Travelers said Volaris cancelled 30 flights" may
    name an airline); the best is read after the sentence before it (of ``sentences``) when it
    refers back ("The secretariat also confirmed …")."""
    if not named_kind(asking) or not eligible:
        return False
    known = _places(passages) | _surnames_asked(asking, passages)
    event = canonical_terms(event_in(asking))
    people = {n for p in passages for nick, surname in p.aliases.items() for n in (nick.title(), surname)}
    blank = f"{asking} {' and '.join(sorted(people))}"  # the stories' people by their nicknames: no airline
    text_of = {(x.doc_id, x.index): x.text for x in sentences}
    return not any(names_a_thing(text, blank, known) for at, c in enumerate(eligible)
                   if at == 0 or (c.score >= floor and event and event <= canonical_terms(c.sentence.text))
                   for text in (_with_antecedent(c, text_of) if at == 0 else [c.sentence.text]))


_REFERS_BACK = re.compile(r"^\W*(?:the|this|it|its|they|their)\b", re.I)  # "The secretariat also confirmed …"


def _with_antecedent(cand: Candidate, text_of: dict[tuple[str, int], str]) -> list[str]:
    """The candidate's sentence, and the one before it when it opens by referring back ("A
    statement from Mexico’s Secretariat of National Defense … The secretariat also …")."""
    before = text_of.get((cand.sentence.doc_id, cand.sentence.index - 1))
    return [before, cand.sentence.text] if before and _REFERS_BACK.match(cand.sentence.text) else [cand.sentence.text]


def _surnames_asked(asking: str, passages: list[Passage]) -> frozenset[str]:
    """The surnames the passages call the nicknames ``asking`` says by ("Oseguera" for "El
    Mencho"): the question's own people, by another name."""
    return frozenset(surname for p in passages for _, surname in nicknames_asked(asking, p.aliases))


def _places(passages: list[Passage]) -> frozenset[str]:
    """The names the passages place something in ("in Guadalajara")."""
    return frozenset().union(*(place_names(p.text) for p in passages))


def names_a_thing(sentence: str, question: str, known: frozenset[str]) -> bool:
    """Whether ``sentence`` gives a name that may be the thing a "which" question asks for: one
    the question does not name, and not one of the ``known`` others (the places the sources
    place things in: "namely Guadalajara and Puerto Vallarta" names no airline; the question's
    people by their surnames); "Soriana, FEMSA and Costco" may be companies."""
    blanked = without_names(sentence, question)
    first = re.match(rf"\W*({_NAME})", blanked)  # a sentence's first word is capitalised anyway: a name if
    opening = first.group(1) if first else ""  # no dictionary knows it ("Aeroméxico", "FEMSA said ...")
    names = [opening] if opening and not (readings(opening.lower()) or is_stopword(opening)) else []
    names += [name for name, _, is_placed in later_names(blanked) if not is_placed]
    return any(bare not in known and not is_time_name(bare) and "·" not in bare  # not "on Sunday", nor a
               and (not is_country(bare) or bare != name.rstrip(".,;:!?"))  # country: "U.S. authorities, who
               for name in names  # offered a reward" name no agency ("Mexico's central bank" may be a bank)
               for bare in [without_possessive(name.rstrip(".,;:!?"))])


def names_of_kind(kind: str, text: str) -> list[str]:
    """The names ``text`` gives things of ``kind``: before the kind's word ("Alaska Airlines",
    "the Jalisco New Generation Cartel (CJNG)" with its acronym), or after it ("the airline
    Aeroméxico", "the Hospital General de Zapopan"); not a people ("the Mexican airline"), nor a
    sentence's opening words a dictionary knows or a day ("On Sunday Alaska Airlines ...")."""
    word = f"{re.escape(kind[:-1])}(?:y|ies)" if kind.endswith("y") else f"{re.escape(kind)}s?"
    run = rf"{_NAME}(?:\s+(?:de\s+|del\s+|la\s+)?{_NAME})*"
    after = (rf"\b(?i:the)\s+(?:[\w’'-]+\s+)?(?i:{word})\s+(?:(?:de|del|de la)\s+)?"
             rf"((?!(?i:{WEEKDAYS}|{MONTHS})\b){run})")
    found = [m.group(1) for m in re.finditer(after, text)  # "the airline Aeroméxico", "the Hospital del
             if not (len(m.group(1).split()) == 1 and pertains_to(m.group(1)))]  # Carmen"; not "Mexican"
    for m in re.finditer(rf"\b{_NOT_A_DETERMINER}({run})\s+((?i:{word}))\b(?:\s+\((\w+)\))?", text):
        words = m.group(1).split()
        opening = m.start() == 0 or text[m.start() - 2:m.start()] in (". ", "! ", "? ")
        named = m.group(2)[:1].isupper()  # "United Airlines": the kind's word is of the name
        while words and (is_time_name(words[0]) or is_stopword(words[0])
                         or (opening and not named and readings(words[0].lower()))):
            words = words[1:]  # "On Sunday Alaska", "Rival cartels"
        if words and (named or not (len(words) == 1 and pertains_to(words[0]))):  # not "the Mexican airline"
            found += [" ".join(words), *([m.group(3)] if m.group(3) else [])]
    return found
