"""rag.pronouns: which pronoun the sources use for a name."""

from __future__ import annotations

import pytest

from rag.pronouns import PASSAGE_BREAK, agreeing, gender_of, needs_antecedent, placed_there, referred_as

pytestmark = pytest.mark.unit

STATEMENT = ("Asked whether Washington had pushed Mexico into the operation, Sheinbaum said it had not "
             "been carried out under pressure. Oseguera had one or more arrest warrants against him, she "
             "said, and the aim had been to detain him.")


def test_a_speech_tag_is_the_speakers_not_the_name_before_it() -> None:
    assert referred_as("Claudia Sheinbaum", STATEMENT) == "she"
    assert referred_as("Oseguera", STATEMENT) == "he"


def test_a_pronoun_after_a_later_name_is_that_names() -> None:
    text = "White House press secretary Karoline Leavitt said she was glad."
    assert referred_as("Karoline Leavitt", text) == "she"
    assert referred_as("White House", text) is None


def test_the_next_sentence_may_open_with_the_pronoun() -> None:
    assert referred_as("Leavitt", "Leavitt wrote on X. She also thanked the army.") == "she"


def test_no_pronoun_or_a_tie_says_nothing() -> None:
    assert referred_as("Trevilla", "Trevilla spoke on Monday.") is None
    assert referred_as("Lopez", "Lopez said he left. Lopez said she left.") is None


@pytest.mark.parametrize(("pronoun", "gender"), [("His", "he"), ("herself", "she"), ("they", None)])
def test_gender_of(pronoun: str, gender: str | None) -> None:
    assert gender_of(pronoun) == gender


def test_speech_tags_after_a_quote_or_verb_first_go_to_the_speaker() -> None:
    assert referred_as("Sheinbaum", 'Sheinbaum said it. "There was no pressure," she said.') == "she"
    assert referred_as("Trevilla", 'The raid under Trevilla "acted with courage," she said.') is None
    assert referred_as("Harfuch", "Harfuch spoke. The toll rose, said he.") is None  # "spoke" says nothing


def test_another_speaker_takes_the_later_speech_tags() -> None:
    assert referred_as("Sheinbaum", "Sheinbaum said it. Landau, the deputy, said he was pleased.") is None


def test_his_or_her_after_a_name_is_no_vote() -> None:
    assert referred_as("Sheinbaum", "Sheinbaum thanked the army for his work.") is None


def test_agreeing_keeps_a_person_the_sources_do_not_contradict() -> None:
    sources = "Sheinbaum said she was calm. Oseguera had warrants against him."
    assert agreeing("Sheinbaum", "she", ["Oseguera"], sources) == "Sheinbaum"
    assert agreeing("Sheinbaum", "he", ["Sheinbaum", "Oseguera"], sources) == "Oseguera"
    assert agreeing("Sheinbaum", "he", ["White House"], sources) == ""  # no one agrees: nobody
    assert agreeing("", "she", ["Oseguera", "Sheinbaum"], sources) == "Sheinbaum"


@pytest.mark.parametrize(("name", "text", "gender"), [
    ("Sheinbaum", "Sheinbaum said on Monday that she would not negotiate.", "she"),  # a day names no one
    ("Sheinbaum", "Sheinbaum told reporters in Guadalajara that she would stay.", "she"),  # nor a place
    ("Maria Lopez", "Maria Lopez, 34, said she heard shots.", "she"),  # no quote: not a speech tag
    ("Harfuch", "Harfuch's wife said she was proud of him.", None),  # she is the wife
    ("Leavitt", "Leavitt praised Hegseth. His department led the raid.", None),  # "His" opens: no vote
])
def test_news_attribution_patterns(name: str, text: str, gender: str | None) -> None:
    assert referred_as(name, text) == gender


def test_with_no_vote_el_before_a_nickname_is_he() -> None:
    assert agreeing("El Mencho", "she", ["El Paso"], "The reward for El Mencho was raised.") == ""
    assert agreeing("El Mencho", "he", [], "The reward for El Mencho was raised.") == "El Mencho"
    assert agreeing("La Barbie", "he", [], "La Barbie was arrested in 2010.") == "La Barbie"  # a man
    assert agreeing("", "he", ["El Paso"], "El Paso is a border city.") == ""  # never picked by its article


