"""Follow-ups asking whose the earlier answer's figure or words were, and the sentences that say."""

from __future__ import annotations

import pytest

from rag.attribution import asks_source, quoted_for_source

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("question", "expected"), [
    ("Who gave that number?", True),
    ("who put those figures out?", True),
    ("who came up with that estimate?", True),
    ("Says who?", True),
    ("Who said that?", True),
    ("According to whom?", True),
    ("Where did that figure come from?", True),
    ("What's the source for that?", True),
    ("And who reported it?", True),
    ("Who was behind those attacks?", False),  # a deed, not a figure
    ("Who said the cartel was finished?", False),  # a question of its own
    ("Who gave the order?", False),
    ("Who came up with the plan to raid the cabins?", False),
])
def test_asks_source(question: str, expected: bool) -> None:
    assert asks_source(question) is expected


_DEFENSE = "A statement from Mexico's Secretariat of National Defense confirmed that U.S. authorities helped."


@pytest.mark.parametrize(("sentence", "before", "expected"), [
    # the sentence names whose figure it is
    ("FEMSA said more than 200 of its Oxxo stores had been burned.", [_DEFENSE], [0]),
    ("As many as 73 people have died, according to the Associated Press.", [_DEFENSE], [0]),
    ("Cartel gunmen set up 318 blockades, according to the tally released by the federal Security Cabinet.",
     [_DEFENSE], [0]),
    # it only calls them "the secretariat": the sentence naming the Secretariat first
    ("The secretariat also confirmed that seven other cartel members were killed.", [_DEFENSE], [1, 0]),
    ("The secretariat also confirmed that seven other cartel members were killed.",
     ["Soldiers searched the cabins.", _DEFENSE], [2, 0]),
    # "She said": the nearest sentence before that names a speaker
    ("She said the toll had reached 25.", ["Sheinbaum spoke in the National Palace on Monday.",
                                           "Security Secretary Omar García Harfuch said the army was ready."], [2, 0]),
    # no one is named, nor before it within reach
    ("Six of those attacks took place in Jalisco.", ["Roads were closed.", None, _DEFENSE], None),
    ("Six of those attacks took place in Jalisco.", [], None),
])
def test_quoted_for_source(sentence: str, before: list[str | None], expected: list[int] | None) -> None:
    assert quoted_for_source(sentence, before) == expected
