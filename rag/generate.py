"""Generated answers: numbered sources packed into the prompt budget, streamed from a model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from rag.chunking import count_tokens
from rag.llm import ChatModel
from rag.prompts import load_prompt
from rag.types import Passage

# A model saying the sources don't answer ("The sources don't say", "do not mention", ...).
_DECLINE = re.compile(
    r"\b(?:sources?|passages?|documents?|context)\b[^.]{0,40}\b(?:do(?:es)?\s*n[o']t|did\s*n[o']t|"
    r"never)\s+(?:say|state|mention|answer|contain|provide|specify|include)", re.IGNORECASE)


@dataclass
class Prompted:
    """The messages sent and the passages they number 1..n."""

    messages: list[dict[str, str]]
    passages: list[Passage]
    tokens: int


def pack_sources(passages: list[Passage], budget: int) -> tuple[list[Passage], list[str], int]:
    """The best passages whose rendered blocks fit ``budget`` tokens, never cut in half.

    Passages come best first; one that does not fit is skipped and a smaller later one may
    still fit. Returns the passages kept, their rendered blocks and the tokens used.
    """
    template = load_prompt("source")
    kept: list[Passage] = []
    blocks: list[str] = []
    used = 0
    for passage in passages:
        block = template.render(number=len(kept) + 1, title=passage.title or passage.doc_id,
                                outlet=passage.outlet or "unknown outlet",
                                date=passage.date or "undated", text=passage.text)
        cost = count_tokens(block) + 2  # the blank line between blocks
        if used + cost > budget:
            continue
        kept.append(passage)
        blocks.append(block)
        used += cost
    return kept, blocks, used


def build_prompt(question: str, passages: list[Passage], budget: int) -> Prompted:
    """System and user messages for ``question`` over the passages that fit ``budget``."""
    kept, blocks, used = pack_sources(passages, budget)
    system = load_prompt("answer.system").render()
    user = load_prompt("answer.user").render(sources="\n\n".join(blocks), question=question)
    messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
    return Prompted(messages, kept, count_tokens(system) + count_tokens(user))


def says_sources_dont_answer(text: str) -> bool:
    """Whether a model's reply is a decline rather than an answer."""
    return bool(_DECLINE.search(text))


class GenerativeAnswerer:
    """Stream a model's answer to a question over numbered sources.

    Example::

            answerer = GenerativeAnswerer(ChatModel("gpt-4.1-mini"), context_tokens=2000)
            prompted = answerer.prompt("Who led the operation?", passages)
            text = "".join(answerer.stream(prompted))
    """

    def __init__(self, model: ChatModel, context_tokens: int):
        if context_tokens < 1:
            raise ValueError("context_tokens must be positive")
        self.model, self.context_tokens = model, context_tokens

    @property
    def name(self) -> str:
        return f"llm:{self.model.model}"

    def prompt(self, question: str, passages: list[Passage]) -> Prompted:
        return build_prompt(question, passages, self.context_tokens)

    def stream(self, prompted: Prompted) -> Iterator[str]:
        """Text deltas as the model writes them; raises :class:`rag.llm.LLMError`."""
        yield from self.model.stream(prompted.messages)

    def complete(self, prompt: str) -> str:
        """The model's whole reply to one user message; raises :class:`rag.llm.LLMError`."""
        return "".join(self.model.stream([{"role": "user", "content": prompt}]))

    def condense(self, history: str, question: str) -> str:
        """The model's standalone version of a follow-up (its first line; "" if it wrote none)."""
        text = self.complete(load_prompt("condense").render(history=history, question=question))
        return " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""

    def select(self, question: str, sentences: list[str]) -> list[int] | None:
        """The numbers (1-based) of the ``sentences`` the model says answer ``question``, best
        first; ``[]`` when it says none does; None when its reply names neither."""
        listed = "\n".join(f"[{n}] {s}" for n, s in enumerate(sentences, 1))
        reply = self.complete(load_prompt("select").render(sentences=listed, question=question))
        if reply.lstrip(" *\"'").upper().startswith("NONE"):
            return []
        numbers = [int(n) for n in re.findall(r"\d+", reply.split("\n\n")[0])]
        chosen = list(dict.fromkeys(n for n in numbers if 1 <= n <= len(sentences)))
        if chosen:
            return chosen
        return [] if re.search(r"\bnone\b", reply, re.IGNORECASE) else None
