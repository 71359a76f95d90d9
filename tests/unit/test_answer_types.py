"""rag.answer_types: what a question asks for, and whether a sentence holds or fits it."""

from __future__ import annotations

import pytest

from rag.answer_types import asked_event, exacting, fits, holds, precise, question_type

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("question", "kind"), [
    ("How many National Guard members were killed?", "number"),
    ("What was the death toll?", "number"),
    ("How old was he?", "number"),
    ("How far is Tapalpa from Guadalajara?", "number"),  # a distance, or how far a figure fell
    ("How far into the operation did the shooting start?", None),
    ("Which White House official spoke?", "person"),
    ("Who led the cartel?", "person"),
    ("When did the attack start?", "time"),
    ("What time did flights resume?", "time"),
    ("How long will the order last?", "time"),
    ("Where were flights suspended?", "place"),
    ("Which city was hit?", "place"),
    ("Why did it happen?", None),
    ("What happened?", None),
    ("What happened to his son who was his number two?", None),  # a relative clause's "who"
    ("Why did the man who fled return?", None),
    ("How did the army find out where he was staying?", None),  # an indirect question's "where"
    ("Where was he staying, and how was he found?", "place"),
    ("What happened to the officers, and who was their chief?", "person"),  # a part asks who
    ("What was the name of the officer who was shot?", "person"),
    ("What happened to Rubén, who was his number two?", None),  # a relative clause between commas
    ("What happened to his number two?", None),  # a rank, no figure asked
])
def test_question_type(question: str, kind: str | None) -> None:
    assert question_type(question) == kind


@pytest.mark.parametrize(("sentence", "kind", "expected"), [
    ("Seven guards were killed.", "number", True),
    ("It happened in 2024.", "number", False),  # a year alone is a time, not a count
    ("It began on Monday.", "time", True),
    ("It began at 10:30 p.m.", "time", True),
    ("Nobody knows.", "time", False),
    ("Flights were cancelled in Guadalajara.", "place", True),
    ("Flights were cancelled.", "place", False),
    ("The first blockades went up around Tapalpa.", "place", True),
    ("Two of them fell at the cabins.", "place", True),  # a common noun for a place (WordNet)
    ("Two of them fell in the morning.", "place", False),
    ("They went up in the south of the state.", "place", True),
    ("President Sheinbaum said so.", "person", True),
    ("nothing here", "person", False),
    ("So far the official picture of who died is partial.", "person", False),  # an adjective
    ("Later a Tapalpa official said troops fired first.", "person", True),  # a role
    ("anything at all", None, True),
])
def test_holds(sentence: str, kind: str | None, expected: bool) -> None:
    assert holds(sentence, kind) is expected  # type: ignore[arg-type]


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("How old was he?", "He was 59 years old.", True),
    ("How old was he?", "59 people were killed.", False),
    ("How much was the reward?", "The reward was $15 million.", True),
    ("How much was the reward?", "Fifteen people were killed.", False),
    ("What percentage voted?", "About 40% voted.", True),
    ("What percentage voted?", "About 40 people voted.", False),
    ("How many were killed?", "Seven were killed.", True),
    ("How many were killed?", "The attack happened in 2024.", False),
    ("How many were killed?", "The damage cost $5 million.", False),
    ("How many flights were cancelled?", "The first seats were for Sunday, 1 March.", False),  # a date
    ("How many flights were cancelled?", "On 1 March 16 flights were cancelled.", True),
    ("Who spoke?", "Nobody spoke.", True),  # not a number question: no finer check
])
def test_fits_ages_money_percentages_and_counts(question: str, sentence: str, expected: bool) -> None:
    assert fits(question, sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The shooting went on for about five hours.", True),
    ("Americans were told to shelter in place until further notice.", True),
    ("He had been there for three weeks.", True),
    ("She visited him on 20 February and left on Saturday.", False),  # times, not a duration
    ("He has run the cartel since 2009.", True),
    ("The curfew lasted until midnight.", True),
    ("Schools stayed shut until the end of the month.", True),
    ("Prices have risen since mid-March.", True),
    ("Roads have been shut since this morning.", True),
    ("Twenty-five guards were killed in attacks since the operation.", False),  # no time after "since"
])
def test_how_long_needs_a_duration(sentence: str, expected: bool) -> None:
    assert fits("How long did it last?", sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The governor said the burned vehicles would be replaced.", True),
    ("The Pentagon did not respond to requests for comment.", True),
    ("“We will rebuild,” the mayor wrote.", True),
    ("Vehicles were burned in several towns of the state.", False),  # what happened, not words
])
def test_what_someone_said_needs_reported_speech(sentence: str, expected: bool) -> None:
    assert fits("What did the governor say about the vehicles?", sentence) is expected


