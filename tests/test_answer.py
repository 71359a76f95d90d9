"""Extractive answers on the seeds: right sentence, true citations, plain declines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag import Assistant
from rag.answer_types import fits, holds, question_type
from rag.figures import count_predicate, numbers_in
from rag.evaluate import load_items, score

from .conftest import ROOT

DEV = ROOT / "benchmarks" / "data" / "seed_qa.jsonl"


def _check_citations(assistant: Assistant, answer) -> None:  # type: ignore[no-untyped-def]
    assert [c.number for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert f"[{c.number}]" in answer.text
        assert c.quote in c.passage
        assert assistant.document_text(c.doc_id)[c.quote_start : c.quote_end] == c.quote


def test_guard_deaths_answer_is_cited(seeded: Assistant) -> None:
    answer = seeded.ask("How many National Guard members were killed?")
    assert not answer.refused and answer.mode == "extractive"
    assert "25" in answer.text and answer.text.count("[1]") == 1
    _check_citations(seeded, answer)
    first = answer.citations[0]
    assert first.title.startswith("U.S. provided intelligence support")
    assert first.date == "2026-02-23" and first.source.startswith("https://www.salon.com/")
    assert answer.sources and all(p.score > 0 for p in answer.sources)
    assert set(answer.timings) >= {"embed_ms", "retrieve_ms", "answer_ms", "total_ms"}


def test_to_dict_is_json_ready(seeded: Assistant) -> None:
    data = json.loads(json.dumps(seeded.ask("Where were flights suspended?").to_dict()))
    assert {"text", "refused", "mode", "citations", "sources", "timings"} <= set(data)
    assert {"number", "doc_id", "title", "date", "source", "passage", "quote", "quote_start",
            "quote_end"} <= set(data["citations"][0])


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_seed_question_set(seeded: Assistant, split: str) -> None:
    """Floors well under what `benchmarks/seed_quality.py` measures; catches regressions."""
    items = load_items(DEV, split)
    rows = []
    for item in items:
        answer = seeded.ask(item.question)
        _check_citations(seeded, answer)
        rows.append(score(item, answer))
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    assert sum(r["cited"] for r in answerable) / len(answerable) >= 0.75
    assert sum(r["correct"] for r in unanswerable) / len(unanswerable) >= 0.5  # 3 of 6 since min_support 0.2


def test_off_topic_and_unknown_figures_are_declined(seeded: Assistant) -> None:
    for question in ("What is the weather forecast for Paris?",
                     "How many cartel members were arrested?",
                     "How old was El Mencho?",
                     "What was the reward raised to in 2025?"):
        answer = seeded.ask(question)
        assert answer.refused, (question, answer.text)
        assert answer.text.startswith("The sources don't say")
        assert answer.citations == [] and answer.related


def test_an_overview_of_what_followed_the_raid_tells_what_came_after_it(seeded: Assistant) -> None:
    answer = seeded.ask("What happened after El Mencho was killed?")
    assert not answer.refused and len(answer.citations) >= 3
    assert "violence" in answer.text and "25" in answer.text
    assert "assisted Mexican forces" not in answer.text  # the raid itself is what it followed
    _check_citations(seeded, answer)
    assert seeded.ask("What happened after the earthquake?").refused  # an event no source tells


def test_a_figure_asked_of_a_source_is_that_source_s(seeded: Assistant) -> None:
    assert "73" in seeded.ask("How many people died, according to the Associated Press?").text
    wounded = seeded.ask("How many people were wounded, according to the Associated Press?")
    assert wounded.refused  # three soldiers were wounded by the secretariat's count, not the AP's


def test_answers_are_deterministic(seeded: Assistant) -> None:
    q = "What did the State Department urge American travelers to do?"
    assert seeded.ask(q).to_dict()["text"] == seeded.ask(q).to_dict()["text"]


def test_empty_question_is_a_value_error(seeded: Assistant) -> None:
    for bad in ("", "   \n\t"):
        with pytest.raises(ValueError, match="empty"):
            seeded.ask(bad)


def test_huge_question_is_cut_not_crashed(seeded: Assistant) -> None:
    answer = seeded.ask("How many National Guard members were killed? " * 2300)  # ~100k chars
    assert len(answer.query) <= seeded.config.max_question_chars
    assert any("characters long" in n for n in answer.notices)


def test_conflicting_reports_are_both_cited(fresh: Assistant, corpus: Path) -> None:
    (corpus / "later.md").write_text(
        "---\ntitle: Death toll rises\noutlet: Wire\ndate: 2026-02-25\n---\n"
        "Officials said 30 members of the National Guard were killed by retaliatory cartel attacks.",
        encoding="utf-8",
    )
    fresh.ingest([corpus])
    answer = fresh.ask("How many National Guard members were killed?")
    assert answer.conflict and answer.text.startswith("The sources disagree")
    assert "25" in answer.text and "30" in answer.text
    assert {c.doc_id for c in answer.citations} == {"later.md", "salon-2026-02-23-el-mencho.md"}
    _check_citations(fresh, answer)


def test_empty_index_declines_with_a_notice(fresh: Assistant) -> None:
    answer = fresh.ask("Who is El Mencho?")
    assert answer.refused and any("rag ingest" in n for n in answer.notices)


def test_answer_types() -> None:
    assert question_type("How many soldiers were wounded?") == "number"
    assert question_type("When did Trump declare war on the cartels?") == "time"
    assert question_type("Which cities saw flights suspended?") == "place"
    assert question_type("Which White House official spoke?") == "person"
    assert question_type("What did the State Department advise?") is None
    assert numbers_in("seven members and 25 guards, $15 million") >= {7.0, 25.0, 15.0}
    assert holds("It happened on Saturday.", "time") and not holds("It happened.", "time")
    assert not fits("How many were arrested?", "A $15 million reward in 2024.")
    assert count_predicate("How many Guard troops died in the reprisals?") == "died"


def test_clock_times_and_roles_are_answers_of_their_kind() -> None:
    for sentence in ("The curfew began at 9 p.m.", "The curfew began at 21:00.",
                     "It began at 9 o'clock."):
        assert holds(sentence, "time"), sentence
    assert not holds("The curfew began.", "time")
    assert holds("The bishop of Guadalajara called for calm.", "person")
    assert not holds("Calm returned to the city.", "person")


def test_a_question_in_the_text_is_not_an_answer(fresh: Assistant, corpus: Path) -> None:
    (corpus / "faq.md").write_text(
        "---\ntitle: Reader questions\n---\nWhat did the State Department tell American travelers? "
        "Did the Pentagon say anything about the raid? We are still checking.", encoding="utf-8")
    fresh.ingest([corpus])
    answer = fresh.ask("What did the State Department tell American travelers?")
    assert not answer.refused
    assert all(c.doc_id != "faq.md" for c in answer.citations), answer.text
    assert "?" not in answer.text


def test_markup_before_a_question_is_ignored(seeded: Assistant) -> None:
    answer = seeded.ask("<img src=x onerror=alert(1)> How many National Guard members were killed?")
    assert not answer.refused and "25" in answer.text and "<img" not in answer.query
    with pytest.raises(ValueError, match="markup"):
        seeded.ask("<b></b>")


def test_dev_set_file_is_well_formed() -> None:
    article = (ROOT / "seeds" / "salon-2026-02-23-el-mencho.md").read_text(encoding="utf-8")
    items = load_items(DEV)
    assert len(items) >= 25 and sum(not i.answerable for i in items) >= 8
    assert {i.split for i in items} == {"dev", "heldout"}
    for item in items:
        assert all(e in article for e in item.evidence)


def test_relevance_ranks_an_on_point_sentence_above_a_true_but_off_point_one(seeded: Assistant) -> None:
    from rag.answer import relevance

    question = "How many National Guard members were killed?"
    texts = ["Twenty-five National Guard members were killed in the attacks.",
             "Flights were suspended in Guadalajara and Puerto Vallarta."]
    on_point, off_point = relevance(question, seeded.embedder.embed([question])[0], texts,
                                    seeded.embedder.embed(texts), seeded.bm25.idf,
                                    seeded.config.scoring.w_cosine)
    assert on_point >= seeded.config.min_support > off_point


def test_typos_are_mended_up_to_the_configured_number(seeded: Assistant) -> None:
    typed = "How many natonal guard membres were killed?"
    assert seeded.retrieve(typed).query == "How many National Guard members were killed?"  # mended, recased
    strict = Assistant.open(index_dir=seeded.store.index_dir, create=False, embedder=seeded.embedder,
                            scoring={"typo_max_words": 1})
    assert strict.retrieve(typed).query == typed  # two typos: more than it mends
