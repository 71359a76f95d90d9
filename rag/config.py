"""One typed configuration object, read from the environment in one place."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Environment variable -> field name. Everything the user can set lives here.
_ENV = {
    "RAG_INDEX_DIR": "index_dir",
    "RAG_TOP_K": "top_k",
    "RAG_CHUNK_TOKENS": "chunk_tokens",
    "RAG_CHUNK_OVERLAP": "overlap_tokens",
    "RAG_MIN_SUPPORT": "min_support",
    "RAG_EMBED_BATCH": "embed_batch_size",
}


class ConfigError(ValueError):
    """A setting has a value the assistant cannot use."""


def default_index_dir() -> Path:
    """``index/`` under the project root when run from a checkout, else under the working dir."""
    root = PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").exists() else Path.cwd()
    return root / "index"


class Config(BaseModel):
    """Every tunable of the assistant. Build it with :meth:`Config.load`.

    Example:
        >>> Config.load(top_k=3).top_k
        3
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    index_dir: Path = Field(default_factory=default_index_dir)
    top_k: int = Field(5, ge=1, le=50, description="passages handed to the answerer")
    candidates: int = Field(20, ge=1, le=500, description="hits per retriever before fusion")
    rrf_k: int = Field(60, ge=1, description="reciprocal-rank-fusion constant")
    chunk_tokens: int = Field(180, ge=32, le=2000, description="chunk budget, tiktoken cl100k")
    overlap_tokens: int = Field(30, ge=0, le=500, description="overlap between chunks")
    embed_batch_size: int = Field(32, ge=1, le=1024)
    max_question_chars: int = Field(2000, ge=50, description="longer questions are cut")
    max_answer_sentences: int = Field(3, ge=1, le=3)
    min_support: float = Field(
        0.39, ge=0.0, le=1.0, description="below this best-sentence support, decline"
    )

    @field_validator("overlap_tokens")
    @classmethod
    def _overlap_below_budget(cls, value: int, info: Any) -> int:
        budget = info.data.get("chunk_tokens", 180)
        if value >= budget:
            raise ValueError(f"overlap_tokens ({value}) must be below chunk_tokens ({budget})")
        return value

    @classmethod
    def load(cls, **overrides: Any) -> "Config":
        """Defaults, then ``RAG_*`` environment variables, then explicit overrides."""
        values: dict[str, Any] = {
            field: os.environ[var] for var, field in _ENV.items() if os.environ.get(var)
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()
            )
            raise ConfigError(f"invalid configuration: {problems}") from None
