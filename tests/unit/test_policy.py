"""The answer policy on hand-made passages, with a scripted model on loopback (tests/faults.py)."""

from __future__ import annotations

import json
import zlib
from typing import Any

import numpy as np
import pytest

from rag.config import Config
from rag.generate import GenerativeAnswerer
from rag.llm import ChatModel
from rag.markers import UNVERIFIED
from rag.policy import AnswerPolicy
from rag.retrieve import Retrieved
from rag.text import canonical_terms
from rag.types import Answer, Citation, Passage, StoredSentence, cite, final_answer

from ..faults import FaultServer

pytestmark = pytest.mark.unit

TEXT = ("Twenty-five National Guard members were killed in the attacks. "
        "Flights were suspended in Guadalajara and Puerto Vallarta. "
        "The State Department told Americans to shelter in place.")
QUESTION = "How many National Guard members were killed?"
GROUNDED = "Twenty-five National Guard members were killed in the attacks [1]."
FALLBACK = "so the offline extractive answer is shown instead"


def embed(texts: list[str]) -> np.ndarray:
    """Bag-of-terms vectors (hashed, unit length): overlap in words is cosine similarity."""
    out = np.zeros((len(texts), 256), dtype=np.float32)
    for row, text in enumerate(texts):
        for term in canonical_terms(text):
            out[row, zlib.crc32(term.encode()) % 256] += 1.0
        out[row] /= np.linalg.norm(out[row]) or 1.0
    return out


def retrieved(question: str = QUESTION) -> Retrieved:
    bounds, start = [], 0
    for piece in TEXT.split(". "):
        end = start + len(piece) + (1 if not piece.endswith(".") else 0)
        bounds.append((start, end))
        start = end + 1
    sentences = [StoredSentence("d.md", i, a, b, TEXT[a:b], embed([TEXT[a:b]])[0])
                 for i, (a, b) in enumerate(bounds)]
    passage = Passage("d.md::c0", TEXT, "d.md", "Raid", "Ledger", "2026-02-23", "", "d.md",
                      0, len(TEXT), 0, len(sentences) - 1, version="v1")
    return Retrieved(question, question, embed([question])[0], [passage], sentences, [], {})


def policy(server: FaultServer | None = None, **settings: Any) -> AnswerPolicy:
    if server is not None:
        settings = {"answer_mode": "llm", "llm_base_url": server.url + "/v1", "llm_model": "m",
                    "llm_max_retries": 0, "llm_timeout": 10, **settings}
    config = Config.load(**settings)
    model = GenerativeAnswerer(ChatModel.from_config(config), config.context_tokens)
    return AnswerPolicy(config, embed, lambda term: 1.0, lambda: model)


def answer(p: AnswerPolicy, question: str = QUESTION) -> Answer:
    return final_answer(p.stream(retrieved(question)))


def test_the_sentences_are_cut_where_the_document_says() -> None:
    found = retrieved()
    assert [TEXT[s.start:s.end] for s in found.sentences] == [s.text for s in found.sentences]
    assert found.sentences[0].text.endswith("attacks.")


def test_without_a_model_the_answer_quotes_the_source() -> None:
    items = list(policy(answer_mode="extractive").stream(retrieved()))
    assert isinstance(items[0], str) and isinstance(items[-1], Answer)
    final = items[-1]
    assert final.mode == "extractive" and not final.refused
    assert final.citations[0].quote == TEXT[final.citations[0].quote_start:final.citations[0].quote_end]
    assert "Twenty-five" in final.citations[0].quote


def test_a_grounded_model_answer_is_kept_with_checked_citations() -> None:
    with FaultServer("reply", replies=[GROUNDED]) as server:
        final = answer(policy(server, llm_fallback=False))
    assert final.mode == "llm:m" and not final.unsupported
    assert final.claims[0].supported and final.citations[0].quote.startswith("Twenty-five")
    assert "llm_ms" in final.timings and "first_token_ms" in final.timings


def test_a_wrong_figure_is_marked_unverified_when_fallback_is_off() -> None:
    with FaultServer("reply", replies=["Thirty National Guard members were killed [1]."]) as server:
        final = answer(policy(server, llm_fallback=False))
    assert final.mode == "llm:m" and final.text.endswith(UNVERIFIED)
    assert final.claims[0].reason == "30 not in the cited sources"
    assert any("marked [unverified]" in n for n in final.notices)


def test_a_wrong_figure_gives_way_to_the_quoted_sentence() -> None:
    with FaultServer("reply", replies=["Thirty National Guard members were killed [1]."]) as server:
        final = answer(policy(server))
    assert final.mode == "extractive" and "Twenty-five" in final.text
    assert any(FALLBACK in n and "no sentence supported" in n for n in final.notices)


def test_a_model_that_finds_nothing_gives_way_to_a_quoted_answer() -> None:
    with FaultServer("reply", replies=["The sources don't say how many were killed."]) as server:
        final = answer(policy(server))
    assert final.mode == "extractive" and not final.refused
    assert any("The model found no answer in the sources" in n for n in final.notices)


