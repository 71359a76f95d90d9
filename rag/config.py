"""One typed configuration object, read from the environment in one place."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Environment variable -> field name. Everything the user can set lives here.
_ENV = {
    "RAG_INDEX_DIR": "index_dir",
    "RAG_CHROMA_URL": "chroma_url",
    "RAG_INGEST_WAIT": "ingest_wait",
    "RAG_INGEST_BATCH": "ingest_batch_texts",
    "RAG_FETCH_TIMEOUT": "fetch_timeout",
    "RAG_FETCH_MAX_MB": "fetch_max_mb",
    "RAG_FETCH_PRIVATE": "fetch_private_hosts",
    "RAG_TOP_K": "top_k",
    "RAG_CHUNK_TOKENS": "chunk_tokens",
    "RAG_CHUNK_OVERLAP": "overlap_tokens",
    "RAG_MIN_SUPPORT": "min_support",
    "RAG_EMBED_BATCH": "embed_batch_size",
    "RAG_EMBED_INT8": "embed_int8",
    "RAG_ANSWER_MODE": "answer_mode",
    "RAG_LLM_MODEL": "llm_model",
    "OPENAI_BASE_URL": "llm_base_url",
    "OPENAI_API_KEY": "llm_api_key",
    "RAG_LLM_TIMEOUT": "llm_timeout",
    "RAG_LLM_RETRIES": "llm_max_retries",
    "RAG_CONTEXT_TOKENS": "context_tokens",
    "RAG_LLM_FALLBACK": "llm_fallback",
    "RAG_LLM_ANSWER": "llm_answer",
    "RAG_HISTORY_TOKENS": "history_tokens",
    "RAG_UI_PORT": "ui_port",
    "RAG_UI_AUTH": "ui_auth",
    "RAG_UI_UPLOAD_MAX_MB": "ui_upload_max_mb",
}

AnswerMode = Literal["auto", "llm", "extractive"]


class ConfigError(ValueError):
    """A setting has a value the assistant cannot use."""


def default_index_dir() -> Path:
    """``index/`` under the project root when run from a checkout, else under the working dir."""
    root = PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").exists() else Path.cwd()
    return root / "index"


class Scoring(BaseModel):
    """The weights and margins of answer scoring (fitted on the dev split; change with care)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    w_cosine: float = Field(
        0.5, ge=0.0, le=1.0, description="support = w_cosine x cosine + (1 - w_cosine) x idf "
                                         "term coverage, for extractive sentences and model answers")
    claim_w_cosine: float = Field(0.5, ge=0.0, le=1.0, description="the same split for a claim "
                                                                   "against the passage it cites")
    extra_margin: float = Field(0.06, ge=0.0, le=1.0,
                                description="further answer sentences score within this of the best")
    reason_margin: float = Field(0.1, ge=0.0, le=1.0,
                                 description="a why-question prefers a sentence giving a cause within this of the best")
    redundant_cosine: float = Field(0.92, ge=0.0, le=1.0,
                                    description="an answer sentence this close to a chosen one is dropped")
    rival_min_support: float = Field(
        0.39, ge=0.0, le=1.0, description="a rival figure (\"The sources disagree\") scores at least "
                                          "this, or min_support if higher")
    overview_sentences: int = Field(5, ge=1, le=10,
                                    description="sentences of an answer to a summary or overview question")
    overview_margin: float = Field(
        0.45, ge=0.0, le=1.0, description="an overview's further sentences score within this of "
                                           "its best one")
    overview_min_support: float = Field(
        0.1, ge=0.0, le=1.0, description="an overview of a topic the sources have a word for is "
                                         "answered above this support (min_support for others)")
    overview_unmentioned_support: float = Field(
        0.4, ge=0.0, le=1.0, description="an overview of a topic no source has a word for is "
                                         "answered only above this support (a close paraphrase)")
    overview_lead_bonus: float = Field(
        0.1, ge=0.0, le=1.0, description="added to the support of the first sentence of the story "
                                         "an overview draws on (divided by 1 + its index for the next "
                                         "ones): a news lead sums it up")
    overview_lead_sentences: int = Field(2, ge=0, le=10, description="the story's first sentences "
                                                                     "that get the lead bonus")
    overview_focus_sentences: int = Field(
        3, ge=1, le=10, description="an overview takes up to this many sentences from the story about "
                                    "what it asks before others")
    overview_min_words: int = Field(6, ge=1, description="a shorter sentence (a heading) is left "
                                                         "out of an overview, and an answer does not "
                                                         "go on to it")
    opener_reach: int = Field(8, ge=1, le=50, description="sentences back a paragraph's opening may set "
                              "the time a when-question asks (paragraphs.time_opener)")
    source_reach: int = Field(3, ge=1, le=20, description="sentences back \"Who gave that number?\" looks for "
                              "the name of what a quoted sentence only calls \"the secretariat\"")
    count_window: int = Field(5, ge=1, le=20, description="words either side of a figure that can "
                                                          "say what it counts (\"25 members of the Guard\")")
    number_of_window: int = Field(15, ge=1, le=40, description="\"the number of X ...\" this many words "
                                                               "before a figure says what it counts")
    typo_min_letters: int = Field(
        6, ge=3, le=20, description="a shorter unknown word is never mended as a typo ('cops', "
                                    "'feds' and 'stats' are words no dictionary here knows)")
    typo_max_words: int = Field(
        3, ge=1, le=10, description="a question with more typos than this is left as it is (it is "
                                    "in another language, or no question)")
    exact_min_support: float = Field(
        0.1, ge=0.0, le=1.0, description="a sentence giving exactly what a question asks for (an hour, a "
                                         "weekday, a town, a named airline) answers above this support "
                                         "(min_support if lower)")
    overview_diversity: float = Field(
        0.1, ge=0.0, le=1.0, description="how much an overview sentence's similarity to the ones "
                                         "already chosen counts against it (maximal marginal relevance)")

    @property
    def windows(self) -> tuple[int, int]:
        """``(count_window, number_of_window)``, as :func:`rag.figures.bound_numbers` takes them."""
        return self.count_window, self.number_of_window


