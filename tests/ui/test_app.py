"""The launched app through gradio_client: the /chat endpoint, concurrency, serve's guards."""

from __future__ import annotations

import json

import os
import subprocess
import sys
import threading
import time

import pytest
from gradio_client import Client

from rag import Assistant
from ui.app import ChatApp, launch

from ..conftest import ROOT
from ..faults import FaultServer, free_port


def test_chat_endpoint_returns_the_answer_and_its_sources(app_url: str) -> None:
    result = Client(app_url, verbose=False).predict("How many National Guard members were killed?",
                                                    api_name="/chat")
    assert "25" in result["text"] and result["mode"] == "extractive" and not result["refused"]
    (citation,) = result["citations"]
    assert citation["quote"] in citation["passage"] and citation["title"].startswith("U.S. provided")


def test_chat_endpoint_declines_with_related_passages(app_url: str) -> None:
    result = Client(app_url, verbose=False).predict("What is the recipe for chocolate cake?",
                                                    api_name="/chat")
    assert result["refused"] and result["text"].startswith("The sources don't say")
    assert result["citations"] == [] and result["sources"]


def test_chat_endpoint_keeps_a_conversation_by_id(app_url: str) -> None:
    client = Client(app_url, verbose=False)
    first = client.predict("How many Mexican soldiers were wounded in the gunfight?", api_name="/chat")
    follow = client.predict("And how many cartel members died alongside him?", 0, "",
                            first["conversation_id"], api_name="/chat")
    assert follow["conversation_id"] == first["conversation_id"]
    assert follow["query"] != follow["question"] and "seven" in follow["text"].lower()
    alone = client.predict("And how many cartel members died alongside him?", api_name="/chat")
    assert alone["conversation_id"] != first["conversation_id"] and alone["query"] == alone["question"]


def test_chat_endpoint_reports_a_bad_question_in_one_line(app_url: str) -> None:
    with pytest.raises(Exception, match="empty"):
        Client(app_url, verbose=False).predict("   ", api_name="/chat")


def _raw_chat(app_url: str, body: str) -> tuple[str, str]:
    """POST a raw JSON body to /chat as a curl user would; the (event, data) it ends with."""
    import httpx

    with httpx.Client(base_url=app_url, timeout=60) as client:
        call = client.post("/gradio_api/call/chat", content=body, headers={"Content-Type": "application/json"})
        call.raise_for_status()
        kind = data = ""
        with client.stream("GET", f"/gradio_api/call/chat/{call.json()['event_id']}") as events:
            for line in events.iter_lines():
                if line.startswith("event:"):
                    kind = line[6:].strip()
                elif line.startswith("data:") and kind in ("complete", "error"):
                    data = line[5:].strip()
    return kind, data


@pytest.mark.parametrize("arguments, words", [
    ('12345, 0, "", ""', "question must be a string, not int"),
    ('true, 0, "", ""', "question must be a string, not bool"),
    ('["a"], 0, "", ""', "question must be a string, not list"),
    ('"Who?", null, "", ""', None),  # null top_k is the default
    ('"Who?", 1e309, "", ""', "top_k must be a whole number"),
    ('"Who?", "five", "", ""', "top_k must be a whole number"),
    ('"Who?", 2.5, "", ""', "top_k must be a whole number"),
    ('"Who?", 0, "llm", ""', "no model is configured"),
    ('"Who?", 0, "bogus", ""', "mode 'bogus' is not offered"),
])
def test_chat_endpoint_checks_its_arguments_in_one_line(
        app_url: str, arguments: str, words: str | None, capfd: pytest.CaptureFixture[str]) -> None:
    kind, data = _raw_chat(app_url, '{"data": [%s]}' % arguments)
    if words is None:
        assert kind == "complete" and "conversation_id" in data
        return
    assert kind == "error" and words in data and "\n" not in json.loads(data)["error"], data
    assert "Traceback" not in capfd.readouterr().err  # the client's mistake, not the server's


