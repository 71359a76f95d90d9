"""Incremental ingest: added, unchanged, updated, removed; never duplicate chunks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from rag import Assistant

from .conftest import SEED_DOC


def _chunk_ids(assistant: Assistant) -> list[str]:
    return assistant.store.all_chunks()[0]


def _assert_consistent(assistant: Assistant) -> None:
    ids = _chunk_ids(assistant)
    assert len(ids) == len(set(ids))
    per_doc = Counter(i.split("::")[0] for i in ids)
    manifest = assistant.store.manifest["documents"]
    assert dict(per_doc) == {d: e["chunks"] for d, e in manifest.items()}
    for doc_id, entry in manifest.items():
        assert assistant.store.sentence_count(doc_id) == entry["sentences"] > 0
    texts = {p.name for p in (assistant.config.index_dir / "texts").iterdir()}
    assert texts == {f"{e['hash']}{x}" for e in manifest.values() for x in (".txt", ".sentences.npz")}
    assert assistant.bm25.ids and sorted(assistant.bm25.ids) == sorted(ids)


def test_incremental_lifecycle(fresh: Assistant, corpus: Path) -> None:
    first = fresh.ingest([corpus])
    assert (first.added, first.unchanged, first.chunks_written) == (1, 0, first.chunks_total)
    _assert_consistent(fresh)

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
    _assert_consistent(fresh)
    assert "An update was added." in fresh.document_text(SEED_DOC)

    (corpus / "later.md").unlink()
    removed = fresh.ingest([corpus])
    assert (removed.removed, removed.unchanged) == (1, 1)
    _assert_consistent(fresh)
    assert "later.md" not in fresh.store.manifest["documents"]


def test_other_roots_are_not_removed(fresh: Assistant, corpus: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "note.txt").write_text("Flights resumed in Puerto Vallarta on Tuesday.", encoding="utf-8")
    fresh.ingest([corpus])
    fresh.ingest([extra])
    assert set(fresh.store.manifest["documents"]) == {SEED_DOC, "note.txt"}
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
    """A document whose chunks were written but BM25 not rebuilt is repaired on the next run."""
    fresh.ingest([corpus])
    fresh.store.manifest["bm25_synced"] = False
    fresh.store.save_manifest()
    reopened = Assistant.open(index_dir=fresh.config.index_dir)
    report = reopened.ingest([corpus])
    assert report.unchanged == 1
    assert reopened.store.manifest["bm25_synced"] is True
    _assert_consistent(reopened)
