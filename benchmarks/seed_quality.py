"""Answer quality on the seed dev set: `python benchmarks/seed_quality.py [--calibrate] [--compare]`.

Thresholds are calibrated on the ``dev`` split only; the ``heldout`` split is reported, never tuned.
``--compare --base-url URL --model NAME`` runs extractive and generated answers side by side.
The plain run is `rag eval benchmarks/data/seed_qa.jsonl --corpus seeds` (`make eval`).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag import Assistant  # noqa: E402
from rag.evaluate import METRICS, evaluate, load_items  # noqa: E402

QUESTIONS = ROOT / "benchmarks" / "data" / "seed_qa.jsonl"
COLUMNS = ("answer_accuracy", "decline_precision", "decline_recall", "citation_precision",
           "citation_recall", "latency_ms_p50")


def run(assistant: Assistant, split: str, verbose: bool = False) -> dict:
    """The metrics on one split, plus how often the model's answer gave way to extraction."""
    report = evaluate(assistant, load_items(QUESTIONS, split))
    rows = report["questions"]
    for row in rows:
        if verbose and not row["passed"]:
            print(f"  MISS {row['id']} [{row['mode']}] refused={row['refused']}: {row['answer'][:160]}")
    fallbacks = sum(r["mode"] == "extractive" for r in rows) if assistant.config.uses_llm else 0
    return {**{k: report[k] for k in METRICS}, "fallbacks": fallbacks}


def compare(assistant: Assistant, base_url: str, model: str, verbose: bool) -> None:
    """Extractive and generated answers on both splits, one table."""
    modes = {"extractive": {"answer_mode": "extractive"},
             f"llm:{model}": {"answer_mode": "llm", "llm_answer": "write",
                                  "llm_base_url": base_url, "llm_model": model}}
    print("| mode | split | " + " | ".join(COLUMNS) + " | fallbacks |")
    print("|---" * (len(COLUMNS) + 3) + "|")
    for name, settings in modes.items():
        one = assistant.with_settings(**settings)
        for split in ("dev", "heldout"):
            r = run(one, split, verbose)
            print(f"| {name} | {split} | " + " | ".join(str(r[c]) for c in COLUMNS)
                  + f" | {r['fallbacks']} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calibrate", action="store_true", help="sweep min_support on dev")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--compare", action="store_true", help="extractive vs --base-url model")
    parser.add_argument("--base-url", default="http://127.0.0.1:8080/v1")
    parser.add_argument("--model", default="qwen-coder-1.5b")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant.open(index_dir=tmp, answer_mode="extractive")
        assistant.ingest([ROOT / "seeds"], progress=False)
        if args.compare:
            compare(assistant, args.base_url, args.model, args.verbose)
        elif args.calibrate:
            for step in range(36, 66, 2):
                value = step / 100
                print(f"min_support={value:.2f}",
                      json.dumps(run(assistant.with_settings(min_support=value), "dev")))
        else:
            for split in ("dev", "heldout"):
                print(split, json.dumps(run(assistant, split, args.verbose)))


if __name__ == "__main__":
    main()
