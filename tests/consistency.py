"""What "the index is consistent" means, checked the same way by every ingest test."""

from __future__ import annotations

from collections import Counter
from typing import Any

from rag import Assistant


def snapshot(assistant: Assistant) -> dict[str, Any]:
    """Everything stored, in a comparable form: chunks, documents, texts, keyword ids."""
    store = assistant.store
    store.refresh()
    got = store.chunks.get(include=["documents", "metadatas"])
    chunks = {i: (t, m["doc_id"], m["hash"]) for i, t, m in zip(got["ids"], got["documents"], got["metadatas"])}
    documents = {d: (e["hash"], e["chunks"], e["sentences"]) for d, e in store.read_documents().items()}
    return {"chunks": chunks, "documents": documents, "texts": sorted(store.ids(store.texts)),  # and parts
            "bm25": sorted(assistant.bm25.ids), "count": store.count()}


def assert_consistent(assistant: Assistant) -> dict[str, Any]:
    """No duplicates, no orphans, keyword and vector indexes in agreement; returns the snapshot."""
    snap = snapshot(assistant)
    chunks, documents = snap["chunks"], snap["documents"]
    assert snap["count"] == len(chunks), "duplicate chunk rows"
    assert Counter(doc for _, doc, _ in chunks.values()) == {d: n for d, (_, n, _) in documents.items() if n}
    assert all(documents[doc][0] == h for _, doc, h in chunks.values()), "a chunk of a stale version"
    versions = {h for h, _, _ in documents.values()}
    assert sorted(i for i in snap["texts"] if ":" not in i) == sorted(versions), "orphan or missing texts"
    assert {i.split(":")[0] for i in snap["texts"]} == versions, "orphan sentence records"
    for doc_id, (_, _, sentences) in documents.items():
        assert assistant.store.sentence_count(doc_id) == sentences > 0
    assert snap["bm25"] == sorted(chunks), "keyword index disagrees with the vector index"
    state = assistant.store.state()
    assert state["pending"] == [] and state["dirty"] is False
    return snap
