"""What a question asks about that the retrieved documents must mention."""

from __future__ import annotations

import pytest

from rag.mentions import (agent_names, asked_places, asked_roles, asked_thing, asked_whether, head_terms,
                          name_keys, place_terms, said_in_passage, source_names, speaker_names, unmentioned)
from rag.casing import recased
from rag.text import canonical_terms, mentioned_terms
from rag.wordnet import broader, broader_terms, kin, kin_terms

from .factories import make_passage

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("question", "expected"), [
    ("What weapons were seized during the raid?", ("weapons", "seized")),
    ("What charges did El Mencho face in US courts?", ("charges", "")),  # "face" may be a noun
    ("What model of helicopter was forced to land?", ("model", "forced")),
    ("And what protocol did the governor activate?", ("protocol", "activate")),
    ("What coordination hub did the government set up?", ("coordination hub", "")),  # either word
    ("What e-mail did she send?", ("e-mail", "send")),
    ("Which international friendly did that put in doubt?", ("international friendly", "put")),  # ends at "did"
    ("What weapons were seized — the raid in Tapalpa?", ("weapons", "seized")),  # its own part only
    ("What term did Trump use for the cartels?", ("", "")),  # the answer is the term, not "term"
    ("What impact did the raid have on schools?", ("", "")),  # a description
    ("What security measures were taken?", ("", "")),
    ("What share of firms reopened?", ("", "")),
    ("Which news agency gave the toll?", ("", "")),  # an organisation: answered by its name
    ("On which platform did Sheinbaum post?", ("", "")),
    ("Which admiral sat in the command centre?", ("", "")),  # a role: answered by a person
    ("Which US agency helped?", ("", "")),  # a name, not a common noun
    ("Which ones were seized?", ("", "")),
    ("What lies ahead?", ("", "")),  # a verb
    ("What is the weather forecast for Guadalajara?", ("weather forecast", "")),  # a noun after "the"
    ("What's the name of the airport?", ("", "")),  # the answer is the name
    ("What was the aftermath of the raid?", ("", "")),  # an aspect, which an answer seldom names
    ("What is the current state of the country?", ("", "")),  # an adjective and an aspect
    ("What sort of reprisals followed?", ("", "")),
    ("Who was killed?", ("", "")),
])
def test_asked_thing(question: str, expected: tuple[str, str]) -> None:
    assert asked_thing(question) == expected


def test_a_thing_is_unmentioned_when_neither_it_nor_its_event_is() -> None:
    passage = make_passage("d1", "Troops seized rifles near Tapalpa; a coordination centre was set up.")
    assert unmentioned("What weapons were used near Tapalpa?", [passage]) == ["weapons"]
    assert unmentioned("What weapons were seized near Tapalpa?", [passage]) == []  # the rifles, perhaps
    assert unmentioned("What rifles were used near Tapalpa?", [passage]) == []
    assert unmentioned("What coordination hub was set up?", [passage]) == []
    assert unmentioned("What weapons were used in Lagos?", [passage]) == ["Lagos", "weapons"]
    assert unmentioned("What weapons were used in Lagos?", [passage], typed=True) == ["Lagos"]
    passage.mentions = frozenset({"weapon", "tapalpa"})  # the whole document, when retrieval read it
    assert unmentioned("What weapons were used near Tapalpa?", [passage]) == []


@pytest.mark.parametrize(("question", "expected"), [
    ("Were helicopters used in the raid?", ("helicopters", "")),  # "used" is a light verb
    ("Were police cars burned?", ("cars", "burned")),  # the noun of a compound
    ("Were any cartel members arrested?", ("", "")),  # people: the sources may call them otherwise
    ("Did the boss die?", ("", "")),
    ("Were the streets calm?", ("", "")),  # a place
    ("Was the man behind the blockades caught?", ("", "")),
    ("Were flights cancelled?", ("", "")),  # no physical thing: the sources may say it otherwise
    ("Is life going on as usual?", ("", "")),
    ("Did the Pentagon say anything?", ("", "")),  # a name: checked as a name
    ("Were any Mexican troops hurt?", ("", "")),
    ("Was it a success?", ("", "")),  # a pronoun
    ("has anyone claimed it?", ("", "")),
])
def test_asked_whether(question: str, expected: tuple[str, str]) -> None:
    assert asked_whether(question) == expected


def test_a_yes_no_question_s_thing_is_unmentioned_when_neither_it_its_kin_nor_its_deed_is() -> None:
    passage = make_passage("d1", "Soldiers arrested two gunmen; flights were suspended in Guadalajara.")
    assert unmentioned("Were helicopters used in the raid?", [passage]) == ["helicopters"]
    assert unmentioned("Were drones used in the raid?", [passage]) == ["drones"]
    assert unmentioned("Were any troops hurt?", [passage]) == []  # soldiers are troops (WordNet)
    assert unmentioned("Were any cartel members arrested?", [passage]) == []  # the arrest is said
    assert unmentioned("Were flights cancelled?", [passage]) == []


