"""Prompt templates and context packing: placeholders, budgets, whole passages only."""

from __future__ import annotations

import pytest

from rag import Assistant
from rag.chunking import count_tokens
from rag.generate import build_prompt, pack_sources, says_sources_dont_answer
from rag.prompts import PROMPTS_DIR, load_prompt

EXPECTED = {
    "answer.system": set(),
    "answer.user": {"sources", "question"},
    "source": {"number", "title", "outlet", "date", "text"},
}


def test_every_template_has_its_placeholders() -> None:
    assert {p.stem for p in PROMPTS_DIR.glob("*.txt")} >= set(EXPECTED)
    for name, fields in EXPECTED.items():
        assert load_prompt(name).placeholders == fields, name


def test_render_rejects_missing_and_unknown_values() -> None:
    with pytest.raises(KeyError, match="missing"):
        load_prompt("answer.user").render(question="q")
    with pytest.raises(KeyError, match="unexpected"):
        load_prompt("answer.user").render(question="q", sources="s", extra="x")


def test_braces_in_documents_are_kept_verbatim() -> None:
    text = load_prompt("answer.user").render(question="{question}?", sources="a {b} c")
    assert "a {b} c" in text and "{question}?" in text


def test_the_system_prompt_states_the_grounding_rules() -> None:
    rules = load_prompt("answer.system").render().lower()
    for needle in ("only", "[1]", "disagree", "the sources don't say"):
        assert needle in rules


def test_packing_keeps_whole_passages_within_budget(seeded: Assistant) -> None:
    passages = seeded.retrieve("Where were flights suspended?", top_k=5).passages
    assert len(passages) >= 3
    one = count_tokens(load_prompt("source").render(
        number=1, title=passages[0].title, outlet=passages[0].outlet,
        date=passages[0].date, text=passages[0].text)) + 2
    kept, blocks, used = pack_sources(passages, budget=one + 40)
    assert kept[0] is passages[0] and used <= one + 40
    assert all(p.text in block for p, block in zip(kept, blocks))
    assert len(kept) < len(passages)
    everything, _, _ = pack_sources(passages, budget=100_000)
    assert everything == passages
    assert pack_sources(passages, budget=10)[0] == []


def test_prompt_numbers_the_sources_it_sends(seeded: Assistant) -> None:
    passages = seeded.retrieve("Who is El Mencho?").passages
    prompted = build_prompt("Who is El Mencho?", passages, budget=2000)
    user = prompted.messages[1]["content"]
    for number, passage in enumerate(prompted.passages, 1):
        assert f"[{number}] {passage.title} ({passage.outlet}, {passage.date})" in user
    assert user.rstrip().endswith("square brackets.") and "Question: Who is El Mencho?" in user
    assert prompted.tokens == sum(count_tokens(m["content"]) for m in prompted.messages)


@pytest.mark.parametrize("reply, expected", [
    ("The sources don't say.", True),
    ("The provided sources do not mention the weather.", True),
    ("The context doesn't specify when.", True),
    ("Twenty-five guards were killed [1].", False),
    ("Sources say he died [2].", False),
])
def test_decline_detection(reply: str, expected: bool) -> None:
    assert says_sources_dont_answer(reply) is expected
