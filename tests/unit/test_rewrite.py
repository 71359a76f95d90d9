"""rag.rewrite: spotting follow-ups and rewriting them offline into standalone questions."""

from __future__ import annotations

import pytest

from rag.rewrite import context_of, is_follow_up, offline_rewrite, subject_of

pytestmark = pytest.mark.unit

FIRST = "What did the State Department tell American travelers?"
_JOIN_MARK = " — "


@pytest.mark.parametrize("question", [
    "Until when?", "Why?", "What did he say?", "And the Pentagon?", "What about Texas?",
    "but how many died", "Where is it?", "Did Canada do anything similar?", "Was Chapala hit too?",
    "Did the Pentagon say the same?", "Was the same true for Michoacán?", "Was the response similar?",
])
def test_follow_ups(question: str) -> None:
    assert is_follow_up(question)


@pytest.mark.parametrize("question", [
    "Who led the Jalisco cartel?", "How many guards were killed in Jalisco?",
    "Where were flights suspended?", FIRST, "Did anybody else die with El Mencho?",
    "Was the 2015 toll similar to the 2026 toll?", "How many soldiers were killed, too many to count?",
    "Why did the army use helicopters instead of trucks?", "Did all outlets report the same death toll?",
    "Were the attacks in Jalisco and Michoacán similar?",
])
def test_self_contained_questions(question: str) -> None:
    assert not is_follow_up(question)


@pytest.mark.parametrize(("question", "subject"), [
    (FIRST, "the State Department tell American travelers"),
    ("How many guards were killed?", "guards were killed"),
    ("  Flights suspended?!  ", "Flights suspended"),
    ("Why was the airport closed?", "the airport closed"),
])
def test_subject_of(question: str, subject: str) -> None:
    assert subject_of(question) == subject


def test_context_of_a_rewrite_is_what_it_carried() -> None:
    assert context_of("Until when — State Department, American?") == "State Department, American"


def test_context_of_a_plain_question_is_its_subject() -> None:
    assert context_of(FIRST) == "the State Department tell American travelers"


def test_offline_rewrite_leaves_a_first_turn_alone() -> None:
    assert offline_rewrite("Until when?", None) == "Until when?"
    assert offline_rewrite("Until when?", "") == "Until when?"


def test_offline_rewrite_leaves_a_self_contained_question_alone() -> None:
    assert offline_rewrite("Who led the Jalisco cartel?", FIRST) == "Who led the Jalisco cartel?"


@pytest.mark.parametrize(("question", "previous", "standalone"), [
    ("Until when?", FIRST, "Until when did the State Department tell American travelers?"),
    ("At what time?", "Which airline's first flight to Lima was scheduled for Tuesday?",
     "At what time was the airline's first flight to Lima scheduled for Tuesday?"),
    ("And why?", "How many guards were killed?", "Why were the guards killed?"),
])
def test_a_bare_question_word_is_asked_of_the_earlier_question(question: str, previous: str,
                                                               standalone: str) -> None:
    assert offline_rewrite(question, previous) == standalone


@pytest.mark.parametrize(("question", "previous"), [
    ("Why?", "Who was arrested in Jalisco?"),  # not "Why was arrested in Jalisco?"
    ("How many?", "How many guards were killed?"),
])
def test_a_bare_question_word_without_a_subject_to_ask_of_is_carried(question: str, previous: str) -> None:
    assert _JOIN_MARK in offline_rewrite(question, previous)


def test_the_person_of_an_answer_is_read_from_its_first_cited_sentence() -> None:
    answer = "U.S. Press Secretary Karoline Leavitt wrote it. [1] More. [2]"
    assert offline_rewrite("What did she say?", "Who announced it?", answer) == "What did Karoline Leavitt say?"