def test_broader_reads_synonyms_and_the_kind_above_in_the_commonest_senses() -> None:
    assert {"consequence", "result", "wake"} <= broader("aftermath")
    assert "hail" not in broader("weather")  # not the kinds of it
    assert "line" not in broader("stock")  # nor its rarer senses
    assert "fund" in broader_terms("finances")  # its lemma's senses: "finances" are funds


def test_wordnet_kin_reads_synonyms_kinds_and_the_kind_above() -> None:
    assert {"rifle", "gun", "weapon", "arm"} <= kin("weapon")
    assert "centre" in kin("hub") and "municipality" in kin("city")
    assert "guadalajara" not in kin("city")  # a named instance is no kind of city
    assert kin("tapalpa") == frozenset() and kin("") == frozenset()


def test_kin_terms_widen_a_common_noun_only() -> None:
    assert {"lorri", "car"} <= kin_terms("vehicles")  # "39 buses, lorries and cars"
    assert "travel" in kin_terms("holidaymakers")  # unknown to the dictionary, still a plural
    assert "mexican" not in kin_terms("Americans") and kin_terms("Americans") == canonical_terms("Americans")


def test_a_people_or_proper_adjective_is_mentioned_by_its_country() -> None:
    passage = make_passage("d1", "Soldiers from Mexico fell at the cabins.")
    assert unmentioned("Where did the Mexican soldiers fall?", [passage]) == []
    assert unmentioned("Where did the Guatemalan soldiers fall?", [passage]) == ["Guatemalan"]


def test_a_national_capital_is_mentioned_by_its_country() -> None:
    passage = make_passage("d1", "The U.S. gave intelligence support to the operation.")
    assert unmentioned("What was Washington's involvement in the operation?", [passage]) == []
    assert unmentioned("What did Beijing say?", [passage]) == ["Beijing"]  # China's capital: not the US
    colombia = make_passage("d2", "Colombia offered help.")
    assert unmentioned("What did Bogotá offer?", [colombia]) == []  # accents aside


def test_wordnet_says_which_capitalised_words_name_no_one() -> None:
    from rag.wordnet import names_no_one

    assert names_no_one("Mexico") and names_no_one("Six") and names_no_one("Mexican")  # place, number, people
    assert not names_no_one("Omar") and not names_no_one("Leavitt")  # Omar Khayyam; a word it does not know


def test_without_the_wordnet_data_nothing_is_kin_and_nothing_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    import rag.events as events
    import rag.wordnet as wordnet

    caches = (wordnet.kin, wordnet.is_place, wordnet.pertains_to, wordnet.kin_terms, wordnet.names_no_one,
              wordnet.verb_kin, events._verb_terms, wordnet.broader, wordnet.broader_terms, wordnet.capital_of)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(wordnet, "_files", lambda pos="noun": None)
    try:
        assert wordnet.kin("weapon") == frozenset() and not wordnet.is_place("cabin")
        assert wordnet.pertains_to("Mexican") == frozenset() and wordnet.kin_terms("vehicles") == {"vehicl"}
        assert not wordnet.names_no_one("Mexico") and wordnet.verb_kin("spell") == frozenset()
        assert "spell" in events._verb_terms("spell")  # the verb itself still
        assert wordnet.broader("aftermath") == frozenset() and wordnet.broader_terms("finances") == {"financ"}
        assert wordnet.capital_of("Washington") == frozenset()
    finally:
        for cached in caches:
            cached.cache_clear()


def test_the_speaker_asked_for_is_named_by_its_names_not_its_owner_or_role() -> None:
    assert speaker_names("What did the governor of Michoacán say?") == (frozenset({"michoacan"}),)
    assert speaker_names("What did Trump's press secretary say?") == ()  # an owner, not the speaker
    assert speaker_names("What did Mexico's president say?") == ()  # "Sheinbaum said" gives her words
    assert speaker_names("What did Mexico's Security Secretary say?") == ()  # a role, after its owner
    assert speaker_names("What did the Mexican president say?") == ()  # a people


@pytest.mark.parametrize(("name", "terms"), [
    ("Mexico's Navy Secretariat", {"navi"}),  # the Navy's, not Mexico's; "Secretariat" is any secretariat's
    ("Alaska Airlines", {"alaska"}),
    ("National Guard", {"nation", "guard"}),  # "National" alone is no name
    ("Puerto Vallarta", {"puerto", "vallarta"}),  # no organisation: either of its last two words
    ("Secretary of State Marco Rubio", {"marco", "rubio"}),
])
def test_an_organisation_is_mentioned_by_the_words_before_its_kind(name: str, terms: set[str]) -> None:
    assert head_terms(name) == terms


