"""Model-server faults on loopback: bounded retries, timeouts, clear messages, fallback."""

from __future__ import annotations

import json
import time

import pytest

from rag import Assistant
from rag.llm import ChatModel, LLMRejected, LLMUnavailable

from .faults import FaultServer, free_port

SECRET = "sk-test-5ecret-never-shown"
MESSAGES = [{"role": "user", "content": "Say hi."}]


def _drain(model: ChatModel) -> str:
    return "".join(model.stream(MESSAGES))


def test_refused_connection_fails_fast_after_retries() -> None:
    model = ChatModel("m", base_url=f"http://127.0.0.1:{free_port()}/v1", api_key=SECRET,
                      timeout=2, max_retries=2)
    started = time.monotonic()
    with pytest.raises(LLMUnavailable, match="unreachable") as error:
        _drain(model)
    assert time.monotonic() - started < 10
    assert SECRET not in str(error.value)


@pytest.mark.parametrize("status", [429, 500, 503])
def test_retryable_status_is_retried_then_reported(status: int) -> None:
    with FaultServer(status, retry_after="0") as server:
        model = ChatModel("m", base_url=server.url + "/v1", timeout=5, max_retries=2)
        with pytest.raises(LLMUnavailable, match=f"HTTP {status}"):
            _drain(model)
        assert server.requests == 3


def test_long_retry_after_is_not_waited_for() -> None:
    with FaultServer(429, retry_after="120") as server:
        model = ChatModel("m", base_url=server.url + "/v1", timeout=5, max_retries=2)
        started = time.monotonic()
        with pytest.raises(LLMUnavailable):
            _drain(model)
        assert server.requests == 1 and time.monotonic() - started < 5


def test_a_hanging_server_times_out_in_bounded_time() -> None:
    with FaultServer("hang", delay=30) as server:
        model = ChatModel("m", base_url=server.url + "/v1", timeout=1, max_retries=1)
        started = time.monotonic()
        with pytest.raises(LLMUnavailable, match="timed out"):
            _drain(model)
        assert server.requests == 2 and time.monotonic() - started < 8


def test_a_wrong_key_is_one_clear_message_and_not_retried() -> None:
    with FaultServer(401) as server:
        model = ChatModel("m", base_url=server.url + "/v1", api_key=SECRET, max_retries=3)
        with pytest.raises(LLMRejected) as error:
            _drain(model)
        assert server.requests == 1
    message = str(error.value)
    assert "rejected the API key" in message and "OPENAI_API_KEY" in message
    assert SECRET not in message and "\n" not in message


def test_client_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError):
        ChatModel("")
    with pytest.raises(ValueError):
        ChatModel("m", timeout=0)


@pytest.fixture()
def dead_url() -> str:
    return f"http://127.0.0.1:{free_port()}/v1"


def test_assistant_falls_back_to_extractive_when_the_server_is_down(
        seeded: Assistant, dead_url: str, caplog: pytest.LogCaptureFixture) -> None:
    assistant = Assistant.open(index_dir=seeded.store.index_dir, create=False,
                               embedder=seeded.embedder, answer_mode="auto",
                               llm_base_url=dead_url, llm_api_key=SECRET, llm_max_retries=1)
    answer = assistant.ask("How many National Guard members were killed?")
    assert answer.mode == "extractive" and not answer.refused
    assert "25" in answer.text and answer.citations
    assert any("model was not used" in n and "unreachable" in n for n in answer.notices)
    dumped = json.dumps(answer.to_dict()) + repr(assistant.config) + caplog.text
    assert SECRET not in dumped


def test_wrong_key_falls_back_with_one_notice(seeded: Assistant) -> None:
    with FaultServer(401) as server:
        assistant = Assistant.open(index_dir=seeded.store.index_dir, create=False,
                                   embedder=seeded.embedder, llm_base_url=server.url + "/v1",
                                   llm_api_key=SECRET)
        answer = assistant.ask("How many National Guard members were killed?")
    assert answer.mode == "extractive"
    assert [n for n in answer.notices if "API key" in n] and SECRET not in json.dumps(answer.to_dict())


def test_unanswerable_question_never_reaches_the_model(seeded: Assistant) -> None:
    with FaultServer(500) as server:
        assistant = Assistant.open(index_dir=seeded.store.index_dir, create=False,
                                   embedder=seeded.embedder, answer_mode="llm",
                                   llm_base_url=server.url + "/v1", llm_model="local")
        answer = assistant.ask("What is the recipe for chocolate cake?")
        assert server.requests == 0
    assert answer.refused and answer.mode == "llm:local"
    assert answer.text.startswith("The sources don't say")


def test_extractive_mode_ignores_a_configured_server(seeded: Assistant, dead_url: str) -> None:
    assistant = Assistant.open(index_dir=seeded.store.index_dir, create=False,
                               embedder=seeded.embedder, answer_mode="extractive",
                               llm_base_url=dead_url)
    items = list(assistant.ask_stream("Where were flights suspended?"))
    assert isinstance(items[0], str) and items[-1].mode == "extractive" and not items[-1].notices


def test_a_stream_that_breaks_midway_falls_back_and_says_so(seeded: Assistant) -> None:
    with FaultServer("broken") as server:
        model = ChatModel("m", base_url=server.url + "/v1", max_retries=2)
        with pytest.raises(LLMUnavailable, match="broken reply"):
            _drain(model)
        assert server.requests == 1  # text was shown: not retried
        assistant = seeded.with_settings(answer_mode="llm", llm_base_url=server.url + "/v1")
        items = list(assistant.ask_stream("How many National Guard members were killed?"))
    assert items[0] == "Partial" and items[-1].mode == "extractive"
    assert any("stopped partway" in n for n in items[-1].notices)
