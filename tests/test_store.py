"""The Chroma store records its embedder and refuses another one."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag import Assistant, EmbedderMismatch, IndexUnavailable
from rag.store import Store


def test_other_embedder_is_a_clear_error(tmp_path: Path) -> None:
    Store(tmp_path, embedder="other-model", dimension=768)
    with pytest.raises(EmbedderMismatch, match="other-model.*768"):
        Assistant.open(index_dir=tmp_path)


def test_an_index_of_the_older_file_layout_is_refused_clearly(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    with pytest.raises(IndexUnavailable, match="older version.*rag ingest"):
        Assistant.open(index_dir=tmp_path)


def test_missing_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable, match="rag ingest"):
        Assistant.open(index_dir=tmp_path / "none", create=False)


def test_collections_have_no_default_embedding_function(seeded: Assistant) -> None:
    meta = seeded.store.chunks.metadata
    assert meta["embedder"] == "all-MiniLM-L6-v2-onnx-int8" and meta["dimension"] == 384
    assert seeded.store.chunks._embedding_function is None


def test_an_index_of_another_layout_is_refused_clearly(tmp_path: Path) -> None:
    store = Store(tmp_path, embedder="all-MiniLM-L6-v2-onnx-int8", dimension=384)
    store.state_records.upsert(ids=["state"], embeddings=[[0.0]], metadatas=[{"schema": 2}])
    with pytest.raises(IndexUnavailable, match="layout 2.*rag ingest"):
        Assistant.open(index_dir=tmp_path)


def test_record_collections_keep_a_short_write_log(tmp_path: Path) -> None:
    """Chroma re-reads a collection's unsynced log on every write; text records are megabytes
    each, so their collections sync every 2 records, including ones an older version made."""
    from rag.chroma import open_client

    client = open_client(None, tmp_path / "chroma")
    client.get_or_create_collection("chunks", embedding_function=None, metadata={
        "embedder": "all-MiniLM-L6-v2-onnx-int8", "dimension": 384, "hnsw:space": "cosine"})
    for name in ("texts", "documents", "state"):  # with Chroma's defaults, as older versions did
        client.get_or_create_collection(name, embedding_function=None)
    del client
    store = Store(tmp_path, embedder="all-MiniLM-L6-v2-onnx-int8", dimension=384)
    for collection in (store.texts, store.docs, store.state_records):
        assert collection.configuration["hnsw"]["sync_threshold"] == 2
    store.texts.upsert(ids=[f"r{i}" for i in range(5)], embeddings=[[0.0]] * 5,
                       metadatas=[{"text": "x" * 100_000}] * 5)
    import sqlite3

    with sqlite3.connect(tmp_path / "chroma" / "chroma.sqlite3") as db:
        assert db.execute("select count(*) from embeddings_queue").fetchone()[0] <= 2
