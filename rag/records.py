"""What the store writes: a document's parts, its text records, chunk metadata, file identity."""

from __future__ import annotations

import base64
import io
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import numpy as np

from rag.chunking import Chunk, Span
from rag.documents import Document

RECORD_CHARS = 4_000_000  # characters of text records per upsert: many small documents in one
# call (each call costs ~30 ms), a big document's parts a few at a time
SENTENCES_PER_RECORD = 1024  # sentence vectors per stored record (~2 MB of base64)
T = TypeVar("T")


@dataclass
class DocumentParts:
    """A document ready to store: its chunks and sentences with their vectors."""

    doc: Document
    root: str
    chunks: list[Chunk]
    chunk_vectors: np.ndarray
    sentences: list[Span]
    sentence_vectors: np.ndarray


@dataclass(frozen=True)
class StoredSentence:
    """A sentence as stored at ingest: text, document offsets and its unit-length vector."""

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    vector: np.ndarray


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON atomically: a crash leaves the old file or the new one, never half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def bounded(items: list[T], size: Callable[[T], int], limit: int) -> Iterator[list[T]]:
    """``items`` in runs whose sizes add up to about ``limit`` (one item alone may exceed it)."""
    run: list[T] = []
    total = 0
    for item in items:
        if run and total + size(item) > limit:
            yield run
            run, total = [], 0
        run.append(item)
        total += size(item)
    if run:
        yield run


def file_key(doc_id: str, entry: dict[str, Any]) -> str:
    """The resolved path of the file a stored document was read from: its identity.

    Records written before paths were stored resolved keep a relative ``path``; theirs is
    rebuilt from the folder they were ingested from (``root``) and the id.
    """
    path = Path(str(entry.get("path", "")))
    if path.is_absolute():
        return str(path)
    root = Path(str(entry.get("root", "")))
    return str(root if root.name == doc_id else root / doc_id)


def chunk_metadata(doc: Document, chunk: Chunk) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id, "hash": doc.content_hash, "title": doc.title,
        "outlet": doc.outlet, "date": doc.date, "url": doc.url, "source": doc.source,
        "start": chunk.start, "end": chunk.end,
        "first_sentence": chunk.first_sentence, "last_sentence": chunk.last_sentence,
    }


def _pack_sentences(spans: np.ndarray, vectors: np.ndarray) -> str:
    """Sentence spans and vectors as one base64 string."""
    buffer = io.BytesIO()
    np.savez(buffer, spans=spans, vectors=vectors)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def unpack_sentences(blob: str) -> tuple[np.ndarray, np.ndarray]:
    with np.load(io.BytesIO(base64.b64decode(blob))) as data:
        return data["spans"], data["vectors"]


def text_records(part: DocumentParts, dimension: int) -> list[tuple[str, dict[str, Any]]]:
    """A version's records: its text, then its sentences in parts of bounded size (a 20 MB
    document's vectors in one record would cost Chroma gigabytes to write)."""
    version = part.doc.content_hash
    spans = np.array([(s.start, s.end) for s in part.sentences], dtype=np.int64).reshape(-1, 2)
    vectors = np.asarray(part.sentence_vectors, dtype=np.float32).reshape(-1, dimension)
    starts = range(0, len(spans), SENTENCES_PER_RECORD)
    records = [(version, {"doc_id": part.doc.doc_id, "hash": version, "text": part.doc.text,
                          "parts": len(starts)})]
    for number, begin in enumerate(starts):
        end = begin + SENTENCES_PER_RECORD
        records.append((f"{version}:s{number}", {"hash": version, "sentences": _pack_sentences(
            spans[begin:end], vectors[begin:end])}))
    return records


def record_size(record: tuple[str, dict[str, Any]]) -> int:
    return sum(len(v) for v in record[1].values() if isinstance(v, str))