def test_a_one_word_subject_no_dictionary_knows_is_the_person_a_pronoun_stands_for() -> None:
    answer = "“My appreciation to the Mexican Army, National Guard and Cabinet of Security.” [1]"
    assert (offline_rewrite("did she say anything about the americans' help?", "who did Sheinbaum thank", answer)
            == "did Sheinbaum say anything about the americans' help?")  # she did something, not only said
    schools = "Schools in Jalisco closed on Monday. [1]"  # a place the sources put things in is no "he"
    assert not offline_rewrite("what did he say?", "When did Jalisco close its schools?", schools).startswith(
        "what did Jalisco")


def test_after_asking_someone_s_name_a_pronoun_is_the_name_the_answer_gave() -> None:
    answer = "Mexico’s president, Claudia Sheinbaum, urged citizens to remain calm. [1]"
    assert (offline_rewrite("who did she thank?", "what's Mexico's president's name again?", answer)
            == "who did Claudia Sheinbaum thank?")  # not "Mexico", the owner of the role
    trevilla = "Defence Secretary Gen. Ricardo Trevilla Trejo said the raid was a success. [1]"
    assert "Trevilla" not in offline_rewrite("did she thank him?",  # the question named a person of its own
                                             "What is the name of the defense secretary Sheinbaum thanked?", trevilla)


def test_a_bare_question_word_is_not_asked_of_an_embedded_question() -> None:
    assert (offline_rewrite("At what time?", "What did residents say about who fired first?")
            == "At what time — residents say about who fired first?")


def test_it_becomes_what_a_which_question_asked_about() -> None:
    assert (offline_rewrite("Was it played in the end?", "Which football match was postponed?")
            == "Was the football match played in the end?")
    assert (offline_rewrite("When was it offered?", "What reward had the U.S. offered for El Mencho?")
            == "When was the reward offered — U.S., El Mencho?")
    # "what else" asked about no thing; a question asking its own "which agency" keeps its "it"
    assert offline_rewrite("Was it the CIA?", "What else did she say?").startswith("Was it the CIA")
    assert "was it the CIA" in offline_rewrite("Which agency gathered the intel, was it the CIA?",
                                               "Which match was postponed?")
    assert offline_rewrite("What happened to it?", "Which helicopter was shot down?") == \
        "What happened to the helicopter?"  # a question of its own only with "it" after a comma
    assert offline_rewrite("What time did it start?", "Which match was postponed?") == "What time did the match start?"
    assert offline_rewrite("Until when?", "Which other states did the alert cover?") == \
        "Until when did the other states the alert cover?"


def test_offline_rewrite_carries_the_names_when_the_follow_up_names_its_own_subject() -> None:
    assert (offline_rewrite("And did the Pentagon say anything?", FIRST)
            == "And did the Pentagon say anything — State Department, American?")


def test_offline_rewrite_carries_the_subject_otherwise() -> None:
    assert offline_rewrite("Why?", "how many were killed?") == "Why — killed?"
    assert (offline_rewrite("What was the cause?", "What time did El Mencho die?")
            == "What was the cause — El Mencho die?")


def test_she_after_a_who_question_is_the_person_its_answer_names() -> None:
    answer = "Press Secretary Karoline Leavitt wrote on X that it happened. [1] Others agreed."
    assert (offline_rewrite("How did she spell it?", "Who announced the raid?", answer)
            == "How did Karoline Leavitt spell it?")
    assert offline_rewrite("How did she spell it?", "Why was it announced?", answer) != (
        "How did Karoline Leavitt spell it?")


def test_a_rewrite_of_a_rewrite_keeps_the_original_context() -> None:
    previous = offline_rewrite("Until when?", FIRST)
    assert offline_rewrite("Why?", previous) == "Why did the State Department tell American travelers?"


def test_offline_rewrite_without_context_is_unchanged() -> None:
    assert offline_rewrite("Why?", "?") == "Why?"


