"""The index: chunks, document texts and the document list, all in Chroma (embedded or a server).

Everything an answer needs lives in Chroma, so app instances sharing a Chroma server share
the corpus. Four collections:

- ``chunks``: one record per chunk (vector, text, metadata with ``doc_id`` and ``hash``);
- ``texts``: one record per document version, id = content hash: the full text and its
  sentence spans and vectors (offsets of citations refer to this text);
- ``documents``: one record per document id: the version (hash) that is live, plus metadata.
  Writing it is the commit of a document: chunks of any other version are leftovers;
- ``state``: one record: ``generation`` (bumped after each ingest, so readers know to reload),
  ``pending`` (document ids an unfinished ingest was writing) and ``dirty`` (the keyword
  index needs a rebuild). See ``recover`` for how a killed ingest is cleaned up.
"""

from __future__ import annotations

import json
import logging
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Mapping

import numpy as np

from rag.chroma import (EmbedderMismatch, IndexUnavailable, drop_vector_folders, host_port, open_client,
                         record_collections, server_errors, torn_error, torn_vectors)
from rag.chunking import Chunk
from rag.documents import Document
from rag.records import (RECORD_CHARS, DocumentParts, TextCache, bounded, chunk_metadata,
                         record_size, text_records)
from rag.types import StoredSentence

__all__ = ["EmbedderMismatch", "IndexUnavailable", "Store"]

log = logging.getLogger(__name__)

SCHEMA = 3  # bumped when the stored layout changes; an index of another schema is refused
_NO_VECTOR = [0.0]  # records of texts/documents/state are fetched by id, never searched
_PAGE = 5000
_TEXT_CACHE = 512  # document versions (text, sentence spans and vectors) kept in memory

