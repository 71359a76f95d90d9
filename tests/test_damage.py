"""Damaged indexes and hostile files: detected, explained in one line, repaired; no traceback."""

from __future__ import annotations

import base64
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from rag import Assistant
from rag.chunking import count_tokens

from .conftest import ROOT, SEED_DOC, SEEDS

QUESTION = "How many National Guard members were killed?"


def _rag(index: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RAG_INDEX_DIR": str(index)}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=600)


def _one_line_error(done: subprocess.CompletedProcess[str], words: str) -> None:
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr, done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the seed plus enough notes that Chroma writes its vector segment to disk."""
    corpus = tmp_path_factory.mktemp("damage-corpus")
    shutil.copy(SEEDS / SEED_DOC, corpus / SEED_DOC)
    for i in range(1200):  # over Chroma's flush threshold (1000): the HNSW files are written
        (corpus / f"note-{i:04d}.txt").write_text(
            f"Checkpoint {i} on highway {i % 97} near Guadalajara reopened after {i % 13} hours.",
            encoding="utf-8")
    index = tmp_path_factory.mktemp("damage") / "index"
    # One write of every chunk, so Chroma persists the vector segment and empties its log:
    # the segment's files are then the only copy of the vectors, as in a long-lived index.
    Assistant.open(index_dir=index, ingest_batch_texts=10_000).ingest([corpus], progress=False)
    return index


def _copy(built: Path, tmp_path: Path) -> Path:
    index = tmp_path / "index"
    shutil.copytree(built, index)
    return index


def _vector_segment(index: Path, collection: str = "chunks") -> Path:
    db = sqlite3.connect(index / "chroma" / "chroma.sqlite3")
    (segment,) = db.execute("select s.id from segments s join collections c on s.collection = c.id "
                            "where c.name = ? and s.scope = 'VECTOR'", (collection,)).fetchone()
    db.close()
    return index / "chroma" / segment


@pytest.mark.parametrize("damage", ["emptied", "halved", "deleted"])
def test_a_damaged_vector_segment_is_found_and_repaired(built: Path, tmp_path: Path, damage: str) -> None:
    index = _copy(built, tmp_path)
    segment = _vector_segment(index)
    size = (segment / "data_level0.bin").stat().st_size
    assert size > 0
    if damage != "deleted":
        # Chroma's reader follows whatever a cut file leaves in memory: it can crash (SIGSEGV)
        # rather than raise, so the file sizes are checked before it ever loads them.
        with (segment / "data_level0.bin").open("r+b") as handle:
            handle.truncate(0 if damage == "emptied" else size // 2 + 7)
        _one_line_error(_rag(index, "ask", QUESTION), "rag doctor --repair")
        _one_line_error(_rag(index, "ingest", str(SEEDS)), "rag doctor --repair")
    else:
        shutil.rmtree(segment)
        assert "rag doctor --repair" in _rag(index, "ask", QUESTION).stderr  # fewer hits: said
    check = _rag(index, "doctor")
    assert check.returncode == 1 and "problem: the vector index" in check.stdout
    repair = _rag(index, "doctor", "--repair")
    assert repair.returncode == 0 and "the index is healthy" in repair.stdout, repair.stdout
    assistant = Assistant.open(index_dir=index, create=False)
    answer = assistant.ask(QUESTION)
    assert not answer.refused and "25" in answer.text
    vector = assistant.embedder.embed([QUESTION])[0].tolist()
    assert len(assistant.store.query(vector, 20)) == 20  # the vector index finds them all again


def test_torn_vector_files_of_the_records_are_dropped_as_they_hold_nothing(built: Path, tmp_path: Path) -> None:
    index = _copy(built, tmp_path)
    texts, documents = _vector_segment(index, "texts"), _vector_segment(index, "documents")
    assert (texts / "header.bin").stat().st_size == 100 and (documents / "data_level0.bin").stat().st_size
    with (texts / "header.bin").open("r+b") as handle:
        handle.truncate(50)  # Chroma would crash (SIGSEGV) loading it to write a text record
    with (documents / "data_level0.bin").open("r+b") as handle:
        handle.truncate(7)
    corpus = tmp_path / "changed"
    corpus.mkdir()
    (corpus / "note-0003.txt").write_text("Checkpoint 3 near Guadalajara stayed shut for a week.", encoding="utf-8")
    done = _rag(index, "ingest", str(corpus))
    assert done.returncode == 0 and "the texts records' vector file" in done.stderr, done.stderr
    asked = _rag(index, "ask", QUESTION)
    assert asked.returncode == 0 and "25" in asked.stdout, asked.stderr
    assert _rag(index, "doctor").returncode == 0  # every record and document is still there
    assert (texts / "header.bin").stat().st_size == 100  # written again


def test_vector_file_sizes_are_checked_against_each_other(built: Path, tmp_path: Path) -> None:
    from rag.chroma import torn_vectors

    index = _copy(built, tmp_path)
    segment = _vector_segment(index)
    db = sqlite3.connect(index / "chroma" / "chroma.sqlite3")
    (collection,) = db.execute("select collection from segments where id = ?", (segment.name,)).fetchone()
    db.close()
    assert torn_vectors(index / "chroma", collection, 384) is None  # healthy
    assert torn_vectors(index / "chroma", "no-such-collection", 384) is None
    assert torn_vectors(index / "chroma", collection, 10_000) == "header.bin is damaged"  # 384-d records
    header = (segment / "header.bin").read_bytes()
    (segment / "header.bin").write_bytes(header[:50])
    assert torn_vectors(index / "chroma", collection, 384) == "header.bin is cut short"
    (segment / "header.bin").write_bytes(header)
    (segment / "length.bin").unlink()
    assert torn_vectors(index / "chroma", collection, 384) == "length.bin is missing"
    shutil.rmtree(segment)
    assert torn_vectors(index / "chroma", collection, 384) is None  # gone whole: Chroma copes


def test_an_emptied_keyword_index_is_rebuilt(built: Path, tmp_path: Path) -> None:
    index = _copy(built, tmp_path)
    (index / "bm25" / "data.csc.index.npy").write_bytes(b"")
    done = _rag(index, "ask", QUESTION)
    assert done.returncode == 0 and "25 members" in done.stdout and "Traceback" not in done.stderr
    assert (index / "bm25" / "data.csc.index.npy").stat().st_size > 0
    assert _rag(index, "doctor").returncode == 0


def test_a_keyword_index_saved_by_an_older_version_is_healthy_and_relearned(built: Path, tmp_path: Path) -> None:
    index = _copy(built, tmp_path)
    (index / "bm25" / "casing.json").write_text('{"el mencho": "El Mencho"}')  # no version: older
    assert _rag(index, "doctor").returncode == 0  # a cache to rebuild, not damage
    done = _rag(index, "ask", QUESTION)
    assert done.returncode == 0 and "25 members" in done.stdout and "Traceback" not in done.stderr
    assert '"version"' in (index / "bm25" / "casing.json").read_text()


def test_a_cut_database_is_one_line(built: Path, tmp_path: Path) -> None:
    index = _copy(built, tmp_path)
    db = index / "chroma" / "chroma.sqlite3"
    with db.open("r+b") as handle:
        handle.truncate(db.stat().st_size // 2)
    for args in (("ask", QUESTION), ("ingest", str(SEEDS))):
        _one_line_error(_rag(index, *args), "damaged")


def test_missing_database_and_a_file_for_a_folder_are_one_line(built: Path, tmp_path: Path) -> None:
    index = _copy(built, tmp_path)
    (index / "chroma" / "chroma.sqlite3").unlink()
    _one_line_error(_rag(index, "ask", QUESTION), "rag ingest PATHS")
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x", encoding="utf-8")
    for args in (("ask", QUESTION), ("ingest", str(SEEDS))):
        _one_line_error(_rag(not_a_folder, *args), "is a file, not an index folder")


def test_no_chunk_exceeds_its_budget_whatever_the_input(fresh: Assistant, tmp_path: Path) -> None:
    blob = base64.b64encode(os.urandom(30_000)).decode()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "image.md").write_text(
        f"Troops reached Tapalpa at dawn.\n\n![map](data:image/png;base64,{blob})\n\n"
        f"{'x' * 5_000} The roads reopened on Monday.", encoding="utf-8")
    fresh.ingest([tmp_path / "docs"], progress=False)
    ids, texts = fresh.store.all_chunks()
    budget = fresh.config.chunk_tokens
    assert len(ids) > 20 and max(count_tokens(t) for t in texts) <= budget
    text = fresh.document_text("image.md")
    for chunk_id, chunk in fresh.store.get_chunks(ids[:50]).items():
        assert text[chunk[1]["start"]: chunk[1]["end"]] == chunk[0]
    answer = fresh.ask("When did the roads reopen?")
    assert len(answer.to_dict()["text"]) < 2000


def test_a_long_ingest_reports_progress_when_not_on_a_terminal(tmp_path: Path) -> None:
    from rag.ingest import Progress

    progress = Progress(total_chars=1000, every=0.0)
    assert progress.lines and progress.bar.disable  # stderr is a pipe under pytest
    progress.update(400, 12)
    progress.update(400, 12)
    progress.__exit__(None, None, None)
    quiet = Progress(total_chars=1000, show=False)
    assert not quiet.lines