def test_a_model_decline_stands_when_fallback_is_off() -> None:
    with FaultServer("reply", replies=["The sources don't say how many were killed."]) as server:
        final = answer(policy(server, llm_fallback=False))
    assert final.refused and final.mode == "llm:m" and final.text.startswith("The sources don't say")


def test_no_passage_on_the_topic_is_declined_without_asking_the_model() -> None:
    found = retrieved("What is the capital of Peru?")  # no content word of it in the passage
    with FaultServer("reply", replies=[GROUNDED]) as server:
        final = final_answer(policy(server).stream(found))
        assert server.requests == 0
    assert final.refused and final.mode == "llm:m" and not final.citations


def test_the_model_is_asked_however_weak_the_support() -> None:
    with FaultServer("reply", replies=["The sources don't say."]) as server:
        final = answer(policy(server, llm_fallback=False), "Who praised the State Department for its advice?")
        assert server.requests == 1
    assert final.refused and final.mode == "llm:m"


def test_a_model_that_is_down_gives_the_extractive_answer_with_a_notice() -> None:
    with FaultServer(500) as server:
        final = answer(policy(server))
    assert final.mode == "extractive" and not final.refused
    assert any(n.startswith("The model was not used") for n in final.notices)


def test_a_stream_that_breaks_gives_the_extractive_answer() -> None:
    with FaultServer("broken") as server:
        items = list(policy(server).stream(retrieved()))
    assert items[0] == "Partial"
    assert items[-1].mode == "extractive"
    assert any(n.startswith("The model stopped partway") for n in items[-1].notices)


def test_markers_to_sources_not_given_are_removed_and_said() -> None:
    reply = "Twenty-five National Guard members were killed in the attacks [1][7]."
    with FaultServer("reply", replies=[reply]) as server:
        final = answer(policy(server, llm_fallback=False))
    assert "[7]" not in final.text and [c.number for c in final.citations] == [1]
    assert any("[7]" in n and "removed" in n for n in final.notices)


def test_an_off_topic_true_sentence_gives_way_to_the_quoted_answer() -> None:
    reply = "Flights were suspended in Guadalajara and Puerto Vallarta [1]."
    with FaultServer("reply", replies=[reply]) as server:
        final = answer(policy(server))
    assert final.mode == "extractive" and "Twenty-five" in final.text
    assert any(FALLBACK in n for n in final.notices)


def test_a_selecting_model_picks_sentences_and_they_are_quoted() -> None:
    with FaultServer("reply", replies=["1"]) as server:
        final = answer(policy(server, llm_answer="select"))
        prompt = json.loads(server.bodies[0])["messages"][0]["content"]
    assert "[1] Twenty-five National Guard members were killed in the attacks." in prompt
    assert final.mode == "llm:m" and not final.refused
    assert final.text == "Twenty-five National Guard members were killed in the attacks. [1]"
    assert final.citations[0].quote == TEXT[final.citations[0].quote_start:final.citations[0].quote_end]


def test_when_the_ranked_answer_clears_min_support_it_is_kept_over_the_models_pick() -> None:
    with FaultServer("reply", replies=["2"]) as server:  # the State Department: not in Guadalajara
        final = answer(policy(server, llm_answer="select"), "Why were flights in Guadalajara suspended?")
        assert server.requests == 1
    assert final.mode == "llm:m" and not final.refused
    assert final.text.startswith("Flights were suspended in Guadalajara and Puerto Vallarta. [1]")


def test_a_selecting_model_is_not_asked_for_an_overview() -> None:
    with FaultServer("reply", replies=["2"]) as server:
        final = answer(policy(server, llm_answer="select"), "What happened in Guadalajara?")
        assert server.requests == 0  # the ranker chooses sentences by what they cover
    assert final.mode == "extractive" and final.text.startswith("Flights were suspended in Guadalajara")


def test_the_models_pick_answers_when_no_ranked_sentence_clears_min_support() -> None:
    with FaultServer("reply", replies=["1"]) as server:
        final = answer(policy(server, llm_answer="select", min_support=0.99),
                       "Who told Americans to shelter in place?")  # not an overview: those answer anyway
    assert final.mode == "llm:m" and not final.refused
    assert final.text == "The State Department told Americans to shelter in place. [1]"


def test_the_models_pick_for_a_question_with_no_answer_type_goes_on_to_the_next_sentence() -> None:
    with FaultServer("reply", replies=["1"]) as server:
        final = answer(policy(server, llm_answer="select", min_support=0.99),
                       "Why were flights suspended in Guadalajara?")
    assert final.text == ("Flights were suspended in Guadalajara and Puerto Vallarta. [1] "
                          "The State Department told Americans to shelter in place. [2]")


def test_a_selecting_model_that_finds_none_declines() -> None:
    with FaultServer("reply", replies=["NONE"]) as server:
        final = answer(policy(server, llm_answer="select"))
    assert final.refused and final.mode == "llm:m" and not final.citations


def test_a_selecting_model_that_names_nothing_gives_the_extractive_answer() -> None:
    with FaultServer("reply", replies=["I think the answer is about guards."]) as server:
        final = answer(policy(server, llm_answer="select"))
    assert final.mode == "extractive" and any("named no sentence" in n for n in final.notices)


