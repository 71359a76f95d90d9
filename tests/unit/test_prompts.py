"""rag.prompts: templates loaded by name, placeholders filled strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from rag.prompts import Prompt, load_prompt

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("name", "placeholders"), [
    ("source", {"number", "title", "outlet", "date", "text"}),
    ("answer.user", {"sources", "question"}),
    ("answer.system", set()),
    ("condense", {"history", "question"}),
])
def test_shipped_templates_and_their_placeholders(name: str, placeholders: set[str]) -> None:
    assert load_prompt(name).placeholders == placeholders


def test_render_fills_every_placeholder_and_strips() -> None:
    prompt = Prompt("p", "\n  Hello {name}, about {topic}.  \n")
    assert prompt.render(name="Ana", topic="flights") == "Hello Ana, about flights."


def test_a_missing_placeholder_raises() -> None:
    with pytest.raises(KeyError, match=r"prompt 'source': missing \['text'\], unexpected \[\]"):
        load_prompt("source").render(number=1, title="T", outlet="O", date="D")


def test_an_unknown_placeholder_raises() -> None:
    with pytest.raises(KeyError, match=r"missing \[\], unexpected \['extra'\]"):
        Prompt("p", "Hi {name}").render(name="x", extra="y")


def test_braces_in_values_are_not_re_read() -> None:
    assert Prompt("p", "Q: {question}").render(question="{name} {0}") == "Q: {name} {0}"


def test_load_prompt_from_another_folder(tmp_path: Path) -> None:
    (tmp_path / "greet.txt").write_text("Hi {who}\n", encoding="utf-8")
    assert load_prompt("greet", tmp_path).render(who="you") == "Hi you"


def test_a_missing_template_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no prompt template .*nothing.txt"):
        load_prompt("nothing", tmp_path)
