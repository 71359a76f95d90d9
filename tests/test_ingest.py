"""Incremental ingest: added, unchanged, updated, removed; never duplicate chunks."""

from __future__ import annotations

from pathlib import Path

import os
import shutil
import time

import pytest

from rag import Assistant, IngestBusy

from .conftest import SEED_DOC
from .consistency import assert_consistent


def test_incremental_lifecycle(fresh: Assistant, corpus: Path) -> None:
    first = fresh.ingest([corpus])
    assert (first.added, first.unchanged, first.chunks_written) == (1, 0, first.chunks_total)
    assert_consistent(fresh)

    again = fresh.ingest([corpus])
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 1)
    assert again.chunks_written == 0 and again.chunks_total == first.chunks_total

    (corpus / "later.md").write_text(
        "---\ntitle: Later report\noutlet: Wire\ndate: 2026-02-25\n---\n"
        "Officials said 30 members of the National Guard were killed in the attacks.",
        encoding="utf-8",
    )
    seed = corpus / SEED_DOC
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nAn update was added.", encoding="utf-8")
    changed = fresh.ingest([corpus])
    assert (changed.added, changed.updated, changed.unchanged) == (1, 1, 0)
    assert_consistent(fresh)
    assert "An update was added." in fresh.document_text(SEED_DOC)

    (corpus / "later.md").unlink()
    removed = fresh.ingest([corpus])
    assert (removed.removed, removed.unchanged) == (1, 1)
    assert_consistent(fresh)
    assert "later.md" not in fresh.store.documents


def test_other_roots_are_not_removed(fresh: Assistant, corpus: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "note.txt").write_text("Flights resumed in Puerto Vallarta on Tuesday.", encoding="utf-8")
    fresh.ingest([corpus])
    fresh.ingest([extra])
    assert set(fresh.store.documents) == {SEED_DOC, "note.txt"}
    again = fresh.ingest([corpus])
    assert again.removed == 0 and again.unchanged == 1


def test_reopened_index_keeps_everything(fresh: Assistant, corpus: Path) -> None:
    fresh.ingest([corpus])
    reopened = Assistant.open(index_dir=fresh.config.index_dir, create=False)
    assert reopened.store.count() == fresh.store.count()
    assert reopened.ingest([corpus]).unchanged == 1
    assert not reopened.ask("How many National Guard members were killed?").refused


def test_bad_files_do_not_stop_the_rest(fresh: Assistant, corpus: Path) -> None:
    (corpus / "empty.md").write_text("", encoding="utf-8")
    (corpus / "blob.txt").write_bytes(b"\x00\xff" * 100)
    report = fresh.ingest([corpus])
    assert report.added == 1
    assert {d for d, _ in report.skipped} == {"empty.md", "blob.txt"}
    assert "blob.txt" in report.summary()


def test_interrupted_ingest_recovers(fresh: Assistant, corpus: Path) -> None:
    """An ingest that died after writing chunks (state still dirty) is repaired on the next run."""
    fresh.ingest([corpus])
    fresh.store.set_state(dirty=True, pending=[SEED_DOC])
    reopened = Assistant.open(index_dir=fresh.config.index_dir)
    report = reopened.ingest([corpus])
    assert report.unchanged == 1 and report.recovered_chunks == 0
    assert_consistent(reopened)


def test_a_second_ingest_at_once_fails_clearly(fresh: Assistant, corpus: Path) -> None:
    from rag.ingest import IngestLock

    with IngestLock(fresh.store.index_dir):
        with pytest.raises(IngestBusy, match=f"pid {os.getpid()}.*try again"):
            fresh.ingest([corpus])
        waiting = fresh.with_settings(ingest_wait=0.5)
        started = time.monotonic()
        with pytest.raises(IngestBusy):
            waiting.ingest([corpus])
        assert time.monotonic() - started >= 0.5
    assert fresh.ingest([corpus]).added == 1  # released


def test_a_reader_with_a_stale_document_list_quotes_the_version_it_retrieved(fresh: Assistant,
                                                                             corpus: Path) -> None:
    fresh.ingest([corpus])
    fresh.keywords.check_every = 3600.0  # this reader will not notice the other ingest
    assert not fresh.ask("How many National Guard members were killed?").refused
    writer = Assistant.open(index_dir=fresh.config.index_dir, embedder=fresh.embedder)
    seed = corpus / SEED_DOC
    seed.write_text(seed.read_text(encoding="utf-8").replace(
        "25 members of the National Guard", "26 members of the National Guard"), encoding="utf-8")
    writer.ingest([corpus])
    answer = fresh.ask("How many National Guard members were killed?")
    assert "26 members" in answer.text
    assert all(c.quote in c.passage for c in answer.citations)


def test_identical_files_share_one_stored_version(fresh: Assistant, corpus: Path) -> None:
    (corpus / "copy").mkdir()
    shutil.copy(corpus / SEED_DOC, corpus / "copy" / SEED_DOC)  # same text and metadata
    assert fresh.ingest([corpus]).added == 2
    assert_consistent(fresh)
    (corpus / "copy" / SEED_DOC).unlink()
    assert fresh.ingest([corpus]).removed == 1
    assert_consistent(fresh)  # the remaining document keeps its text


def test_a_committed_document_whose_chunks_were_deleted_is_written_again(fresh: Assistant,
                                                                         corpus: Path) -> None:
    """Killed after deleting a document's chunks, before committing its next version; the file
    is then reverted, so the plan alone would call it unchanged."""
    fresh.ingest([corpus])
    fresh.store.set_state(pending=[SEED_DOC], dirty=True)
    fresh.store.delete_chunks_of([SEED_DOC])
    report = Assistant.open(index_dir=fresh.config.index_dir).ingest([corpus])
    assert report.added == 1 and report.recovered_chunks == 0
    assert_consistent(fresh)


def test_a_keyword_cache_of_another_index_is_not_taken_for_current(fresh: Assistant,
                                                                    corpus: Path, tmp_path: Path) -> None:
    """E.g. an index wiped and rebuilt while a host kept its cache: generations never repeat."""
    fresh.ingest([corpus])
    other = tmp_path / "other"
    other.mkdir()
    (other / "note.txt").write_text("Flights resumed in Puerto Vallarta on Tuesday.", encoding="utf-8")
    second = Assistant.open(index_dir=tmp_path / "second")
    second.ingest([other])
    shutil.rmtree(tmp_path / "second" / "bm25")
    shutil.copytree(fresh.config.index_dir / "bm25", tmp_path / "second" / "bm25")  # the stale cache
    reader = Assistant.open(index_dir=tmp_path / "second", create=False)
    assert reader.bm25.ids == ["note.txt::c0"]
