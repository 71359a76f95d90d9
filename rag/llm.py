"""A chat model behind any OpenAI-compatible endpoint, streamed, with bounded retries."""

from __future__ import annotations

import logging
import random
import time
from typing import TYPE_CHECKING, Any, Iterator

from rag.config import Config
from rag.text import url_host

if TYPE_CHECKING:  # imported when a model is first used: it costs ~1 s at start-up
    import openai

log = logging.getLogger(__name__)

# A local server started without a key still needs some string in the Authorization header.
_NO_KEY = "not-needed"
_BACKOFF_BASE, _BACKOFF_CAP = 0.5, 4.0
_MAX_RETRY_AFTER = 10.0  # seconds; a server asking for a longer wait is treated as down


class LLMError(RuntimeError):
    """The model could not produce an answer; the message is safe to show (no key in it)."""


class LLMUnavailable(LLMError):
    """Unreachable, timing out, rate-limited or failing after the retries."""


class LLMRejected(LLMError):
    """The server refused the request itself: wrong key, unknown model, bad request."""


class ChatModel:
    """Stream chat completions from OpenAI or a compatible server (Ollama, vLLM, llama.cpp).

    The ``openai`` client's own retries are switched off: it honours ``Retry-After`` for up
    to two minutes per attempt, and the answer must come (or fall back) in bounded time.

    Example::

            model = ChatModel.from_config(Config.load(llm_base_url="http://127.0.0.1:8080/v1"))
            "".join(model.stream([{"role": "user", "content": "Say hi."}]))
            # 'Hi!'
    """

    def __init__(self, model: str, base_url: str | None = None, api_key: str | None = None,
                 timeout: float = 60.0, max_retries: int = 2, max_tokens: int = 400):
        if not model:
            raise ValueError("model name is empty")
        if timeout <= 0 or max_retries < 0 or max_tokens < 1:
            raise ValueError("timeout and max_tokens must be positive, max_retries >= 0")
        self.model, self.base_url = model, base_url
        self.max_retries, self.max_tokens = max_retries, max_tokens
        import openai

        self._client = openai.OpenAI(
            api_key=api_key or _NO_KEY, base_url=base_url, max_retries=0,
            timeout=openai.Timeout(timeout, connect=min(timeout, 5.0)),
        )

    @classmethod
    def from_config(cls, config: Config) -> "ChatModel":
        key = config.llm_api_key.get_secret_value() if config.llm_api_key else None
        return cls(config.llm_model, config.llm_base_url, key, config.llm_timeout,
                   config.llm_max_retries, config.llm_max_tokens)

    @property
    def where(self) -> str:
        """The endpoint for messages: host and port only (a URL may carry credentials)."""
        return safe_host(self.base_url)

    def stream(self, messages: list[dict[str, str]]) -> Iterator[str]:
        """Yield text deltas. Raises :class:`LLMError` subclasses with a one-line reason.

        Failures before the first delta are retried; once text has been yielded, a failure
        is raised at once (the caller has shown part of the answer and must fall back).
        """
        import openai

        for attempt in range(self.max_retries + 1):
            started = False
            try:
                for delta in self._deltas(messages):
                    started = True
                    yield delta
                return
            except openai.APIStatusError as exc:
                error = self._status_error(exc)
                wait = _retry_after(exc)
            except (openai.APITimeoutError, openai.APIConnectionError) as exc:
                kind = "timed out" if isinstance(exc, openai.APITimeoutError) else "is unreachable"
                error, wait = LLMUnavailable(f"the model server at {self.where} {kind}"), None
            except (openai.APIError, ValueError):  # an error event or a broken chunk mid-stream
                error, wait = LLMUnavailable(f"the model server at {self.where} sent a broken reply"), None
            if isinstance(error, LLMRejected) or started or attempt == self.max_retries:
                raise error
            if wait is not None and wait > _MAX_RETRY_AFTER:
                raise error
            delay = wait if wait is not None else _backoff(attempt)
            log.warning("%s; retrying in %.1f s (%d/%d)", error, delay, attempt + 1, self.max_retries)
            time.sleep(delay)

    def _deltas(self, messages: list[dict[str, str]]) -> Iterator[str]:
        response = self._client.chat.completions.create(
            model=self.model, messages=messages, stream=True, temperature=0,
            max_tokens=self.max_tokens,  # type: ignore[arg-type]
        )
        with response as chunks:
            for chunk in chunks:
                if chunk.choices and chunk.choices[0].delta.content:
                    yield chunk.choices[0].delta.content

    def _status_error(self, exc: openai.APIStatusError) -> LLMError:
        code = exc.status_code
        if code in (401, 403):
            return LLMRejected(
                f"the model server at {self.where} rejected the API key (HTTP {code}); "
                "check OPENAI_API_KEY"
            )
        if code == 404:
            return LLMRejected(f"the model server at {self.where} has no model {self.model!r} (HTTP 404)")
        if code == 429 or code >= 500 or code in (408, 409):
            return LLMUnavailable(f"the model server at {self.where} answered HTTP {code}")
        return LLMRejected(f"the model server at {self.where} refused the request (HTTP {code})")


def safe_host(url: str | None) -> str:
    """``host:port`` of a base URL, without user info, path or query."""
    return url_host(url) if url else "api.openai.com"


def _retry_after(exc: openai.APIStatusError) -> float | None:
    value: Any = exc.response.headers.get("retry-after") if exc.response is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _backoff(attempt: int) -> float:
    return min(_BACKOFF_BASE * 2**attempt, _BACKOFF_CAP) * (0.75 + 0.25 * random.random())
