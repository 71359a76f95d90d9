"""rag.conversation: a small model's condensed follow-up is checked before it is used."""

from __future__ import annotations

import pytest

from rag.conversation import _plausible

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
