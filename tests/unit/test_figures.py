"""rag.figures: the numbers a sentence gives and what each counts."""

from __future__ import annotations

import pytest

from rag.figures import (
    asks_a_part, bound_numbers, count_event, count_phrase, count_predicate, counted, counted_where, date_numbers,
    digits_for_number_words, figure_clause, figures_in, numbers_in, without_numbers,
)
from rag.text import canonical_terms
from rag.wordnet import kin_terms

pytestmark = pytest.mark.unit


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
    ("How many Guadalajara city buses were burned on Sunday?", {"guadalajara", "citi", "bus"}),
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
    ("On Sunday, 22 February, members of the Guard arrived at about 7 a.m.", set()),  # a date, an hour
])
def test_bound_numbers(sentence: str, figures: set[float]) -> None:
    assert bound_numbers(sentence, {"member"}) == figures


@pytest.mark.parametrize(("question", "event"), [
    ("How many soldiers were killed in the shootout?", "killed"),
    ("How many Guard troops lost their lives?", "lost their lives"),
    ("How many buses were burned?", "burned"),
    ("How many travelers were left stuck in Mexico?", None),  # a state follows: "left hundreds stranded"
    ("How many soldiers were killed yesterday?", "killed"),  # a time, no state
    ("How many people?", None),
])
def test_count_event(question: str, event: str | None) -> None:
    assert count_event(question) == event


@pytest.mark.parametrize(("after", "clause"), [
    (" members of the Guard were killed by gunmen", ("members of the Guard", "were killed by gunmen")),
    (" National Guard members lost their lives, along with", ("National Guard members", "lost their lives")),
    (" buses burned on Sunday", ("buses", "burned on Sunday")),
    (" suspected members died in the fighting", ("suspected members", "died in the")),  # not "suspected"
    (" soldiers stationed in Jalisco were killed", ("soldiers stationed in Jalisco", "were killed")),  # the later
    (" soldiers had been wounded", ("soldiers", "had been wounded")),
    (" of travelers were left stranded", ("of travelers", "")),  # a state
    (" were reported killed", ("", "")),  # a reporting verb: no verdict
    (" Guard members and 2 soldiers were killed", ("Guard members and", "")),  # another figure's verb
    (" wounded soldiers", ("wounded soldiers", "")),
    (" soldiers who died in the ambush", ("soldiers", "died in the")),  # its relative clause's verb
])
def test_figure_clause(after: str, clause: tuple[str, str]) -> None:
    assert figure_clause(after) == clause


def test_a_figure_counts_only_what_its_own_clause_says_happened() -> None:
    sentence = "Seven cartel members were killed alongside him, with three soldiers being wounded."
    assert bound_numbers(sentence, {"soldier"}) == {3}
    assert bound_numbers(sentence, {"soldier"}, happened=frozenset({"kill"})) == set()
    assert bound_numbers(sentence, {"soldier"}, happened=frozenset({"wound"})) == {3}
    listed = "At least 25 Guard members and 2 soldiers were killed."
    assert bound_numbers(listed, {"soldier"}, happened=frozenset({"kill"})) == {2}  # the list's verb is its


def test_a_figure_after_a_clause_is_no_verbs_object() -> None:
    sentence = "After El Mencho was killed, 25 soldiers died in the clashes."
    assert bound_numbers(sentence, {"soldier"}, happened=frozenset({"wound"})) == set()  # they died
    arrested = "Police arrested 12 suspects who were involved in the attack."
    assert bound_numbers(arrested, {"suspect"}, happened=frozenset({"arrest"})) == {12}


def test_a_figure_after_a_verb_is_what_the_verb_did() -> None:
    burned = frozenset(canonical_terms("burned"))
    assert bound_numbers("Gunmen burned 16 buses parked in the depot.", {"bus"}, happened=burned) == {16}
    assert bound_numbers("Five soldiers were shot dead.", {"soldier"}, happened=frozenset({"kill"})) == {5}


def test_a_figure_counts_only_a_noun_its_own_words_allow() -> None:
    sentence = "Some 30 suspected criminals and 15 members of the security forces were wounded."
    assert bound_numbers(sentence, {"member", "crimin"}) == {15, 30}
    assert bound_numbers(sentence, {"member", "crimin"}, noun=lambda words: "criminals" not in words) == {15}


def test_asks_a_part() -> None:
    assert asks_a_part("How many of the attacks were in Jalisco?") and asks_a_part("and how many of them died?")
    assert not asks_a_part("How many blockades did the cabinet report?")


def test_a_part_counts_for_a_whole_count_only_when_the_rest_of_its_clause_says_what_was_asked() -> None:
    removed = "By 8 p.m. on Sunday, 229 of the blockades had been removed."
    assert bound_numbers(removed, {"blockad"}) == {229}  # a part is a count of them
    assert bound_numbers(removed, {"blockad"}, parts={"report", "sunday"}) == set()  # not of those reported
    in_jalisco = "Six of those attacks took place in Jalisco."
    assert bound_numbers(in_jalisco, {"attack"}, parts={"jalisco"}) == {6}
    assert bound_numbers("More than 200 of its stores burned.", {"store"}, parts={"femsa"}) == {200}  # its own


def test_bound_numbers_within_the_configured_window() -> None:
    sentence = "Officials said 25 of the remaining National Guard members died."
    head = counted("How many Guard members died?")
    assert bound_numbers(sentence, head) == {25}  # "guard" is 4 words after the figure
    assert bound_numbers(sentence, head, windows=(2, 15)) == set()


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


