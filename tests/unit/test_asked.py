"""rag.asked: names a question asks for, people it does not name."""

from __future__ import annotations

import pytest

from rag.answer_types import fits
from rag.asked import (asks_name, asks_own_name, gives_name, named_thing, noun_phrase, says_the_same, without_names,
                       without_referents)

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("sentence, expected", [
    ("He met Leavitt in Washington.", True),
    ("Leavitt wrote on X.", True),  # a first word no dictionary knows
    ("The secretariat said seven members were killed.", False),
    ("Three Mexican soldiers were wounded.", False),  # a word qualifying a noun
    ("Army medics came on Monday.", False),
    ("The U.S. helped.", False),  # acronyms are no names
    ("It is the Gustavo Díaz Ordaz International Airport.", True),
    ("Violence spread in response to El Mencho’s killing.", False),  # an owner, not a name given
    ("The truck was Juan Pérez’s.", True),  # a possessive that owns no noun after it
])
def test_gives_name(sentence: str, expected: bool) -> None:
    assert gives_name(sentence) is expected


def test_asks_name() -> None:
    assert asks_name("What were their names?") and asks_name("Were any of the wounded named?")
    assert asks_name("What were the soldiers’ names?") and asks_name("What was the pilot's name?")
    assert not asks_name("Who was wounded?")
    assert asks_name("What is El Mencho's actual name?") and asks_own_name("what's El Mencho's true name")


@pytest.mark.parametrize("question, head, modifiers", [
    ("What was the name of the wounded officer flown out with El Mencho?", "officer", {"wounded"}),
    ("What was the name of the badly wounded officer?", "officer", {"badly", "wounded"}),  # an adverb, a participle
    ("What's the name of Mexico's defense secretary?", "secretary", {"defense"}),  # names: names' checks
    ("What were the names of the seven other cartel members who were killed?", "members", {"cartel"}),
    ("What was the name of the man's wife?", "wife", set()),  # the possessed, not the possessor
    ("what was the name of el mencho's wife?", "wife", set()),  # lower-case input
    ("What is the name of the cartel's new leader?", "leader", {"new"}),
    ("What was the name of the soldier shot?", "soldier", set()),  # an irregular participle
    ("What was the pilot's name?", "pilot", set()),
    ("What were the Mexican soldiers’ names?", "soldiers", {"mexican"}),  # a plural's possessive
    ("What were the names of those arrested?", "", set()),  # no noun: no check
    ("What was El Mencho's real name?", "", set()),  # a person's own name: he is the thing
    ("What was the army's name for the operation?", "", set()),
    ("What are their names?", "", set()),
    ("Were any of the wounded named?", "", set()),
])
def test_named_thing(question: str, head: str, modifiers: set[str]) -> None:
    assert named_thing(question) == (head, modifiers)


@pytest.mark.parametrize("sentence, expected", [
    ("Army medics gave first aid to Oseguera and two wounded soldiers.", False),  # a name, no officer
    ("The wounded officer, Lt. Mario Ávila, was flown out with him.", True),
    ("Army medics treated the officers; Lt. Mario Ávila was among the wounded.", True),  # "officers"
])
def test_a_name_is_given_for_what_the_question_names(sentence: str, expected: bool) -> None:
    assert fits("What was the name of the wounded officer flown out with El Mencho?", sentence) is expected


@pytest.mark.parametrize("text, head, modifiers, expected", [
    ("White House Press Secretary Karoline Leavitt said so.", "secretary", {"defense"}, False),
    ("Defence Secretary Gen. Ricardo Trevilla said so.", "secretary", {"defense"}, True),  # a spelling
    ("Mexico's defense secretary, Gen. Ricardo Trevilla, said so.", "secretary", {"defense"}, True),
    ("Eight suspected cartel members died.", "members", {"crew"}, False),
    ("25 National Guard members were killed.", "members", {"national", "guard"}, True),
    ("Two crew members died.", "members", {"crew"}, True),
    ("Five members died on board.", "members", {"crew"}, True),  # not qualified otherwise
    ("Three Mexican soldiers were wounded.", "soldiers", {"wounded"}, True),  # a name qualifies nothing
    ("More than 200 Oxxo convenience stores burned.", "stores", set(), True),  # a bare noun: any use
    ("25 members of the National Guard were killed.", "members", {"crew"}, False),  # "of" qualifies too
    ("The detention center is in Jalisco.", "centre", {"detention"}, True),  # a British spelling
    ("The detention centres are in Jalisco.", "centers", {"detention"}, True),  # and its plural
    ("They massacred 12 people at a bar.", "massacre", set(), True),  # as written, too
    ("Two men were sentenced on Monday.", "sentence", set(), True),
    ("More than 200 Oxxo convenience stores burned.", "stores", {"oxxo"}, True),  # with another
    ("Police arrested two men, Juan Pérez and Luis Mora.", "man", set(), True),  # an irregular plural
    ("Nobody was arrested.", "man", set(), False),
])
def test_says_the_same(text: str, head: str, modifiers: set[str], expected: bool) -> None:
    assert says_the_same(text, head, modifiers) is expected


