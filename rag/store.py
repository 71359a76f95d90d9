"""The persistent index: chunks in Chroma; sentence vectors, texts and a manifest beside it."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from rag.chunking import Chunk, Span
from rag.documents import Document

MANIFEST = "manifest.json"
SCHEMA = 1


class IndexUnavailable(RuntimeError):
    """The index is missing, from another embedder, or unreadable."""


class EmbedderMismatch(IndexUnavailable):
    """The index was built with a different embedder than the one asked for."""


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


def _chunk_metadata(doc: Document, chunk: Chunk) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "outlet": doc.outlet,
        "date": doc.date,
        "url": doc.url,
        "source": doc.source,
        "start": chunk.start,
        "end": chunk.end,
        "first_sentence": chunk.first_sentence,
        "last_sentence": chunk.last_sentence,
    }


class Store:
    """Chroma (embedded, telemetry off, no default embedding function) plus a manifest.

    Example:
        >>> store = Store("index", embedder="all-MiniLM-L6-v2-onnx-int8", dimension=384)
        >>> sorted(store.manifest["documents"])[:1]
        ['salon-2026-02-23-el-mencho.md']
    """

    def __init__(self, index_dir: str | Path, embedder: str, dimension: int, create: bool = True):
        if dimension < 1:
            raise ValueError("dimension must be positive")
        self.index_dir = Path(index_dir)
        self.embedder, self.dimension = embedder, dimension
        if not create and not (self.index_dir / MANIFEST).exists():
            raise IndexUnavailable(
                f"no index at {self.index_dir}: build one with `rag ingest seeds` "
                "(or Assistant.ingest([...]))"
            )
        (self.index_dir / "texts").mkdir(parents=True, exist_ok=True)
        self.manifest = self._read_manifest()
        # Files are content-addressed (by hash), so cached entries never go stale.
        self._sentences_of = lru_cache(maxsize=512)(self._load_sentences)
        self._open_chroma()

    # -- manifest -------------------------------------------------------------------------

    def _read_manifest(self) -> dict[str, Any]:
        path = self.index_dir / MANIFEST
        if not path.exists():
            return {"schema": SCHEMA, "embedder": self.embedder, "dimension": self.dimension,
                    "bm25_synced": True, "documents": {}}
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise IndexUnavailable(f"unreadable index manifest {path}: {exc}") from exc
        self._check_embedder(manifest.get("embedder"), manifest.get("dimension"))
        return manifest

    def save_manifest(self) -> None:
        """Persist the manifest (atomically)."""
        write_json_atomic(self.index_dir / MANIFEST, self.manifest)

    def _check_embedder(self, name: Any, dimension: Any) -> None:
        if name != self.embedder or dimension != self.dimension:
            raise EmbedderMismatch(
                f"the index at {self.index_dir} was built with embedder {name!r} ({dimension}-d), "
                f"not {self.embedder!r} ({self.dimension}-d): rebuild it into an empty folder "
                "or open it with the embedder it was built with"
            )

    # -- chroma ---------------------------------------------------------------------------

    def _open_chroma(self) -> None:
        import chromadb
        from chromadb.config import Settings
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.client = chromadb.PersistentClient(
            path=str(self.index_dir / "chroma"),
            settings=Settings(anonymized_telemetry=False, allow_reset=False),
        )
        meta = {"embedder": self.embedder, "dimension": self.dimension, "hnsw:space": "cosine"}
        # embedding_function=None: Chroma's default one downloads a model; we always pass vectors.
        self.chunks = self.client.get_or_create_collection(
            "chunks", metadata=meta, embedding_function=None
        )
        stored = self.chunks.metadata or {}
        self._check_embedder(stored.get("embedder"), stored.get("dimension"))
        self.vector_store = ChromaVectorStore(chroma_collection=self.chunks)

    # -- documents ------------------------------------------------------------------------

    def _text_path(self, content_hash: str) -> Path:
        return self.index_dir / "texts" / f"{content_hash}.txt"

    def document_text(self, doc_id: str) -> str:
        """The full text a document had when it was ingested (what offsets refer to)."""
        entry = self.manifest["documents"].get(doc_id)
        if entry is None:
            raise KeyError(doc_id)
        return self._text_path(entry["hash"]).read_text(encoding="utf-8")

    def put_documents(self, batch: list[DocumentParts]) -> None:
        """Replace everything stored for each document in ``batch`` (one Chroma write per kind).

        The manifest is saved last, so a crash part-way leaves these documents unrecorded and
        the next ingest writes them again (deleting any partial rows first).
        """
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

        if not batch:
            return
        self._delete_chunks([p.doc.doc_id for p in batch])
        nodes = []
        for part in batch:
            doc = part.doc
            self._text_path(doc.content_hash).write_text(doc.text, encoding="utf-8")
            self._write_sentences(doc.content_hash, part)
            for chunk, vector in zip(part.chunks, part.chunk_vectors):
                node = TextNode(
                    id_=chunk.chunk_id, text=chunk.text, embedding=vector.tolist(),
                    metadata=_chunk_metadata(doc, chunk),
                    start_char_idx=chunk.start, end_char_idx=chunk.end,
                )
                node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=doc.doc_id)
                nodes.append(node)
        if nodes:
            self.vector_store.add(nodes)
        stale = []
        for part in batch:
            doc = part.doc
            old = self.manifest["documents"].get(doc.doc_id)
            if old and old["hash"] != doc.content_hash:
                stale.append(old["hash"])
            self.manifest["documents"][doc.doc_id] = {
                "hash": doc.content_hash, "root": part.root, "path": doc.path,
                "title": doc.title, "outlet": doc.outlet, "date": doc.date, "url": doc.url,
                "chunks": len(part.chunks), "sentences": len(part.sentences),
            }
        self.manifest["bm25_synced"] = False
        self.save_manifest()
        for content_hash in stale:
            self._drop_text(content_hash)

    def _delete_chunks(self, doc_ids: list[str]) -> None:
        # One batched delete; ChromaVectorStore.delete takes a single ref_doc_id per call.
        self.chunks.delete(where={"document_id": {"$in": doc_ids}})

    def delete_document(self, doc_id: str) -> None:
        """Remove a document's chunks, stored texts and manifest entry."""
        self._delete_chunks([doc_id])
        entry = self.manifest["documents"].pop(doc_id, None)
        self.manifest["bm25_synced"] = False
        self.save_manifest()
        if entry:
            self._drop_text(entry["hash"])

    def _drop_text(self, content_hash: str) -> None:
        in_use = any(e["hash"] == content_hash for e in self.manifest["documents"].values())
        if not in_use:
            self._text_path(content_hash).unlink(missing_ok=True)
            self._sentence_path(content_hash).unlink(missing_ok=True)

    # -- reads ----------------------------------------------------------------------------

    def count(self) -> int:
        """Number of chunks stored."""
        return self.chunks.count()

    def all_chunks(self) -> tuple[list[str], list[str]]:
        """Ids and texts of every chunk, paged so large indexes stay in bounded memory."""
        ids: list[str] = []
        texts: list[str] = []
        page = 5000
        for offset in range(0, self.count(), page):
            got = self.chunks.get(include=["documents"], limit=page, offset=offset)
            ids.extend(got["ids"])
            texts.extend(got["documents"])
        return ids, texts

    def get_chunks(self, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Text and metadata of the given chunk ids (missing ids are left out)."""
        if not ids:
            return {}
        got = self.chunks.get(ids=ids, include=["documents", "metadatas"])
        return {i: (t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])}

    # Sentence vectors are only ever fetched by document, never searched, so they live in one
    # .npz per document version instead of Chroma: writing them there cost ~1 ms per vector.

    def _sentence_path(self, content_hash: str) -> Path:
        return self.index_dir / "texts" / f"{content_hash}.sentences.npz"

    def _write_sentences(self, content_hash: str, part: DocumentParts) -> None:
        spans = np.array([(s.start, s.end) for s in part.sentences], dtype=np.int64).reshape(-1, 2)
        vectors = np.asarray(part.sentence_vectors, dtype=np.float32).reshape(-1, self.dimension)
        with open(self._sentence_path(content_hash), "wb") as handle:
            np.savez(handle, spans=spans, vectors=vectors)

    def _load_sentences(self, content_hash: str) -> tuple[np.ndarray, np.ndarray, str]:
        with np.load(self._sentence_path(content_hash)) as data:
            spans, vectors = data["spans"], data["vectors"]
        return spans, vectors, self._text_path(content_hash).read_text(encoding="utf-8")

    def get_sentences(self, doc_id: str, indices: list[int]) -> list[StoredSentence]:
        """Stored sentences of one document, with their vectors (unknown indices skipped)."""
        entry = self.manifest["documents"].get(doc_id)
        if entry is None:
            return []
        spans, vectors, text = self._sentences_of(entry["hash"])
        return [
            StoredSentence(doc_id, i, int(spans[i, 0]), int(spans[i, 1]),
                           text[spans[i, 0] : spans[i, 1]], vectors[i])
            for i in indices if 0 <= i < len(spans)
        ]

    def sentence_count(self, doc_id: str) -> int:
        """How many sentences are stored for ``doc_id``."""
        entry = self.manifest["documents"].get(doc_id)
        return 0 if entry is None else len(self._sentences_of(entry["hash"])[0])