def test_a_follow_ups_carried_names_do_not_answer_a_name_question() -> None:
    sentence = "Seven other cartel members were killed alongside El Mencho."
    assert fits("What are their names", sentence)  # "El Mencho" is a name
    assert not fits("What are their names", sentence, known="What are their names — who died with El Mencho?")


@pytest.mark.parametrize(("question", "sentence", "before", "expected"), [
    ("What did the Pentagon say about the raid?", "The Pentagon did not respond to requests.", "", True),
    ("What did the Pentagon say about the raid?", "“We gave intelligence support,” the White House said.", "",
     False),  # someone else's words
    ("And what did Leavitt say would happen?", "“They will face justice.”", "“He was clear,” Leavitt wrote.",
     True),  # the quote goes on from the sentence naming her
    ("What did Defense Secretary Pete Hegseth say?", "Hegseth said the raid was a success.", "", True),
    ("What did Mexico's president say?", "Sheinbaum said the country was calm.", "", True),  # a role: not checked
    ("What did Harfuch say about the U.S. role?", "Harfuch said 25 guardsmen were killed.", "", False),  # not on it
    ("What did Trump himself post?", "“President Trump has been very clear,” Leavitt wrote.", "", False),
])
def test_words_asked_of_a_name_are_that_names(question: str, sentence: str, before: str, expected: bool) -> None:
    assert fits(question, sentence, before=before) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The shooting began at about 7 a.m. on Sunday.", True),
    ("The curfew began at 21:00.", True),
    ("The raid began early on Sunday morning.", True),
    ("The raid took place on Saturday, 21 February.", False),  # a day, not a time of day
])
def test_what_time_needs_an_hour_or_part_of_the_day(sentence: str, expected: bool) -> None:
    assert fits("What time did the raid begin?", sentence) is expected


def test_fits_needs_every_figure_the_question_names() -> None:
    question = "What was the reward raised to in 2025?"
    assert fits(question, "In 2025 it was raised to $15 million.")
    assert not fits(question, "It was raised to $15 million.")
    assert not fits("Were two suspects arrested?", "Three suspects were arrested.")


def test_a_share_is_a_percentage_or_a_part_of_a_whole() -> None:
    question = "What share of the blockades were in Jalisco?"
    assert fits(question, "Reforma reported that 99 of the incidents were in Jalisco.")
    assert fits(question, "About 31% were in Jalisco.")
    assert not fits(question, "There were 318 blockades on Sunday.")
    assert fits(question, "Six of them were in Jalisco.")  # a part in words
    assert not fits(question, "Article 19 of the constitution bars it.")  # a label, no part
    assert fits("How many countries share a border with Mexico?", "3 countries share a border with Mexico.")  # a verb


@pytest.mark.parametrize("question", ["What happened to his son who was his number two?",
                                      "What happened to El Mencho's number two?",
                                      "What happened to the cartel's number 2?"])
def test_a_rank_is_no_figure_the_answer_must_state(question: str) -> None:
    assert fits(question, "His son is serving a life sentence.")


def test_a_date_the_question_names_may_be_given_earlier_in_the_paragraph() -> None:
    question = "What did Sheinbaum say on 4 March about the pressure?"
    answer = "Asked about pressure, Sheinbaum said there was none."
    assert fits(question, answer, context="On 4 March she held her briefing. " + answer)
    assert not fits(question, answer, context="On 5 March she held her briefing. " + answer)
    # a count the question names is no date: it must be in the sentence itself
    assert not fits("What did the two cities do?", "They closed.", context="The two cities closed.")
    # the paragraph must give the date, not only its number; and a count equal to the day stays
    assert not fits(question, answer, context="On 5 March, 4 governors met. " + answer)
    assert not fits("Why did the 4 suspects escape on 4 March?", "The gate was open.",
                    context="On 4 March the gate was open.")


def test_a_sentence_initial_year_does_not_fit_how_many() -> None:
    assert not fits("How many were killed?", "In 2024 the attack happened.")