@pytest.mark.parametrize(("text", "numbers"), [
    ("on 4 March", {4}),
    ("over 22 and 23 February", {22, 23}),
    ("March 4, 2026", {4, 2026}),
    ("in 2025", set()),  # a year alone is a time, not a date of the calendar
    ("the two cities at 9 p.m.", set()),
    ("on sunday 22 feb?", {22}), ("on 22 february", {22}),  # typed in lower case
    ("on 10 Sept. 2025", {10, 2025}), ("Feb. 22", {22}),  # a dotted month keeps its year
    ("30 may have left", set()), ("4 march on", set()),  # words as well as months
    ("on February 22nd", {22}), ("the 22nd of February", {22}), ("March 1st", {1}),  # ordinals
])
def test_date_numbers(text: str, numbers: set[float]) -> None:
    assert date_numbers(text) == numbers


def test_numbers_in_money_gives_the_figure_and_the_multiplier() -> None:
    assert {15.0, 1e6} <= numbers_in("$15 million")


def test_numbers_in_money_gives_each_number_on_its_own() -> None:
    assert numbers_in("$15 million") == {15.0, 1e6}


def test_without_numbers_blanks_digits_and_words() -> None:
    assert without_numbers("25 guards, twenty-five troops and seven others").split() == [
        "guards,", "troops", "and", "others"]


def test_digits_for_number_words() -> None:
    assert digits_for_number_words("Twenty-five and seven, not hundreds") == "25 and 7, not hundreds"
    assert digits_for_number_words("forty two") == "42"


@pytest.mark.parametrize(("sentence", "figures"), [
    ("It brought the number of police officers killed in the attack to nine.", {9.0}),
    ("The number of police officers killed, according to the prosecutor, rose to nine.", {9.0}),
    ("The number of police officers who died is unknown, but 12 civilians were hurt.", set()),
    ("The number of police officers who died is unknown, and 12 civilians were hurt.", set()),
    ("The number of police officers killed in Jalisco, Michoacán and Guerrero rose to nine.", {9.0}),
])
def test_the_number_of_binds_a_figure_within_its_clause(sentence: str, figures: set[float]) -> None:
    assert bound_numbers(sentence, counted("How many police officers died?")) == figures


def test_taking_part_is_what_a_count_asks() -> None:
    assert count_predicate("How many U.S. personnel took part in the operation?") == "took part"



@pytest.mark.parametrize(("question", "terms"), [
    ("How many of the dead were civilians?", {"civilian"}),  # a part: what the part is
    ("How many of them were police officers?", {"polic", "offic"}),
    ("How many of them were killed?", set()),  # a predicate, not a noun: people in general
])
def test_a_count_of_a_part_counts_what_the_part_is(question: str, terms: set[str]) -> None:
    assert counted(question) == terms


def test_an_adverb_after_the_counted_noun_ends_it() -> None:
    assert count_phrase("How many troops actually lost their lives?") == ["troops"]
    assert count_phrase("Of the 73 dead, how many were civilians?") == ["civilians"]  # a noun after the copula
    assert count_phrase("How many were back by Tuesday?") == []  # not an adverb
    assert count_phrase("How many were run over?") == [] and count_phrase("How many were Americans?") == ["Americans"]
    assert counted("How many soldiers really died in the raid?") == {"soldier"}


def test_a_part_placed_somewhere_counts_the_whole_and_keeps_the_place() -> None:
    question = "How many of the attacks on the authorities were in Jalisco?"
    assert count_phrase(question) == ["attacks"] and counted_where(question) == "in Jalisco"
    assert count_phrase("How many of the dead were civilians?") == ["civilians"]
    assert counted_where("How many of the dead were civilians?") == ""


def test_the_number_of_x_counts_x_not_the_words_around_it() -> None:
    sentence = "It brought the number of security personnel killed in the helicopter attack to nine."
    assert bound_numbers(sentence, counted("How many attacks were there?")) == set()
    assert bound_numbers(sentence, counted("How many security personnel died?")) == {9.0}


def test_ended_up_doing_counts_what_was_done() -> None:
    question = "How many security personnel ended up dying from it?"
    assert count_predicate(question) == "died" and counted(question) == {"secur", "personnel"}
    assert count_predicate("How many people ended up being arrested?") == "arrested"


def test_an_adverb_before_the_noun_is_part_of_its_phrase() -> None:
    assert counted("How many very badly damaged buses were there?") >= counted("How many buses were there?") != set()


def test_a_kind_of_the_counted_noun_counts_only_in_lower_case() -> None:
    asked = "How many Mexican soldiers were killed?"
    head = counted(asked)
    kinds = kin_terms(" ".join(count_phrase(asked))) - head  # WordNet: a guard is a kind of soldier
    assert "guard" in kinds
    named = "Harfuch said that 25 members of the National Guard were killed by cartel attacks."
    assert bound_numbers(named, head | kinds, common=kinds) == set()  # the name "National Guard"
    assert bound_numbers(named, head | kinds) == {25.0}
    assert bound_numbers("Gunmen shot 4 guards at the gate.", head | kinds, common=kinds) == {4.0}
    assert bound_numbers("Gunmen shot 4 “guards” at the gate.", head | kinds, common=kinds) == {4.0}  # quoted
