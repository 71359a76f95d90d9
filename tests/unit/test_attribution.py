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
    ("Who said so?", True),
    ("According to whom?", True),
    ("Where did that figure come from?", True),
    ("Where do those figures come from?", True),
    ("where'd that number come from?", True),
    ("What's the source for that?", True),
    ("What's the source for those figures?", True),
    ("Where did the figure come from?", True),
    ("What's your source?", True),
    ("Which outlet reported that?", True),
    ("Who made that statement?", True),
    ("who's behind those numbers?", True),
    ("And who reported it?", True),
    ("who confirmed that?", True),
    ("Who was behind those attacks?", False),  # a deed, not a figure
    ("Who said the cartel was finished?", False),  # a question of its own
    ("Who gave the order?", False),
    ("Who made that?", False),  # a deed
    ("Who released it?", False),
    ("Where did it come from?", False),
    ("Who confirmed the death?", False),
    ("Who came up with the plan to raid the cabins?", False),
])
def test_asks_source(question: str, expected: bool) -> None:
    assert asks_source(question) is expected


_DEFENSE = "A statement from Mexico's Secretariat of National Defense confirmed that U.S. authorities helped."
_HARFUCH = "Security Secretary Omar García Harfuch said the army was ready."


@pytest.mark.parametrize(("sentence", "before", "expected"), [
    # the sentence says whose figure it is
    ("FEMSA said more than 200 of its Oxxo stores had been burned.", [_DEFENSE], [0]),
    ("As many as 73 people have died, according to the Associated Press.", [_DEFENSE], [0]),
    ("Cartel gunmen set up 318 blockades, according to the tally released by the federal Security Cabinet.",
     [_DEFENSE], [0]),
    ("Seven soldiers were killed in the raid, officials said.", ["Roads were closed.", _HARFUCH], [0]),  # no name
    ("The Pentagon said 25 soldiers were killed.", [_HARFUCH], [0]),  # a name after "The"
    # it only calls them "the secretariat": the sentence naming the Secretariat first
    ("The secretariat also confirmed that seven other cartel members were killed.", [_DEFENSE], [1, 0]),
    ("The secretariat also confirmed that seven other cartel members were killed.",
     ["Soldiers searched the cabins.", _DEFENSE], [2, 0]),
    ("The secretariat also confirmed that seven other cartel members were killed.", [_HARFUCH], None),  # no other
    # "she" is not guessed; no one named, nor within reach
    ("She said the toll had reached 25.", ["Sheinbaum spoke in the National Palace on Monday.", _HARFUCH], None),
    ("“The army reported 25 deaths,” he said.", [_HARFUCH], None),  # he, whoever reported what
    ("Twenty-five soldiers were killed.", ["Roads were closed.", _HARFUCH], None),
    ("Six of those attacks took place in Jalisco.", [], None),
])
def test_quoted_for_source(sentence: str, before: list[str | None], expected: list[int] | None) -> None:
    assert quoted_for_source(sentence, before) == expected
