"""rag.prefer: which of the answering sentences a question prefers."""

from __future__ import annotations

import pytest

from rag.drafts import Candidate
from rag.prefer import asked_terms, focused, giving_a_reason, saying_the_thing

from .factories import make_doc

pytestmark = pytest.mark.unit


def candidates(*sentences: str, score: float = 0.5) -> tuple[list[Candidate], list]:
    doc = make_doc("d1", list(sentences))
    return [Candidate(s, doc.passage, score, True) for s in doc.sentences], doc.sentences


def test_asked_terms_leave_out_pointers_and_answer_type_words() -> None:
    assert asked_terms("Where did she post it?") == asked_terms("Where did she post?")
    assert "name" not in " ".join(asked_terms("What was his real name?"))


def test_a_follow_up_prefers_the_sentences_holding_most_of_its_own_words() -> None:
    found, _ = candidates("Sheinbaum posted a statement on Facebook.", "Leavitt posted on X.")
    assert [c.sentence.index for c in focused(found, "where did Sheinbaum post her statement", 0.2)] == [0]
    assert focused(found, "where did Sheinbaum post her statement", 0.9) == found  # too weak to answer


def test_a_role_asked_about_is_preferred_and_none_is_required() -> None:
    found, sentences = candidates("Press Secretary Karoline Leavitt said so.",
                                  "Security Secretary Omar García Harfuch spoke.")
    kept = saying_the_thing(found, "Who is Mexico's security secretary?", "person", sentences)
    assert [c.sentence.index for c in kept] == [1]
    nobody, sentences = candidates("Karoline Leavitt said so.")
    assert saying_the_thing(nobody, "Who is the security secretary?", "person", sentences) == nobody


def test_a_role_of_a_named_body_or_place_is_required_with_it() -> None:
    found, sentences = candidates("A statement from the Secretariat of National Defense confirmed it.",
                                  "Nemesio Oseguera was the head of the Jalisco New Generation Cartel.")
    assert saying_the_thing(found, "Who heads the Secretariat of National Defense?", "person", sentences) == []
    assert saying_the_thing(found, "Who is the governor of Jalisco?", "person", sentences) == []
    kept = saying_the_thing(found, "Who leads the Jalisco New Generation Cartel?", "person", sentences)
    assert [c.sentence.index for c in kept] == [1]  # "head" is kin to "leader"
    found, sentences = candidates("Security Secretary Omar García Harfuch spoke.")  # a country: the setting
    assert saying_the_thing(found, "Who is Mexico's security secretary?", "person", sentences) == found
    found, sentences = candidates("Sheinbaum, Mexico's leader, spoke.")  # only a country: none required
    assert saying_the_thing(found, "Who is Mexico's president?", "person", sentences) == found
    found, sentences = candidates("El Mencho led the cartel for years.", "Zambada leads La Mayiza.")
    kept = saying_the_thing(found, "Who leads the Jalisco New Generation Cartel?", "person", sentences)
    assert [c.sentence.index for c in kept] == [0]  # its verb, and the body by its kind
    assert [c.sentence.index for c in saying_the_thing(found, "Who is the leader of La Mayiza?", "person",
                                                          sentences)] == [1]
    found, sentences = candidates("The Secretariat of National Defense did not comment on the case.")
    assert saying_the_thing(found, "Who heads the Secretariat of National Defense?", "person", sentences) == []


def test_a_speaker_s_words_saying_what_they_were_asked_about_are_preferred() -> None:
    found, sentences = candidates("“We gave intelligence support,” Leavitt said.",
                                  "“President Trump has been very clear,” Leavitt wrote.")
    kept = saying_the_thing(found, "what did Leavitt say about trump?", None, sentences)
    assert [c.sentence.index for c in kept] == [1]
    assert saying_the_thing(found, "what did Leavitt say about the weather?", None, sentences) == found  # none
    found, sentences = candidates("Landau called the killing a great development.",
                                  "Trump himself posted that Mexico must fight the cartels.")  # typed for
    assert saying_the_thing(found, "What did Landau say about the cartels?", None, sentences) == found  # Landau


def test_a_role_s_words_are_preferred_where_the_sources_say_the_role() -> None:
    found, sentences = candidates("“We gave intelligence support,” Press Secretary Karoline Leavitt said.",
                                  "Mexico’s president, Claudia Sheinbaum, urged calm.",
                                  "“Activities are normal,” Sheinbaum said.")
    kept = saying_the_thing(found, "What has Mexico's president said about the situation?", None, sentences)
    assert [c.sentence.index for c in kept] == [1, 2]  # the quote after the sentence giving her role
    assert saying_the_thing(found, "What did the governor say?", None, sentences) == found  # none says it


def test_a_why_question_puts_a_sentence_giving_a_cause_first_when_it_scores_close() -> None:
    doc = make_doc("d1", ["Videos of burning cars have been shared widely.",
                          "Cartel members kicked off a wave of violence in response to El Mencho's killing."])
    found = [Candidate(doc.sentences[0], doc.passage, 0.27, True), Candidate(doc.sentences[1], doc.passage, 0.20, True)]
    assert giving_a_reason(found, "why are there burning cars all over mexico?", 0.1, 0.2)[0] is found[1]
    assert giving_a_reason(found, "why are there burning cars all over mexico?", 0.05, 0.2) == found  # too far
    assert giving_a_reason(found, "why are there burning cars all over mexico?", 0.1, 0.25) == found  # under the
    assert giving_a_reason(found, "where are cars burning?", 0.1, 0.2) == found  # floor; not a why-question