@pytest.mark.parametrize(("question", "event"), [
    ("Where was El Mencho buried?", "buried"),
    ("When were the flights resumed?", "resumed"),
    ("When was he born?", "born"),
    ("To what date was the match rescheduled?", "rescheduled"),
    ("In which city was he arrested?", "arrested"),
    ("Where was the raid conducted?", ""),  # a light verb: any sentence placing the raid answers
    ("Where was the match supposed to be played?", ""),  # planned: it may never have been played
    ("Where did the raid take place?", ""),
    ("Who was buried there?", ""),
    ("Where was El Mencho buried after his relatives claimed the body?", "buried"),  # a clause of when
    ("Where were the bodies taken after they died?", ""),  # taken: a light verb, not "died"
    ("When was the match postponed until further notice?", "postponed"),
])
def test_the_event_a_where_or_when_question_ends_with(question: str, event: str) -> None:
    assert asked_event(question) == event


def test_a_sentence_initial_year_is_not_a_count() -> None:
    assert not holds("In 2024 the attack happened.", "number")


@pytest.mark.parametrize(("question", "event"), [
    ("When had the flights been cancelled?", "cancelled"),
    ("Where was that — El Mencho killed?", ""),  # the carried context asks nothing
])
def test_the_event_is_read_from_the_question_s_own_words(question: str, event: str) -> None:
    assert asked_event(question) == event


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("What time did the shooting start?", "It started at midnight.", True),
    ("What time did the shooting start?", "It started on Sunday evening.", False),
    ("What time of year is it busiest?", "It is busiest in spring.", True),  # no hour asked
    ("Which cartel did he lead?", "He led the Jalisco cartel.", True),
    ("Which cartel did he lead?", "The Cartel said so.", False),
    ("Which post did he hold?", "The Washington Post reported it.", True),  # not a named kind
    ("Which cartel did he lead?", "Rival cartels attacked.", False),  # a sentence's first word
    ("Which parties won?", "Both parties said so.", False),
    ("Which party won?", "In the end the Morena Party won.", True),
    ("What is the name of Puerto Vallarta's airport?", "Both Jalisco airports reopened.", False),
    ("What is the name of Puerto Vallarta's airport?", "Puerto Vallarta's Gustavo Díaz Ordaz International reopened.",
     True),  # the owner's named thing, though the name does not say "airport"
    ("What is the name of Puerto Vallarta's airport?", "Puerto Vallarta's airport reopened.", False),
    ("What is the name of Puerto Vallarta's airport?", "Puerto Vallarta's Mayor Luis Munguía spoke.", False),
    ("What is the name of Mexico's president?", "Mexico's Security Secretary Omar García Harfuch spoke.", False),
    ("What is the name of El Mencho's son?", "El Mencho's Jalisco New Generation Cartel was run by his son.", False),
    ("What is the name of Mexico's president?", "Mexico's President Claudia Sheinbaum spoke.", True),
    ("What is the name of Jalisco's main hospital?", "Jalisco's Civil Hospital treated him.", True),
    ("What day of the week was the raid?", "It was a Saturday operation.", True),
    ("What day of the week was the raid?", "It was in February.", False),
    ("What day did the raid happen?", "It began in the early hours of 22 February.", True),
    ("What day did the raid happen?", "It came only weeks before the operation.", False),
])
def test_precise(question: str, sentence: str, expected: bool) -> None:
    assert precise(question, sentence) is expected


def test_exacting_questions_ask_something_precise_of_a_sentence() -> None:
    for question in ("What time did it start?", "What day of the week was it?", "What day did the raid happen?",
                     "In which town was the raid?",
                     "Which airlines cancelled?", "What is the name of Puerto Vallarta's airport?"):
        assert exacting(question), question
    for question in ("When did it start?", "Where was the raid?", "Who led it?", "What was the busiest day?",
                     "Which day was the busiest?", "What date was the deadliest?"):
        assert not exacting(question), question


def test_a_title_supplies_years_only() -> None:
    assert fits("How many died in the 2015 attack?", "Nine died.", "Revisiting 1 May 2015")
    assert not fits("Were 25 people arrested?", "Dozens were arrested.", "25 arrested in raid")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The convoy continued into Monday.", False),
    ("Clashes spread north of the border.", True),
    ("It is north of $10 million.", False),
])
def test_new_place_phrases(sentence: str, expected: bool) -> None:
    assert holds(sentence, "place") is expected


