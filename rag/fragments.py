"""A follow-up fragment asked in the place of part of the earlier question: "And by Monday?",
"And his sister?", "And Guanajuato?"."""

from __future__ import annotations

import re

from rag.answer_types import last_time_phrase
from rag.people import is_person_like
from rag.places import place_names
from rag.text import (CONTEXT_JOIN, LOCATIVES, NAME_WORD, NICKNAME, PREPOSITIONS, WH_WORDS, fold_accents, is_time_name,
                      names_in, readings, without_possessive)

_PREPOSITIONS = frozenset(PREPOSITIONS.split("|"))
_ALSO_REPLACED = frozenset({"about", "against"})  # "And about the cartel members?"
_FRAGMENT_PREPOSITIONS = _PREPOSITIONS | _ALSO_REPLACED
# "about a week later", "about 30 of them": an amount, not a topic
_AMOUNT = frozenset("a an one two three four five six seven eight nine ten half few several some".split())
_VERB_LAST = re.compile(rf"^\s*(?:(?:{WH_WORDS})\s+)?(?:did|does|do)\b", re.IGNORECASE)
_MODAL_FIRST = re.compile(r"^\W*(?:could|can|will|would|should|may|might|must)\b", re.I)  # its verb follows the subject
_PLACED_AT = re.compile(rf"\b(?:{LOCATIVES})\s+({NAME_WORD}(?:\s+(?:de\s+|del\s+)?{NAME_WORD}){{0,3}})")


def in_place_of(fragment: str, previous: str, carried: str, pronoun: bool = False, sources: str = "") -> str:
    """The earlier question with ``fragment`` in place of its phrase that starts with the same
    preposition, or added to it; else in place of a name both share ("And his sister?" after
    "Where is El Menchito now?") or of what that name owns ("And his daughter?" after "What
    happened to El Mencho's son?"); else carried like context. ``pronoun``: the fragment's
    names include one a pronoun became, so an "about" phrase is not replaced by it."""
    tail = f"{CONTEXT_JOIN}{carried.rstrip(' ?')}" if carried else ""
    if not fragment.split():  # "And  ?": nothing to put in place
        return f"{previous}{tail}?"
    preposition = fragment.split()[0].lower()
    if preposition in _PREPOSITIONS or (preposition in _ALSO_REPLACED and not pronoun and _names_a_topic(fragment)):
        spans = list(re.finditer(rf"\b{preposition}\s+(?:(?!\b(?:{PREPOSITIONS})\b)[^,;?—])+",
                                 previous, re.IGNORECASE))
        last = spans[-1] if spans else (last_time_phrase(previous) if last_time_phrase(fragment) else None)
        if last:
            return f"{previous[:last.start()]}{fragment} {previous[last.end():].lstrip()}".rstrip() + f"{tail}?"
        return f"{previous} {fragment}{tail}?"
    asked = _swap_name(fragment, previous) or _swap_place(fragment, previous, sources)
    return f"{asked}{tail}?" if asked else f"{fragment}{CONTEXT_JOIN}{previous}?"


def _swap_place(fragment: str, previous: str, sources: str) -> str:
    """``previous`` asked of the place ``fragment`` names alone, in place of the one name it is
    placed at ("And Guanajuato?" after "How many were in Jalisco?" -> "How many were in
    Guanajuato?"); empty when it places itself at none or several, or when the ``sources`` (the
    recent answers and their passages) place nothing in the fragment's name, accents and owners
    aside, and either say it otherwise or it may be a person's ("And Sheinbaum?", "And
    Aeromexico?")."""
    name = fragment.strip(" ?.!")
    if not re.fullmatch(rf"{NAME_WORD}(?:\s+(?:de\s+|del\s+)?{NAME_WORD}){{0,3}}", name) or is_time_name(name):
        return ""
    spans = [m for m in _PLACED_AT.finditer(previous) if not is_time_name(m.group(1).split()[0])]
    if len(spans) != 1:
        return ""
    placed = {fold_accents(without_possessive(p)) for p in place_names(sources)}
    if fold_accents(name) not in placed and (name in sources or is_person_like(name)):
        return ""  # "Sheinbaum", "Aeromexico": the sources put nothing there, or it may be someone
    return f"{previous[:spans[0].start(1)]}{name}{previous[spans[0].end(1):]}"


def _names_a_topic(fragment: str) -> bool:
    """Whether "about X" names what is asked about, not a time or an amount ("about a week
    later", "about 30 of them")."""
    words = fragment.split()
    return (len(words) > 1 and not last_time_phrase(fragment) and words[1].lower() not in _AMOUNT
            and not words[1][:1].isdigit())


def _swap_name(fragment: str, previous: str) -> str:
    """``previous`` asked of ``fragment`` instead, at the name both share: "El Menchito" ->
    "El Menchito's sister"; "El Mencho's son, "El Menchito"" -> "El Mencho's daughter" when
    the possessed noun ends its phrase (not "El Mencho's right-hand man"); empty when they
    share no name, or the fragment is a phrase ("about his son") that has no name's place."""
    if fragment.split()[0].lower() in _FRAGMENT_PREPOSITIONS:
        return ""
    for name in map(without_possessive, names_in(previous)):
        whole = rf"(?<!\w){re.escape(name)}(?!\w)"
        if name == without_possessive(fragment) or not re.search(whole, fragment):
            continue
        owned = re.search(rf"{whole}['’]s\s+[\w’'-]+(?:,?\s+{NICKNAME},?)?", previous)
        if not (owned and re.search(rf"{whole}['’]s\s+\w", fragment) and _ends_phrase(previous, owned.end())):
            owned = re.search(rf"(?:\bthe\s+)?{whole}", previous)
        return f"{previous[:owned.start()]}{fragment}{previous[owned.end():]}" if owned else ""
    return ""


def _ends_phrase(question: str, at: int) -> bool:
    """Whether the noun phrase ending at ``at`` ends there: not when a noun follows ("right-hand
    man"), unless the question's verb comes last ("What did Guzmán's father say?")."""
    following = question[at:].split()
    if not following:
        return True
    word = following[0].strip("?,.;").lower()
    found = readings(word)
    return ("NOUN" not in found or "ADV" in found or word in _PREPOSITIONS
            or bool(_VERB_LAST.match(question))
            or (bool(_MODAL_FIRST.match(question)) and word in found.get("VERB", ())))  # "could X's son take over"