@pytest.mark.parametrize(("follow_up", "previous", "expected"), [
    ("How did she spell the town's name?", "What did Press Secretary Karoline Leavitt write?",
     "How did Karoline Leavitt spell the town's name?"),
    ("Where is he now?", "Who was El Menchito?", "Where is El Menchito now?"),
    ("What did his sister do?", "Who was El Menchito?", "What did El Menchito's sister do?"),
    ("Where was he buried?", "Was El Mencho killed in Tapalpa?", "Where was El Mencho buried?"),
    ("What did reporters ask her?", "What did Karoline Leavitt say?",
     "What did reporters ask Karoline Leavitt?"),
    ("Where was he buried?", "Who claimed the body?",  # names no one: the old context is carried
     "Where was he buried — claimed the body?"),
])
def test_a_person_pronoun_becomes_the_person_named_before(
        follow_up: str, previous: str, expected: str) -> None:
    assert offline_rewrite(follow_up, previous) == expected


@pytest.mark.parametrize(("fragment", "previous", "expected"), [
    ("And by Monday morning?", "How many had been cleared by 8 p.m.?",
     "How many had been cleared by Monday morning?"),
    ("And on Monday?", "What did the survey find about Sunday?", "What did the survey find on Monday?"),
    ("And in Colima?", "How many blockades were there?", "How many blockades were there in Colima?"),
    ("What about the soldiers?", "How many guards were killed?", "the soldiers — How many guards were killed?"),
    ("And on Monday?", "What did the cartel do on Sunday in Tapalpa?",
     "What did the cartel do on Monday in Tapalpa?"),
    ("And to whom?", "Who gave the reward?", "And to whom — gave the reward?"),
])
def test_a_fragment_takes_its_place_in_the_earlier_question(
        fragment: str, previous: str, expected: str) -> None:
    assert offline_rewrite(fragment, previous) == expected


def test_a_fragment_naming_someone_earlier_is_asked_in_their_place() -> None:
    assert offline_rewrite("And his sister?", "Where is El Menchito now?") == "Where is El Menchito's sister now?"


@pytest.mark.parametrize(("follow_up", "previous", "expected"), [
    ("How many had been cleared by 8 p.m.?", "How many blockades did the cabinet report?",
     "How many blockades had been cleared by 8 p.m.?"),
    ("And how many were wounded?", "How many Guard members were killed?",
     "And how many Guard members were wounded?"),
])
def test_a_count_without_its_noun_counts_what_the_earlier_one_did(
        follow_up: str, previous: str, expected: str) -> None:
    assert offline_rewrite(follow_up, previous) == expected


def test_a_count_without_its_noun_after_another_question_carries_the_subject() -> None:
    assert (offline_rewrite("How many were back by Tuesday?", "What did the survey find on Monday?")
            == "How many were back by Tuesday — the survey find on Monday?")


@pytest.mark.parametrize(("follow_up", "previous", "expected"), [
    ("How many lorries were stuck there?", "How much did the Mercado de Abastos lose?",
     "How many lorries were stuck in Mercado de Abastos?"),
    ("Were there any arrests?", "What happened in Tapalpa?", "Were there any arrests — happened in Tapalpa?"),
])
def test_there_is_the_place_named_before(follow_up: str, previous: str, expected: str) -> None:
    assert offline_rewrite(follow_up, previous) == expected


def test_she_is_the_earlier_question_s_subject_before_other_names() -> None:
    assert (offline_rewrite("What did she say the aim had been?",
                            "What did Sheinbaum say when asked whether Washington pushed Mexico?")
            == "What did Sheinbaum say the aim had been?")


def test_there_is_never_the_person_a_pronoun_stands_for() -> None:
    assert (offline_rewrite("How did the army know he would be there?", "When did the raid that killed El Mencho happen?")
            == "How did the army know El Mencho would be there?")
    assert (offline_rewrite("How did the army know he would be there?", "When did El Mencho arrive in Tapalpa?")
            == "How did the army know El Mencho would be in Tapalpa?")


