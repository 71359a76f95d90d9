"""Document identity: one file is one document, ids never collide, any document can be removed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from rag import Assistant

from .conftest import ROOT
from .consistency import assert_consistent


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_same_relative_path_in_two_folders_keeps_both(fresh: Assistant, tmp_path: Path) -> None:
    _write(tmp_path / "f1" / "report.md", "The mayor of Tapalpa reopened the mountain roads on Monday.")
    _write(tmp_path / "f2" / "report.md", "Guadalajara airport resumed its flights on Tuesday.")
    fresh.ingest([tmp_path / "f1"])
    second = fresh.ingest([tmp_path / "f2"])
    assert (second.added, second.updated) == (1, 0)
    assert second.renamed == [(str((tmp_path / "f2" / "report.md").resolve()), "f2/report.md")]
    assert set(fresh.store.documents) == {"report.md", "f2/report.md"}
    assert "Tapalpa" in fresh.document_text("report.md")
    assert not fresh.ask("When did the mayor of Tapalpa reopen the roads?").refused
    again = fresh.ingest([tmp_path / "f1", tmp_path / "f2"])  # ids are stable across runs
    assert (again.added, again.unchanged, again.renamed) == (0, 2, [])
    assert_consistent(fresh)


def test_one_file_is_one_document_however_it_is_named(fresh: Assistant, tmp_path: Path) -> None:
    delta = _write(tmp_path / "reA" / "sub" / "delta.txt", "Delta note: roadblocks were cleared.")
    fresh.ingest([delta])
    again = fresh.ingest([tmp_path / "reA"])
    assert (again.added, again.unchanged) == (0, 1)
    assert list(fresh.store.documents) == ["delta.txt"]
    delta.unlink()
    gone = fresh.ingest([tmp_path / "reA"])  # the folder it is in no longer holds it
    assert gone.removed == 1 and not fresh.store.documents


def test_a_document_whose_file_is_gone_can_be_removed(fresh: Assistant, tmp_path: Path) -> None:
    delta = _write(tmp_path / "sub" / "delta.txt", "Delta note: roadblocks were cleared.")
    keep = _write(tmp_path / "keep.txt", "Flights resumed in Puerto Vallarta on Tuesday.")
    fresh.ingest([delta, keep])
    delta.unlink()
    assert fresh.find_document(str(delta)) == "delta.txt"  # by the path of the missing file
    with pytest.raises(KeyError):
        fresh.remove(["delta.txt", "no-such.txt"])  # nothing removed
    assert len(fresh.store.documents) == 2
    assert fresh.remove(["delta.txt"]) > 0
    assert list(fresh.store.documents) == ["keep.txt"]
    assert all(p.doc_id == "keep.txt" for p in fresh.ask("Were roadblocks cleared?").sources)
    assert_consistent(fresh)


def test_rag_remove_and_list(tmp_path: Path) -> None:
    note = _write(tmp_path / "docs" / "note.txt", "Flights resumed in Puerto Vallarta on Tuesday.")
    env = {**os.environ, "RAG_INDEX_DIR": str(tmp_path / "index")}

    def rag(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "ui.cli", *args], capture_output=True, text=True,
                              env=env, cwd=ROOT, timeout=300)

    _write(tmp_path / "docs" / "byline.md", "---\ntitle: Roads\noutlet: Wire\nauthor: Ana Ruiz\n"
           "date: 2026-02-24\n---\nRoads reopened in Tapalpa on Monday.")
    assert rag("ingest", str(tmp_path / "docs")).returncode == 0
    listed = rag("list").stdout
    assert "note.txt" in listed and "Roads (Wire, Ana Ruiz, 2026-02-24)" in listed
    assert rag("remove", "byline.md").returncode == 0
    note.unlink()
    missing = rag("ingest", str(note))
    assert missing.returncode == 2 and "rag remove note.txt" in missing.stderr
    unknown = rag("remove", "nope.txt")
    assert unknown.returncode == 2 and len(unknown.stderr.splitlines()) == 1
    done = rag("remove", str(note))
    assert done.returncode == 0 and "removed 1 document: note.txt" in done.stdout
    assert "no documents" in rag("list").stdout
