"""The one configuration object: answer modes, model settings, secrets, bad values."""

from __future__ import annotations

import pytest

from rag.config import Config, ConfigError

SECRET = "sk-config-5ecret"


def test_auto_mode_uses_a_model_only_when_one_is_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not Config.load().uses_llm
    assert Config.load(llm_base_url="http://127.0.0.1:8080/v1").uses_llm
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    assert Config.load().uses_llm
    assert not Config.load(answer_mode="extractive").uses_llm


def test_small_local_models_select_and_others_write(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RAG_LLM_ANSWER", raising=False)
    assert Config.load(llm_model="qwen-coder-1.5b").selects
    assert Config.load(llm_model="Qwen2.5-Coder-1.5B-Instruct").selects
    assert not Config.load(llm_model="gpt-4.1-mini").selects
    assert not Config.load(llm_model="qwen-coder-1.5b", llm_answer="write").selects
    monkeypatch.setenv("RAG_LLM_ANSWER", "select")
    assert Config.load(llm_model="gpt-4.1-mini").selects
    with pytest.raises(ConfigError):
        Config.load(select_models=("",))


def test_environment_names_and_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1/")
    monkeypatch.setenv("RAG_LLM_MODEL", "qwen")
    monkeypatch.setenv("RAG_ANSWER_MODE", "llm")
    monkeypatch.setenv("RAG_LLM_FALLBACK", "false")
    config = Config.load(llm_model="other")
    assert config.llm_base_url == "http://127.0.0.1:9/v1" and config.llm_model == "other"
    assert config.answer_mode == "llm" and config.llm_fallback is False


def test_the_key_never_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    config = Config.load()
    assert SECRET not in repr(config) and SECRET not in str(config.model_dump())
    assert config.llm_api_key is not None and config.llm_api_key.get_secret_value() == SECRET


@pytest.mark.parametrize("field, value, message", [
    ("answer_mode", "magic", "answer_mode"),
    ("llm_base_url", "127.0.0.1:8080", "http://"),
    ("llm_timeout", "0", "llm_timeout"),
    ("context_tokens", "10", "context_tokens"),
])
def test_bad_values_give_one_clear_error(field: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as error:
        Config.load(**{field: value})
    assert "\n" not in str(error.value)