@pytest.mark.parametrize(("follow_up", "previous", "expected"), [
    ("How many were killed in Tapalpa?", "Who led the cartel?", "How many were killed in Tapalpa?"),
    ("What did he do next?", "Why did Mexico send troops?", "What did he do next — Mexico send troops?"),
    ("What did she say?", "What did Sheinbaum's office say?", "What did Sheinbaum say?"),  # her, not her office
    ("What did he do there?", "What did El Mencho do in Tapalpa?", "What did El Mencho do in Tapalpa?"),
    ("Who came from there?", "What happened in Tapalpa?", "Who came from Tapalpa?"),
    ("And the U.S. embassy?", "What did the U.S. say?", "What did the U.S. embassy say?"),
    ("Until when?", "And what did the State Department tell travelers?",
     "Until when did the State Department tell travelers?"),
])
def test_rewrites_that_must_not_overreach(follow_up: str, previous: str, expected: str) -> None:
    assert offline_rewrite(follow_up, previous) == expected


def test_a_count_of_nothing_after_an_amount_takes_no_noun() -> None:
    assert offline_rewrite("How many were wounded?", "How much money did the U.S. offer?").startswith(
        "How many were wounded — ")


@pytest.mark.parametrize(("follow_up", "previous", "expected"), [
    ("Where is he now?", "What did Mexico do about El Mencho?", "Where is El Mencho now?"),
    ("What did she say next?", "What has Sheinbaum said about the raid?", "What did Sheinbaum say next?"),
    ("Did there remain any blockades?", "What happened in Tapalpa?",
     "Did there remain any blockades — happened in Tapalpa?"),
])
def test_a_one_word_subject_is_a_person_only_when_it_says_something(follow_up: str, previous: str, expected: str) -> None:
    assert offline_rewrite(follow_up, previous) == expected


def test_a_pronoun_whose_person_the_question_names_first_makes_no_follow_up() -> None:
    question = "Sheinbaum posted on Facebook; where did she give her Monday press conference?"
    assert not is_follow_up(question)
    assert offline_rewrite(question, "What did El Mencho do in Tapalpa?") == question


@pytest.mark.parametrize(("follow_up", "previous", "expected"), [
    ("Where did they fall?", "How many soldiers were killed in the raid?", "Where did the soldiers fall?"),
    ("What were their names?", "How many soldiers were killed in the raid?",
     "What were the soldiers’ names?"),
    ("Who else died in them?", "In how many attacks?", "Who else died in the attacks?"),
    ("They were arrested where?", "Which suspects were seen?", "The suspects were arrested where?"),
    ("Where did they fall?", "When was that made public — soldiers were killed in the raid?",
     "Where did the soldiers fall?"),  # the plural the carried context begins with
    ("What are their names?", "soldiers — were any hurt — Did anybody else die with El Mencho?",
     "What are the soldiers’ names?"),  # the plural an earlier "What about soldiers?" asked of
])
def test_they_is_the_plural_the_earlier_question_asked_about(follow_up: str, previous: str,
                                                             expected: str) -> None:
    assert offline_rewrite(follow_up, previous) == expected


def test_they_after_no_plural_is_carried_as_before() -> None:
    assert offline_rewrite("What did they say?", "Which press?") == "What did they say — press?"
    assert offline_rewrite("Were they armed?", "How many gunmen attacked the bus?") == \
        "Were they armed — gunmen attacked the bus?"  # a clause, not a plural noun


def test_a_bare_question_word_is_asked_of_what_a_subject_was_doing() -> None:
    previous = "And what was the State Department telling Americans in Jalisco at the time — Karoline Leavitt?"
    assert offline_rewrite("Until when?", previous) == \
        "Until when was the State Department telling Americans in Jalisco at the time?"
    assert offline_rewrite("Why?", "Who was arrested?") == "Why — arrested?"  # no subject to ask of


@pytest.mark.parametrize("previous", [
    "Who was caught smuggling guns?", "What were the authorities doing during the raid?",
    "What was the morning meeting about?", "What were the bishops calling for?",
])
def test_until_when_is_not_asked_of_a_clause_without_a_subject_doing_something(previous: str) -> None:
    assert " — " in offline_rewrite("Until when?", previous)


def test_they_takes_no_verb_and_object_for_a_plural() -> None:
    assert offline_rewrite("What did they demand?", "What sparked protests?") == \
        "What did they demand — sparked protests?"


