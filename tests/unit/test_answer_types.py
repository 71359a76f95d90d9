"""rag.answer_types: what a question asks for, and whether a sentence holds or fits it."""

from __future__ import annotations

import pytest

from rag.answer_types import asked_event, fits, holds, question_type
from rag.figures import (
    bound_numbers, count_predicate, counted, digits_for_number_words, figures_in, numbers_in, without_numbers,
)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("question", "kind"), [
    ("How many National Guard members were killed?", "number"),
    ("What was the death toll?", "number"),
    ("How old was he?", "number"),
    ("Which White House official spoke?", "person"),
    ("Who led the cartel?", "person"),
    ("When did the attack start?", "time"),
    ("What time did flights resume?", "time"),
    ("How long will the order last?", "time"),
    ("Where were flights suspended?", "place"),
    ("Which city was hit?", "place"),
    ("Why did it happen?", None),
    ("What happened?", None),
])
def test_question_type(question: str, kind: str | None) -> None:
    assert question_type(question) == kind


@pytest.mark.parametrize(("sentence", "kind", "expected"), [
    ("Seven guards were killed.", "number", True),
    ("It happened in 2024.", "number", False),  # a year alone is a time, not a count
    ("It began on Monday.", "time", True),
    ("It began at 10:30 p.m.", "time", True),
    ("Nobody knows.", "time", False),
    ("Flights were cancelled in Guadalajara.", "place", True),
    ("Flights were cancelled.", "place", False),
    ("The first blockades went up around Tapalpa.", "place", True),
    ("They went up in the south of the state.", "place", True),
    ("President Sheinbaum said so.", "person", True),
    ("nothing here", "person", False),
    ("anything at all", None, True),
])
def test_holds(sentence: str, kind: str | None, expected: bool) -> None:
    assert holds(sentence, kind) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("How old was he?", "He was 59 years old.", True),
    ("How old was he?", "59 people were killed.", False),
    ("How much was the reward?", "The reward was $15 million.", True),
    ("How much was the reward?", "Fifteen people were killed.", False),
    ("What percentage voted?", "About 40% voted.", True),
    ("What percentage voted?", "About 40 people voted.", False),
    ("How many were killed?", "Seven were killed.", True),
    ("How many were killed?", "The attack happened in 2024.", False),
    ("How many were killed?", "The damage cost $5 million.", False),
    ("Who spoke?", "Nobody spoke.", True),  # not a number question: no finer check
])
def test_fits_ages_money_percentages_and_counts(question: str, sentence: str, expected: bool) -> None:
    assert fits(question, sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The shooting went on for about five hours.", True),
    ("Americans were told to shelter in place until further notice.", True),
    ("He had been there for three weeks.", True),
    ("She visited him on 20 February and left on Saturday.", False),  # times, not a duration
])
def test_how_long_needs_a_duration(sentence: str, expected: bool) -> None:
    assert fits("How long did it last?", sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The governor said the burned vehicles would be replaced.", True),
    ("The Pentagon did not respond to requests for comment.", True),
    ("“We will rebuild,” the mayor wrote.", True),
    ("Vehicles were burned in several towns of the state.", False),  # what happened, not words
])
def test_what_someone_said_needs_reported_speech(sentence: str, expected: bool) -> None:
    assert fits("What did the governor say about the vehicles?", sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The shooting began at about 7 a.m. on Sunday.", True),
    ("The curfew began at 21:00.", True),
    ("The raid began early on Sunday morning.", True),
    ("The raid took place on Saturday, 21 February.", False),  # a day, not a time of day
])
def test_what_time_needs_an_hour_or_part_of_the_day(sentence: str, expected: bool) -> None:
    assert fits("What time did the raid begin?", sentence) is expected


def test_fits_needs_every_figure_the_question_names() -> None:
    question = "What was the reward raised to in 2025?"
    assert fits(question, "In 2025 it was raised to $15 million.")
    assert not fits(question, "It was raised to $15 million.")


@pytest.mark.parametrize(("question", "predicate"), [
    ("How many soldiers were wounded?", "wounded"),
    ("How many Guard troops died in the reprisals?", "died"),
    ("How many people were SHOT?", "shot"),
    ("How many people?", None),
    ("Who was killed?", None),
])
def test_count_predicate(question: str, predicate: str | None) -> None:
    assert count_predicate(question) == predicate