def test_a_question_asking_names_needs_a_name_the_question_does_not_give() -> None:
    question = "What were the names of the soldiers killed with Oseguera?"
    assert not fits(question, "Three soldiers were killed alongside Oseguera.")
    assert fits(question, "Juan Pérez and two other soldiers died alongside Oseguera.")
    assert not fits(question, "Juan Pérez and two others died alongside Oseguera.")  # soldiers?
    assert fits(question, "They were Juan Pérez and Luis Mora.", before="Two soldiers died with Oseguera.")


def test_a_name_asked_for_a_thing_stands_beside_it() -> None:
    question = "What were the names of the seven other cartel members who were killed?"
    assert not fits(question, "Seven other cartel members were killed alongside Oseguera, officials said.")
    assert not fits("What are the names of the three soldiers who were wounded?",
                    "Seven cartel members died alongside Oseguera, with three Mexican soldiers being wounded.")
    assert fits(question, "The seven cartel members killed were Juan Pérez, Luis Mora and five others.")
    assert fits("What is the name of the cabin complex?", "Troops surrounded the Cabañas La Loma cabin complex.")
    assert fits("What was the name of the wounded officer?", "The wounded officer, Lt. Juan Pérez, was flown out.")
    soldiers = "What were the names of the two soldiers who died?"
    for said in ("The two soldiers who died were Juan Pérez and Luis Mora.",  # a clause, then "were"
                 "The army identified the two soldiers who died as Juan Pérez and Luis Mora.",
                 "Two soldiers died; they were Juan Pérez and Luis Mora."):
        assert fits(soldiers, said), said
    for said in ("Sheinbaum praised the two soldiers who died.",  # a verb's subject, not their name
                 "El Mencho's two soldiers died.", "Near Tapalpa, two soldiers died."):  # an owner, a place
        assert not fits(soldiers, said), said


def test_who_is_not_answered_by_the_person_the_question_names() -> None:
    question = "Who will take over from El Mencho?"
    assert not fits(question, "Seven members died alongside El Mencho, officials said.")
    assert not fits(question, 'They hunted Nemesio "El Mencho" Oseguera Cervantes for years.')  # his full name
    assert fits(question, "Analysts named Juan Carlos Valencia as El Mencho's likely heir.")


def test_who_is_not_answered_by_the_body_the_question_names_by_its_kind() -> None:
    sentence = "Troops killed Nemesio “El Mencho” Oseguera Cervantes, the head of the Jalisco New Generation Cartel."
    assert not fits("Who will take over the cartel now that El Mencho is dead?", sentence)
    assert fits("Who will take over the cartel now that El Mencho is dead?", f"{sentence[:-1]}, says Audias Flores.")


def test_a_quotation_is_a_person_only_when_it_is_a_short_name() -> None:
    assert holds('They caught Nemesio "El Mencho" Oseguera.', "person")
    assert not holds("Citizens should remain “informed and calm.”", "person")


def test_quoted_speech_is_no_person() -> None:
    assert not holds('The banner read "We will win the war."', "person")
    assert holds('His son "El Menchito" was caught.', "person")


def test_places_listed_after_including_are_places() -> None:
    assert holds("Vehicles burned in five states, including Jalisco, Michoacán and Guanajuato.", "place")


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("How much are tickets for the Mexico game?", "The office offered 30 million pesos for him.", False),
    ("How much are tickets for the Mexico game?", "Tickets for the match cost 900 pesos.", True),
    ("How much was the reward for El Mencho?", "Washington raised its reward to $15 million.", True),
    ("How much was the country losing every hour?", "Losses were about 41.6 million pesos an hour.", True),
])
def test_a_price_is_a_sum_for_what_is_priced(question: str, sentence: str, expected: bool) -> None:
    assert fits(question, sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Washington raised its reward in December 2024.", False),  # a date, of no funeral
    ("His funeral was held in Aguililla on 2 March.", True),
    ("Relatives gathered in Aguililla. The funeral was on 2 March.", True),
])
def test_when_something_was_held_needs_that_something(sentence: str, expected: bool) -> None:
    *before, last = sentence.split(". ")
    assert fits("When was El Mencho's funeral held?", last, before=". ".join(before)) is expected



@pytest.mark.parametrize("question", [
    "What was the outcome of the raid?",  # an aspect an answer seldom names: not checked
    "What is the death toll?",
    "What weapons were seized?",
])
def test_what_an_aspect_is_is_not_checked_for_its_noun(question: str) -> None:
    assert fits(question, "As many as 73 people have died and rifles were taken, officials said.")


