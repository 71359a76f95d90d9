"""The ``>>>`` examples in the docstrings of the pure modules run and pass."""

from __future__ import annotations

import doctest
import importlib

import pytest

pytestmark = pytest.mark.unit

MODULES = ["rag.text", "rag.events", "rag.pronouns", "rag.spelling", "rag.casing", "rag.wordnet",
           "rag.answer_types", "rag.figures", "rag.chunking", "rag.config", "rag.rewrite",
           "rag.prompts", "rag.retrieve", "rag.keywords", "rag.parts", "rag.fetch", "rag.html",
           "rag.people", "rag.asked", "rag.overview", "rag.mentions", "rag.places",
           "ui.render", "ui.terminal", "ui.documents"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from rag.config import _ENV

    for variable in _ENV:  # Config.load's example shows the defaults
        monkeypatch.delenv(variable, raising=False)
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has no >>> examples"
    assert result.failed == 0
