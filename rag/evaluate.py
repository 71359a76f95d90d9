"""Score answers against a JSONL question set: right answer, right citation, right decline, speed."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from rag.figures import digits_for_number_words
from rag.markers import MARKER, UNVERIFIED
from rag.types import Answer

# The figures `rag eval --json` prints: a contract other checks rely on (see README).
METRICS = ("answer_accuracy", "decline_precision", "decline_recall", "citation_precision",
           "citation_recall", "hit_at_k", "mrr", "latency_ms_p50", "latency_ms_p95")


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


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(str(v) for v in value)


def _item(raw: dict[str, Any], default_id: str) -> Item:
    if not isinstance(raw.get("question"), str) or not raw["question"].strip():
        raise ValueError(f"item {raw.get('id', default_id)}: 'question' must be a non-empty string")
    answer, must, any_of = raw.get("answer"), _strings(raw.get("must_contain")), _strings(raw.get("any_of"))
    if answer is not None and not must and not any_of:
        must = (str(answer),)  # nothing else says what a right answer holds: the answer itself
    return Item(
        id=str(raw.get("id", default_id)), question=raw["question"], answer=answer,
        must_contain=must, any_of=any_of,
        evidence=_strings(raw.get("evidence")), split=str(raw.get("split", "dev")),
    )


def _lines(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc})") from None
        if not isinstance(row, dict):
            raise ValueError(f"{path}:{number}: expected a JSON object")
        rows.append((number, row))
    return rows


def _parsed(path: str | Path, number: int, make: Callable[[], Any]) -> Any:
    try:
        return make()
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}:{number}: {exc}") from None


def load_items(path: str | Path, split: str | None = None) -> list[Item]:
    """Question lines of a JSONL file, optionally only one split."""
    items = [_parsed(path, n, lambda raw=raw, n=n: _item(raw, str(n)))
             for n, raw in _lines(path) if "turns" not in raw]
    return [item for item in items if split is None or item.split == split]


def load_conversations(path: str | Path, split: str | None = None) -> list[tuple[str, list[Item]]]:
    """Conversation lines (``{"id", "split", "turns": [question items]}``) of a JSONL file,
    optionally only one split (a turn takes its conversation's split)."""
    def conversation(raw: dict[str, Any], n: int) -> tuple[str, list[Item]]:
        name, split = str(raw.get("id", n)), raw.get("split", "dev")
        return name, [_item({"split": split, **turn}, f"{name}.{i}") for i, turn in enumerate(raw["turns"], 1)]

    found = [_parsed(path, n, lambda raw=raw, n=n: conversation(raw, n))
             for n, raw in _lines(path) if "turns" in raw]
    return [(name, turns) for name, turns in found if split is None or turns[0].split == split]


# -- matching -------------------------------------------------------------------------------

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


def normalize(text: str) -> str:
    """Lower case, straight quotes, one space, numbers as digits ("seven" -> "7", "1,000" -> "1000")."""
    text = digits_for_number_words(text.translate(_QUOTES))
    return " ".join(_THOUSANDS.sub("", text).lower().split())




def contains(text: str, needle: str) -> bool:
    """Whether ``text`` states ``needle`` (case-insensitive; "7" and "seven" are equal; a
    number is not found inside a longer one: "3" is not in "2023" or "3.5"; citation markers
    such as "[2]" are not text)."""
    needle = normalize(needle)
    if not needle:
        return True
    left = r"(?<![\d.])" if needle[0].isdigit() else ""
    right = r"(?!\d|[.,]\d)" if needle[-1].isdigit() else ""
    plain = normalize(MARKER.sub(" ", text.replace(UNVERIFIED, " ")))
    return re.search(left + re.escape(needle) + right, plain) is not None


def states_answer(item: Item, text: str) -> bool:
    """All ``must_contain`` strings and, when given, one of ``any_of`` appear in ``text``."""
    return all(contains(text, s) for s in item.must_contain) and (
        not item.any_of or any(contains(text, s) for s in item.any_of))


def holds_evidence(item: Item, passage: str) -> bool:
    """A passage is the right one when it holds the evidence, or else the required strings."""
    if item.evidence:
        return any(contains(passage, e) for e in item.evidence)
    if item.must_contain or item.any_of:
        return states_answer(item, passage)
    return False


def evidence_rank(item: Item, texts: Sequence[str]) -> int | None:
    """1-based rank of the first passage holding the evidence (None: none does)."""
    return next((i for i, text in enumerate(texts, 1) if holds_evidence(item, text)), None)


# -- scoring --------------------------------------------------------------------------------

def score(item: Item, answer: Answer, latency_ms: float = 0.0) -> dict[str, Any]:
    """Grade one answer; the row `rag eval --json` lists under ``questions``."""
    answered = not answer.refused
    relevant = [holds_evidence(item, c.passage) for c in answer.citations] if item.answerable else []
    rank = evidence_rank(item, [p.text for p in answer.sources]) if item.answerable else None
    correct = (answered and states_answer(item, answer.text)) if item.answerable else answer.refused
    cited = (answered and any(relevant)) if item.answerable else None
    return {
        "id": item.id, "question": item.question, "split": item.split,
        "answerable": item.answerable, "expected": item.answer, "answer": answer.text,
        "refused": answer.refused, "mode": answer.mode,
        "citations": [{"number": c.number, "doc_id": c.doc_id, "quote": c.quote,
                       "holds_evidence": r if item.answerable else None}
                      for c, r in zip(answer.citations, relevant or [None] * len(answer.citations))],
        "evidence_rank": rank,
        "correct": correct, "cited": cited,
        "passed": bool(correct and cited is not False),
        "latency_ms": round(latency_ms, 2),
    }


def ratio(hits: float, total: float) -> float | None:
    """``hits / total`` to 3 places; None when there is nothing to count."""
    return round(hits / total, 3) if total else None


def summarize(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The :data:`METRICS` over scored rows (``None`` where a figure has nothing to count)."""
    rows = list(rows)
    answerable = [r for r in rows if r["answerable"]]
    declined = [r for r in rows if r["refused"]]
    unanswerable = [r for r in rows if not r["answerable"]]
    cited = [c for r in answerable if not r["refused"] for c in r["citations"]]
    latencies = np.array([r["latency_ms"] for r in rows], dtype=np.float64)
    return {
        "answer_accuracy": ratio(sum(r["correct"] for r in answerable), len(answerable)),
        "decline_precision": ratio(sum(not r["answerable"] for r in declined), len(declined)),
        "decline_recall": ratio(sum(r["refused"] for r in unanswerable), len(unanswerable)),
        "citation_precision": ratio(sum(bool(c["holds_evidence"]) for c in cited), len(cited)),
        "citation_recall": ratio(sum(bool(r["cited"]) for r in answerable), len(answerable)),
        "hit_at_k": ratio(sum(r["evidence_rank"] is not None for r in answerable), len(answerable)),
        "mrr": ratio(sum(1 / r["evidence_rank"] for r in answerable if r["evidence_rank"]),
                      len(answerable)),
        "latency_ms_p50": round(float(np.percentile(latencies, 50)), 1) if rows else None,
        "latency_ms_p95": round(float(np.percentile(latencies, 95)), 1) if rows else None,
    }


def _timed(ask: Callable[[str], Answer], item: Item) -> dict[str, Any]:
    started = time.perf_counter()
    answer = ask(item.question)
    return score(item, answer, (time.perf_counter() - started) * 1e3)


def run_conversation(assistant: Any, turns: Sequence[Item], top_k: int | None = None) -> list[dict[str, Any]]:
    """Ask ``turns`` in one conversation; a turn passes when it is right and, when the item
    names evidence, cites it."""
    conversation = assistant.conversation()
    rows = []
    for item in turns:
        row = _timed(lambda q: conversation.ask(q, top_k=top_k), item)
        row["query"] = conversation.turns[-1].answer.query
        row["understood"] = conversation.turns[-1].answer.understood
        rows.append(row)
    return rows


def evaluate(assistant: Any, items: Sequence[Item],
             conversations: Sequence[tuple[str, list[Item]]] = (), top_k: int | None = None,
             progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Ask every question (and every conversation turn, in order) and summarize.

    Returns the :data:`METRICS`, ``questions`` (one scored row each), ``conversations``
    (passed / total), ``splits`` (the metrics per ``split`` when there is more than one) and
    ``k``. Example::

            evaluate(assistant, load_items("benchmarks/data/seed_qa.jsonl"))["answer_accuracy"]
            # 0.833
    """
    rows = []
    for item in items:
        rows.append(_timed(lambda q: assistant.ask(q, top_k=top_k), item))
        if progress:
            progress(1)
    passed = 0
    for name, turns in conversations:
        turn_rows = run_conversation(assistant, turns, top_k)
        for number, row in enumerate(turn_rows, 1):
            row["conversation"], row["turn"] = name, number
        passed += all(r["passed"] for r in turn_rows)
        rows += turn_rows
        if progress:
            progress(len(turns))
    report = summarize(rows)
    splits = sorted({r["split"] for r in rows if "conversation" not in r})
    if len(splits) > 1:
        report["splits"] = {s: summarize(r for r in rows if r["split"] == s and "conversation" not in r)
                            for s in splits}
    follow_ups = [r for r in rows if r.get("turn", 1) > 1]
    report["conversations"] = {"passed": passed, "total": len(conversations),
                               "follow_up_accuracy": ratio(sum(r["passed"] for r in follow_ups),
                                                           len(follow_ups))}
    report["k"] = top_k or assistant.config.top_k
    report["questions"] = rows
    return report


def format_report(report: dict[str, Any]) -> str:
    """The report as a short table, then the questions that failed."""
    rows = report["questions"]
    answerable = sum(r["answerable"] for r in rows)
    lines = [f"{len(rows)} questions ({answerable} answerable, {len(rows) - answerable} not), "
             f"k={report['k']}"]
    if report["conversations"]["total"]:
        c = report["conversations"]
        lines.append(f"conversations passed: {c['passed']}/{c['total']}; follow-up turns passed: "
                     f"{c['follow_up_accuracy']}")
    header = ["", "all", *report.get("splits", {})]
    lines.append("".join(f"{h:>20}" if i else f"{h:<20}" for i, h in enumerate(header)))
    for key in METRICS:
        values = [report[key], *(s[key] for s in report.get("splits", {}).values())]
        lines.append(f"{key:<20}" + "".join(f"{'-' if v is None else v:>20}" for v in values))
    failed = [r for r in rows if not r["passed"]]
    if failed:
        lines.append(f"\nfailed ({len(failed)}):")
        for r in failed:
            why = ("answered, should decline" if not r["answerable"] else
                   "declined" if r["refused"] else "wrong answer" if not r["correct"] else "evidence not cited")
            lines.append(f"  {r['id']}: {why}: {r['answer'][:110]!r}")
    return "\n".join(lines)