class Config(BaseModel):
    """Every tunable of the assistant. Build it with :meth:`Config.load`.

    Example:
        >>> Config.load(top_k=3).top_k
        3
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    index_dir: Path = Field(default_factory=default_index_dir)
    chroma_url: str | None = Field(
        None, description="a Chroma server (http://host:port) instead of the embedded store; "
                          "index_dir then only caches the keyword index")
    ingest_wait: float = Field(0.0, ge=0, description="seconds an ingest waits for another to finish")
    ingest_batch_texts: int = Field(
        1024, ge=1, le=100_000, description="texts embedded and committed together at ingest")
    fetch_timeout: float = Field(
        30.0, gt=0, le=600, description="seconds a URL ingest may take to download one URL, in all")
    fetch_max_mb: float = Field(
        50.0, gt=0, le=2000, description="a URL's download is stopped and skipped past this many MB")
    fetch_max_redirects: int = Field(5, ge=0, le=30, description="redirects followed per URL")
    fetch_private_hosts: bool = Field(
        False, description="fetch URLs whose host is this machine or a private network (off: a "
                           "UI user could otherwise make the server read internal services)")
    fetch_user_agent: str = Field("rag-news-assistant (document ingest)", min_length=1,
                                  description="the User-Agent header a URL ingest sends")
    top_k: int = Field(5, ge=1, le=50, description="passages handed to the answerer")
    overview_documents: int = Field(2, ge=0, le=20, description="an overview question also reads "
                                    "the lead of this many of its best documents")
    name_lookups: int = Field(3, ge=0, le=50, description="keyword hits read for a name of the question "
                              "no retrieved document mentions")
    candidates: int = Field(20, ge=1, le=500, description="hits per retriever before fusion")
    rrf_k: int = Field(60, ge=1, description="reciprocal-rank-fusion constant")
    rival_passages: int = Field(5, ge=0, le=50, description="passages past top_k read only for another "
                                "document's figure for what a how-many question counts")
    chunk_tokens: int = Field(180, ge=32, le=2000, description="chunk budget, tiktoken cl100k")
    overlap_tokens: int = Field(30, ge=0, le=500, description="overlap between chunks")
    embed_batch_size: int = Field(32, ge=1, le=1024)
    embed_int8: bool = Field(
        False, description="int8 matrix products in the embedder: ~1.4x faster ingest, vectors within "
                           "cosine ~0.99 that depend slightly on their batch (needs `.[int8]`)")
    max_question_chars: int = Field(2000, ge=50, description="longer questions are cut")
    max_question_chars_hard: int = Field(
        100_000, ge=50, description="longer input is cut before any other check (absurd pastes)")
    shown_question_chars: int = Field(10_000, ge=50, description="the question as an answer repeats it")
    decline_question_chars: int = Field(200, ge=20, description="the question as a decline quotes it")
    related_passages: int = Field(3, ge=0, le=50, description="passages a decline offers to read")
    max_answer_sentences: int = Field(3, ge=1, le=3)
    min_support: float = Field(
        0.2, ge=0.0, le=1.0, description="below this best-sentence support the extractive answer "
                                          "declines (a selecting model's picks may still answer)"
    )

    answer_mode: AnswerMode = Field(
        "auto", description="auto: the LLM when a key or base URL is set, else extractive"
    )
    llm_model: str = Field("gpt-4.1-mini", min_length=1)
    llm_base_url: str | None = Field(None, description="any OpenAI-compatible /v1 endpoint")
    llm_api_key: SecretStr | None = Field(None, description="never logged or shown")
    llm_timeout: float = Field(60.0, gt=0, le=600, description="seconds per request and between streamed tokens")
    llm_max_retries: int = Field(2, ge=0, le=5, description="retries on 429, 5xx, timeouts")
    llm_max_tokens: int = Field(400, ge=16, le=4096, description="answer length cap")
    context_tokens: int = Field(
        2000, ge=256, le=100_000, description="prompt budget for sources (tiktoken cl100k)"
    )
    claim_min_support: float = Field(
        0.51, ge=0.0, le=1.0, description="below this, a generated sentence is unsupported"
    )
    history_tokens: int = Field(
        600, ge=50, le=20_000, description="conversation history kept for follow-ups (tiktoken)"
    )
    history_answer_words: int = Field(
        60, ge=1, description="an earlier answer shown to the condense prompt is cut to this")
    pronoun_turns: int = Field(
        3, ge=1, le=20, description="recent turns whose names and sources a follow-up's he or she "
                                    "is resolved against")
    condense_max_ratio: int = Field(
        3, ge=1, description="a model's standalone rewrite may be this many times the follow-up's "
                             "length, plus condense_max_extra_chars")
    condense_max_extra_chars: int = Field(300, ge=0)
    scoring: Scoring = Field(default_factory=Scoring)
    keyword_check_seconds: float = Field(
        1.0, ge=0, description="how often a process asks whether another one changed the corpus")

    ui_port: int = Field(7860, ge=1, le=65535, description="`rag serve` port")
    ui_auth: SecretStr | None = Field(
        None, description="user:password required by the UI when bound beyond loopback")
    ui_concurrency: int = Field(4, ge=1, le=64, description="answers computed at once by the UI")
    ui_max_top_k: int = Field(10, ge=1, le=50, description="the UI's and /chat's passage limit")
    ui_max_conversations: int = Field(
        1000, ge=1, description="/chat conversations kept, least recently used dropped")
    ui_upload_max_mb: float = Field(
        20.0, gt=0, le=2048, description="largest file the Documents tab accepts, in MB (a bigger one "
                                         "is refused, nothing of it indexed)")
    ui_upload_max_items: int = Field(
        50, ge=1, le=10_000, description="files and URLs the Documents tab adds in one go")
    llm_answer: Literal["auto", "write", "select"] = Field(
        "auto", description="write: the model writes the answer over numbered passages (checked); "
                            "select: it says which of the best sentences answer, or none (a decline); "
                            "the extractive answer is quoted when it clears min_support, the model's "
                            "picks when not (small local models read better than they write); "
                            "auto: select for the small models of `select_models`, write for others")
    select_models: tuple[str, ...] = Field(
        ("qwen-coder", "qwen2.5-coder", "smollm"),
        description="model names (a part of the name, any case) that auto mode lets select: the "
                    "small local models, which copy the right sentence far more often than they write it")
    select_sentences: int = Field(10, ge=2, le=40, description="sentences offered to a selecting model")
    llm_fallback: bool = Field(
        True, description="show the extractive answer when the model's has no supported citation"
    )

    @property
    def ui_upload_max_bytes(self) -> int:
        """``ui_upload_max_mb`` in bytes (MB of 1024 x 1024 bytes, as the browser counts them)."""
        return int(self.ui_upload_max_mb * 1024 * 1024)

    @property
    def fetch_max_bytes(self) -> int:
        """``fetch_max_mb`` in bytes."""
        return int(self.fetch_max_mb * 1_000_000)

    @property
    def llm_configured(self) -> bool:
        """Whether a key or a server URL is set."""
        return bool(self.llm_base_url) or self.llm_api_key is not None

    @field_validator("select_models")
    @classmethod
    def _select_models(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not name.strip() for name in value):
            raise ValueError("select_models: an empty name would match every model")
        return value

    @property
    def selects(self) -> bool:
        """Whether the model picks the answer's sentences rather than writing it."""
        if self.llm_answer != "auto":
            return self.llm_answer == "select"
        model = self.llm_model.lower()
        return any(name.lower() in model for name in self.select_models)

    @property
    def uses_llm(self) -> bool:
        """Whether answers are generated (``llm``, or ``auto`` with a model configured)."""
        return self.answer_mode == "llm" or (self.answer_mode == "auto" and self.llm_configured)

    @field_validator("chroma_url")
    @classmethod
    def _chroma_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must look like http://host:port")
        return value.rstrip("/") if value else value

    @field_validator("llm_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")  # not echoed: may hold a secret
        return value.rstrip("/") if value else value

    @property
    def ui_login(self) -> tuple[str, str] | None:
        """``(user, password)`` from ``ui_auth``, or None; checked only here, by the UI, so a
        bad value never stops the other commands. ``ConfigError`` (never echoing it) if bad."""
        if self.ui_auth is None:
            return None
        user, sep, password = self.ui_auth.get_secret_value().partition(":")
        if not sep or not user or not password:
            raise ConfigError("RAG_UI_AUTH must look like user:password")
        return user, password

    @field_validator("overlap_tokens")
    @classmethod
    def _overlap_below_budget(cls, value: int, info: Any) -> int:
        budget = info.data.get("chunk_tokens", cls.model_fields["chunk_tokens"].default)
        if value >= budget:
            raise ValueError(f"overlap_tokens ({value}) must be below chunk_tokens ({budget})")
        return value

    @classmethod
    def load(cls, **overrides: Any) -> "Config":
        """Defaults, then ``RAG_*`` environment variables, then explicit overrides."""
        values: dict[str, Any] = {
            field: os.environ[var] for var, field in _ENV.items() if os.environ.get(var)
        }
        explicit = {k: v for k, v in overrides.items() if v is not None}
        values.update(explicit)
        try:
            return cls(**values)
        except ValidationError as exc:
            from_env = {f: v for v, f in _ENV.items() if f in values and f not in explicit}
            problems = "; ".join(_problem(e, from_env) for e in exc.errors())
            raise ConfigError(f"invalid configuration: {problems}") from None


def _problem(error: Any, from_env: dict[str, str]) -> str:
    """One validation error as "field ($VARIABLE): message" (the value is never shown)."""
    where = ".".join(map(str, error["loc"]))
    variable = from_env.get(str(error["loc"][0])) if error["loc"] else None
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where} (${variable}): {message}" if variable else f"{where}: {message}"
