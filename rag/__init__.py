"""Cited question answering over news documents, offline by default."""

from rag import offline as _offline

_offline.configure()

from rag.assistant import Assistant  # noqa: E402
from rag.config import Config, ConfigError  # noqa: E402
from rag.ingest import IngestBusy, IngestReport  # noqa: E402
from rag.types import Answer, Citation, Passage  # noqa: E402
from rag.store import EmbedderMismatch, IndexUnavailable  # noqa: E402

__all__ = [
    "Answer", "Assistant", "Citation", "Config", "ConfigError", "EmbedderMismatch",
    "IndexUnavailable", "IngestBusy", "IngestReport", "Passage",
]