def test_a_pronoun_after_a_role_is_the_person_the_answer_named_or_the_role() -> None:
    previous = "What did Mexico's president tell people?"
    answer = "Mexico’s president, Claudia Sheinbaum, urged calm. [1]"
    assert offline_rewrite("Where did she say it?", previous, answer) == "Where did Claudia Sheinbaum say it?"
    assert offline_rewrite("Where did she say it?", previous) == "Where did Mexico's president say it?"
    assert offline_rewrite("What did she say?", "What did the governor announce?") == "What did the governor say?"


def test_a_pronoun_after_a_role_with_a_capitalised_adjective_is_that_role() -> None:
    answer = ("“The United States provided intelligence support,” Press Secretary Karoline Leavitt said. She also "
              "expressed thanks to “the Mexican military.” [1]")
    assert offline_rewrite("did she say when flights would start again?", "who did the Mexican president thank?",
                           answer, sources=answer) == "did the Mexican president say when flights would start again?"


def test_a_pronoun_the_earlier_question_left_to_its_context_is_the_role_that_context_names() -> None:
    previous = "where did she post that — the Mexican president's message to the public?"
    answer = "“My appreciation to the Army.” [1] She also thanked them, Press Secretary Karoline Leavitt said. [2]"
    assert offline_rewrite("who did she thank?", previous, answer, sources=answer) == \
        "who did the Mexican president thank?"  # the same "she", not the woman this answer names
    assert "army thank" not in offline_rewrite("who did she thank?", "where did they post that — the army's message?",
                                               answer, sources=answer)  # no earlier "she"


def test_a_pronoun_after_a_possessive_name_is_that_name() -> None:
    assert offline_rewrite("When did he do that?", "What's Trump's stance on the cartels?") == \
        "When did Trump do that?"


def test_a_pronoun_after_an_organisation_s_or_a_day_s_thing_is_not_that_name() -> None:
    assert "Army say" not in offline_rewrite("What did he say?", "What is the Army's role?")
    assert "Monday say" not in offline_rewrite("What did she say?", "What was Monday's toll?")
    assert offline_rewrite("What did she say?", "What did the President announce?") == "What did the President say?"


def test_he_is_not_a_woman_the_sources_call_she() -> None:
    answer = ("Oseguera had one or more arrest warrants against him, she said, and the aim had been to "
              "detain him.")
    sources = f"Sheinbaum said it was not done under pressure. {answer}"
    previous = "What did Sheinbaum say the aim had been?"
    assert offline_rewrite("So why was he killed?", previous, answer, sources=sources) == "So why was Oseguera killed?"
    assert offline_rewrite("What else did she say?", previous, answer, sources=sources) == \
        "What else did Sheinbaum say?"


def test_she_is_found_in_an_earlier_turn() -> None:
    sources = "Sheinbaum said she would not be pressured. Oseguera had warrants against him."
    rewritten = offline_rewrite("Which criticisms was she answering?", "So why was Oseguera killed?",
                                "Troops came under attack.", sources=sources,
                                earlier="What did Sheinbaum say the aim had been?")
    assert rewritten == "Which criticisms was Sheinbaum answering?"


def test_their_is_the_plural_the_earlier_question_asked_of() -> None:
    assert (offline_rewrite("What were their names?", "Where did the Mexican soldiers fall?")
            == "What were the Mexican soldiers’ names?")


def test_a_carried_subject_leaves_out_the_earlier_questions_second_part() -> None:
    rewritten = offline_rewrite("How many police will be out on those days?",
                                "When does Mexico play in Guadalajara, and who against?")
    assert rewritten == f"How many police will be out on those days{_JOIN_MARK}Mexico play in Guadalajara?"


def test_a_follow_up_opening_with_and_that_names_its_own_subject_stands_alone() -> None:
    question = "And what was the State Department telling Americans in Jalisco at the time?"
    assert offline_rewrite(question, "Did Karoline Leavitt spell the town correctly?") == question
    assert _JOIN_MARK in offline_rewrite("And did the Pentagon say anything?", FIRST)  # one name: context



