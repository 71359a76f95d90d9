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
