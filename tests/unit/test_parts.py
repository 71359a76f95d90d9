"""Multi-part questions split into the questions they ask, each searchable alone."""

from __future__ import annotations

import pytest

from rag.parts import follow_up_parts, question_parts

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("question", [
    "How many died and were wounded?",            # one verb phrase, not two questions
    "Who fled to Tapalpa, where the raid happened?",  # a relative clause
    "Where and when did it happen?",              # pieces too short to stand alone
    "What did Sheinbaum say, and when?",
    "Which cities had flights suspended?",
    "Who could take over? Give me an overview of the successors.",  # one overview, asked after a question
])
def test_single_questions_stay_whole(question: str) -> None:
    assert question_parts(question) == [question]


def test_a_second_question_is_no_overview_request() -> None:
    assert question_parts("Who was arrested? What happened in Tapalpa?") == [
        "Who was arrested?", "What happened in Tapalpa?"]


def test_a_how_many_after_a_bare_comma_starts_a_part() -> None:
    parts = question_parts("How big was the reward, how many cartel members died, and how many guards were killed?")
    assert len(parts) == 3 and parts[1].startswith("how many cartel members died")
    assert question_parts("Apart from Jalisco, how many states had roadblocks?") == [  # a lead-in: one question
        "Apart from Jalisco, how many states had roadblocks?"]
    assert len(question_parts("According to Reuters, how many died?")) == 1


def test_two_questions_joined_by_and() -> None:
    assert question_parts("Which Mexican body confirmed it, and how many soldiers were wounded?") == [
        "Which Mexican body confirmed it?", "how many soldiers were wounded — Mexican?"]


def test_a_later_part_carries_what_the_first_asks_about_when_it_names_nothing() -> None:
    assert question_parts("When did the woman arrive at the cabins, and when did she leave?")[1] == \
        "when did she leave — the woman arrive at the cabins?"


def test_a_statement_before_the_questions_is_context_for_each() -> None:
    parts = question_parts('The post named the town "Talpalpa" — what is its actual name, '
                           "and how far is it from Guadalajara?")
    assert parts == ['what is its actual name — The post named the town "Talpalpa"?',
                     'how far is it from Guadalajara — The post named the town "Talpalpa"?']


def test_a_later_part_naming_someone_carries_nothing_and_indirect_questions_stay_whole() -> None:
    assert question_parts("What did Sheinbaum say, and what did Trump say?") == [
        "What did Sheinbaum say?", "what did Trump say?"]
    assert len(question_parts("Which outlets reported the death and how it happened?")) == 1


def test_questions_after_a_question_mark_and_a_preposition() -> None:
    assert question_parts("Who led the raid? At what time did it start?") == [
        "Who led the raid?", "At what time did it start — led the raid?"]


def test_one_question_after_a_statement_is_asked_alone_with_the_statement_s_names() -> None:
    assert question_parts("Sheinbaum posted about the raid on Facebook; where did she give her "
                          "Monday press conference?") == [
        "where did she give her Monday press conference — Sheinbaum, Facebook?"]
    assert question_parts("The head of the union spoke on Sunday; what did it find?") == [
        "The head of the union spoke on Sunday; what did it find?"]  # no names: asked whole


def test_a_request_before_a_question_is_no_statement() -> None:
    assert question_parts("Tell me about El Mencho; who led the raid?") == [
        "Tell me about El Mencho; who led the raid?"]


def test_a_statement_with_a_relative_clause_is_still_a_statement() -> None:
    assert question_parts("El Mencho, who led the CJNG, was killed; where was he buried?") == [
        "where was he buried — El Mencho, CJNG?"]


def test_a_part_may_open_with_a_lead_in_phrase() -> None:
    assert question_parts("According to residents, who fired first in Tapalpa, and what did the cartel "
                          "burn?") == ["According to residents, who fired first in Tapalpa?",
                                       "what did the cartel burn — Tapalpa?"]


def test_and_then_an_auxiliary_with_its_own_subject_starts_a_part() -> None:
    parts = question_parts("What did the ministry say about the American role, and were any of its soldiers hurt?")
    assert [p.split(" — ")[0] for p in parts] == ["What did the ministry say about the American role?",
                                                   "were any of its soldiers hurt"]
    assert question_parts("How many died, and were wounded?") == ["How many died, and were wounded?"]


def test_the_words_a_follow_up_carried_are_no_part_of_their_own() -> None:
    query = "how many of them were civilians — what's the overall death count so far?"
    assert question_parts(query) != [query]  # read alone, the carried question is a second part
    assert follow_up_parts(query) == [query]
    assert follow_up_parts("who put that up, and when — the bounty on El Mencho?") == [
        "who put that up — the bounty on El Mencho?", "when — the bounty on El Mencho?"]  # each in its context
    assert follow_up_parts("Where did she post it?") == ["Where did she post it?"]
    assert follow_up_parts("Who led the raid, and when did it happen?") == \
        question_parts("Who led the raid, and when did it happen?")  # no dash: parts as of any question
