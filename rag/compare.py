"""Comparison follow-ups ("Did Reuters give the same number?"): the earlier question asked again."""

from __future__ import annotations

import re

from rag.text import AUXILIARIES, CONTEXT_JOIN, NAME_WORD, names_in, without_possessive

# A yes/no question whose end points back at the earlier answer: a source that reports the same
# or a different figure ("Did Reuters come up with the same number?", "Did the AP say the
# same?", "Does Reuters give a different number?"), or sources in general that agree ("Does
# everyone agree on that?", "Do other reports match?", "Is that consistent with the AP?"). Not
# a new question: "Was it the same day?", "Did Sheinbaum agree with Trump?", "Did Mexico agree
# to a security plan?", "Does the government dispute the report?".
_REPORTS = r"(?:say|said|report|reported|give|gave|count|counted|put|estimate|estimated|find|found|record|recorded|" \
    r"publish|published|cite|cited|have|has|come\s+up\s+with|arrive\s+at|get|got)"
_SOURCES = r"(?:every(?:one|body)|any(?:one|body)|others|all|both|they|other\s+\w+|the\s+(?:other\s+)?" \
    r"(?:sources|reports|accounts|figures|numbers|outlets|media|papers|articles))"
_COMPARES = re.compile(
    rf"^\W*(?:(?:and|but|so)\s+)?(?:{AUXILIARIES})\b[^?]*?"
    rf"(?:\b{_REPORTS}\s+(?:the\s+same|a\s+different)(?:\s+[a-z-]+){{0,2}}(?:\s+as\b[^?]*)?"
    rf"|\s{_SOURCES}\s+(?:(?:also|all|really)\s+)?(?:agree|disagree|differ|match|dispute|contradict)"
    rf"(?:\s+(?:on|about|with)?\s*(?:that|this|it|them|those|each\s+other))?"
    rf"|\b(?:that|this|it)\s+consistent(?:\s+with\b[^?]*)?)\s*\?*\s*$", re.IGNORECASE)
_LEAD = re.compile(r"^\W*(?:and|but|so|also)\s+", re.IGNORECASE)
# Who the earlier question took its answer from: "According to X, ...", "..., according to X?"
_ACCORDING_LEAD = re.compile(r"^\s*according\s+to\s+[^,?]+,\s*", re.IGNORECASE)
_ACCORDING_TAIL = re.compile(r",?\s+according\s+to\s+[^,?]+(?=\?*\s*$)", re.IGNORECASE)
# "... did the Associated Press give ...": a named subject after the auxiliary, then its verb
_NAMED_SUBJECT = re.compile(
    rf"\b(?i:{AUXILIARIES})\s+(?P<subject>(?:the\s+)?{NAME_WORD}(?:\s+(?:of\s+)?{NAME_WORD})*)\s+(?P<verb>[a-z]+)")
# a subject that tallies or reports is a source another can replace; one that says, posts or
# denies is a newsmaker ("What did Trump post?" is not asked of Reuters)
_TALLYING = frozenset("give gave count counted put estimate estimated record recorded tally find found report "
                      "reported".split())


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

    The source takes the place of the earlier one where that one tallies or reports ("What death
    toll did the Associated Press give?"), else it is added ("When did El Mencho die, according to
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
    if reporter and reporter["verb"] in _TALLYING:
        asked = f"{asked[:reporter.start('subject')]}{source or 'other sources'}{asked[reporter.end('subject'):]}"
    elif source:
        asked = f"{asked}, according to {source}"
    return f"{asked[:1].upper()}{asked[1:]}?"
