"""The `rag` command as a user runs it: ingest, ask (--json), show, usage errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.terminal import mark_spans

from .conftest import ROOT, SEED_DOC, SEEDS
from .faults import FaultServer


def _rag(*args: str, index: Path, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RAG_INDEX_DIR": str(index), **env_vars}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "index"
    done = _rag("ingest", str(SEEDS), index=folder)
    assert done.returncode == 0, done.stderr
    assert "1 added" in done.stdout
    return folder


def test_ask_json_matches_the_api_shape(index: Path) -> None:
    done = _rag("ask", "Which cities had flights suspended?", "--json", "-k", "3", index=index)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["mode"] == "extractive" and not data["refused"]
    assert "Guadalajara" in data["text"] and len(data["sources"]) <= 3
    assert data["citations"][0]["quote"] in data["citations"][0]["passage"]


def test_ask_prints_sources_for_people(index: Path) -> None:
    done = _rag("ask", "Who asked Mexicans to stay calm?", index=index)
    assert done.returncode == 0 and "Sheinbaum" in done.stdout and "Sources:" in done.stdout


def test_show_marks_cited_spans(index: Path) -> None:
    done = _rag("show", SEED_DOC, "--question", "Which cities had flights suspended?", index=index)
    assert done.returncode == 0
    assert "[[Flights were suspended" in done.stdout and "]]" in done.stdout


@pytest.mark.parametrize("args", [("ask", "   "), ("ask", "x", "-k", "0"), ("bogus",),
                                  ("show", "no-such-doc.md"), ("show", SEED_DOC, "--mark", "9:1")])
def test_usage_errors_exit_2_with_one_line(index: Path, args: tuple[str, ...]) -> None:
    done = _rag(*args, index=index)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "error" in done.stderr


def test_no_index_explains_how_to_build_one(tmp_path: Path) -> None:
    done = _rag("ask", "Who is El Mencho?", index=tmp_path / "missing")
    assert done.returncode == 2 and "rag ingest" in done.stderr


def test_mark_spans_merges_overlaps() -> None:
    assert mark_spans("abcdef", [(3, 5), (1, 4)]) == "a[[bcde]]f"
    with pytest.raises(ValueError):
        mark_spans("abc", [(2, 9)])


def test_ask_through_a_model_server_streams_and_checks(index: Path) -> None:
    reply = "Flights were suspended in Guadalajara and Puerto Vallarta [1]."
    with FaultServer("reply", replies=[reply]) as model:
        done = _rag("--mode", "llm", "--base-url", model.url + "/v1", "--model", "m",
                    "ask", "Where were flights suspended?", index=index, RAG_LLM_FALLBACK="0")
    assert done.returncode == 0, done.stderr
    streamed, _, checked = done.stdout.partition("Checked answer (citations verified and renumbered):")
    assert streamed.strip() == reply
    assert checked.split("\n")[1] == "Flights were suspended in Guadalajara and Puerto Vallarta. [1]"
    assert "Sources:" in checked and "“Flights were suspended" in checked


def test_bad_mode_and_url_are_usage_errors(index: Path) -> None:
    done = _rag("--mode", "magic", "ask", "x", index=index)
    assert done.returncode == 2 and "invalid choice" in done.stderr
    done = _rag("--base-url", "localhost:1", "ask", "Where were flights suspended?", index=index)
    assert done.returncode == 2 and "http://" in done.stderr and "Traceback" not in done.stderr


def test_ask_loads_only_what_an_extractive_answer_needs(index: Path) -> None:
    """Fast start: no UI, no model client, no llama-index for an offline `rag ask`."""
    probe = ("import sys; from ui.cli import main; main(['ask', 'Who led the operation?']); "
             "print(sorted(set(sys.modules) & "
             "{'gradio', 'openai', 'llama_index.core', 'chromadb', 'onnxruntime'}))")
    env = {**os.environ, "RAG_INDEX_DIR": str(index)}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "['chromadb', 'onnxruntime']"
