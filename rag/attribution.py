"""Whose figure or words the earlier answer gave: a follow-up such as "Who gave that number?"."""

from __future__ import annotations

import re
from typing import Sequence

from rag.speakers import PRONOUNS, speaker_of

_FIGURE = (r"(?:number|numbers|figure|figures|estimate|estimates|toll|count|tally|total|totals|claim|claims|"
           r"statistic|statistics|stats|data|statement|report)")
_THESE = r"(?:that|this|those|these|the)"
_SAID = r"(?:said|says|reported|claimed|stated|confirmed|announced|revealed|disclosed|estimated|counted)"
_POINTED = rf"(?:(?:that|this)(?:\s+{_FIGURE})?|(?:those|these|the)\s+{_FIGURE})"  # "that", "those figures"
_GAVE = (r"(?:gave|released|published|issued|provided|made|compiled|came\s+up\s+with|put\s+out|"
         r"put\s+together|(?:is|was|[’']s)\s+behind|(?:is|was|[’']s)\s+the\s+source\s+(?:of|for))")
# "Who gave that number?", "who put those figures out?", "Who said that?", "Says who?", "According to
# whom?", "Where do those figures come from?", "What's your source?", "Which outlet reported that?";
# not a deed ("Who made that?", "Who was behind those attacks?", "Where did it come from?") nor a
# new question ("Who said the cartel was finished?")
_ASKS = re.compile(
    r"^\W*(?:(?:and|so|but|ok(?:ay)?|wait)\W+)?(?:"
    rf"(?:who|which\s+(?:outlet|source|agency|paper|newspaper|official|officials))(?:[’']s|\s+(?:first|originally|"
    rf"actually))?\s*(?:{_SAID}(?:\s+(?:that|this|so|it)|\s+{_THESE}\s+{_FIGURE})?"
    rf"|{_GAVE}\s+{_THESE}\s+{_FIGURE}|put\s+{_THESE}\s+{_FIGURE}\s+out|says?(?:\s+so)?)"
    r"|says\s+who|according\s+to\s+who(?:m)?(?:\s+(?:is|was)\s+that)?"
    rf"|where(?:[’']d|\s+(?:did|does|do))\s+{_POINTED}\s+come\s+from"
    rf"|(?:what|who)(?:\s+is|\s+was|[’']s)\s+(?:the|your)\s+source(?:\s+(?:of|for)\s+(?:it|{_POINTED}))?"
    r")\s*[?.!]*\s*$", re.IGNORECASE)
_BARE = re.compile(r"^(?:[Tt]he|[Ii]ts|[Tt]heir)\s+([a-z]+)(?:\s+([a-z]+))?$")  # "The secretariat", not "The Pentagon"


def asks_source(question: str) -> bool:
    """Whether ``question`` asks whose figure or words the earlier answer gave.

    Example:
        >>> asks_source("Who gave that number?"), asks_source("Who was behind those attacks?")
        (True, False)
    """
    return bool(_ASKS.match(question))


def quoted_for_source(sentence: str, before: Sequence[str | None]) -> list[int] | None:
    """Which sentences tell whose ``sentence`` is: ``[0]`` when it says so ("FEMSA said …",
    "…, according to the Associated Press", "…, officials said"); when it only calls them "the
    secretariat", the nearest of ``before`` (the sentences before it, nearest first; None past
    a gap) that gives the name ("Mexico's Secretariat of National Defense"), then 0 (``[1,
    0]``). None when it says no one, or only "she" (whom a pronoun stands for is not guessed),
    or the name is not at hand."""
    speaker = speaker_of(sentence)
    if not speaker or speaker.lower() in PRONOUNS:
        return None
    bare = _BARE.match(speaker)
    if not bare:
        return [0]
    noun = (bare.group(2) or bare.group(1)).capitalize()
    for k, earlier in enumerate(before, start=1):
        if earlier is None:
            return None
        if re.search(rf"\b{re.escape(noun)}\b", earlier):  # "Secretariat of National Defense"
            return [k, 0]
    return None

