"""rag.events: the verb of a who, yes/no or how-long question, and the words that say it."""

from __future__ import annotations

import pytest

from rag.events import asked_agent, asked_speaker, does, lasting_event, polar_event, polar_terms, subject_event
from rag.text import canonical_terms

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("question, expected", [
    ("Were any cartel members arrested alive?", "arrested"),
    ("Was anyone ever convicted for the attack?", "convicted"),
    ("Did the Pope say anything?", ""),  # "say" could be a noun: no check
    ("Has the cartel done this before?", ""),  # a light verb
    ("Was he arrested or did he die?", ""),  # a choice, not a yes/no question
    ("Who was arrested?", ""),
    ("Were any of the wounded named?", "named"),  # "the wounded": a noun there
    ("Did he name any of the Guardsmen who were killed?", "name"),  # not the relative clause's
    ("Did Sheinbaum talk to Trump on the phone?", "talk"),  # a do-question's verb, though a noun too
    ("Did they still pay their workers?", "pay"),  # not the adverb
    ("Did the Defense Department give the outlet any comment?", ""),  # a light verb
    ("Did Mexico's friendly go ahead as planned?", "planned"),
    ("Did the US have a bounty out on El Mencho before he was killed?", ""),  # the bounty, not the killing
    ("Did the US have a bounty on him before Oseguera was killed?", ""),
    ("Were flights cancelled when the violence began?", "cancelled"),
])
def test_polar_event(question: str, expected: str) -> None:
    assert polar_event(question) == expected


def test_polar_event_passes_over_light_verbs_and_verbs_of_saying() -> None:
    assert polar_event("Has the curfew been lifted?") == "lifted"
    assert polar_event("Did officials confirm that 25 were killed?") == "killed"
    assert polar_terms("Was the raid considered a success?") == frozenset()  # a judgement: "hailed as a success"
    assert polar_terms("Is it seen as a win?") == frozenset()
    assert asked_speaker("What has Mexico's president said about it?") == "Mexico's president"  # perfect
    assert asked_speaker("What has happened since Sheinbaum said she would act?") == ""  # a clause's verb


@pytest.mark.parametrize("question, verb", [
    ("Who commanded the Mexican troops that carried out the raid?", "command"),
    ("So who opened fire first?", "open"),
    ("Who led the troops?", "lead"),  # its lemma: "the troops' leader" says it too
    ("Who commented for the White House?", ""),  # saying: any verb of saying answers
    ("Who responded first?", ""),
    ("Who became the cartel's leader?", ""),  # a light verb
    ("Who announced the U.S. role?", ""),
    ("Who called for calm?", ""),  # "call" could be a noun
    ("Who is going to take over?", "take over"),  # a light verb, but a phrasal one
    ("Who's expected to take over the cartel now?", "take over"),  # what is expected of the subject
    ("Who is likely to step down?", "step down"),
    ("Who is expected to win?", ""),  # no phrasal verb
    ("Who has taken over the cartel?", "take over"),  # after an auxiliary
    ("Who will step down?", "step down"),
    ("Who will lead the cartel?", ""),  # after an auxiliary, only a phrasal verb: "succeed" is "successor" too
    ("Who will announce it?", ""),  # saying
    ("Who has the CJNG named as its successor?", ""),  # the CJNG named someone: no "who" did it
    ("Who was killed?", ""),  # a passive without a modal: answered by whoever the sources say died
])
def test_subject_event(question: str, verb: str) -> None:
    assert subject_event(question) == verb


@pytest.mark.parametrize("question, verb", [
    ("How long had El Mencho been living at the Tapalpa cabins before the raid?", "living"),
    ("how long had el mencho been running the cartel?", "running"),
    ("How long has the war been going on?", ""),  # a light verb
    ("How long did the curfew last?", ""),  # "until 6 a.m." answers without saying "last"
])
def test_lasting_event(question: str, verb: str) -> None:
    assert lasting_event(question) == verb


def test_a_do_questions_verb_is_said_by_a_more_specific_way_or_its_opposite() -> None:
    assert canonical_terms("her post misspelled the town") & polar_terms("Did she spell the town correctly?")
    assert canonical_terms("They disagree.") & polar_terms("Does everyone agree on that?")
    assert not canonical_terms("The remarks addressed the Trump administration.") & polar_terms(
        "Did Sheinbaum talk to Trump on the phone?")


