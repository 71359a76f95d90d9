"""Whose figure or words the earlier answer gave: a follow-up such as "Who gave that number?"."""

from __future__ import annotations

import re
from typing import Sequence

from rag.speakers import speaker_of

_FIGURE = (r"(?:number|numbers|figure|figures|estimate|estimates|toll|count|tally|total|totals|claim|"
           r"statistic|statistics|stats|data|information|info)")
_THAT = r"(?:that|this|those|these|the|it)"
_GAVE = (r"(?:gave|give|gives|said|says|reported|reports|released|published|announced|estimated|counted|confirmed|"
         r"stated|claimed|revealed|disclosed|"
         r"compiled|issued|provided|made|came\s+up\s+with|come\s+up\s+with|put\s+out|put\s+together)")
# "Who gave that number?", "who put those figures out?", "Says who?", "According to whom?", "Where
# did that figure come from?", "What's the source for that?"; not "Who was behind those attacks?"
# (a deed, not a figure) nor "Who said the cartel was finished?" (a new question)
_ASKS = re.compile(
    r"^\W*(?:(?:and|so|but|ok(?:ay)?|wait)\W+)?(?:"
    rf"who\s+(?:(?:first|originally|actually)\s+)?(?:{_GAVE}\s+{_THAT}(?:\s+{_FIGURE})?"
    rf"|put\s+{_THAT}(?:\s+{_FIGURE})?\s+out|(?:is|was|'s|’s)\s+(?:behind|the\s+source\s+(?:of|for))\s+{_THAT}"
    rf"\s+{_FIGURE}|says?\s+so|(?:did|does)\s+{_THAT}(?:\s+{_FIGURE})?\s+come\s+from)"
    r"|says\s+who|according\s+to\s+who(?:m)?(?:\s+(?:is|was)\s+that)?"
    rf"|where\s+(?:did|does)\s+{_THAT}(?:\s+{_FIGURE})?\s+come\s+from"
    rf"|(?:what|who)(?:\s+is|\s+was|'s|’s)\s+the\s+source(?:\s+(?:of|for)\s+{_THAT}(?:\s+{_FIGURE})?)?"
    r")\s*[?.!]*\s*$", re.IGNORECASE)
_PRONOUN = frozenset("she he they it".split())
_BARE = re.compile(r"^(?:the|its|their)\s+([a-z]+)(?:\s+([a-z]+))?$", re.IGNORECASE)  # "The secretariat"


def asks_source(question: str) -> bool:
    """Whether ``question`` asks whose figure or words the earlier answer gave.

    Example:
        >>> asks_source("Who gave that number?"), asks_source("Who was behind those attacks?")
        (True, False)
    """
    return bool(_ASKS.match(question))


def quoted_for_source(sentence: str, before: Sequence[str | None]) -> list[int] | None:
    """Which sentences tell whose ``sentence`` is: ``[0]`` when it names them ("FEMSA said …",
    "…, according to the Associated Press"); the nearest of ``before`` (the sentences before it,
    nearest first; None past a gap) that names whom it only calls "the secretariat" or "she",
    or that says who spoke when it says no one, then 0 (``[1, 0]``); None when none does."""
    speaker = speaker_of(sentence)
    lean = _leans_on(speaker)
    if speaker and lean is None:
        return [0]
    for k, earlier in enumerate(before, start=1):
        if earlier is None:
            return None
        if lean and re.search(rf"\b{re.escape(lean.capitalize())}\b", earlier):  # "Secretariat of National Defense"
            return [k, 0]
        named = speaker_of(earlier)
        if named and _leans_on(named) is None:
            return [k, 0]
    return None


def _leans_on(speaker: str) -> str | None:
    """The noun a speaker that is no name leans on ("secretariat" of "The secretariat"), "" for a
    pronoun; None for a name ("Omar García Harfuch", "the Associated Press")."""
    if speaker.lower() in _PRONOUN:
        return ""
    bare = _BARE.match(speaker)
    if bare:
        return bare.group(2) or bare.group(1)
    return None
