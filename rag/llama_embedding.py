"""The offline embedder as a llama-index ``BaseEmbedding`` (imported only where llama-index wants one)."""

from __future__ import annotations

from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from rag.embeddings import MODEL_NAME, MiniLMEmbedding


class LlamaIndexMiniLM(BaseEmbedding):
    """llama-index's embedding interface over a loaded :class:`MiniLMEmbedding`."""

    model_name: str = MODEL_NAME
    _embedder: Any = PrivateAttr()

    def __init__(self, embedder: MiniLMEmbedding, **kwargs: Any) -> None:
        super().__init__(model_name=MODEL_NAME, embed_batch_size=embedder.embed_batch_size, **kwargs)
        self._embedder = embedder

    @classmethod
    def class_name(cls) -> str:
        return "MiniLMEmbedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed([query])[0].tolist()

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embedder.embed([text])[0].tolist()

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        return self._embedder.embed(texts).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    async def _aget_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embedding(text)


def as_llama_index(embedder: MiniLMEmbedding) -> LlamaIndexMiniLM:
    """``embedder`` as a llama-index ``BaseEmbedding`` sharing its loaded model."""
    return LlamaIndexMiniLM(embedder)
