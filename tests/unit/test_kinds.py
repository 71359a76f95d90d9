"""rag.kinds: the names a text gives things of the kind a "which" question asks for."""

from __future__ import annotations

import pytest

from rag.drafts import Candidate
from rag.kinds import kind_names, lacks_the_kind, named_kind, names_a_thing

from .factories import make_doc

pytestmark = pytest.mark.unit


def test_named_kind_is_a_which_questions_kind_of_named_thing() -> None:
    assert named_kind("Which airlines cancelled?") == "airline" and named_kind("Which parties won?") == "party"
    assert named_kind("Which town was hit?") == "" and named_kind("Who led it?") == ""
    assert named_kind("On which platform were the videos shared?") == "platform"  # "social media" names none
    assert named_kind("Which U.S. agency offered the reward?") == "agency"  # past an acronym
    assert named_kind("Which Mexican airlines cancelled?") == ""  # a people's: names seldom say whose
    reward = "El Mencho was well-known to U.S. authorities, who offered a $15 million reward."
    assert not names_a_thing(reward, "Which U.S. agency offered the reward for El Mencho?", frozenset())
    assert not names_a_thing("Videos of burning cars have been shared widely on social media.",
                             "On which platform were the videos shared?", frozenset())
    assert names_a_thing("“All is normal,” Sheinbaum said in a post on Facebook.",
                         "On which platform did Sheinbaum post?", frozenset())


def test_names_a_thing_other_than_the_questions_own_and_places() -> None:
    places = frozenset({"Guadalajara", "Puerto Vallarta"})
    question = "Which airlines cancelled flights to Puerto Vallarta?"
    assert not names_a_thing("Flights stopped, namely Guadalajara and Puerto Vallarta.", question, places)
    assert not names_a_thing("Flights to Puerto Vallarta stopped on Sunday.", question, places)  # asked
    assert names_a_thing("Flights stopped, and WestJet sent larger aircraft.", question, places)
    assert names_a_thing("Soriana, FEMSA and Costco closed stores.", "Which companies closed stores?", places)
    assert names_a_thing("FEMSA said 200 of its Oxxo stores burned.", "Which company owns Oxxo?", places)  # speaking


def test_kind_names_are_the_names_a_text_gives_things_of_the_kind_asked() -> None:
    text = ("Delays grew. Alaska Airlines cancelled 16 flights. The Jalisco New Generation Cartel (CJNG) "
            "claimed it. He was flown to the Hospital Civil de Guadalajara. Rival cartels attacked.")
    assert kind_names("Which airlines cancelled?", text) == {"Alaska"}
    assert kind_names("Which cartel claimed it?", text) == {"Jalisco New Generation", "CJNG"}
    assert kind_names("Which hospital was he flown to?", text) == {"Civil de Guadalajara"}
    assert kind_names("Which airline?", "The Mexican airline Aeroméxico cancelled.") == {"Aeroméxico"}  # not Mexican
    assert kind_names("Which airline?", "On Sunday Alaska Airlines cancelled. United Airlines halted.") == {
        "Alaska", "United"}
    assert kind_names("Which airline?", "American Airlines cancelled. Alaska Airlines Flight 12 landed.") == {
        "American", "Alaska"}  # a name, though a people's word; no "Flight"
    assert kind_names("Which cartel did El Mencho lead?", "The cartel El Mencho had led grew.") == set()  # asked
    assert kind_names("Which cartel?", "The Cartel de Jalisco Nueva Generación said.") == {"Jalisco Nueva Generación"}
    assert kind_names("Which city was hit?", text) == set()  # no named kind asked
    assert kind_names("Which cartel claimed it?", "The Cartel said so. Rival cartels attacked.") == set()


def test_a_kind_of_body_is_not_named_by_the_stories_people_nor_a_country() -> None:
    doc = make_doc("salon", ["El Mencho was well-known to U.S. authorities, who offered a $15 million reward."])
    doc.passage.aliases = {"el mencho": "Oseguera"}
    eligible = [Candidate(s, doc.passage, 0.5, True) for s in doc.sentences]
    assert lacks_the_kind("Which agency offered the reward?", eligible, [doc.passage], 0.2)
    named = make_doc("wire", ["Officials said the Drug Enforcement Administration offered the reward."])
    assert not lacks_the_kind("Which agency offered the reward?",
                              [Candidate(s, named.passage, 0.5, True) for s in named.sentences], [named.passage], 0.2)


def test_a_country_owning_a_body_names_it_and_a_sentence_referring_back_reads_the_one_before() -> None:
    assert names_a_thing("Mexico's central bank cut interest rates.", "Which bank cut rates?", frozenset())
    doc = make_doc("salon", ["A statement from Mexico’s Secretariat of National Defense confirmed it.",
                             "The secretariat also confirmed that seven were killed."])
    eligible = [Candidate(doc.sentences[1], doc.passage, 0.5, True)]
    assert lacks_the_kind("Which agency confirmed the deaths?", eligible, [doc.passage], 0.2)
    assert not lacks_the_kind("Which agency confirmed the deaths?", eligible, [doc.passage], 0.2, doc.sentences)


def test_a_country_is_known_by_its_initials_with_or_without_full_stops() -> None:
    from rag.wordnet import country_names, is_country
    assert is_country("U.S.") and is_country("USA") and not is_country("Guadalajara")
    assert "United States" in country_names("U.S.")
