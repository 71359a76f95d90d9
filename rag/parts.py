"""Multi-part questions: the separate questions one sentence asks, each answered on its own."""

from __future__ import annotations

import re

from rag.overview import asks_overview
from rag.text import AUXILIARIES, CONTEXT_JOIN, PREPOSITIONS, WH_WORDS, canonical_terms, join_names, names_in

# Where a new question starts inside one: a wh-word (perhaps after a preposition: "at what
# time") after ", and", ";", a dash or "?"; after a bare comma only a wh-word and an auxiliary
# (", where did ..."; ", where the raid happened" is a relative clause); an auxiliary after ";"
# or "?", or after ", and" with a subject of its own (", and were any of its soldiers hurt?");
# "How many died and were wounded?" is one question.
_WH, _AUX = f"(?:{WH_WORDS})", f"(?:{AUXILIARIES})"
_PREP = rf"(?:(?:{PREPOSITIONS})\s+)?"
_INDIRECT = r"(?!\s+(?:it|he|she|they|we|you|i|this|that|there)\b)"  # "and how it happened": no question
_SPLIT = re.compile(
    rf"\s*(?:,?\s+and\s+|\s*[;—–]\s*|\s+-\s+)(?={_PREP}{_WH}\b{_INDIRECT})"
    rf"|\s*,\s+(?={_PREP}{_WH}\s+{_AUX}\b)"
    rf"|\s*,\s+and\s+(?={_AUX}\s+(?:any|the|there|it|its|he|she|they|his|her|their|(?-i:[A-Z])\w*)\b)"
    rf"|(?<=[?;])\s+(?=(?:and\s+)?{_PREP}(?:{_WH}|{_AUX})\b)",
    re.IGNORECASE)
# A short prepositional lead-in before the question word: "According to residents, who ...",
# "In 2015, how many ..."; not a subject ("El Mencho, who led the CJNG, was killed" states).
_HOW_MANY = re.compile(r"\s*,\s+(?=how\s+(?:many|much)\b)", re.IGNORECASE)  # ", how many died" after a question
_LEAD_IN = rf"(?:(?:according\s+to|{PREPOSITIONS})\s+[^,;:?—]{{1,40}},\s+)?"
_ASKS = re.compile(rf"^\W*(?:(?:and|but|so|also)\s+)?{_LEAD_IN}{_PREP}(?:{_WH}|{_AUX})\b", re.IGNORECASE)
_LEADING = re.compile(rf"^\W*(?:and\s+)?{_PREP}(?:{_WH}\s+)?(?:(?:many|much)\s+)?(?:{_AUX}\s+)?", re.IGNORECASE)
MIN_PART_WORDS = 3  # a shorter piece ("Where and when ...?") is not a question of its own


def asks(text: str) -> bool:
    """Whether ``text`` is worded as a question ("And why did it close?", "In how many
    attacks?"), not a statement or a fragment ("the wholesale market")."""
    return bool(_ASKS.match(text))


def question_parts(question: str) -> list[str]:
    """The questions ``question`` asks, in order; most questions are one part.

    A statement before the questions ("The White House named the town 'Talpalpa' — what
    is its real name, and how far is it?") is context: it is carried into every part; before a
    single question only its names are ("Sheinbaum posted on Facebook; where did she speak on
    Monday?" -> "where did she speak on Monday — Sheinbaum, Facebook?"), so its other words do
    not count against the sentence that answers. A later part that names no one also gets the
    first part's names (or what it asks about), so each part can be searched and answered alone.

    >>> question_parts("Who announced the raid, and how big was the reward for El Mencho?")
    ['Who announced the raid?', 'how big was the reward for El Mencho?']
    >>> question_parts("When did the woman arrive, and when did she leave?")
    ['When did the woman arrive?', 'when did she leave — the woman arrive?']
    >>> question_parts("How many died and were wounded?")
    ['How many died and were wounded?']
    """
    if asks_overview(question) and not asks_overview(question.split("?")[0]):  # "Who could take
        return [question.strip()]  # over? Give me an overview of the successors.": one overview
    pieces = [p.strip(" ,;—–-") for p in _SPLIT.split(question.strip()) if p.strip(" ,;—–-?")]
    pieces = [q for p in pieces for q in _how_many_parts(p)]
    context = [p for p in pieces if not asks(p)]
    asked = [p for p in pieces if asks(p)]
    if len(asked) == 1 and context and len(asked[0].split()) >= MIN_PART_WORDS \
            and not any(asks_overview(c) for c in context):  # not "Tell me about X; who led it?"
        names = [n for c in context for n in names_in(f" {c}") if canonical_terms(n)]  # "Salon said ...;"
        return [f"{asked[0].rstrip(' ?')}{CONTEXT_JOIN}{join_names(names)}?"] if names else [question]
    if len(asked) < 2 or any(len(p.split()) < MIN_PART_WORDS for p in asked):
        return [question]
    first = join_names(names_in(asked[0])) or _LEADING.sub("", asked[0]).strip(" ?")
    parts = []
    for number, part in enumerate(asked):
        part = part.rstrip(" ?")
        carried = [c.rstrip(" .?") for c in context]
        if number and first and not names_in(part):  # a part naming no one leans on the first
            carried.append(first)
        parts.append(f"{part}{CONTEXT_JOIN}{'; '.join(carried)}?" if carried else f"{part}?")
    return parts


def _how_many_parts(piece: str) -> list[str]:
    """``piece`` split before each ", how many/much …" when what comes before is a question of its
    own ("How big was the reward, how many died?"), not a lead-in ("According to Reuters, how many …")."""
    split = _HOW_MANY.split(piece)
    return split if len(split) > 1 and asks(split[0]) else [piece]


def follow_up_parts(query: str) -> list[str]:
    """The parts of a follow-up's rewrite (:func:`question_parts`), where the words it carried
    after the dash are never a part of their own ("how many of them were civilians — what's
    the overall death count so far?" is one question).

    >>> follow_up_parts("how many of them were civilians — what is the death toll?")
    ['how many of them were civilians — what is the death toll?']
    """
    if CONTEXT_JOIN not in query:  # a model's rewrite, or a pronoun's: a question of its own
        return question_parts(query)
    parts = question_parts(query.replace(CONTEXT_JOIN, _SHIELD, 1))
    if len(parts) < 2:
        return [query]
    carried = query.partition(CONTEXT_JOIN)[2].rstrip(" ?")  # each part is asked in its context
    return [p.replace(_SHIELD, CONTEXT_JOIN) if _SHIELD in p else f"{p.rstrip(' ?')}{CONTEXT_JOIN}{carried}?"
            for p in parts]


_SHIELD = " ~ "  # no place to split a question at
