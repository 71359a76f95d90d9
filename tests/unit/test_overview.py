"""rag.overview: what a summary request asks about, which story sums it up, and its sentences."""

from __future__ import annotations

import numpy as np
import pytest

from rag.config import Scoring
from rag.drafts import Candidate
from rag.overview import (after_event, asks_overview, choose_overview, named_story, overview_subject, overview_topic,
                          story_reference, told_after, topic_unmentioned)

from .factories import leaning, make_doc, make_passage, unit

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("subject", "reference"), [
    ("the article.", "one"),
    (".", "one"),  # "Give me an overview."
    ("the gist", "one"),
    ("the Salon piece", "one"),
    ("the piece by Salon.", "one"),
    ("this article for me, please.", "one"),
    ("this article in a few lines?", "one"),  # how long, not what about
    ("the story in two sentences.", "one"),
    ("everything.", "all"),
    ("all the articles.", "all"),
    ("the news.", "all"),
    ("El Mencho.", ""),  # a name is a topic
    ("the café.", ""),
    ("the article about the raid.", ""),  # a story about something: that something
    ("the raid.", ""),
])
def test_a_summary_asks_for_a_story_the_sources_or_a_topic(subject: str, reference: str) -> None:
    assert story_reference(subject) == reference


@pytest.mark.parametrize(("subject", "topic"), [
    ("the aftermath.", ("aftermath",)),
    ("the fallout after the cartel boss was killed.", ("fallout",)),  # its head phrase
    ("El Mencho's childhood.", ("childhood",)),  # after its owner (a name, checked as one)
    ("the economic impact of the blockades on Jalisco.", ("economic",)),  # not the aspect: its adjective
    ("the government's response to the raid.", ()),  # an aspect the text need not say
    ("the trade deal.", ("trade", "deal")),
    ("the U.S. economy.", ("economy",)),  # an abbreviation's full stop does not end it
    ("how the economy reacted", ("economy",)),  # the clause's own subject
    ("the lockdown.", ("lockdown",)),  # unknown to the dictionary: still a word to look for
    ("the raid itself.", ("raid",)),
    ("what happened in the operation", ()),
    ("in the town of Tapalpa", ()),
    ("the town of Tapalpa.", ()),  # the name is the topic
    ("the Salon article about the raid.", ()),  # a story
])
def test_an_overview_asks_about_the_nouns_of_its_head_phrase(subject: str, topic: tuple[str, ...]) -> None:
    assert overview_topic(subject) == topic


def test_a_topic_is_unmentioned_when_no_document_has_a_word_for_its_head_or_its_kind() -> None:
    passage = make_passage("d1", "As many as 73 people died in the resulting violence; flights were suspended.")
    passage.mentions = frozenset({"peopl", "die", "result", "violenc", "flight", "suspend"})
    assert topic_unmentioned(("weather",), [passage])
    assert not topic_unmentioned(("aftermath",), [passage])  # a result
    assert topic_unmentioned(("travel", "chaos"), [passage])  # its head, "chaos"
    assert not topic_unmentioned(("chaos", "flights"), [passage])
    assert not topic_unmentioned((), [passage])


def test_the_story_a_subject_names_is_by_its_outlet_else_one_mentioning_it_else_the_best() -> None:
    wire = make_doc("wire", ["Salon asked the Pentagon about the raid."], [unit(1.0)])
    salon = make_doc("salon", ["Troops raided a ranch.", "Gunmen set up blockades."],
                     [leaning(0.6, 1), leaning(0.6, 2)])
    sports = make_doc("sports", ["The match went ahead."], [unit(0, 1)])
    salon.passage.outlet, sports.passage.outlet = "Salon", "Salon Sports"
    wire.passage.mentions = frozenset({"salon", "pentagon", "raid"})
    passages = [sports.passage, wire.passage, salon.passage]
    sentences = wire.sentences + salon.sentences + sports.sentences
    doc, title, centroid = named_story("the Salon piece.", passages, sentences)
    assert (doc, title) == ("salon", "Title of salon")  # exactly Salon: not Salon Sports, nor the wire
    mean = np.mean([s.vector for s in salon.sentences], axis=0)
    assert centroid == pytest.approx(mean / np.linalg.norm(mean))
    assert named_story("Salon's piece.", passages, sentences)[0] == "salon"  # a name first too
    assert named_story("the Pentagon story.", passages, sentences)[0] == "wire"  # mentioning it
    assert named_story("the article.", passages, sentences)[0] == "sports"  # the best retrieved
    doc, title, _ = named_story("everything.", passages, sentences)
    assert doc is None and title.count(";") == 2  # the sources as a whole
    assert named_story("the raid.", passages, sentences) is None  # a topic, not a story


def _candidates(doc_id: str, texts: list[str], scores: list[float], about: float | None = None,
                axis: int = 0) -> list[Candidate]:
    """Candidates of one made-up document, its sentences on different axes from ``axis``."""
    doc = make_doc(doc_id, texts, [leaning(0.5, 3) if axis else unit(*([0.0] * n), 1.0) for n in range(len(texts))])
    doc.passage.about = about
    return [Candidate(s, doc.passage, score, True) for s, score in zip(doc.sentences, scores)]