def test_only_a_do_questions_main_verb_has_kin() -> None:
    # "as planned" is not what "go ahead" asks; "scheduled" would say a plan, not that it went ahead
    assert not canonical_terms("it had been scheduled for 7 p.m.") & polar_terms(
        "Did Mexico's friendly go ahead as planned?")


@pytest.mark.parametrize("question, speaker", [
    ("What did the governor of Michoacán say about the fires?", "the governor of Michoacán"),
    ("And what did Donald Trump's press secretary say the US will do?", "Donald Trump's press secretary"),
    ("What did Sheinbaum urge citizens to do?", "Sheinbaum"),
    ("What did she say?", ""),  # a pronoun: the rewrite names her
    ("Did the governor of Michoacán comment on the fires?", "the governor of Michoacán"),  # yes/no too
    ("What did the raid achieve?", ""),  # no verb of saying
    ("What did the governor of Jalisco do after Sheinbaum called for calm?", ""),  # its main verb is "do"
])
def test_asked_speaker(question: str, speaker: str) -> None:
    assert asked_speaker(question) == speaker


@pytest.mark.parametrize("question, verb", [
    ("Did police arrest anyone?", "arrest"),  # the subject's noun is no verb
    ("Did gas prices rise?", "rise"),
    ("Did rain delay the match?", "delay"),
    ("Did the World Cup match go ahead as planned?", "planned"),
    ("Did either side win?", "win"),
    ("Did anyone collect the reward?", "collect"),
    ("Did the governor step down?", ""),  # a phrasal verb: WordNet's words for "step" miss it
    ("Did El Mencho's son take over the cartel?", ""),
    ("Did the National Guard respond to the attack?", ""),  # said of deeds and words alike
    ("Did the Pentagon comment?", ""),  # a verb of saying: any words would do
])
def test_a_do_questions_main_verb(question: str, verb: str) -> None:
    assert polar_event(question) == verb


def test_a_verb_is_said_in_every_form_and_not_by_a_word_that_is_mostly_something_else() -> None:
    assert canonical_terms("Soldiers found 12 rifles.") & polar_terms("Did soldiers find weapons?")
    assert canonical_terms("Homicides fell 12 percent.") & polar_terms("Did homicides fall?")
    assert not canonical_terms("The second round of talks began.") & polar_terms("Did the cartel attack the convoy?")


def test_a_phrasal_verb_is_done_only_with_its_particle() -> None:
    assert does("take over", "El Chapo's sons took over fairly quickly.", set())
    assert does("take over", "A takeover followed.", set())
    assert not does("take over", "Troops took part in the raid over two days.", set())
    assert does("lead", "", {"leader"}) and not does("lead", "", {"head"})


@pytest.mark.parametrize(("question", "agent"), [
    ("How much reward money had the Mexican government offered for him?", "the Mexican government"),
    ("How much reward money did Mexico's attorney general offer for El Mencho?", "Mexico's attorney general"),
    ("How many flights did Alaska cancel?", "Alaska"),
    ("What reward had Mexico's own government offered?", "Mexico's own government"),  # "own" is no participle
    ("What reward had the Mexican government itself offered?", "the Mexican government"),  # not "itself"
    ("How many did they arrest?", ""),  # no name
    ("What did Sheinbaum say?", ""),  # a speaker: see asked_speaker
    ("How many people died?", ""),
    ("Who did Sheinbaum thank?", "Sheinbaum"),  # whom she thanked: not whom Leavitt did
    ("Who did the raid?", ""),  # "did" is the verb
    ("Who did the Mexican army kill in Tapalpa?", ""),  # a people's army: the sources may not say whose
    ("Whom did Trump call?", ""),  # a verb of saying
    ("On which platform did Sheinbaum post her message?", "Sheinbaum"),  # her post, not a question of her words
    ("In how many countries does the CJNG operate?", ""),  # a place it does something in
])
def test_the_agent_of_a_how_much_or_what_do_question_is_its_named_subject(question: str, agent: str) -> None:
    assert asked_agent(question) == agent


def test_a_progressive_phrasal_verb_after_who_is_asked_done() -> None:
    assert subject_event("Who is taking over?") == "take over"
    assert subject_event("who takes over the cjng now?") == "take over"  # the present: a verb before its particle
    assert subject_event("Who leads the CJNG?") == ""  # "leads" may be a noun
    assert asked_agent("How much has Mexico sent?") == "Mexico"  # an irregular participle