def test_a_pronoun_no_name_agrees_with_is_left_for_the_dash() -> None:
    sources = "El Mencho had warrants against him. He fled."
    rewritten = offline_rewrite("When did she get there?", "How did the army know El Mencho would be there?",
                                "El Mencho had warrants against him.", sources=sources)
    assert rewritten.startswith("When did she get there")  # not "When did Oseguera get there?"


def test_their_is_not_read_past_the_verb() -> None:
    rewritten = offline_rewrite("Where did they go?", "When did the gunmen torch vehicles in Guadalajara?")
    assert "torch vehicles go" not in rewritten


def test_an_indirect_question_keeps_its_words_as_context() -> None:
    assert subject_of("Did officials explain how and why the roadblocks spread?") == \
        "officials explain how and why the roadblocks spread"


def test_a_fragment_opening_with_and_still_leans_on_the_earlier_question() -> None:
    assert (offline_rewrite("And in Tapalpa and El Grullo?", "How many National Guard members were killed?")
            == "How many National Guard members were killed in Tapalpa and El Grullo?")


def test_a_country_opening_the_answer_is_no_person() -> None:
    answer = ("“The United States provided intelligence support,” White House Press Secretary "
              "Karoline Leavitt said in a Sunday statement on X. [1]")
    assert offline_rewrite("Where did she put that out?", "Who commented for the White House on the raid?",
                           answer, sources=answer) == "Where did Karoline Leavitt put that out?"


@pytest.mark.parametrize(("fragment", "asked"), [
    ("And his daughter?", "What happened to El Mencho's daughter?"),
    ("What about his stepson?", "What happened to El Mencho's stepson?"),
])
def test_a_relative_takes_the_place_of_the_one_asked_about(fragment: str, asked: str) -> None:
    assert offline_rewrite(fragment, 'What happened to El Mencho\'s son, "El Menchito"?') == asked


def test_a_fragment_about_something_replaces_what_was_asked_about() -> None:
    assert offline_rewrite("And about the cartel members?", "What did the ministry confirm about U.S. help?") \
        == "What did the ministry confirm about the cartel members?"


@pytest.mark.parametrize(("fragment", "previous", "asked"), [
    ("And about a week later?", "What did the army report about the raid?",
     "about a week later — What did the army report about the raid?"),  # a time, not a topic
    ("And about his son?", "What did Sheinbaum say about El Mencho?",
     "about Sheinbaum's son — What did Sheinbaum say about El Mencho?"),  # carried, not swapped in
    ("And his wife?", "Who was El Mencho's right-hand man?", "Who was El Mencho's wife's right-hand man?"),
    ("And El Mencho's?", "What was El Mencho's role?", "El Mencho's — What was El Mencho's role?"),
    ("What did he find?", "Who is Jack Smith?", "What did Jack Smith find?"),  # dictionary words, a name
    ("What did he say?", "What happened at Green Bay?", "What did he say — happened at Green Bay?"),  # a place
    ("Where was he born?", "What happened at El Mencho’s ranch?", "Where was El Mencho born?"),  # his ranch
    ("How many people died there?", "What did Leavitt say on Fox News about the Tapalpa raid?",
     "How many people died in Tapalpa?"),  # "on" a channel is no place
])
def test_fragments_that_must_not_replace_a_phrase_or_a_name(fragment: str, previous: str, asked: str) -> None:
    assert offline_rewrite(fragment, previous) == asked


@pytest.mark.parametrize(("fragment", "previous", "asked"), [
    ("And his daughter?", "Where is El Mencho's son now?", "Where is El Mencho's daughter now?"),
    ("And his brother?", "What did Ovidio Guzmán's father say?", "What did Ovidio Guzmán's brother say?"),
    ("And his son?", "Was El Mencho's brother arrested?", "Was El Mencho's son arrested?"),
    ("And about his wife?", "What did the army report about El Mencho?",
     "What did the army report about El Mencho's wife?"),  # "his" is the one the phrase names
    ("And about 30 minutes later?", "What did the army report about the raid?",
     "about 30 minutes later — What did the army report about the raid?"),
])
def test_a_possessed_noun_followed_by_no_noun_is_swapped(fragment: str, previous: str, asked: str) -> None:
    assert offline_rewrite(fragment, previous) == asked