def test_an_overview_favours_its_story_and_its_lead_and_leaves_out_what_leans_on_another() -> None:
    story = _candidates("story", ["Troops killed the cartel leader in Tapalpa on Sunday.",
                                  "He also ordered the roads closed for two days.",
                                  "Gunmen answered with blockades across Jalisco that day.",
                                  "Schools in Jalisco stayed closed on Monday."], [0.50, 0.70, 0.55, 0.45], about=0.9)
    wire = _candidates("wire", ["Airlines cancelled flights in Jalisco on Sunday."], [0.65], about=0.2, axis=3)
    eligible = sorted(story + wire, key=lambda c: -c.score)
    chosen = choose_overview(eligible[0], eligible, Scoring(), min_support=0.2)
    texts = [c.sentence.text.split()[0] for c in chosen]
    assert texts == ["Troops", "Gunmen", "Schools", "Airlines"]  # its story in its order, then the wire
    one = Scoring(overview_sentences=1, overview_focus_sentences=1)
    assert choose_overview(eligible[0], eligible, one, min_support=0.2)[0].sentence.text.startswith("Troops")
    unled = one.model_copy(update={"overview_lead_bonus": 0.0})
    assert choose_overview(eligible[0], eligible, unled, min_support=0.2)[0].sentence.text.startswith("Gunmen")
    named = choose_overview(eligible[0], eligible, Scoring(), min_support=0.2, named="story")
    assert {c.sentence.doc_id for c in named} == {"story"}


def test_an_overview_draws_on_the_story_whose_headline_and_sentences_together_answer_best() -> None:
    raid = _candidates("raid", ["Troops opened fire from the air at dawn on Sunday."], [0.20], about=0.55)
    reaction = _candidates("reaction", ["Washington said it gave Mexico intelligence support."], [0.40],
                           about=0.50, axis=3)
    eligible = sorted(raid + reaction, key=lambda c: -c.score)
    one = Scoring(overview_sentences=1, overview_focus_sentences=1)
    assert choose_overview(eligible[0], eligible, one, min_support=0.1)[0].sentence.doc_id == "reaction"


@pytest.mark.parametrize(("question", "subject"), [
    ("Summarize the raid.", "the raid."),
    ("Give me the highlights.", "."),
    ("What's the gist of the story?", "the story?"),
    ("What are the key points of the report?", "the report?"),
    ("Brief me on the airport chaos.", "the airport chaos."),
    ("Show me a rundown of the violence.", "the violence."),
    ("Who led it?", None),
    ("tl;dr on the fallout from the raid?", "the fallout from the raid?"),
    ("What is the gist?", "?"),
    ("Tell me how the president responded.", "the president responded."),
    ("Who could take over? Give me an overview of the successors.", "the successors."),  # a request after
    ("What was the human cost? Give me the overview.", "What was the human cost"),  # of what was asked
    ("Who led it? Where did he die?", None),
    ("Tell me how many people died.", None),  # a count, however asked
    ("Can you tell me what time the raid began?", None),
    ("Tell me what the day was like in Tapalpa.", "the day was like in Tapalpa."),
    ("Who was arrested? What happened in Tapalpa?", None),  # two questions, not a request
    ("What was the human cost? Summarize it, please.", "What was the human cost"),
    ("who could take over? give me an overview of the successors.", "the successors."),
    ("Who died? Give me an overview. Summarize the raid.", "Who died"),  # the request's own sentence
    ("Overview please: what happens to the cartel now?", "what happens to the cartel now?"),
    ("Summary — the airport chaos.", "the airport chaos."),
    ("The overview: was it good?", None),  # a noun, not a request
])
def test_overview_requests_and_their_subject(question: str, subject: str | None) -> None:
    assert asks_overview(question) is (subject is not None)
    if subject is not None:
        assert overview_subject(question) == subject


@pytest.mark.parametrize(("subject", "expected"), [
    ("after El Mencho was killed?", ("El Mencho was killed", "")),
    ("the fallout after the cartel boss was killed.", ("the cartel boss was killed", "")),  # all that followed
    ("the aftermath of the raid.", ("the raid", "")),
    ("happened in the wake of the raid.", ("the raid", "")),
    ("the cartel's backlash across the country after the killing.",
     ("the killing", "the cartel's backlash across the country")),  # a topic of what followed
    ("the raid.", None),
    ("the human cost of the operation and its fallout.", None),  # no event it followed
    ("what happened after that?", None),  # a pronoun or a day is no event
    ("the situation since Sunday.", None),
    ("events after the raid.", ("the raid", "")),
])
def test_an_overview_of_what_followed_an_event(subject: str, expected: tuple[str, str] | None) -> None:
    assert after_event(subject) == expected


def test_what_followed_is_what_each_story_tells_after_telling_the_event() -> None:
    raid = _candidates("raid", ["Reward offered.", "Troops killed him.", "Blockades went up.", "Flights stopped."],
                       [0.1, 0.9, 0.3, 0.2])
    wire = _candidates("wire", ["Airports reopened on Tuesday."], [0.05], axis=3)
    told = sorted(raid + wire, key=lambda c: -c.score)
    later = told_after(told, [c.sentence for c in raid + wire], min_support=0.2)
    assert [s.text for s in later] == ["Blockades went up.", "Flights stopped.", "Airports reopened on Tuesday."]
    assert told_after(told, [c.sentence for c in raid + wire], min_support=0.95) == []  # none tells the event
