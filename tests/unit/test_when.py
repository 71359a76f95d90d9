"""rag.when: whose day a sentence gives."""

from __future__ import annotations

import pytest

from rag.when import day_said_of_asked

pytestmark = pytest.mark.unit

_STATEMENT = "“We gave intelligence support,” Press Secretary Karoline Leavitt said in a Sunday statement on X."
_OPERATION = "The U.S. assisted Mexican forces in a Saturday operation in the Mexican state of Jalisco."
_SAID_ON = "Leavitt said on Sunday that the U.S. had given intelligence support to the raid."


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("What day of the week was the raid carried out?", _STATEMENT, False),  # the statement's day
    ("What day of the week was the raid carried out?", _OPERATION, True),  # an operation is kin to a raid
    ("When was the raid carried out?", _SAID_ON, False),  # the day she spoke
    ("When did Leavitt post her statement?", _STATEMENT, True),
    ("When did Leavitt post her statement?", _OPERATION, False),
    ("When was El Mencho killed?", _OPERATION, True),  # no thing asked: the operation's day may be his death's
    ("What time did El Mencho die?", _SAID_ON, True),  # a clock's time is not checked here
    ("When did the raid happen?", "On Sunday, troops left the town.", True),  # a day said of nothing
    ("When did the fighting break out?", "Gunfire first rang out across the capital on 9 September 2024.", True),
    ("When was the raid?", "The raid happened on Sunday.", True),  # the verb of the thing asked
    ("When did the airport close?", "Guadalajara airport shut on Sunday.", True),
    ("When was the raid carried out?", "The raid was carried out on Saturday following a tip.", True),  # not
    ("When did Leavitt make her statement?", "Leavitt said on Sunday that the U.S. helped.", True),  # "following"
])
def test_a_day_said_of_another_thing_does_not_date_the_one_asked(question: str, sentence: str,
                                                                  expected: bool) -> None:
    assert day_said_of_asked(question, sentence) is expected
