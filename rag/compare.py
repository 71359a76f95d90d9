"""Comparison follow-ups ("Did Reuters give the same number?"): the earlier question asked again."""

from __future__ import annotations

import re

from rag.text import AUXILIARIES, CONTEXT_JOIN, NAME_WORD, lexicon, names_in, without_possessive

# A yes/no question whose end points back at the earlier answer: "Did Reuters come up with the
# same number?", "Did the AP report the same death toll?", "Does Reuters give a different
# number?", "Does everyone agree on that?", "Does the AP agree with Reuters?", "Do other
# reports match?". Not a new question with an object of its own: "Did Mexico agree to a
# security plan?", "Does the government dispute the report?", "Was the same tactic used before?".
_BACK = rf"(?:\s+(?:on|about|with)?\s*(?:that|this|it|them|those|each\s+other|(?:the\s+)?(?-i:{NAME_WORD}(?:\s+{NAME_WORD})*)))?"
_COMPARES = re.compile(
    rf"^\W*(?:(?:and|but|so)\s+)?(?:{AUXILIARIES})\b[^?]*?"
    rf"(?:\b(?:the\s+same|a\s+different)(?:\s+[a-z-]+){{0,2}}(?:\s+as\b[^?]*)?"
    rf"|\b(?:agree[sd]?|disagree[sd]?|differ|match|dispute|contradict){_BACK}"
    rf"|\bconsistent(?:\s+with\b[^?]*)?)\s*\?*\s*$", re.IGNORECASE)
_LEAD = re.compile(r"^\W*(?:and|but|so|also)\s+", re.IGNORECASE)
# Who the earlier question took its answer from: "According to X, ...", "..., according to X?"
_ACCORDING_LEAD = re.compile(r"^\s*according\s+to\s+[^,?]+,\s*", re.IGNORECASE)
_ACCORDING_TAIL = re.compile(r",?\s+according\s+to\s+[^,?]+(?=\?*\s*$)", re.IGNORECASE)
# "... did the Associated Press give ...": a named subject after the auxiliary, then its verb
_NAMED_SUBJECT = re.compile(
    rf"\b(?:{AUXILIARIES})\s+(?P<subject>(?:the\s+)?{NAME_WORD}(?:\s+(?:of\s+)?{NAME_WORD})*)\s+(?P<verb>[a-z]+)")
_TALLYING = frozenset("give gave count put estimate record tally find found".split())  # as well as saying


def compares(question: str) -> bool:
    """Whether ``question`` asks if a source, or everyone, says the same as the earlier answer.

    Example:
        >>> compares("Did Reuters come up with the same number?"), compares("Did they agree to talks?")
        (True, False)
    """
    return bool(_COMPARES.match(question))


def asked_again(question: str, previous: str) -> str:
    """The earlier question (``previous``: its search, a follow-up's carried words left out)
    asked of the source ``question`` names, or of other sources when it names none ("Does
    everyone agree on that?"); empty when ``question`` is no comparison.

    The source takes the place of the earlier one where that one reports ("What death toll did
    the Associated Press give?"), else it is added ("When did El Mencho die, according to
    the AP?"); an "according to" of the earlier question goes.

    Example:
        >>> asked_again("Did Reuters come up with the same number?",
        ...             "What death toll did the Associated Press give?")
        'What death toll did Reuters give?'
        >>> asked_again("Does everyone agree on that?", "According to the army, who fired first?")
        'Who fired first?'
    """
    earlier = _LEAD.sub("", (previous or "").partition(CONTEXT_JOIN)[0]).strip()
    if not compares(question) or not re.search(r"\w", earlier):
        return ""
    source = next((without_possessive(n) for n in names_in(question)
                   if without_possessive(n) not in earlier), "")
    asked = _ACCORDING_TAIL.sub("", _ACCORDING_LEAD.sub("", earlier)).strip().rstrip(" ?")
    reporter = _NAMED_SUBJECT.search(asked)
    words = lexicon()
    if reporter and reporter["verb"] in set(words["reporting_verbs"]) | set(words["speech_verbs"]) | _TALLYING:
        asked = f"{asked[:reporter.start('subject')]}{source or 'other sources'}{asked[reporter.end('subject'):]}"
    elif source:
        asked = f"{asked}, according to {source}"
    return f"{asked[:1].upper()}{asked[1:]}?"