def test_the_name_of_a_place_needs_no_word_for_its_kind() -> None:
    assert fits("What is the name of the town where the raid took place?", "The raid took place in Tapalpa.")


def test_without_names_blanks_the_question_s_names_possessives_and_a_full_name_around_a_nickname() -> None:
    question = "Who will succeed Juan Reyes's deputy?"
    assert "Reyes" not in without_names("Juan Reyes's deputy resigned, Juan Reyes said.", question)
    masked = without_names('They hunted Nemesio "El Mencho" Oseguera for years.', "Who replaced El Mencho?")
    assert "Oseguera" not in masked and "Nemesio" not in masked
    spelt = without_names("Rivals of the Jalisco New Generation Cartel wait.", "Who has the CJNG named?")
    assert "Cartel" not in spelt and "Jalisco" not in spelt  # the CJNG spelt out, in either order
    lower = without_names("Rivals of the Jalisco New Generation Cartel wait.", "who leads the cjng now")
    assert "Cartel" not in lower  # typed in lower case: a word no dictionary knows, with the initials
    assert "Cartel" in without_names("Rivals of the Jalisco New Generation Cartel wait.", "who leads it now")


def test_a_lone_name_before_a_noun_is_still_a_name_unless_it_names_a_people() -> None:
    assert gives_name("He met Leavitt today.")
    assert not gives_name("He met Mexican soldiers.")


def test_a_question_naming_something_as_a_verb_does_not_ask_a_name() -> None:
    assert not asks_name("What did officials name as the cause of the fire?")
    assert asks_name("What is the code name of the operation?")


def test_particles_of_a_question_s_names_are_not_blanked_on_their_own() -> None:
    assert "El Jardinero" in without_names("Analysts expect El Jardinero to take over.",
                                           "Who will take over from El Mencho?")


def test_asks_own_name() -> None:
    assert asks_own_name("What was El Mencho's real name?") and asks_own_name("What is his full name?")
    assert not asks_own_name("What was his girlfriend's name?")
    assert not asks_own_name("What was the name of the officer?")
    assert not asks_own_name("What were the full names of El Mencho's bodyguards?")


def test_a_full_name_around_a_nickname_answers_the_real_name() -> None:
    sentence = 'The raid targeted Nemesio "El Mencho" Oseguera Cervantes on Sunday.'
    question = "What was El Mencho's real name?"
    assert gives_name(without_names(sentence, question))
    assert not gives_name(without_names(sentence, "Who was killed alongside El Mencho?"))  # he is El Mencho


def test_a_place_after_a_preposition_is_no_name_given() -> None:
    assert not gives_name("A wounded officer was flown to a medical facility in Jalisco.")
    assert gives_name("The wounded officer, Lopez Vallarta, was flown out.")
    assert gives_name("He was married to Rosalinda González Valencia.")  # "to" is no place


def test_a_participle_is_not_the_head() -> None:
    assert noun_phrase("bail set")[0] == "bail" and noun_phrase("budget cut")[0] == "budget"


def test_a_name_the_question_refers_to_by_its_kind_is_blanked() -> None:
    sentence = "Troops killed the head of the Jalisco New Generation Cartel in Tapalpa."
    assert "Cartel" not in without_referents(sentence, "Who will take over the cartel?")
    assert without_referents(sentence, "Who led the raid?") == sentence
    assert without_referents("The Mexican Army said so.", "Who leads the army?") == "The · said so."
    assert without_referents("Fans of Doctor Who cheered.", "Who cheered?") == "Fans of Doctor Who cheered."

