"""rag.casing: names learned from how the corpus capitalises them, and lower-case questions recased."""

from __future__ import annotations

import pytest

from rag.casing import learn, recased

pytestmark = pytest.mark.unit

CORPUS = ["Gunmen struck in Guadalajara and Zapopan. The National Guard arrived, then the National Guard left, said El Mencho's rivals.",
          "Fans saw Mexico play South Korea in Guadalajara, and the guard said the south was calm.",
          "Troops march in March. Tapalpa was quiet. In Tapalpa the residents hid."]


def test_learns_what_the_corpus_capitalises_in_mid_sentence_and_never_writes_lower() -> None:
    casing = learn(CORPUS)
    assert casing["guadalajara"] == "Guadalajara" and casing["el mencho"] == "El Mencho"
    assert casing["south korea"] == "South Korea" and casing["national guard"] == "National Guard"
    assert "south" not in casing and "guard" not in casing  # written in lower case too
    assert "march" not in casing  # a dictionary word: a single one needs to be unknown to it
    assert casing["tapalpa"] == "Tapalpa"  # after "In", not where the sentence opens
    assert "troops" not in learn(["Troops came. Troops left."])  # only ever where a sentence opens
    assert "the" not in casing and "zapopan the" not in casing  # nor across a full stop


def test_headlines_datelines_and_abbreviations_teach_no_names() -> None:
    casing = learn(["Troops Will Stay In Jalisco As Blockades Spread\n\nTroops stayed in Jalisco, said The Guardian.",
                    "It was filed in 2026 GUADALAJARA, Mexico, by MARÍA VERZA and U.S. reporters, in Guadalajara.",
                    "Once, said a Task Force officer, and CONCACAF agreed."])
    assert recased("will troops stay in jalisco?", casing) == "will troops stay in Jalisco?"  # not "In Jalisco"
    assert recased("who was the guardian of the children?", casing) == "who was the guardian of the children?"
    assert casing["guadalajara"] == "Guadalajara" and "u" not in casing  # not a dateline's capitals; "U" of "U.S."
    assert "maría verza" not in casing and casing["concacaf"] == "CONCACAF"  # a byline; an acronym
    assert "task force" not in casing  # once, and the dictionary knows both words


def test_recases_the_longest_run_and_leaves_the_rest_as_typed() -> None:
    casing = learn(CORPUS)
    assert recased("what date is mexico vs south korea in guadalajara?", casing) \
        == "what date is Mexico vs South Korea in Guadalajara?"
    assert recased("where is el mencho's body?", casing) == "where is El Mencho's body?"
    assert recased("did the national guard march south?", casing) == "did the National Guard march south?"
    assert recased("Mexico and mexico, south, korea", casing) == "Mexico and Mexico, south, Korea"  # no run
    assert recased("anything", {}) == "anything"


def test_a_word_known_only_as_a_name_is_capitalised_though_no_document_names_it() -> None:
    assert recased("what did canada tell its citizens in texas?", {}) == "what did Canada tell its citizens in Texas?"
    assert recased("what happened in march in china on feb 22?", {}) == "what happened in march in china on feb 22?"
    assert recased("did the un or nato comment?", {}) == "did the un or NATO comment?"  # two letters: as typed
    assert recased("was it the cia or the dea?", {}) == "was it the CIA or the DEA?"  # organisations: names
    assert recased("did the farc comment?", {}) == "did the FARC comment?"  # an armed group
    assert recased("what did the ceo say about gdp and dna?", {}) == "what did the ceo say about gdp and dna?"
    assert recased("what did the usa say?", {}) == "what did the usa say?"  # a country's acronym: as typed


def test_a_name_typed_without_its_accents_is_read_with_them() -> None:
    casing = learn(["Gunmen reached Michoacán and Querétaro. The Cabañas La Loma complex was empty."])
    assert recased("how many blockades were in michoacan and queretaro?", casing) == (
        "how many blockades were in Michoacán and Querétaro?")
    assert recased("the cabanas la loma complex", casing) == "the Cabañas La Loma complex"
    assert "resume" not in learn(["She wrote to Résumé Ltd."])  # unaccented, a word: left alone
    assert "pena" not in learn(["Ana met Pená and Peña."])  # unaccented, two names: neither

