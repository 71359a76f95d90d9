"""rag.roles: the role a "Who is …?" question asks who holds."""

from __future__ import annotations

import pytest

from rag.roles import role_asked, role_of, says_role

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("question", "head"), [
    ("Who is Mexico's security secretary?", "secretary"),
    ("who's the head of the CJNG", "head"),
    ("Who was the pilot who landed the helicopter?", "pilot"),  # the role ends before its clause
    ("Who is the president of Mexico right now according to the piece?", "president"),
])
def test_a_who_is_question_of_a_role_asks_who_holds_it(question: str, head: str) -> None:
    role = role_asked(question)
    assert role is not None and role.head == head


@pytest.mark.parametrize("question", [
    "Who is El Menchito?",  # a name
    "Who was behind those attacks?",  # no role
    "Who is in charge of the task force?",
    "Who announced the toll?",
])
def test_other_who_questions_ask_no_role(question: str) -> None:
    assert role_asked(question) is None


def test_a_qualified_role_is_said_only_with_its_qualifier() -> None:
    role = role_asked("Who is Mexico's security secretary?")
    assert says_role("Security Secretary Omar García Harfuch said", role)
    assert not says_role("Press Secretary Karoline Leavitt said", role)


def test_a_role_wordnet_knows_as_a_phrase_is_said_by_its_kin() -> None:
    role = role_asked("Who is Mexico's head of state?")
    assert says_role("Mexico’s president, Claudia Sheinbaum, urged calm.", role)
    assert not says_role("the head of the Jalisco New Generation Cartel", role)  # a head, of no state


def test_a_bare_role_is_not_said_by_another_role_made_of_it() -> None:
    role = role_asked("Who's the general that briefed reporters?")
    assert not says_role("The attorney general's office said relatives came.", role)
    assert says_role("Defence Secretary Gen. Ricardo Trevilla Trejo spoke.", role)  # titles in a row
    assert says_role("A Mexican general spoke.", role)


def test_a_role_wordnet_knows_as_a_phrase_is_said_by_the_phrase_too() -> None:
    role = role_asked("Who is the attorney general?")
    assert says_role("Attorney General Ernestina Godoy announced charges.", role)


def test_a_capitalised_noun_before_a_bare_role_makes_another_role() -> None:
    role = role_asked("Who is the president?")
    assert not says_role("Vice President JD Vance spoke.", role)
    assert says_role("Mexico's president, Claudia Sheinbaum, spoke.", role)
    assert not says_role("Press Secretary Karoline Leavitt", role_asked("Who is the secretary?"))


@pytest.mark.parametrize("sentence", ["On Sunday, President Claudia Sheinbaum said so.",
                                      "Meanwhile President Sheinbaum spoke.", "Jalisco President Pablo Lemus spoke."])
def test_a_word_that_makes_no_other_role_leaves_the_role_said(sentence: str) -> None:
    assert says_role(sentence, role_asked("Who is the president?"))


def test_a_phrase_of_its_own_head_is_not_said_by_wordnet_s_kin() -> None:
    role = role_asked("Who is Mexico's attorney general?")
    assert not says_role("Security Secretary Omar García Harfuch said so.", role)  # "secretary" is kin
    assert role_asked("Who is the new boss?") is not None  # "boss" is no plural


@pytest.mark.parametrize(("question", "head", "of"), [
    ("Who is the governor of Jalisco?", "governor", "Jalisco"),
    ("Who is Mexico's defense secretary?", "secretary", "Mexico"),
    ("Who heads the Secretariat of National Defense?", "head", "the Secretariat of National Defense"),
    ("Who leads La Mayiza now?", "leader", "La Mayiza"),
    ("Who was the pilot?", "pilot", ""),
])
def test_the_body_or_place_a_role_is_of(question: str, head: str, of: str) -> None:
    role = role_asked(question)
    assert role is not None and role.head == head and role_of(question) == of
