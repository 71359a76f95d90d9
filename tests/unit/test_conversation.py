"""rag.conversation: a small model's condensed follow-up is checked before it is used; a
follow-up searched with an earlier question's words reads as a question."""

from __future__ import annotations

import pytest

from rag.conversation import Turn, _plausible, understood
from rag.types import Answer

pytestmark = pytest.mark.unit

FIRST = "What did the State Department tell American travelers?"
HISTORY = f"Q: {FIRST}\nA: To shelter in place."


@pytest.mark.parametrize(("condensed", "longest", "expected"), [
    ("Until when did the State Department tell travelers to shelter?", 100, True),
    ("Until when did the State Department tell travelers to shelter", 100, False),  # no "?"
    ("Until when did the State Department tell travelers to shelter?", 20, False),  # too long
    ("Until what?", 100, False),  # brings nothing in from the conversation
    ("When did the Pentagon speak about shelter?", 100, False),  # dropped the follow-up's "until"
])
def test_plausible_rewrites(condensed: str, longest: int, expected: bool) -> None:
    assert _plausible(condensed, "Until when?", HISTORY, longest) is expected


def _turn(question: str, query: str = "", shown: str = "") -> Turn:
    return Turn(question, Answer(question, "…", False, "extractive", query=query or question, understood=shown))


ARMY = "How did the army know El Mencho would be there?"
SHE = _turn("When did she get there?", "When did she get there — the army know El Mencho would be there?",
            f"When did she get there? (after “{ARMY}”)")


@pytest.mark.parametrize(("question", "query", "earlier", "expected"), [
    # a standalone rewrite is shown as it is
    ("Until when?", "Until when did the State Department tell American travelers?", [_turn(FIRST)],
     "Until when did the State Department tell American travelers?"),
    # words carried after a dash: the earlier question they come from, not the dash
    ("When did she get there?", SHE.answer.query, [_turn(ARMY)], SHE.answer.understood),
    # carried on through a turn that carried them itself: still the question they come from
    ("Was she detained?", "Was she detained — the army know El Mencho would be there?",
     [_turn(ARMY), SHE], f"Was she detained? (after “{ARMY}”)"),
    # a fragment is shown as asked, and so is a fragment it follows
    ("And nationally?", "nationally — the overall death toll?",
     [_turn("Who gave that number?"), _turn("What about the overall death toll?", "the overall death toll — Who gave that number?")],
     "And nationally? (after “What about the overall death toll?”)"),
    # only names carried, from a turn before the last: that turn's question
    ("And did the Pentagon say anything?", "And did the Pentagon say anything — State Department, American?",
     [_turn("What did the State Department tell American travelers?"),
      _turn("Who gave that number?", "Who gave that number — the State Department tell American travelers?")],
     "And did the Pentagon say anything? (after “What did the State Department tell American travelers?”)"),
    # a fragment rewritten in place shows what was searched
    ("And by Monday?", "the overall death toll by Monday — How did the cartel react?",
     [_turn("How did the cartel react?"), _turn("What about the overall death toll?",
                                                 "the overall death toll — How did the cartel react?")],
     "The overall death toll by Monday? (after “How did the cartel react?”)"),
    # only names carried ("— U.S., El Mencho"): after the last question
    ("Did the Pentagon say anything?", "Did the Pentagon say anything — U.S., El Mencho?",
     [_turn("What did the U.S. do for El Mencho's capture?")],
     "Did the Pentagon say anything? (after “What did the U.S. do for El Mencho's capture?”)"),
    # a first question, and a question with a dash of its own, are left alone
    ("Who led it?", "Who led it — the raid?", [], "Who led it — the raid?"),
    ("Soldiers — were any hurt?", "Soldiers — were any hurt — Did anyone die?", [_turn("Did anyone die?")],
     "Soldiers — were any hurt — Did anyone die?"),
])
def test_a_follow_up_is_shown_as_a_question(question: str, query: str, earlier: list[Turn], expected: str) -> None:
    assert understood(question, query, earlier) == expected
