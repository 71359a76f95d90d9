"""Comparison follow-ups: which questions compare, and the earlier question asked again."""

from __future__ import annotations

import pytest

from rag.compare import asked_again, compares

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("question", "expected"), [
    ("Did Reuters come up with the same number?", True),
    ("Does everyone agree on that?", True),
    ("Did the AP say the same?", True),
    ("Do other reports match?", True),
    ("Do the sources disagree?", True),
    ("Did Reuters report the same death toll?", True),
    ("Does Reuters give a different number?", True),
    ("Is that consistent with the AP?", True),
    ("Does the AP agree with Reuters?", False),  # a named source asks for the same or a different figure
    ("Was it the same day?", False),  # the same thing, not the same report
    ("Did they use a different route?", False),
    ("Did Sheinbaum agree with Trump?", False),  # a newsmaker agreeing: a new question
    ("Who agreed to the deal?", False),  # not a yes/no question
    ("Did Mexico and the United States agree to a security plan?", False),  # a new question
    ("Did the markets in Guadalajara agree to reopen?", False),
    ("Does the government dispute the report?", False),
    ("Was the match played?", False),  # a match, not matching
    ("Was the same tactic used before?", False),  # a same thing that did something
    ("Has his death been confirmed?", False),
])
def test_compares(question: str, expected: bool) -> None:
    assert compares(question) is expected


@pytest.mark.parametrize(("question", "previous", "expected"), [
    # the source the follow-up names takes the earlier one's place
    ("Did Reuters come up with the same number?",
     "What death toll did the Associated Press give for the raid?",
     "What death toll did Reuters give for the raid?"),
    ("Did Reuters say the same?", "How many people died, according to the AP?",
     "How many people died, according to Reuters?"),
    ("Did the Guardian say the same?", "Who opened fire first?", "Who opened fire first, according to the Guardian?"),
    ("Did the AP's report give the same number?", "What death toll did Reuters give?",
     "What death toll did the AP give?"),
    ("Did Reuters say the same?", "What did Trump post on Truth Social?",  # a newsmaker keeps his words
     "What did Trump post on Truth Social, according to Reuters?"),
    # only a source that reports is swapped; another subject keeps its place
    ("Did Reuters say the same?", "How many soldiers did the CJNG kill?",
     "How many soldiers did the CJNG kill, according to Reuters?"),
    ("Did the AP report the same date?", "When did El Mencho die?", "When did El Mencho die, according to the AP?"),
    # no source named: the earlier question without its attribution, of other sources
    ("Does everyone agree on that?", "According to Mexico's Defence Secretariat, who opened fire first?",
     "Who opened fire first?"),
    ("Does everyone agree on that?", "What death toll did the Associated Press give?",
     "What death toll did other sources give?"),
    ("Did Reuters say the same?", "?", ""),  # no earlier question to ask again
    # a follow-up's carried words and its leading "and" are not part of the earlier question
    ("Do the sources disagree?", "And how many were cleared — blockades on Sunday?", "How many were cleared?"),
    ("Was the match played?", "Which match was postponed?", ""),
    ("Did Reuters say the same?", "", ""),
])
def test_asked_again(question: str, previous: str, expected: str) -> None:
    assert asked_again(question, previous) == expected
