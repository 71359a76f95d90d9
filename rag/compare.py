"""Comparison follow-ups ("Did Reuters give the same number?"): the earlier question asked again."""

from __future__ import annotations

import re

from rag.text import AUXILIARIES, CONTEXT_JOIN, NAME_WORD, names_in, without_possessive

# A yes/no question about sameness or agreement: "Did Reuters come up with the same number?",
# "Does everyone agree on that?", "Do other reports match?"; not "Who agreed to the deal?",
# "Was the same tactic used before?" (a same thing that does something), "Was the match played?"
_COMPARES = re.compile(
    rf"^\W*(?:(?:and|but|so)\s+)?(?:{AUXILIARIES})\b[^?]*?(?:\bthe\s+same(?:\s+[a-z]+)?\s*(?:\?|$|as\b)|"
    r"\b(?:agree[sd]?|disagree[sd]?|differ(?:s|ed)?|match(?:es|ed)|consistent|contradict(?:s|ed)?|"
    r"dispute[sd]?)\b|\bmatch\s*\?*\s*$)", re.IGNORECASE)
_LEAD = re.compile(r"^\W*(?:and|but|so|also)\s+", re.IGNORECASE)
# Who the earlier question took its answer from: "According to X, ...", "..., according to X?"
_ACCORDING_LEAD = re.compile(r"^\s*according\s+to\s+[^,?]+,\s*", re.IGNORECASE)
_ACCORDING_TAIL = re.compile(r",?\s+according\s+to\s+[^,?]+(?=\?*\s*$)", re.IGNORECASE)
# "... did the Associated Press give ...": a named subject after the auxiliary
_NAMED_SUBJECT = re.compile(
    rf"\b(?P<aux>{AUXILIARIES})\s+(?P<subject>(?:the\s+)?{NAME_WORD}(?:\s+(?:of\s+)?{NAME_WORD})*)"
    r"(?=\s+[a-z])")


def compares(question: str) -> bool:
    """Whether ``question`` asks if a source, or everyone, says the same as the earlier answer.

    Example:
        >>> compares("Did Reuters come up with the same number?"), compares("Who agreed?")
        (True, False)
    """
    return bool(_COMPARES.match(question))


def asked_again(question: str, previous: str) -> str:
    """The earlier question (``previous``: its search, a follow-up's carried words left out)
    asked of the source ``question`` names, or of no source in particular ("Does everyone
    agree on that?"); empty when ``question`` is no comparison.

    Example:
        >>> asked_again("Did Reuters come up with the same number?",
        ...             "What death toll did the Associated Press give?")
        'What death toll did Reuters give?'
        >>> asked_again("Does everyone agree on that?", "According to the army, who fired first?")
        'Who fired first?'
    """
    if not compares(question) or not previous:
        return ""
    earlier = _LEAD.sub("", previous.partition(CONTEXT_JOIN)[0]).strip()
    source = next((n for n in names_in(question) if without_possessive(n) not in earlier), "")
    unattributed = _ACCORDING_TAIL.sub("", _ACCORDING_LEAD.sub("", earlier))
    if source:
        subject = _NAMED_SUBJECT.search(unattributed)
        if subject:
            unattributed = (f"{unattributed[:subject.start('subject')]}{source}"
                            f"{unattributed[subject.end('subject'):]}")
        elif unattributed == earlier:
            unattributed = f"{earlier.rstrip(' ?')}, according to {source}?"
        else:
            unattributed = f"{unattributed.rstrip(' ?')}, according to {source}?"
    asked = unattributed.strip()
    return f"{asked[:1].upper()}{asked[1:].rstrip(' ?')}?"
