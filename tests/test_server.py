"""Server mode: a real `chroma run` on loopback shared by several assistants; outages and bad URLs."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from rag import Assistant, IndexUnavailable

from .conftest import ROOT, SEED_DOC, SEEDS
from .consistency import assert_consistent
from .faults import FaultServer, free_port, wait_for

QUESTION = "How many National Guard members were killed?"


class ChromaServer:
    """`chroma run --path DIR --host 127.0.0.1 --port P`, from the chromadb package."""

    def __init__(self, path: Path, port: int | None = None):
        self.path, self.port = path, port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> "ChromaServer":
        chroma = Path(sys.executable).with_name("chroma")
        env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
        self._process = subprocess.Popen(
            [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        assert wait_for(self._up, timeout=60), "chroma run did not start"
        return self

    def _up(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self) -> None:
        if self._process:
            self._process.terminate()
            self._process.wait(timeout=30)


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[ChromaServer]:
    running = ChromaServer(tmp_path / "chroma-server").start()
    yield running
    running.stop()


def _open(server: ChromaServer, local: Path, **settings: object) -> Assistant:
    return Assistant.open(index_dir=local, chroma_url=server.url, **settings)


def test_two_instances_share_one_corpus_and_stay_in_sync(server: ChromaServer, corpus: Path,
                                                         tmp_path: Path) -> None:
    first = _open(server, tmp_path / "host-a")
    assert first.ingest([corpus]).added == 1
    second = _open(server, tmp_path / "host-b", create=False)  # another app instance
    one, two = first.ask(QUESTION), second.ask(QUESTION)
    assert not one.refused and one.text == two.text
    assert [c.quote for c in one.citations] == [c.quote for c in two.citations]
    assert second.document_text(SEED_DOC) == first.document_text(SEED_DOC)

    (corpus / "later.md").write_text(
        "---\ntitle: Death toll rises\noutlet: Wire\ndate: 2026-02-25\n---\n"
        "Officials said 30 members of the National Guard were killed by retaliatory cartel attacks.",
        encoding="utf-8")
    first.ingest([corpus])
    second.keywords.check_every = 0.0  # the default throttle is a second
    answer = second.ask(QUESTION)  # the keyword index follows the other instance's ingest
    assert answer.conflict and {c.doc_id for c in answer.citations} == {SEED_DOC, "later.md"}
    assert sorted(second.bm25.ids) == sorted(first.bm25.ids) == sorted(first.store.all_chunks()[0])
    assert_consistent(second)


def test_the_cli_takes_a_chroma_url(server: ChromaServer, tmp_path: Path) -> None:
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp_path / "local")}
    run = [sys.executable, "-m", "ui.cli", "--chroma-url", server.url]
    done = subprocess.run([*run, "ingest", str(SEEDS)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0 and "1 added" in done.stdout, done.stderr
    env["RAG_CHROMA_URL"] = server.url  # the variable works like the flag
    done = subprocess.run([sys.executable, "-m", "ui.cli", "ask", QUESTION], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0 and "25 members" in done.stdout, done.stderr
    assert not list((tmp_path / "local").glob("**/chroma.sqlite3")), "nothing embedded"


def test_an_outage_is_a_clear_error_and_the_assistant_reconnects(server: ChromaServer, corpus: Path,
                                                                  tmp_path: Path) -> None:
    assistant = _open(server, tmp_path / "local")
    assistant.ingest([corpus])
    server.stop()
    started = time.monotonic()
    with pytest.raises(IndexUnavailable, match=f"127.0.0.1:{server.port} is not answering"):
        assistant.ask(QUESTION)
    assert time.monotonic() - started < 5
    server.start()  # same data folder, same port
    assert not assistant.ask(QUESTION).refused


def test_no_server_or_a_wrong_url_fails_fast_with_a_clear_message(tmp_path: Path) -> None:
    started = time.monotonic()
    with pytest.raises(IndexUnavailable, match="no Chroma server answers.*chroma run"):
        Assistant.open(index_dir=tmp_path, chroma_url=f"http://127.0.0.1:{free_port()}")
    assert time.monotonic() - started < 5
    with FaultServer(404) as other:  # something else listens there
        with pytest.raises(IndexUnavailable, match="not as a Chroma server"):
            Assistant.open(index_dir=tmp_path, chroma_url=other.url)
    with FaultServer("hang", delay=60) as hung:
        started = time.monotonic()
        with pytest.raises(IndexUnavailable, match="no Chroma server answers"):
            Assistant.open(index_dir=tmp_path, chroma_url=hung.url)
        assert time.monotonic() - started < 15


def test_an_empty_server_says_how_to_build_the_index(server: ChromaServer, tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable, match="rag --chroma-url .* ingest"):
        _open(server, tmp_path, create=False)
