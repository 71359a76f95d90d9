"""What the store writes: a document's parts, its text records, chunk metadata, file identity;
and the cache that reads text records back."""

from __future__ import annotations

import base64
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, TypeVar

import numpy as np

from rag.chunking import Chunk, Span
from rag.documents import Document
from rag.fetch import is_url

RECORD_CHARS = 4_000_000  # characters of text records per upsert: many small documents in one
# call (each call costs ~30 ms), a big document's parts a few at a time
SENTENCES_PER_RECORD = 1024  # sentence vectors per stored record (~2 MB of base64)
TEXT_CHARS_PER_RECORD = 1_000_000  # document text per stored record
T = TypeVar("T")


@dataclass
class DocumentParts:
    """A document ready to store: its chunks, and its sentences with their vectors (chunks are
    written window by window as they are embedded; sentences with the document's commit)."""

    doc: Document
    root: str
    chunks: list[Chunk]
    sentences: list[Span]
    sentence_vectors: np.ndarray


def bounded(items: Iterable[T], size: Callable[[T], int], limit: int) -> Iterator[list[T]]:
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
    rebuilt from the folder they were ingested from (``root``) and the id. A document fetched
    from a URL has that URL as its ``path`` (see :mod:`rag.fetch`).
    """
    if is_url(str(entry.get("path", ""))):
        return str(entry["path"])
    path = Path(str(entry.get("path", "")))
    if path.is_absolute():
        return str(path)
    root = Path(str(entry.get("root", "")))
    return str(root if root.name == doc_id else root / doc_id)


def chunk_metadata(doc: Document, chunk: Chunk) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id, "hash": doc.content_hash, "title": doc.title,
        "outlet": doc.outlet, "date": doc.date, "url": doc.url, "source": doc.source,
        "author": doc.author, "start": chunk.start, "end": chunk.end,
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


def text_records(part: DocumentParts, dimension: int) -> Iterator[tuple[str, dict[str, Any]]]:
    """A version's records, made one at a time: a head naming its parts, then its text and its
    sentences in parts of bounded size (a 20 MB document in one record costs Chroma gigabytes)."""
    version, text = part.doc.content_hash, part.doc.text
    spans = np.array([(s.start, s.end) for s in part.sentences], dtype=np.int64).reshape(-1, 2)
    vectors = np.asarray(part.sentence_vectors, dtype=np.float32).reshape(-1, dimension)
    text_starts = range(0, max(len(text), 1), TEXT_CHARS_PER_RECORD)
    sentence_starts = range(0, len(spans), SENTENCES_PER_RECORD)
    yield version, {"doc_id": part.doc.doc_id, "hash": version, "text_parts": len(text_starts),
                    "parts": len(sentence_starts)}
    for number, begin in enumerate(text_starts):
        yield f"{version}:t{number}", {"hash": version, "text": text[begin: begin + TEXT_CHARS_PER_RECORD]}
    for number, begin in enumerate(sentence_starts):
        end = begin + SENTENCES_PER_RECORD
        yield f"{version}:s{number}", {"hash": version, "sentences": _pack_sentences(
            spans[begin:end], vectors[begin:end])}


def part_ids(version: str, head: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The ids of a version's text parts and sentence parts, from its head record."""
    return ([f"{version}:t{n}" for n in range(int(head.get("text_parts", 0)))],
            [f"{version}:s{n}" for n in range(int(head.get("parts", 0)))])


def record_size(record: tuple[str, dict[str, Any]]) -> int:
    return sum(len(v) for v in record[1].values() if isinstance(v, str))


def assemble_text(version: str, head: dict[str, Any], parts: dict[str, Any],
                  dimension: int) -> tuple[str, np.ndarray, np.ndarray] | None:
    """A version's text, sentence spans and vectors from its head record and its parts by id
    (None when a part is missing: being written, or damaged)."""
    if "sentences" in head:  # written whole, before texts were stored in parts
        spans, vectors = unpack_sentences(str(head["sentences"]))
        return str(head["text"]), spans, vectors
    text_ids, sentence_ids = part_ids(version, head)
    if any(i not in parts for i in text_ids + sentence_ids):
        return None
    text = str(head["text"]) if "text" in head else "".join(str(parts[i]["text"]) for i in text_ids)
    unpacked = [unpack_sentences(str(parts[i]["sentences"])) for i in sentence_ids]
    if not unpacked:
        return text, np.zeros((0, 2), np.int64), np.zeros((0, dimension), np.float32)
    return text, np.concatenate([u[0] for u in unpacked]), np.concatenate([u[1] for u in unpacked])


class TextCache:
    """Document versions read back from the ``texts`` collection (text, sentence spans,
    sentence vectors), the ``size`` most recently used kept. Versions are content hashes, so a
    cached one never goes stale; one not (or not wholly) stored is not cached. Thread-safe:
    the UI answers several people at once with one store."""

    def __init__(self, collection: Any, dimension: int, size: int):
        if size < 1:
            raise ValueError("size must be positive")
        self.collection, self.dimension, self.size = collection, dimension, size
        self._cache: OrderedDict[str, tuple[str, np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: str) -> tuple[str, np.ndarray, np.ndarray]:
        """A version's text, sentence spans and sentence vectors (``KeyError`` if not stored)."""
        if version not in self._cache:
            self.load([version])
        with self._lock:
            stored = self._cache.get(version)
            if stored is None:
                raise KeyError(version)  # not cached: the version may be written later
            self._cache.move_to_end(version)
            return stored

    def load(self, versions: Iterable[str]) -> None:
        """Read these versions into the cache in two Chroma calls (their head records, then
        all their parts), not two per version."""
        versions = list(versions)  # the caller's generator runs outside the lock
        with self._lock:
            missing = [v for v in dict.fromkeys(versions) if v and v not in self._cache]
        if not missing:
            return
        got = self.collection.get(ids=missing, include=["metadatas"])
        heads = dict(zip(got["ids"], got["metadatas"]))
        wanted = {v: part_ids(v, h) for v, h in heads.items() if "sentences" not in h}
        ids = [i for text_ids, sentence_ids in wanted.values() for i in text_ids + sentence_ids]
        got = self.collection.get(ids=ids, include=["metadatas"]) if ids else {"ids": [], "metadatas": []}
        parts = dict(zip(got["ids"], got["metadatas"]))
        assembled = {v: assemble_text(v, head, parts, self.dimension) for v, head in heads.items()}
        with self._lock:
            # None: a part is missing (being written, or damaged), so not cached
            self._cache.update({v: stored for v, stored in assembled.items() if stored is not None})
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
