"""The offline MiniLM embedder: shape, normalisation, order, meaning."""

from __future__ import annotations

import numpy as np
import pytest

from rag.embeddings import DIMENSION, MiniLMEmbedding, pooled


@pytest.fixture(scope="module")
def embedder() -> MiniLMEmbedding:
    return MiniLMEmbedding(embed_batch_size=4)


def test_vectors_are_unit_length_float32(embedder: MiniLMEmbedding) -> None:
    vectors = embedder.embed(["El Mencho was killed.", "", "x " * 2000])
    assert vectors.shape == (3, DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_length_sorted_batches_keep_input_order(embedder: MiniLMEmbedding) -> None:
    texts = ["a much longer sentence about flights suspended in Guadalajara", "short", "mid length text"]
    together = embedder.embed(texts)
    alone = np.stack([embedder.embed([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-3)


def test_paraphrase_is_closer_than_unrelated(embedder: MiniLMEmbedding) -> None:
    q, para, other = embedder.embed([
        "How many Guard troops died?",
        "25 members of the National Guard were killed.",
        "The weather in Paris is mild today.",
    ])
    assert float(q @ para) > float(q @ other) + 0.3


def test_llama_index_interface(embedder: MiniLMEmbedding) -> None:
    from rag.llama_embedding import as_llama_index

    adapter = as_llama_index(embedder)
    vector = adapter.get_query_embedding("Who is El Mencho?")
    assert len(vector) == DIMENSION
    assert adapter.get_text_embedding_batch(["a", "b"])[1] == pytest.approx(
        adapter.get_text_embedding("b"), abs=1e-4
    )


def test_passage_vector_pooled_from_its_sentences(embedder: MiniLMEmbedding) -> None:
    sentences = ["Federal forces raided Tapalpa.", "Roadblocks burned in Guadalajara."]
    vectors, sums = embedder.embed_sums(sentences)
    assert vectors == pytest.approx(embedder.embed(sentences), abs=1e-6)
    passage = pooled(sums)
    assert np.linalg.norm(passage) == pytest.approx(1.0, abs=1e-5)
    # Close to embedding the passage in one pass, closer than either sentence alone.
    whole = embedder.embed([" ".join(sentences)])[0]
    assert float(passage @ whole) > 0.9
    assert float(passage @ whole) > max(float(v @ whole) for v in vectors)


def test_bad_batch_size() -> None:
    with pytest.raises(ValueError):
        MiniLMEmbedding(embed_batch_size=0)


def test_int8_model_built_once_and_close_to_float(tmp_path, monkeypatch) -> None:
    from rag.embeddings import int8_model, model_files

    monkeypatch.setenv("RAG_CACHE_DIR", str(tmp_path))
    built = int8_model(model_files()[0])
    assert built.parent == tmp_path / "embedder" and built.is_file()
    stamp = built.stat().st_mtime_ns
    assert int8_model(model_files()[0]) == built and built.stat().st_mtime_ns == stamp  # reused
    texts = ["Mexican forces killed El Mencho in Tapalpa, Jalisco.", "Flights were suspended.",
             "The National Guard lost 25 members in the violence that followed."]
    fast = MiniLMEmbedding(int8=True).embed(texts)
    exact = MiniLMEmbedding(int8=False).embed(texts)
    agreement = (fast * exact).sum(axis=1)
    assert agreement.min() > 0.97 and not np.allclose(fast, exact)  # int8 products: close, not equal