def test_one_conversation_answers_one_turn_at_a_time(ui_assistant: Assistant) -> None:
    app = ChatApp(ui_assistant)
    session = ui_assistant.conversation()
    with session.lock:  # a turn in progress (Enter pressed, then Ask clicked)
        out = list(app.respond("Who led the operation?", [], 5, "extractive", session))
    assert out[-1][0] == [] and len(session.turns) == 0
    out = list(app.respond("Who led the operation?", [], 5, "extractive", session))
    assert len(session.turns) == 1 and not session.lock.locked()


def test_a_slow_answer_does_not_block_another_user(ui_assistant: Assistant) -> None:
    with FaultServer("hang", delay=6) as server:
        slow = ui_assistant.with_settings(answer_mode="llm", llm_base_url=server.url + "/v1",
                                          llm_timeout=4, llm_max_retries=0)
        demo, url = launch(slow, port=free_port(), block=False)
        try:
            finished: dict[str, float] = {}

            def ask(name: str, mode: str) -> None:
                Client(url, verbose=False).predict("Where were flights suspended?", 0, mode,
                                                   api_name="/chat")
                finished[name] = time.monotonic()

            first = threading.Thread(target=ask, args=("slow", "llm"))
            first.start()
            time.sleep(1.0)
            ask("fast", "extractive")
            first.join(30)
        finally:
            demo.close()
    assert finished["fast"] < finished["slow"]


def test_modes_offered_follow_the_configuration(ui_assistant: Assistant) -> None:
    assert ChatApp(ui_assistant).modes() == ["extractive"]
    configured = ui_assistant.with_settings(llm_base_url="http://127.0.0.1:9/v1")
    assert "llm" in ChatApp(configured).modes()


def _serve(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ui.cli", "serve", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, env={**os.environ, **env})


def test_serve_refuses_to_expose_the_ui_without_a_login() -> None:
    done = _serve("--host", "0.0.0.0")
    assert done.returncode == 2 and "RAG_UI_AUTH" in done.stderr
    done = _serve("--host", "", GRADIO_SERVER_NAME="0.0.0.0")  # "" would mean Gradio's variable
    assert done.returncode == 2 and "--host is empty" in done.stderr
    done = _serve("--host", "0.0.0.0", RAG_UI_AUTH="no-colon")
    assert done.returncode == 2 and "user:password" in done.stderr


def test_a_login_protects_the_app_when_configured(ui_assistant: Assistant) -> None:
    import httpx

    demo, url = launch(ui_assistant, port=free_port(), auth=("editor", "s3cret"), block=False)
    try:
        assert httpx.get(url.rstrip("/") + "/config", timeout=10).status_code in (401, 403)
        with pytest.raises(ValueError, match="(?i)login|auth|credentials"):
            Client(url, verbose=False)
        client = Client(url, auth=("editor", "s3cret"), verbose=False)
        assert "Guadalajara" in client.predict("Which cities had flights suspended?", api_name="/chat")["text"]
    finally:
        demo.close()


def test_a_page_that_rebinds_its_name_to_this_machine_is_refused(app_url: str) -> None:
    """DNS rebinding: a web page whose name now points at 127.0.0.1 sends requests naming its
    own host; they are refused, and the app still answers requests addressed to it."""
    import httpx

    port = app_url.rsplit(":", 1)[1]
    for host in (f"rebind.example:{port}", "attacker.test", f"127.0.0.1.nip.io:{port}"):
        assert httpx.get(app_url + "/config", headers={"Host": host}, timeout=10).status_code == 400
        refused = httpx.post(app_url + "/gradio_api/call/chat", headers={"Host": host}, timeout=10,
                             json={"data": ["Which cities had flights suspended?"]})
        assert refused.status_code == 400
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        assert httpx.get(app_url + "/config", headers={"Host": host}, timeout=10).status_code == 200
