"""rag.records: runs of bounded size, a stored document's file identity, chunk metadata."""

from __future__ import annotations

from typing import Iterator

import pytest

from rag.chunking import Chunk
from rag.documents import Document
from rag.records import bounded, chunk_metadata, file_key

pytestmark = pytest.mark.unit


def runs(sizes: list[int], limit: int) -> list[list[int]]:
    return list(bounded(sizes, lambda size: size, limit))


def test_bounded_cuts_runs_at_the_limit() -> None:
    assert runs([3, 3, 3, 5, 1], 6) == [[3, 3], [3], [5, 1]]


def test_bounded_run_may_fill_the_limit_exactly() -> None:
    assert runs([2, 2, 2], 6) == [[2, 2, 2]]


def test_bounded_item_over_the_limit_is_alone() -> None:
    assert runs([1, 10, 1], 5) == [[1], [10], [1]]


def test_bounded_of_nothing_is_nothing() -> None:
    assert runs([], 5) == []


def test_bounded_is_lazy() -> None:
    def endless() -> Iterator[str]:
        while True:
            yield "ab"
    first = next(bounded(endless(), len, 5))
    assert first == ["ab", "ab"]


def test_file_key_of_an_absolute_path_is_that_path() -> None:
    assert file_key("a.md", {"path": "/corpus/sub/a.md", "root": "/elsewhere"}) == "/corpus/sub/a.md"


def test_file_key_of_a_legacy_record_is_root_plus_id() -> None:
    assert file_key("sub/a.md", {"path": "sub/a.md", "root": "/corpus"}) == "/corpus/sub/a.md"


def test_file_key_of_a_single_file_ingest_is_its_root() -> None:
    assert file_key("a.md", {"root": "/corpus/a.md"}) == "/corpus/a.md"


def test_chunk_metadata() -> None:
    doc = Document("a.md", "One. Two.", "Title", "Outlet", "2026-02-23", "https://u", "/p/a.md")
    meta = chunk_metadata(doc, Chunk("a.md", 1, 5, 9, "Two.", 1, 1))
    assert meta == {
        "doc_id": "a.md", "hash": doc.content_hash, "title": "Title", "outlet": "Outlet",
        "date": "2026-02-23", "url": "https://u", "source": "https://u", "author": "", "start": 5, "end": 9,
        "first_sentence": 1, "last_sentence": 1,
    }
    assert len(meta["hash"]) == 64


def test_chunk_metadata_source_falls_back_to_the_path() -> None:
    doc = Document("a.md", "One.", "Title", path="/p/a.md")
    assert chunk_metadata(doc, Chunk("a.md", 0, 0, 4, "One.", 0, 0))["source"] == "/p/a.md"
