"""Score answers against a JSONL question set: right answer, right citation, right decline."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from rag.answer import Answer


@dataclass(frozen=True)
class Item:
    """One evaluation question; ``answer`` is ``None`` when the corpus does not answer it."""

    id: str
    question: str
    answer: str | None
    must_contain: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    split: str = "dev"

    @property
    def answerable(self) -> bool:
        return self.answer is not None


def _item(raw: dict[str, Any], default_id: str) -> Item:
    evidence = raw.get("evidence") or ()
    return Item(
        id=str(raw.get("id", default_id)), question=raw["question"], answer=raw.get("answer"),
        must_contain=tuple(raw.get("must_contain") or ()), any_of=tuple(raw.get("any_of") or ()),
        evidence=(evidence,) if isinstance(evidence, str) else tuple(evidence),
        split=raw.get("split", "dev"),
    )


def _lines(path: str | Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc})") from None
    return rows


def load_items(path: str | Path, split: str | None = None) -> list[Item]:
    """Question lines of a JSONL file, optionally only one split."""
    items = [_item(raw, str(n)) for n, raw in enumerate(_lines(path)) if "turns" not in raw]
    return [item for item in items if split is None or item.split == split]


def load_conversations(path: str | Path) -> list[tuple[str, list[Item]]]:
    """Conversation lines (``{"id", "turns": [question items]}``) of a JSONL file."""
    return [(str(raw["id"]), [_item(turn, f"{raw['id']}.{i}") for i, turn in enumerate(raw["turns"], 1)])
            for raw in _lines(path) if "turns" in raw]


def score(item: Item, answer: Answer) -> dict[str, Any]:
    """Grade one answer: ``correct`` (right answer or right decline) and ``cited``."""
    text = answer.text.lower()
    if not item.answerable:
        return {"id": item.id, "answerable": False, "correct": answer.refused, "cited": None}
    contains = all(s.lower() in text for s in item.must_contain) and (
        not item.any_of or any(s.lower() in text for s in item.any_of)
    )
    quotes = " ".join(c.quote for c in answer.citations)
    cited = bool(item.evidence) and any(e in quotes for e in item.evidence)
    return {"id": item.id, "answerable": True, "correct": contains and not answer.refused,
            "cited": cited and not answer.refused}


def run_conversation(assistant: Any, turns: list[Item]) -> list[dict[str, Any]]:
    """Ask ``turns`` in one conversation; a turn passes when it is right and, when the item
    names evidence, cites it."""
    conversation = assistant.conversation()
    rows = []
    for item in turns:
        answer = conversation.ask(item.question)
        row = score(item, answer)
        row.update(passed=bool(row["correct"] and row["cited"] is not False), query=answer.query,
                   mode=answer.mode, text=answer.text)
        rows.append(row)
    return rows


def summarize(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Answer accuracy, citation accuracy and decline accuracy over scored rows."""
    rows = list(rows)
    answerable = [r for r in rows if r["answerable"]]
    unanswerable = [r for r in rows if not r["answerable"]]

    def ratio(part: list[dict[str, Any]], key: str) -> float | None:
        return round(sum(bool(r[key]) for r in part) / len(part), 3) if part else None

    return {
        "questions": len(rows),
        "answer_accuracy": ratio(answerable, "correct"),
        "citation_accuracy": ratio(answerable, "cited"),
        "decline_accuracy": ratio(unanswerable, "correct"),
        "overall_accuracy": ratio(rows, "correct"),
    }
