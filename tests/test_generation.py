"""Generated answers from a real llama-server (SmolLM2-135M) on loopback.

The model is tiny and its wording varies, so these tests assert the rules every answer
must obey (markers in range, renumbered, checked, marked or replaced), not its words.
"""

from __future__ import annotations

import json
import re
from typing import Callable

from rag import Assistant
from rag.markers import UNVERIFIED, parse_markers
from rag.types import Answer

from .faults import FaultServer

QUESTIONS = [
    "How many National Guard members were killed?",
    "Where were flights suspended?",
    "What reward did the U.S. offer for El Mencho?",
    "What did the State Department tell American travelers?",
]
FALLBACK_NOTICE = "so the offline extractive answer is shown instead"


def check_rules(assistant: Assistant, answer: Answer) -> None:
    """What any answer shown to a user must satisfy, whoever wrote it."""
    assert answer.text.strip()
    numbers = [c.number for c in answer.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    used = parse_markers(answer.text)
    assert set(used) == set(numbers), "every citation is used and every marker has one"
    assert [n for n in dict.fromkeys(used)] == numbers, "numbered in order of first use"
    for c in answer.citations:
        assert c.quote and c.quote in c.passage
        assert assistant.document_text(c.doc_id)[c.quote_start : c.quote_end] == c.quote
    if answer.mode == "extractive":
        return
    for claim in answer.claims:
        assert claim.text in answer.text
        assert claim.supported == (claim.text not in answer.unsupported)
        if claim.supported:
            assert claim.citations and not claim.reason
        else:
            assert claim.reason
    assert answer.text.count(UNVERIFIED) == len(answer.unsupported)
    assert not answer.refused or not answer.citations


def test_generated_answers_obey_the_citation_rules(generative: Callable[..., Assistant]) -> None:
    assistant = generative()
    answers = [assistant.ask(q) for q in QUESTIONS]
    for answer in answers:
        check_rules(assistant, answer)
        if answer.mode == "extractive":
            assert any(FALLBACK_NOTICE in n for n in answer.notices)
        else:
            assert answer.mode == "llm:smollm2" and "llm_ms" in answer.timings
        json.dumps(answer.to_dict())


def test_without_fallback_every_answer_is_the_models(generative: Callable[..., Assistant]) -> None:
    assistant = generative(llm_fallback=False)
    for question in QUESTIONS:
        answer = assistant.ask(question)
        assert answer.mode == "llm:smollm2"
        check_rules(assistant, answer)


def test_an_ungrounded_answer_is_shown_marked_when_fallback_is_off(seeded: Assistant) -> None:
    reply = "The Pentagon sent 5,000 troops to Jalisco [1]. Flights were suspended in Guadalajara [2]."
    with FaultServer("reply", replies=[reply]) as model:
        assistant = seeded.with_settings(answer_mode="llm", llm_base_url=model.url + "/v1",
                                         llm_model="m", llm_fallback=False)
        answer = assistant.ask("Where were flights suspended?")
    check_rules(assistant, answer)
    assert answer.mode == "llm:m" and not answer.refused
    assert answer.unsupported == ["The Pentagon sent 5,000 troops to Jalisco."]
    assert answer.text.count(UNVERIFIED) == 1 and "Guadalajara" in answer.text


def test_streaming_yields_deltas_then_one_final_answer(generative: Callable[..., Assistant]) -> None:
    assistant = generative(llm_fallback=False)
    items = list(assistant.ask_stream("What did the State Department tell American travelers?"))
    *deltas, final = items
    assert isinstance(final, Answer) and final.mode == "llm:smollm2"
    assert len(deltas) >= 2 and all(isinstance(d, str) for d in deltas)
    assert final.timings["first_token_ms"] <= final.timings["llm_ms"]
    streamed = "".join(deltas)
    if not final.refused:  # the checked text keeps the model's sentences
        for claim in final.claims:
            assert re.sub(r"\W", "", claim.text)[:20] in re.sub(r"\W", "", streamed)


def test_rate_limits_are_retried_until_the_model_answers(
        generative: Callable[..., Assistant], llm_server: str) -> None:
    upstream = llm_server.removesuffix("/v1")
    with FaultServer(429, failures=2, upstream=upstream, retry_after="0") as proxy:
        assistant = generative(base_url=proxy.url + "/v1", llm_fallback=False, llm_max_retries=2)
        answer = assistant.ask("Where were flights suspended?")
        assert proxy.requests == 3
    assert answer.mode == "llm:smollm2"
    assert not any("model was not used" in n for n in answer.notices)


def test_the_prompt_holds_only_the_passages_that_fit_the_budget(
        generative: Callable[..., Assistant], llm_server: str) -> None:
    upstream = llm_server.removesuffix("/v1")
    with FaultServer(500, failures=0, upstream=upstream) as proxy:
        assistant = generative(base_url=proxy.url + "/v1", context_tokens=300, llm_fallback=False)
        answer = assistant.ask("Where were flights suspended?")
    (body,) = proxy.bodies
    user = json.loads(body)["messages"][1]["content"]
    assert "[1] " in user and "[2] " not in user
    kept = assistant.generator.prompt(answer.query, answer.sources).passages
    assert len(kept) == 1 and kept[0].text in user
    assert all(c.chunk_id == kept[0].chunk_id for c in answer.citations)
    check_rules(assistant, answer)

