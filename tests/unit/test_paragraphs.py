"""Paragraph helpers: which sentences share a paragraph, and the time one opens with."""

import pytest

from rag.paragraphs import dated, one_paragraph, time_opener

pytestmark = pytest.mark.unit

PASSAGE = ("By Tuesday, 24 February, the picture had eased. The embassy said the alert was lifted.\n\n"
           "In Jalisco, roads reopened. Shops opened.")


def test_one_paragraph() -> None:
    assert one_paragraph(PASSAGE, "By Tuesday, 24 February, the picture had eased.",
                         "The embassy said the alert was lifted.")
    assert not one_paragraph(PASSAGE, "The embassy said the alert was lifted.", "In Jalisco, roads reopened.")


def test_a_time_opening_the_same_paragraph_dates_a_later_sentence() -> None:
    opener = "By Tuesday, 24 February, the picture had eased."
    assert time_opener("The embassy said the alert was lifted.", [opener], PASSAGE) == 0
    assert time_opener("Shops opened.", ["In Jalisco, roads reopened."], PASSAGE) is None  # a place, no time
    assert time_opener("Shops opened.", ["In Jalisco, roads reopened.", "The embassy said the alert was lifted.",
                                          opener], PASSAGE) is None  # another paragraph's time
    assert time_opener("Shops opened.", [None], PASSAGE) is None
    said = "Officials said on Monday, roads reopened. Shops opened."
    assert time_opener("Shops opened.", ["Officials said on Monday, roads reopened."], said) is None
    turning = ("Tuesday, 24 February, was the turning point. Alaska flew again. American added flights. "
               "Both airports said they were back to normal.")
    stale = "On Sunday, gunmen torched buses. Flights were cancelled on Monday. The airport reopened later."
    assert time_opener("The airport reopened later.", ["Flights were cancelled on Monday.",
                                                       "On Sunday, gunmen torched buses."], stale) is None
    resumed = "On Sunday, gunmen torched buses. Flights resumed Monday. The airport reopened later."
    assert time_opener("The airport reopened later.", ["Flights resumed Monday.",
                                                       "On Sunday, gunmen torched buses."], resumed) is None
    same = "Tuesday, 24 February, was the turning point. Alaska flew on Tuesday. The airports were normal."
    assert time_opener("The airports were normal.", ["Alaska flew on Tuesday.",
                                                     "Tuesday, 24 February, was the turning point."], same) == 1
    through = "Tuesday, 24 February, was the turning point. Southwest, idle through Monday, flew. All was normal."
    assert time_opener("All was normal.", ["Southwest, idle through Monday, flew.",
                                           "Tuesday, 24 February, was the turning point."], through) == 1
    for opening in ("Sunday's raid, which killed him, shocked many.", "March organisers, worried, met."):
        assert time_opener("The airport reopened.", [opening], f"{opening} The airport reopened.") is None
    assert time_opener("Both airports said they were back to normal.",
                       ["American added flights.", "Alaska flew again.",
                        "Tuesday, 24 February, was the turning point."], turning) == 2  # three sentences back


def test_a_paragraph_without_a_date_is_read_with_the_opening() -> None:
    assert dated("Shops opened.", PASSAGE, "On 22 February gunmen blocked roads.").endswith("blocked roads.")
    assert dated("The embassy said the alert was lifted.", PASSAGE, "On 22 February ...") == PASSAGE
