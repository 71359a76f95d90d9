"""Crash-safe ingest: a real ingest process SIGKILLed at many moments, then run again, ends in
exactly the state a clean ingest gives; readers keep answering while an ingest runs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from rag import Assistant

from .conftest import ROOT, SEED_DOC, SEEDS
from .consistency import assert_consistent

CHILD = ROOT / "tests" / "ingest_child.py"
ENV = {**os.environ, "RAG_INGEST_BATCH": "12"}  # small commits: many moments to die between

REPORTS = [
    "Flights to Puerto Vallarta resumed on {day} after the violence in Jalisco.",
    "Officials in Guadalajara said {n} roadblocks were cleared by the National Guard.",
    "Schools in Zapopan stayed closed on {day}, the state government said.",
    "A bus company suspended {n} routes through Michoacán until further notice.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _write_corpus(folder: Path, version: int) -> None:
    """Small news notes; version 2 edits some, removes some and adds new ones."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    shutil.copy(SEEDS / SEED_DOC, folder / SEED_DOC)
    keep = range(10) if version == 1 else range(3, 13)
    for i in keep:
        edited = version == 2 and i % 3 == 0
        lines = [REPORTS[(i + j) % 4].format(day=DAYS[(i + j) % 6], n=i + j + (7 if edited else 2))
                 for j in range(3)]
        (folder / f"note-{i:02d}.txt").write_text(" ".join(lines), encoding="utf-8")


def _child(index: Path, corpus: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHILD), str(index), str(corpus), str(kill_at)],
                          capture_output=True, text=True, env=ENV, cwd=ROOT, timeout=300)


def _comparable(snapshot: dict[str, Any]) -> dict[str, Any]:
    return {k: snapshot[k] for k in ("chunks", "documents", "texts", "bm25")}


def _clean_state(tmp: Path, corpus: Path) -> dict[str, Any]:
    done = _child(tmp, corpus, 0)
    assert done.returncode == 0, done.stderr
    return _comparable(assert_consistent(Assistant.open(index_dir=tmp, create=False)))


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Corpus versions 1 and 2, the index after a clean ingest of each, and write counts."""
    tmp = tmp_path_factory.mktemp("crash")
    v1, v2, live = tmp / "v1", tmp / "v2", tmp / "live"
    _write_corpus(v1, 1)
    _write_corpus(v2, 2)
    _write_corpus(live, 1)  # updates must see the same folder: documents gone from it are removed
    base = tmp / "base-v1"  # never opened by this process: copied before each killed update
    done = _child(base, live, 0)
    assert done.returncode == 0, done.stderr
    _write_corpus(live, 2)
    update = tmp / "update-count"
    shutil.copytree(base, update)
    started = time.monotonic()
    counted = _child(update, live, 0)
    took = time.monotonic() - started
    return {"v1": v1, "v2": live, "base": base, "fresh_writes": int(done.stdout.split()[-1]),
            "update_writes": int(counted.stdout.split()[-1]), "update_seconds": took,
            "clean_v1": _clean_state(tmp / "clean-v1", v1), "clean_v2": _clean_state(tmp / "clean-v2", v2)}


def _moments(writes: int, count: int) -> list[int]:
    """``count`` write numbers spread from the first write to the last."""
    return sorted({1 + round(i * (writes - 1) / (count - 1)) for i in range(count)})


def _rerun_matches(index: Path, corpus: Path, clean: dict[str, Any]) -> None:
    assistant = Assistant.open(index_dir=index)
    report = assistant.ingest([corpus], progress=False)
    assert _comparable(assert_consistent(assistant)) == clean, report.summary()
    assert not assistant.ask("How many National Guard members were killed?").refused


@pytest.mark.parametrize("moment", range(6))
def test_killed_first_ingest_then_rerun_equals_a_clean_ingest(corpora: dict[str, Any], tmp_path: Path,
                                                              moment: int) -> None:
    kill_at = _moments(corpora["fresh_writes"], 6)[moment]
    died = _child(tmp_path / "index", corpora["v1"], kill_at)
    assert died.returncode == -signal.SIGKILL, (kill_at, died.stderr[-500:])
    _rerun_matches(tmp_path / "index", corpora["v1"], corpora["clean_v1"])


@pytest.mark.parametrize("moment", range(6))
def test_killed_update_then_rerun_equals_a_clean_ingest(corpora: dict[str, Any], tmp_path: Path,
                                                        moment: int) -> None:
    """Version 2 edits, removes and adds documents: no orphans of removed or changed ones."""
    kill_at = _moments(corpora["update_writes"], 6)[moment]
    index = tmp_path / "index"
    shutil.copytree(corpora["base"], index)
    died = _child(index, corpora["v2"], kill_at)
    assert died.returncode == -signal.SIGKILL, (kill_at, died.stderr[-500:])
    _rerun_matches(index, corpora["v2"], corpora["clean_v2"])


@pytest.mark.parametrize("fraction", [0.35, 0.7])
def test_killed_at_a_random_instant_then_rerun_equals_a_clean_ingest(corpora: dict[str, Any],
                                                                     tmp_path: Path, fraction: float) -> None:
    """A kill from outside, mid-whatever (a Chroma write included), by wall time."""
    index = tmp_path / "index"
    shutil.copytree(corpora["base"], index)
    child = subprocess.Popen([sys.executable, str(CHILD), str(index), str(corpora["v2"]), "0"],
                             env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(corpora["update_seconds"] * fraction)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    _rerun_matches(index, corpora["v2"], corpora["clean_v2"])


def test_readers_keep_answering_while_an_ingest_runs(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 1)
    index = tmp_path / "index"
    reader = Assistant.open(index_dir=index)
    reader.ingest([SEEDS])
    reader.keywords.check_every = 0.0
    for i in range(40):  # enough that the ingest takes a while
        (corpus / f"extra-{i:02d}.txt").write_text(
            f"Report {i}: the curfew in Tlaquepaque ended after {i + 3} days, officials said.",
            encoding="utf-8")
    child = subprocess.Popen([sys.executable, str(CHILD), str(index), str(corpus), "0"], env=ENV,
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers = 0
    while child.poll() is None:
        answer = reader.ask("How many National Guard members were killed?")
        assert not answer.refused and "25" in answer.text
        answers += 1
    assert child.returncode == 0, child.stderr.read() if child.stderr else ""
    assert answers >= 5
    after = reader.ask("When did the curfew in Tlaquepaque end?")
    assert not after.refused and after.citations[0].doc_id.startswith("extra-")
    assert_consistent(reader)