def test_a_one_word_name_becomes_the_full_name_its_answer_gives() -> None:
    answer = "President Donald Trump previously declared a de facto war on drug cartels last fall. [1]"
    assert offline_rewrite("What did he call them?", "When did Trump do that?", answer) \
        == "What did Donald Trump call them?"
    assert offline_rewrite("What did he call them?", "When did Trump do that?", "He did so last fall. [1]") \
        == "What did he call them — Trump do that?"  # no full name given: the earlier turn is carried


def test_there_after_a_where_question_is_the_place_its_answer_gave() -> None:
    dateline = "TAPALPA, Jalisco — The gun battle began at dawn. [1]"
    assert offline_rewrite("How far is that from Guadalajara?", "Where was El Mencho hiding?",
                           dateline) == "How far is Tapalpa from Guadalajara?"
    assert offline_rewrite("How many people live there?", "Where did the raid happen?",
                           "It happened at cabins outside Tapalpa, Jalisco. [1]") == "How many people live in Tapalpa?"
    assert "Tapalpa" not in offline_rewrite("How many people live there?", "When did the raid happen?",
                                            "It happened at cabins outside Tapalpa. [1]")  # not a where-question
    assert offline_rewrite("How far is that from Guadalajara?", "Where was the woman killed?",
                           "She was killed in a clash in Zapopan. [1]") == "How far is Zapopan from Guadalajara?"
    assert offline_rewrite("How many people live there?", "Where did the raid happen?",  # not a month
                           "The raid, which began in December, happened in Tapalpa. [1]") == "How many people live in Tapalpa?"
    assert "Zapopan" in offline_rewrite("How far is that from Guadalajara?", "Where did gunmen burn buses?",
                                        "GUADALAJARA, Jalisco — Gunmen burned buses in Zapopan. [1]")  # not the dateline
    assert "Zapopan" not in offline_rewrite("Who bought it from the army?", "Where was the drone found?",
                                            "It was found in Zapopan. [1]")  # only "How far is that from"


def test_a_pronoun_after_a_role_question_is_whom_the_answer_gives_that_title() -> None:
    answer = ("The command centre joined Security Secretary Omar García Harfuch, Defence Secretary Gen. Ricardo "
              "Trevilla Trejo and Navy Secretary Adm. Raymundo Morales. [1] Trevilla said he was proud. [2]")
    assert offline_rewrite("When did he speak?", "Who is Mexico's defence secretary?", answer, sources=answer) \
        == "When did Ricardo Trevilla Trejo speak?"
    assert offline_rewrite("When did he speak?", "Who is Mexico's navy secretary?", answer, sources=answer) \
        == "When did Raymundo Morales speak?"


def test_after_a_who_question_he_is_whom_the_answer_names() -> None:
    answer = "Security Secretary Omar García Harfuch said that 25 members of the National Guard were killed. [1]"
    asked = "Who announced the National Guard death toll after El Mencho was killed?"
    assert offline_rewrite("what number did he give?", asked, answer, sources=answer) == \
        "what number did Omar García Harfuch give?"  # not El Mencho, whom the question names


def test_she_is_no_place_nor_a_guess_when_the_answer_has_its_own_she() -> None:
    answer = ("Military intelligence had been tracking a trusted associate of the woman, and on Friday, "
              "20 February, she travelled to the Tapalpa cabins and met Oseguera there. [1]")
    rewritten = offline_rewrite("and she left when?", "when did she get in Tapalpa?", answer, sources=answer,
                                earlier="how did the army figure out El Mencho was hiding in Tapalpa?")
    assert rewritten.startswith("and she left when")  # not "Tapalpa left", not "El Mencho left"