def test_a_selecting_model_that_is_down_gives_the_extractive_answer() -> None:
    with FaultServer(500) as server:
        final = answer(policy(server, llm_answer="select"))
    assert final.mode == "extractive" and any(n.startswith("The model was not used") for n in final.notices)


def test_only_sentences_holding_what_is_asked_are_offered_to_select() -> None:
    with FaultServer("reply", replies=["1"]) as server:
        final = answer(policy(server, llm_answer="select"))
        prompt = json.loads(server.bodies[0])["messages"][-1]["content"]
    assert "Twenty-five National Guard" in prompt and "Flights were suspended" not in prompt
    assert final.text == "Twenty-five National Guard members were killed in the attacks. [1]"


def test_select_mode_declines_without_asking_when_no_sentence_holds_what_is_asked() -> None:
    with FaultServer("reply", replies=["1"]) as server:
        final = answer(policy(server, llm_answer="select"), "How many Guadalajara flights were suspended?")
        assert server.requests == 0
    assert final.refused


def test_select_mode_declines_without_asking_a_which_question_no_source_names_one_of() -> None:
    with FaultServer("reply", replies=["1"]) as server:  # the places name no airline
        final = answer(policy(server, llm_answer="select"), "Which airlines suspended flights?")
        assert server.requests == 0
    assert final.refused


def test_a_selecting_model_saying_none_with_a_reason_declines() -> None:
    with FaultServer("reply", replies=["NONE (sentence 1 is only about the attacks)"]) as server:
        final = answer(policy(server, llm_answer="select"))
    assert final.refused and not final.citations


def test_select_mode_declines_a_question_about_someone_never_mentioned_without_asking() -> None:
    with FaultServer("reply", replies=["1"]) as server:
        final = answer(policy(server, llm_answer="select"),
                       "How many National Guard members did Pedro Paramo say were killed?")
        assert server.requests == 0
    assert final.refused and "“Pedro Paramo”" in final.text


def test_select_mode_answers_a_multi_part_question_part_by_part() -> None:
    found = retrieved("How many National Guard members were killed?")
    flights = retrieved("Where were flights suspended?")
    found.parts = [retrieved("How many National Guard members were killed?"), flights]
    with FaultServer("reply", replies=["1", "1"]) as server:  # each part: its best sentence
        final = final_answer(policy(server, llm_answer="select").stream(found))
        assert server.requests == 2
    assert [c.quote.split()[0] for c in final.citations] == ["Twenty-five", "Flights"]


def test_select_mode_takes_the_models_none_part_by_part() -> None:
    found = retrieved("How many National Guard members were killed?")
    found.parts = [retrieved("How many National Guard members were killed?"),
                   retrieved("Where were flights suspended?")]
    with FaultServer("reply", replies=["1", "NONE"]) as server:
        final = final_answer(policy(server, llm_answer="select").stream(found))
    assert [c.quote.split()[0] for c in final.citations] == ["Twenty-five"]
    assert "don't answer “Where were flights suspended?”" in final.text


def _earlier(sentence: str, doc_id: str = "e.md") -> Citation:
    """A citation of ``sentence`` from another document: what an earlier turn answered."""
    passage = Passage(f"{doc_id}::c9", sentence, doc_id, "Earlier", "Wire", "2026-02-24", "", doc_id,
                      0, len(sentence), 0, 0, version="v1")
    return cite(1, passage, 0, len(sentence))


@pytest.mark.parametrize(("earlier", "opening"), [
    ("Thirty National Guard members were killed.", "The sources disagree: "),  # 25 against 30
    ("Many National Guard members were killed.", ""),  # no figure to set against 25
    ("Twenty-five National Guard members died.", ""),  # the same figure
])
def test_a_comparison_sets_the_other_account_beside_the_earlier_one(earlier: str, opening: str) -> None:
    answer = final_answer(policy().stream(retrieved(), _earlier(earlier)))
    assert answer.text.startswith(opening or "Twenty-five") and answer.text.count("The sources disagree") <= 1
    assert [(c.doc_id, c.number) for c in answer.citations] == [("d.md", 1), ("e.md", 2)]
    assert answer.text.endswith(f"{earlier} [2]") and not answer.refused


def test_two_figures_of_one_article_are_not_sources_disagreeing() -> None:
    earlier = _earlier("Thirty people died in all.", doc_id="d.md")  # the same article, another count
    answer = final_answer(policy().stream(retrieved(), earlier))
    assert "The sources disagree" not in answer.text and not answer.conflict and len(answer.citations) == 2


def test_a_comparison_with_no_other_account_says_so_and_keeps_the_earlier_one() -> None:
    found = retrieved("How many National Guard members were wounded?")
    answer = final_answer(policy().stream(found, _earlier("Ten National Guard members were wounded.")))
    assert answer.text == "No other indexed source answers this. Ten National Guard members were wounded. [1]"
    assert not answer.refused and [c.doc_id for c in answer.citations] == ["e.md"]