def test_a_town_question_is_not_answered_precisely_by_a_place_marked_as_another_kind() -> None:
    question = "In what town did the raid on El Mencho happen?"
    assert not precise(question, "Forces raided a ranch in the Mexican state of Jalisco.")  # a state
    assert precise(question, "The operation was in Talpalpa, Jalisco, Mexico, Leavitt said.")
    assert precise(question, "Troops entered the town of Tapalpa at dawn.")
    assert precise("Which states saw blockades?", "Blockades went up in the state of Jalisco.")


def test_a_town_question_s_own_names_answer_nothing_but_the_places_it_names_stay() -> None:
    assert fits("Which town in Jalisco was raided?", "Soldiers raided Tapalpa, a mountain town in Jalisco.")
    assert precise("Which countries issued alerts?", "Alerts were issued by the country of Canada.")
    assert precise("In what country was he extradited?", "He was extradited to the United States.")
    question = "In what town did the raid on El Mencho happen?"
    assert not fits(question, "Soldiers raided the ranch of El Mencho at dawn.")  # "of El Mencho": his
    assert not fits("In what town did El Mencho's men meet Ovidio Guzmán?", "Soldiers raided the ranch of El Mencho.")
    assert fits("Where in Tapalpa did they burn stores?", "They burned stores at the entrance to Tapalpa.")


def test_which_town_needs_a_named_place_where_does_not() -> None:
    assert fits("Where did the soldiers fall?", "Two soldiers fell at the cabins.")
    assert not fits("In which town did the soldiers fall?", "Two soldiers fell at the cabins.")
    assert fits("In which town did the soldiers fall?", "Two soldiers fell in Tapalpa.")


def test_a_name_after_the_sentence_saying_the_thing_must_refer_back_to_it() -> None:
    question = "What was the name of the pregnant woman killed in Zapopan?"
    before = "A woman died in a clash in Zapopan; she was three months pregnant."
    assert fits(question, "She was identified as Rosa Gómez.", before=before)
    assert fits(question, "The victim was identified as Ana Ruiz.", before=before)
    assert fits(question, "Prosecutors named the victim as Ana Ruiz.", before=before)
    assert not fits(question, "García Harfuch said 30 gunmen were killed in Jalisco.", before=before)
    assert not fits(question, "His men said 30 people were arrested.", before=before)
    assert fits(question, "Authorities identified her as Rosa Gómez.", before=before)
    assert not fits(question, "The governor, Pablo Lemus, condemned the killing.", before=before)


def test_an_owner_after_to_or_of_is_no_place() -> None:
    assert not holds("Cartel members struck in response to El Mencho’s killing.", "place")
    assert not holds("She was the head of Oseguera's security.", "place")
    assert holds("The bodies were flown to Mexico City.", "place") and holds("the state of Jalisco", "place")
    assert holds("His body was flown to Mexico City’s airport.", "place")  # it owns a place
    assert holds("He was taken to Guadalajara's Civil Hospital.", "place")


def test_a_date_range_is_met_by_any_of_its_days() -> None:
    question = "How many flights were cancelled on 22 and 23 February?"
    assert fits(question, "On Sunday, 22 February, 261 flights were cancelled.")
    assert not fits(question, "On 24 February, 261 flights were cancelled.")
    assert not fits("How many flights were cancelled on 22 February 2026?",
                    "By 24 February 2026, 40 flights were cancelled.")  # the year is no day
    assert fits("How many were cancelled between 28 feb and 2 mar?", "On 28 February, 40 were cancelled.")




@pytest.mark.parametrize("sentence", [
    "At the same briefing Trevilla described the intelligence work.",  # a surname that speaks
    "Trevilla, who described the raid, was in tears.",  # one "who" is said of
])
def test_a_surname_alone_is_a_person_when_it_speaks_or_is_a_who(sentence: str) -> None:
    assert holds(sentence, "person")


def test_a_place_followed_by_which_is_no_person() -> None:
    assert not holds("Jalisco, which bore the brunt, reopened schools.", "person")


def test_how_far_is_answered_by_a_distance_not_a_date_or_a_degree() -> None:
    question = "How far is Tapalpa from Guadalajara?"
    assert fits(question, "Tapalpa is roughly 130 kilometres southwest of Guadalajara, or about two hours by road.")
    assert not fits(question, "The first reports reached Guadalajara on Sunday, 22 February.")
    assert fits("How far did hotel occupancy fall?", "Occupancy fell from 84% to 61%.")  # a degree