class Store:
    """Chroma collections for one index, embedded at ``index_dir`` or on a server.

    ``index_dir`` is local in both modes: with a server it only holds the keyword-index cache.

    Example::

            store = Store("index", embedder="all-MiniLM-L6-v2-onnx-int8", dimension=384)
            sorted(store.documents)[:1]
            # ['salon-2026-02-23-el-mencho.md']
    """

    def __init__(self, index_dir: str | Path, embedder: str, dimension: int, create: bool = True,
                 chroma_url: str | None = None):
        if dimension < 1:
            raise ValueError("dimension must be positive")
        self.embedder, self.dimension = embedder, dimension
        self.chroma_url = chroma_url or None  # "" means embedded, as None does
        self.where = host_port(chroma_url) if self.chroma_url else str(index_dir)
        # Local either way: the embedded Chroma files, or (server) a cache for this server.
        self.index_dir = Path(index_dir) / f"server-{self.where.replace(':', '-')}" if self.chroma_url \
            else Path(index_dir)
        if self.index_dir.exists() and not self.index_dir.is_dir():
            raise IndexUnavailable(f"{self.index_dir} is a file, not an index folder: point "
                                   "RAG_INDEX_DIR (or --index) at a folder")
        if self.chroma_url is None:
            if (self.index_dir / "manifest.json").exists():
                raise IndexUnavailable(f"the index at {self.index_dir} was built by an older version "
                                       "of rag: delete the folder and run `rag ingest` again")
            if not create and not (self.index_dir / "chroma").exists():
                raise IndexUnavailable(f"no index at {self.index_dir}: build one with `rag ingest "
                                       "seeds` (or Assistant.ingest([...]))")
        self.index_dir.mkdir(parents=True, exist_ok=True)
        self._open(create)
        self._texts = TextCache(self.texts, dimension, _TEXT_CACHE)
        self.generation: str | None = None  # not read yet: the first refresh always loads
        self._documents: dict[str, dict[str, Any]] = {}  # read through ``documents``
        schema = self.state()["schema"]
        if schema != SCHEMA:
            raise IndexUnavailable(f"the index at {self.where} was built by another version of rag "
                                   f"(layout {schema}, this one reads {SCHEMA}): "
                                   "rebuild it into an empty folder (or on a fresh Chroma server) "
                                   "with `rag ingest`")
        self._torn: str | None = None  # looked at on each new generation, not on every query
        self.refresh()

    # -- opening ---------------------------------------------------------------------------

    @server_errors
    def _open(self, create: bool) -> None:
        self.client = open_client(self.chroma_url, self.index_dir / "chroma")
        names = {c if isinstance(c, str) else c.name for c in self.client.list_collections()}
        if not create and "chunks" not in names:
            if self.chroma_url:
                raise IndexUnavailable(f"no index on the Chroma server at {self.where}: build one with "
                                       f"`rag --chroma-url {self.chroma_url} ingest seeds`")
            raise IndexUnavailable(f"the index at {self.where} has no database (chroma.sqlite3 is "
                                   "missing or empty): rebuild it with `rag ingest PATHS`")
        meta = {"embedder": self.embedder, "dimension": self.dimension, "hnsw:space": "cosine"}
        # embedding_function=None: Chroma's default one downloads a model; we always pass vectors.
        self.chunks = self.client.get_or_create_collection("chunks", metadata=meta, embedding_function=None)
        stored = self.chunks.metadata or {}
        self._check_embedder(stored.get("embedder"), stored.get("dimension"))
        self.texts, self.docs, self.state_records = record_collections(
            self.client, ["texts", "documents", "state"], upgrade=create)
        self._heal_records()

    def _heal_records(self) -> None:
        """Remove a record collection's torn vector files before Chroma loads them: writing a
        record (an ingest, a repair) loads them, and a torn one can crash the process
        (SIGSEGV). Nothing is lost: records are read by id from Chroma's database, their
        vectors are placeholders (``_NO_VECTOR``), and Chroma writes the files again."""
        if self.chroma_url:
            return
        chroma_dir = self.index_dir / "chroma"
        for collection in (self.texts, self.docs, self.state_records):
            if damage := torn_vectors(chroma_dir, str(collection.id), len(_NO_VECTOR)):
                log.warning("the %s records' vector file %s: removed (they hold no data; Chroma "
                            "writes them again)", collection.name, damage)
                drop_vector_folders(chroma_dir, str(collection.id))

    def vector_damage(self) -> str | None:
        """What is wrong with the chunk vectors' files (embedded only; see
        :func:`~rag.chroma.torn_vectors`), else None."""
        if self.chroma_url:
            return None
        return torn_vectors(self.index_dir / "chroma", str(self.chunks.id), self.dimension)

    def drop_damaged_vectors(self) -> None:
        """Remove torn chunk vector files before Chroma loads them; a repair then rewrites
        every chunk (Chroma copes with a vector segment that is gone, not one cut short)."""
        if self.vector_damage():
            drop_vector_folders(self.index_dir / "chroma", str(self.chunks.id))
            self._torn = None

    @cached_property
    def vector_store(self) -> Any:
        """llama-index's view of the chunk collection; it writes the chunks (imported on first write:
        llama-index costs ~1.6 s at start-up and reads do not need it)."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self.chunks)

    @server_errors
    def reset_chunks(self) -> None:
        """Drop the chunk collection and start an empty one (a repair then rewrites the chunks)."""
        meta = dict(self.chunks.metadata or {})
        self.client.delete_collection("chunks")
        self.chunks = self.client.create_collection("chunks", metadata=meta, embedding_function=None)
        self.__dict__.pop("vector_store", None)  # llama-index's view of the dropped collection

    def _check_embedder(self, name: Any, dimension: Any) -> None:
        if name != self.embedder or dimension != self.dimension:
            raise EmbedderMismatch(
                f"the index at {self.where} was built with embedder {name!r} ({dimension}-d), "
                f"not {self.embedder!r} ({self.dimension}-d): rebuild it into an empty folder (or on "
                "a fresh Chroma server) or open it with the embedder it was built with"
            )

    # -- state -----------------------------------------------------------------------------

    @server_errors
    def state(self) -> dict[str, Any]:
        """The shared state record: ``generation`` (a random token, new at each commit, so a
        cache of a wiped and rebuilt index never passes for current), ``pending`` doc ids, ``dirty``."""
        got = self.state_records.get(ids=["state"], include=["metadatas"])
        meta = got["metadatas"][0] if got["ids"] else {}
        return {"schema": int(meta.get("schema", SCHEMA)), "generation": str(meta.get("generation", "")),
                "pending": json.loads(str(meta.get("pending", "[]"))),
                "dirty": bool(meta.get("dirty", False))}

    @server_errors
    def set_state(self, **changes: Any) -> None:
        """Update the state record (one atomic upsert)."""
        state = {**self.state(), **changes}
        meta = {"schema": SCHEMA, "generation": str(state["generation"]),
                "pending": json.dumps(sorted(state["pending"])), "dirty": bool(state["dirty"])}
        self.state_records.upsert(ids=["state"], embeddings=[_NO_VECTOR], metadatas=[meta])

    @property
    def documents(self) -> Mapping[str, dict[str, Any]]:
        """This process's copy of the document list, by id (read-only; :meth:`refresh` updates it)."""
        return MappingProxyType(self._documents)

    def commit(self, generation: str) -> None:
        """Make ``generation`` the index's current one: the ingest that wrote it is complete."""
        self.set_state(generation=generation, pending=[], dirty=False)
        self.generation = generation

    def refresh(self) -> bool:
        """Reload the document list if another ingest committed since; True when it did."""
        generation = self.state()["generation"]
        if generation == self.generation:
            return False
        self._documents = self.read_documents()
        self.generation = generation
        self._torn = self.vector_damage()  # a repair (or new damage) since
        return True

    @staticmethod
    def _paged(collection: Any, include: list[str]) -> Iterator[dict[str, Any]]:
        """Every record of ``collection`` in pages, so large indexes stay in bounded memory."""
        for offset in range(0, collection.count(), _PAGE):
            yield collection.get(include=include, limit=_PAGE, offset=offset)

    @server_errors
    def read_documents(self) -> dict[str, dict[str, Any]]:
        """Every document record, as stored now (``documents`` is this process's copy)."""
        documents = {}
        for got in self._paged(self.docs, ["metadatas"]):
            documents.update({i: dict(m) for i, m in zip(got["ids"], got["metadatas"])})
        return documents

    # -- writes ----------------------------------------------------------------------------

    @server_errors
    def delete_chunks_of(self, doc_ids: list[str]) -> None:
        """Delete every chunk of these documents (one batched delete)."""
        if doc_ids:
            self.chunks.delete(where={"doc_id": {"$in": doc_ids}})

    @server_errors
    def add_chunks(self, batch: list[tuple[Document, list[Chunk], np.ndarray]]) -> None:
        """Write (document, some of its chunks, their vectors) in one go, through llama-index's
        Chroma vector store."""
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

        nodes = []
        for doc, chunks, vectors in batch:
            for chunk, vector in zip(chunks, vectors):
                node = TextNode(id_=chunk.chunk_id, text=chunk.text, embedding=vector.tolist(),
                                metadata=chunk_metadata(doc, chunk),
                                start_char_idx=chunk.start, end_char_idx=chunk.end)
                node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(node_id=doc.doc_id)
                nodes.append(node)
        if nodes:
            self.vector_store.add(nodes)

    @server_errors
    def commit_documents(self, batch: list[DocumentParts]) -> None:
        """Store each version's text and sentence vectors, then its ``documents`` record: the commit.

        A crash before it leaves chunks (and texts) of a version no ``documents`` record
        names; :meth:`recover` deletes them and the next ingest writes the version again.
        """
        if not batch:
            return
        versions = list({p.doc.content_hash: p for p in batch}.values())  # identical files: one
        records = (r for part in versions for r in text_records(part, self.dimension))
        for run in bounded(records, record_size, RECORD_CHARS):
            # The text is metadata, not a Chroma "document": documents get a full-text index,
            # which nothing here searches (ingest overhead 15 % -> 11 % over the embedder).
            self.texts.upsert(ids=[i for i, _ in run], embeddings=[_NO_VECTOR] * len(run),
                              metadatas=[m for _, m in run])
        entries = {p.doc.doc_id: {
            "hash": p.doc.content_hash, "root": p.root, "path": p.doc.path, "title": p.doc.title,
            "outlet": p.doc.outlet, "author": p.doc.author, "date": p.doc.date, "url": p.doc.url,
            "chunks": len(p.chunks), "sentences": len(p.sentences)} for p in batch}
        self.docs.upsert(ids=list(entries), embeddings=[_NO_VECTOR] * len(entries),
                         metadatas=list(entries.values()))
        stale = [self._documents[d]["hash"] for d in entries if d in self._documents]
        self._documents.update(entries)
        self._drop_texts(stale)

    @server_errors
    def delete_documents(self, doc_ids: list[str]) -> None:
        """Remove documents: chunks first, then their records, then unused texts."""
        if not doc_ids:
            return
        self.delete_chunks_of(doc_ids)
        self.docs.delete(ids=doc_ids)
        hashes = [self._documents.pop(d)["hash"] for d in doc_ids if d in self._documents]
        self._drop_texts(hashes)

    def _drop_texts(self, hashes: list[str]) -> None:
        """Delete the text records (and sentence parts) of versions no document uses."""
        in_use = {e["hash"] for e in self._documents.values()}
        unused = sorted(set(hashes) - in_use)
        if unused:
            self.texts.delete(where={"hash": {"$in": unused}})
            self.texts.delete(ids=unused)  # records written before they carried their hash

    @server_errors
    def recover(self) -> int:
        """Undo what an unfinished ingest left (see the module docstring); chunks deleted."""
        if damage := self.vector_damage():  # a write would load them, and could crash
            raise torn_error(self.where, damage)
        pending = self.state()["pending"]
        self._documents = self.read_documents()
        before = self.chunks.count()
        for doc_id in pending:
            live = self._documents.get(doc_id)
            where: dict[str, Any] = {"doc_id": doc_id}
            if live:
                where = {"$and": [where, {"hash": {"$ne": live["hash"]}}]}
            self.chunks.delete(where=where)
            if live and self._chunk_count(doc_id, live["hash"]) != live["chunks"]:
                # Killed between deleting a committed version's chunks and committing the
                # next: forget the document, so that the next plan writes it again.
                self.delete_documents([doc_id])
        self._drop_texts(sorted({i.split(':')[0] for i in self.ids(self.texts)}))
        if pending:
            self.set_state(pending=[])
        return before - self.chunks.count()

    def _chunk_count(self, doc_id: str, version: str) -> int:
        where = {"$and": [{"doc_id": doc_id}, {"hash": version}]}
        return len(self.chunks.get(where=where, include=[])["ids"])

    def ids(self, collection: Any) -> list[str]:
        """Every record id of ``collection``."""
        return [i for got in self._paged(collection, []) for i in got["ids"]]

    # -- reads -----------------------------------------------------------------------------

    @server_errors
    def count(self) -> int:
        """Number of chunks stored."""
        return self.chunks.count()

    @server_errors
    def all_chunks(self) -> tuple[list[str], list[str]]:
        """Ids and texts of every chunk, paged so large indexes stay in bounded memory."""
        ids: list[str] = []
        texts: list[str] = []
        for got in self._paged(self.chunks, ["documents"]):
            ids.extend(got["ids"])
            texts.extend(got["documents"])
        return ids, texts

    @server_errors
    def query(self, vector: list[float], k: int) -> list[tuple[str, float]]:
        """The ``k`` chunks nearest to ``vector`` as (chunk id, cosine similarity), best first.

        Straight from the collection (the space is cosine: distance = 1 - cosine); llama-index's
        query wrapper would cost its import and rebuild nodes that nothing here reads.
        """
        if self._torn:  # Chroma could crash on them
            raise torn_error(self.where, self._torn)
        got = self.chunks.query(query_embeddings=[vector], n_results=k, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(got["ids"][0], got["distances"][0])]

    @server_errors
    def get_chunks(self, ids: list[str]) -> dict[str, tuple[str, dict[str, Any]]]:
        """Text and metadata of the given chunk ids (missing ids are left out)."""
        if not ids:
            return {}
        got = self.chunks.get(ids=ids, include=["documents", "metadatas"])
        return {i: (t, m) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])}

    @server_errors
    def prefetch(self, wanted: Iterable[tuple[str, str]]) -> None:
        """Read the stored texts of these (document id, version) pairs into the cache at once."""
        self._texts.load(self._resolve(doc_id, version) for doc_id, version in wanted)

    def _resolve(self, doc_id: str, version: str) -> str:
        """``version``, or when it is empty the live version of ``doc_id`` ("" if none)."""
        return version or str(self._documents.get(doc_id, {}).get("hash", ""))

    @server_errors
    def _version(self, doc_id: str, version: str = "") -> tuple[str, np.ndarray, np.ndarray] | None:
        version = self._resolve(doc_id, version)
        try:
            return self._texts.get(version) if version else None
        except KeyError:
            return None

    def document_text(self, doc_id: str, version: str = "") -> str:
        """The full text of a document as ingested (what offsets refer to): its live version,
        or the given ``version`` (a content hash). ``KeyError`` when there is no such text."""
        stored = self._version(doc_id, version)
        if stored is None:
            raise KeyError(doc_id)
        return stored[0]

    def get_sentences(self, doc_id: str, indices: list[int], version: str = "") -> list[StoredSentence]:
        """Stored sentences of one document (of its ``version``, a content hash, when given;
        else of the live one), with their vectors; unknown indices or versions give none."""
        stored = self._version(doc_id, version)
        if stored is None:
            return []
        text, spans, vectors = stored
        return [StoredSentence(doc_id, i, int(spans[i, 0]), int(spans[i, 1]),
                               text[spans[i, 0]: spans[i, 1]], vectors[i])
                for i in indices if 0 <= i < len(spans)]

    def sentence_count(self, doc_id: str) -> int:
        """How many sentences are stored for ``doc_id``."""
        version = self._version(doc_id)
        return 0 if version is None else len(version[1])
