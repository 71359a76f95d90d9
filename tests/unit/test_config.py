"""rag.config: defaults, environment variables, overrides, and one-line configuration errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from rag.config import _ENV, Config, ConfigError, Scoring

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No developer setting leaks into these tests."""
    for variable in _ENV:
        monkeypatch.delenv(variable, raising=False)


def error_of(**overrides: object) -> str:
    """The message of the ConfigError that loading with ``overrides`` raises."""
    with pytest.raises(ConfigError) as caught:
        Config.load(**overrides)
    return str(caught.value)


def test_defaults() -> None:
    config = Config.load()
    assert (config.top_k, config.chunk_tokens, config.overlap_tokens) == (5, 180, 30)
    assert config.min_support == 0.2 and config.answer_mode == "auto"
    assert config.index_dir == Path(__file__).resolve().parents[2] / "index"


def test_environment_then_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_TOP_K", "7")
    monkeypatch.setenv("RAG_MIN_SUPPORT", "0.5")
    assert Config.load().top_k == 7
    assert Config.load().min_support == 0.5
    assert Config.load(top_k=2).top_k == 2
    assert Config.load(top_k=None).top_k == 7  # None means "not given"


def test_an_empty_variable_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_TOP_K", "")
    assert Config.load().top_k == 5


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("true", True), ("0", False), ("no", False)])
def test_boolean_variables(monkeypatch: pytest.MonkeyPatch, value: str, expected: bool) -> None:
    monkeypatch.setenv("RAG_EMBED_INT8", value)
    assert Config.load().embed_int8 is expected


def test_a_bad_login_stops_only_the_ui_and_is_never_echoed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_UI_AUTH", "hunter2secret")
    config = Config.load()  # every other command still works
    with pytest.raises(ConfigError) as caught:
        config.ui_login
    assert str(caught.value) == "RAG_UI_AUTH must look like user:password"
    assert "hunter2secret" not in str(caught.value)


@pytest.mark.parametrize("auth", ["user:", ":pass", "nocolon"])
def test_auth_needs_user_and_password(auth: str) -> None:
    with pytest.raises(ConfigError, match="user:password"):
        Config.load(ui_auth=auth).ui_login


def test_a_bad_number_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_TOP_K", "lots")
    message = error_of()
    assert message.startswith("invalid configuration: top_k ($RAG_TOP_K): ")
    assert "lots" not in message


def test_an_explicit_override_is_not_blamed_on_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_TOP_K", "3")
    message = error_of(top_k=0)
    assert message == "invalid configuration: top_k: Input should be greater than or equal to 1"


def test_several_problems_in_one_line() -> None:
    message = error_of(top_k=0, rrf_k=0)
    assert message.count(";") == 1 and "top_k:" in message and "rrf_k:" in message


def test_a_base_url_without_scheme_is_rejected_without_echoing_it() -> None:
    message = error_of(llm_base_url="ftp://user:secret@host")
    assert message == "invalid configuration: llm_base_url: must start with http:// or https://"


def test_urls_lose_their_trailing_slash() -> None:
    assert Config.load(llm_base_url="http://x/v1/").llm_base_url == "http://x/v1"
    assert Config.load(chroma_url="http://h:8000/").chroma_url == "http://h:8000"


def test_unknown_fields_are_rejected() -> None:
    assert error_of(bogus=1) == "invalid configuration: bogus: Extra inputs are not permitted"


@pytest.mark.parametrize(("chunk", "overlap"), [(100, 100), (100, 150), (None, 180)])
def test_overlap_must_be_below_the_chunk_budget(chunk: int | None, overlap: int) -> None:
    message = error_of(chunk_tokens=chunk, overlap_tokens=overlap)
    assert message.startswith("invalid configuration: overlap_tokens: ")
    assert f"must be below chunk_tokens ({chunk or 180})" in message


def test_overlap_from_the_environment_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAG_CHUNK_OVERLAP", "500")
    message = error_of()
    assert message.startswith("invalid configuration: overlap_tokens ($RAG_CHUNK_OVERLAP): ")


def test_ui_login() -> None:
    assert Config.load().ui_login is None
    assert Config.load(ui_auth="ana:pa:ss").ui_login == ("ana", "pa:ss")
    assert "pa:ss" not in repr(Config.load(ui_auth="ana:pa:ss"))


@pytest.mark.parametrize(("settings", "configured", "uses"), [
    ({}, False, False),
    ({"llm_api_key": "sk-x"}, True, True),
    ({"llm_base_url": "http://127.0.0.1:8080/v1"}, True, True),
    ({"llm_api_key": "sk-x", "answer_mode": "extractive"}, True, False),
    ({"answer_mode": "llm"}, False, True),
])
def test_llm_configured_and_uses_llm(settings: dict[str, str], configured: bool, uses: bool) -> None:
    config = Config.load(**settings)
    assert config.llm_configured is configured
    assert config.uses_llm is uses


def test_api_key_from_the_environment_switches_auto_to_the_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    config = Config.load()
    assert config.uses_llm and "sk-test" not in repr(config)


def test_config_is_frozen() -> None:
    config = Config.load()
    with pytest.raises(ValidationError, match="frozen"):
        config.top_k = 3  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        config.scoring.w_cosine = 0.9  # type: ignore[misc]


def test_scoring_defaults_and_bounds() -> None:
    assert Scoring().model_dump() == {"w_cosine": 0.5, "claim_w_cosine": 0.5, "extra_margin": 0.06,
                                      "reason_margin": 0.1, "redundant_cosine": 0.92, "rival_min_support": 0.39,
                                      "overview_sentences": 5, "overview_margin": 0.45,
                                      "overview_min_support": 0.1, "overview_unmentioned_support": 0.4,
                                      "overview_lead_bonus": 0.1,
                                      "overview_lead_sentences": 2, "overview_focus_sentences": 3,
                                      "overview_min_words": 6,
                                      "opener_reach": 8, "source_reach": 3,
                                      "count_window": 5, "number_of_window": 15,
                                      "typo_min_letters": 6, "typo_max_words": 3,
                                      "exact_min_support": 0.1, "overview_diversity": 0.1}
    with pytest.raises(ValidationError):
        Scoring(w_cosine=1.5)
    with pytest.raises(ValidationError):
        Scoring(margin=0.1)  # type: ignore[call-arg]