@pytest.mark.parametrize(("question", "terms"), [
    ("How many Guadalajara city buses were burned on Sunday?", {"guadalajara", "citi", "buse"}),
    ("How many rounds of ammunition were fired?", {"round"}),
    ("How many armed men guarded the cabin?", {"arm", "men"}),
    ("How many flights did Alaska cancel?", {"flight"}),
    ("How many people died?", set()),  # people in general: any figure may count them
    ("How many masked armed men guarded the cabin?", {"mask", "arm", "men"}),
    ("What was the toll?", set()),
])
def test_counted(question: str, terms: set[str]) -> None:
    assert counted(question) == terms


@pytest.mark.parametrize(("sentence", "figures"), [
    ("Those six killed 25 members of the National Guard.", {25}),  # "six" counts attacks
    ("By Monday the toll of members rose to seventy-three.", {73}),
    ("Of 200 people questioned by reporters, none said members were there.", set()),  # 7th word
    ("The 30 blockade points closed roads in the state.", set()),
])
def test_bound_numbers(sentence: str, figures: set[float]) -> None:
    assert bound_numbers(sentence, {"member"}) == figures


def test_bound_numbers_with_every_word_of_the_phrase() -> None:
    sentence = "19 cartel members and 25 members of the National Guard were killed."
    assert bound_numbers(sentence, {"guard", "member"}, every=True) == {25}
    assert bound_numbers(sentence, {"guard", "member"}) == {19, 25}


@pytest.mark.parametrize(("text", "figures"), [
    ("By Monday, 23 February, at 8 p.m., 73 had died.", {73}),
    ("As many as 30 may have died.", {30}),  # "may" is no month
    ("Some 2000 people marched; 12 March saw more.", {2000}),
])
def test_figures_in_leaves_dates_and_times_out(text: str, figures: set[float]) -> None:
    assert figures_in(text) == figures


@pytest.mark.parametrize(("text", "numbers"), [
    ("25 guards and 3.5 percent", {25, 3.5}),
    ("1,000 people, then 12,500", {1000, 12500}),
    ("twenty-five guards", {25}),
    ("thirty two soldiers and seven others", {32, 7}),
    ("a dozen", {12}),
    ("no figures here", set()),
    ("version v1.2", set()),  # digits glued to a word are not a figure
])
def test_numbers_in(text: str, numbers: set[float]) -> None:
    assert numbers_in(text) == numbers


def test_numbers_in_money_gives_the_figure_and_the_multiplier() -> None:
    assert {15.0, 1e6} <= numbers_in("$15 million")


def test_numbers_in_money_gives_each_number_on_its_own() -> None:
    assert numbers_in("$15 million") == {15.0, 1e6}


def test_a_sentence_initial_year_is_not_a_count() -> None:
    assert not holds("In 2024 the attack happened.", "number")


def test_a_sentence_initial_year_does_not_fit_how_many() -> None:
    assert not fits("How many were killed?", "In 2024 the attack happened.")


def test_without_numbers_blanks_digits_and_words() -> None:
    assert without_numbers("25 guards, twenty-five troops and seven others").split() == [
        "guards,", "troops", "and", "others"]


def test_digits_for_number_words() -> None:
    assert digits_for_number_words("Twenty-five and seven, not hundreds") == "25 and 7, not hundreds"
    assert digits_for_number_words("forty two") == "42"


@pytest.mark.parametrize(("question", "event"), [
    ("Where was El Mencho buried?", "buried"),
    ("When were the flights resumed?", "resumed"),
    ("When was he born?", "born"),
    ("To what date was the match rescheduled?", "rescheduled"),
    ("In which city was he arrested?", "arrested"),
    ("Where was the raid conducted?", ""),  # a light verb: any sentence placing the raid answers
    ("Where was the match supposed to be played?", ""),  # planned: it may never have been played
    ("Where did the raid take place?", ""),
    ("Who was buried there?", ""),
])
def test_the_event_a_where_or_when_question_ends_with(question: str, event: str) -> None:
    assert asked_event(question) == event