def test_the_next_sentence_is_read_within_one_passage() -> None:
    joined = PASSAGE_BREAK.join(["Nineteen were killed, Harfuch said on Monday.", "She thanked the army."])
    assert referred_as("Harfuch", joined) is None
    assert referred_as("Harfuch", joined.replace(PASSAGE_BREAK, " ")) == "she"  # read as one passage
    assert referred_as("Leavitt", "Leavitt wrote on X.\n\nShe also thanked the army.") == "she"  # paragraphs


def test_a_placed_name_gets_no_vote() -> None:
    assert referred_as("Jalisco", "Six attacks took place in Jalisco. He called them cowardly.") is None


def test_agreeing_falls_back_on_a_person_the_earlier_questions_named() -> None:
    sources = "García Harfuch said 27 attacks were carried out."  # no pronoun for him anywhere
    earlier = "How many attacks did Omar García Harfuch say were carried out?"
    assert agreeing("", "he", ["Six", "García Harfuch"], sources, earlier) == "García Harfuch"
    assert agreeing("", "he", ["García Harfuch"], sources) == ""  # asked about by no one: nobody
    assert agreeing("", "she", ["García Harfuch"], "Harfuch said he was sure.", earlier) == ""
    assert agreeing("", "he", ["Jalisco"], "Troops flew over Jalisco.", "What flew over Jalisco?") == ""  # no full name


def test_there_after_a_distance_is_the_place_measured_not_the_one_measured_from() -> None:
    assert placed_there("When did it start there?", "How far is Tapalpa from Guadalajara?") \
        == "When did it start in Tapalpa?"
    assert placed_there("When did it start there?", "How many flights left from Guadalajara?") \
        == "When did it start in Guadalajara?"


def test_there_is_a_place_not_the_last_name_of_the_earlier_question() -> None:
    previous = "Is Guadalajara still hosting World Cup games?"
    assert placed_there("When does Mexico play there?", previous) == "When does Mexico play in Guadalajara?"  # WordNet
    previous = "Did Puerto Vallarta cancel the Carnival Parade?"  # neither is known to WordNet
    assert placed_there("How many hotels closed there?", previous, sources="Hotels in Puerto Vallarta shut.") \
        == "How many hotels closed in Puerto Vallarta?"
    unknown = placed_there("How many hotels closed there?", previous)  # no source places either: the last name
    assert unknown == "How many hotels closed in Carnival Parade?"


def test_an_answer_saying_he_needs_the_sentence_naming_him() -> None:
    named = 'Audias Flores Silva, "El Jardinero", is a regional commander.'
    groomed = "A 2022 narcocorrido was seen as a signal that he was being groomed for the top job."
    assert needs_antecedent("Which of the successors was hinted at in a ballad?", groomed, named)
    assert not needs_antecedent("When was the ballad released?", groomed, named)  # not asking who
    assert not needs_antecedent("Which ballad hinted at Audias Flores Silva?", groomed, named)  # named already
    assert not needs_antecedent("Who claimed the body?", "His body was claimed by relatives.",
                                "Oseguera's death certificate was reported on 3 March.")  # an owner


def test_an_answer_naming_its_own_he_or_she_needs_no_sentence_before() -> None:
    assert not needs_antecedent("Who ordered the raid?", "Sheinbaum said she had ordered the raid.",
                                "Omar García Harfuch spoke first.")


def test_a_name_is_a_place_when_put_after_a_locative_not_when_its_owner_is() -> None:
    sources = "Sheinbaum said it, and she praised the army. Officials in Sheinbaum's government said little."
    assert agreeing("", "she", ["Sheinbaum"], sources) == "Sheinbaum"
    assert agreeing("", "she", ["Tapalpa"], "She travelled to the cabins in Tapalpa, where she stayed.") == ""