@pytest.mark.parametrize(("question", "previous", "rewritten"), [
    ("ok. how many had been cleared by that evening?", "how many narco-blockades went up on Sunday?",
     "how many narco-blockades had been cleared by that evening?"),  # an interjection; the count's own verb
    ("which one has Mexico playing?", "How many World Cup matches is Guadalajara hosting?",
     "which of the World Cup matches has Mexico playing?"),  # one of those counted
    ("what about his daughter?", "could El Mencho's son take over the CJNG?",
     "could El Mencho's daughter take over the CJNG?"),  # the son's place, before the verb
])
def test_fragments_and_counts_after_interjections_and_modals(question: str, previous: str, rewritten: str) -> None:
    assert offline_rewrite(question, previous, "An answer. [1]") == rewritten


def test_who_someone_named_is_keeps_that_name() -> None:
    answer = 'Oseguera\'s son Rubén Oseguera González, "El Menchito", is serving a life sentence. [1]'
    assert offline_rewrite("Where is he now?", "Who is El Menchito?", answer) == "Where is El Menchito now?"


def test_who_did_x_keeps_x_for_she() -> None:
    answer = "The army thanked Ricardo Trevilla Trejo. [1]"
    assert offline_rewrite("what else did she say?", "Who did Claudia Sheinbaum thank?", answer,
                           sources="Sheinbaum said she was proud.") == "what else did Claudia Sheinbaum say?"


@pytest.mark.parametrize(("question", "previous", "rewritten"), [
    ("wait, how many were cleared?", "How many blockades did the cabinet report?", "how many blockades were cleared?"),
    ("how many were children?", "How many of the dead were civilians?", "how many of the dead were children?"),
    ("which ones has Mexico playing?", "How many World Cup matches is Guadalajara hosting?",
     "which of the World Cup matches has Mexico playing?"),
])
def test_counts_and_interjections(question: str, previous: str, rewritten: str) -> None:
    assert offline_rewrite(question, previous, "An answer. [1]") == rewritten


@pytest.mark.parametrize("question", ["Well-known for what?", "what one thing did Mexico agree on?"])
def test_words_that_only_look_like_an_interjection_or_which_one(question: str) -> None:
    assert offline_rewrite(question, "How many World Cup matches is Guadalajara hosting?", "x").startswith(
        question.rstrip("?"))


@pytest.mark.parametrize(("fragment", "previous", "sources", "rewritten"), [
    ("And Guanajuato?", "how many of the roadblocks were in Jalisco?", "Blockades went up in Guanajuato.",
     "how many of the roadblocks were in Guanajuato?"),  # a place for the one it was placed at
    ("And Tapalpa?", "How many died in Jalisco on Sunday?", "The raid in Tapalpa.",
     "How many died in Tapalpa on Sunday?"),
])
def test_a_place_alone_is_asked_in_the_place_of_the_one_the_earlier_question_named(
        fragment: str, previous: str, sources: str, rewritten: str) -> None:
    assert offline_rewrite(fragment, previous, "x [1]", sources=sources) == rewritten


@pytest.mark.parametrize(("fragment", "previous"), [
    ("And Sheinbaum?", "What did Trump say in Washington?"),  # the sources place nothing in her
    ("And Aeromexico?", "How many flights were cancelled in Guadalajara?"),
    ("And Monday?", "How many flights were cancelled in Guadalajara on Sunday?"),  # a day is no place
    ("And Jalisco?", "How many flights were cancelled at Guadalajara and in Puerto Vallarta?"),  # which one?
])
def test_a_name_alone_replaces_no_place_when_it_may_not_be_one_or_the_place_is_unclear(
        fragment: str, previous: str) -> None:
    sources = "Sheinbaum spoke. Aeromexico cancelled flights in Jalisco on Monday."
    assert offline_rewrite(fragment, previous, "x [1]", sources=sources).startswith(
        fragment.removeprefix("And ").rstrip("?"))


def test_an_earlier_how_far_question_is_carried_without_its_question_words() -> None:
    assert subject_of("how far is Tapalpa from Guadalajara?") == "Tapalpa from Guadalajara"