def test_what_a_named_speaker_said_is_answered_where_the_name_speaks() -> None:
    question = "What did Navy Secretary Adm. Raymundo Morales say about the raid?"  # a title with a full stop
    listed = ("She explained that a command centre was set up, in which Defence Secretary Gen. Ricardo Trevilla "
              "Trejo and Navy Secretary Adm. Raymundo Morales sit.")
    assert not fits(question, listed)  # named, but someone else speaks
    assert fits(question, "Navy Secretary Adm. Raymundo Morales told reporters the raid was a success.")
    assert fits("What did Leavitt say?", "“The United States will act.”",
                before="“Trump was clear,” Leavitt wrote.")
    assert fits("What did Sheinbaum say?", "The country is calm, said President Claudia Sheinbaum Pardo.")


@pytest.mark.parametrize("sentence", ["Tapalpa is a two-hour drive from Guadalajara.",
                                      "It is an hour and a half from Guadalajara.",
                                      "It is 90 minutes from Guadalajara."])
def test_a_distance_may_be_a_time_on_the_road(sentence: str) -> None:
    assert fits("How far is Tapalpa from Guadalajara?", sentence)


def test_how_far_from_a_peak_is_a_degree() -> None:
    assert fits("How far did the peso fall from its peak?", "The peso fell 3% from its peak.")
    assert not fits("How far is Tapalpa from Guadalajara?", "The clash lasted two hours from dawn.")  # a time
    assert fits("How far from Guadalajara is Tapalpa?", "It is 130 kilometres away.")


@pytest.mark.parametrize("sentence", ["Mexico continued operations in the state.", "Guadalajara expected 30,000 fans."])
def test_a_place_doing_something_is_no_person(sentence: str) -> None:
    assert not holds(sentence, "person")


@pytest.mark.parametrize(("question", "sentence", "speaks"), [
    ("What did Hegseth say?", "“We will hunt them down,” said Defense Secretary Pete Hegseth.", True),  # after
    ("What did Sheinbaum say?", "Sheinbaum, speaking at her press conference in the National Palace, said it.", True),
    ("What did Sheinbaum say?", "Trump told Sheinbaum that he was pleased.", False),  # spoken to
    ("What did Sheinbaum say?", "Leavitt praised Sheinbaum.", False),
    ("What did the Pentagon say?", "The Pentagon did not respond to requests.", True),
    ("What did Sheinbaum say?", "Sheinbaum also said the country was calm.", True),  # an adverb between
    ("What did Leavitt say?", "Leavitt on Sunday wrote that it was over.", True),  # a day between
    ("What did the State Department tell Americans?", "The State Department's consular bureau told them.", True),
])
def test_the_named_speaker_is_the_subject_of_the_verb_of_saying(question: str, sentence: str, speaks: bool) -> None:
    assert fits(question, sentence) is speaks


def test_a_pronoun_that_speaks_is_the_speaker_named_before_it() -> None:
    assert fits("What did Sheinbaum say?", "She said the country was calm.", before="Sheinbaum spoke on Monday.")
    assert not fits("What did Sheinbaum say?", "She said the country was calm.", before="Trump spoke on Monday.")


def test_a_sentence_dated_only_in_the_year_asked_before_gives_the_later_state() -> None:
    reward = "U.S. authorities offered a $15 million reward in 2024 for information leading to his arrest."
    assert not fits("How much was the reward before it was raised in 2024?", reward)
    assert fits("How much was the reward before it was raised in 2024?", "In 2018 the reward was $10 million.")
    assert fits("How much was the reward in 2024?", reward)
    assert fits("What was the reward before 2024?", "The reward was $10 million until 2024.")  # what held till then
    assert fits("Who led the cartel before 2010?", "Before 2010, the cartel was led by Ignacio Coronel.")


def test_a_question_asking_a_date_needs_a_day_of_a_month_or_a_month_of_a_year() -> None:
    fall = "President Donald Trump declared a de facto war on drug cartels last fall."
    assert not fits("On what date last fall did Trump declare war on the cartels?", fall)
    assert fits("On what date did Trump declare war?", "On 4 March Trump declared war.")
    assert fits("What date did Trump declare war?", "In March 2025 Trump declared war.")
    assert fits("On what date did the raid take place?", "The raid took place on February 22nd.")  # ordinals
    assert fits("On what date did the raid take place?", "It took place on the 22nd of February.")
    assert fits("What date did Trump declare war?", "Trump declared war.", context="On 4 March, in Washington, …")