def test_a_secretariat_other_than_the_one_asked_about_does_not_mention_it() -> None:
    passages = [make_passage("a.md", "A statement from Mexico’s Secretariat of National Defense confirmed it.")]
    assert unmentioned("What did Mexico's Navy Secretariat confirm?", passages) == ["Mexico's Navy Secretariat"]


def test_an_agent_is_named_by_its_head_terms_or_by_the_owner_of_a_role_or_body() -> None:
    assert agent_names("How much did Mexico's attorney general offer?") == (frozenset({"mexico"}),)
    assert agent_names("How many flights did Alaska cancel?") == (frozenset({"alaska"}),)
    assert agent_names("What did Coparmex Jalisco's survey find on Monday?") == ()  # a survey's owner
    assert agent_names("What tolls did the AP and Reuters give?") == ()  # "the AP" may be "Associated Press"


def test_no_agent_is_asked_of_a_thing_that_does_nothing() -> None:
    assert agent_names("How much did the Mexican peso fall?") == ()
    assert head_terms("Jalisco's Attorney General's Office") == {"general", "offic"}  # after the first owner


@pytest.mark.parametrize(("question", "expected"), [
    ("What did the governor of Jalisco say about the violence?", ["governor"]),
    ("What did Jalisco's governor order?", ["governor"]),
    ("What did the archbishop of Guadalajara say?", ["archbishop"]),
    ("What did the chief of the National Guard say?", ["chief"]),
    ("What did the spokesperson say?", []),  # a role alone: the sources may call it otherwise
    ("What did Sheinbaum say at the press conference?", []),  # "press" describes the conference
    ("What triggered the general strike?", []),
    ("Which cartel was El Mencho the boss of?", []),  # what the answer calls him
    ("Which state was Lemus the governor of?", []),
    ("What did she promise would happen to the traffickers?", []),  # people, not a role
    ("So who is the governor of Jalisco?", []),  # a who-question asks whom the sources give the role
])
def test_asked_roles(question: str, expected: list[str]) -> None:
    assert asked_roles(question) == expected


def test_a_role_no_source_mentions_is_unmentioned() -> None:
    passage = make_passage("d1", "Sheinbaum said that Jalisco was calm on Monday.")
    assert unmentioned("What did the governor of Jalisco say?", [passage]) == ["the governor"]
    governed = make_passage("d2", "Governor Pablo Lemus said that Jalisco was calm on Monday.")
    assert unmentioned("What did the governor of Jalisco say?", [governed]) == []


def test_an_agency_typed_in_lower_case_that_no_source_names_is_unmentioned() -> None:
    passage = make_passage("d1", "The United States provided intelligence support to the operation.")
    asked = recased("which us agency supplied the intel, cia or dea?", {})
    assert unmentioned(asked, [passage]) == ["CIA", "DEA"]


def test_a_country_is_said_by_its_document_when_the_passage_is_of_no_other() -> None:
    places = asked_places("How many blockades went up across Mexico on Sunday?")
    evening = make_passage("d2", "The cabinet said 252 blockades had been set up in 20 states.")
    local = {evening.chunk_id: place_terms(evening.text)}
    assert not said_in_passage(places, set(), evening, local)  # the passage alone does not say Mexico
    assert said_in_passage(places, set(), evening, local, {"mexico", "blockad"})  # its document does
    cuban = make_passage("d3", "Gunmen set up 318 blockades across 20 Cuban provinces.")
    assert not said_in_passage(places, set(), cuban, {cuban.chunk_id: place_terms(cuban.text)}, {"mexico"})
    town = asked_places("How many flights were cancelled at Manzanillo airport?")
    assert not said_in_passage(town, set(), evening, local, {"manzanillo"})  # a town: the passage must say it


def test_the_source_a_question_takes_its_answer_from() -> None:
    assert source_names("How many were injured, according to the Associated Press?") == (frozenset({"associ"}),)
    assert source_names("According to Reuters, how many died?") == (frozenset({"reuter"}),)
    assert source_names("What was the toll according to the AP?") == ()  # written otherwise too
    assert source_names("How many were injured?") == ()
    assert source_names("How many died, according to El Universal?") == (frozenset({"universal"}),)  # not "el"


def test_a_name_is_mentioned_by_its_acronym_its_initials_and_its_country_s_other_names() -> None:
    said = mentioned_terms("", "", "Leavitt said the U.S. gave support to the Drug Enforcement Administration.")
    assert name_keys("United States") & said and name_keys("USA") & said and name_keys("DEA") & said
    assert name_keys("USA") & mentioned_terms("", "", "The United States provided support.")
    assert not name_keys("Mexico") & mentioned_terms("", "", "the Mexican state of Jalisco")  # not "States"
