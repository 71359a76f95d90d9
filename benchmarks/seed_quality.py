"""Answer quality on the seed dev set: `python benchmarks/seed_quality.py [--calibrate] [--compare]`.

Thresholds are calibrated on the ``dev`` split only; the ``heldout`` split is reported, never tuned.
``--compare --base-url URL --model NAME`` runs extractive and generated answers side by side.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag import Assistant  # noqa: E402
from rag.evaluate import load_items, score, summarize  # noqa: E402

QUESTIONS = ROOT / "benchmarks" / "data" / "seed_qa.jsonl"


def run(assistant: Assistant, split: str, verbose: bool = False) -> dict:
    rows, latencies, fallbacks = [], [], 0
    for item in load_items(QUESTIONS, split):
        started = time.perf_counter()
        answer = assistant.ask(item.question)
        latencies.append((time.perf_counter() - started) * 1e3)
        fallbacks += answer.mode == "extractive" and assistant.config.uses_llm
        row = score(item, answer)
        rows.append(row)
        if verbose and not row["correct"]:
            print(f"  MISS {item.id} [{answer.mode}] support={answer.support:.3f} "
                  f"refused={answer.refused}: {answer.text[:160]}")
    return {**summarize(rows), "latency_ms_p50": round(statistics.median(latencies), 1),
            "fallbacks": fallbacks}


def compare(assistant: Assistant, base_url: str, model: str, verbose: bool) -> None:
    """Extractive and generated answers on both splits, one table."""
    modes = {"extractive": {"answer_mode": "extractive"},
             f"llm:{model}": {"answer_mode": "llm", "llm_base_url": base_url, "llm_model": model}}
    print("| mode | split | answers | citations | declines | overall | p50 ms | fallbacks |")
    print("|---|---|---|---|---|---|---|---|")
    for name, settings in modes.items():
        one = Assistant.open(index_dir=assistant.config.index_dir, create=False,
                             embedder=assistant.embedder, **settings)
        for split in ("dev", "heldout"):
            r = run(one, split, verbose)
            print(f"| {name} | {split} | {r['answer_accuracy']} | {r['citation_accuracy']} | "
                  f"{r['decline_accuracy']} | {r['overall_accuracy']} | {r['latency_ms_p50']} | "
                  f"{r['fallbacks']} |", flush=True)


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
            return
        if args.calibrate:
            for step in range(36, 66, 2):
                value = step / 100
                assistant.config = assistant.config.model_copy(update={"min_support": value})
                print(f"min_support={value:.2f}", json.dumps(run(assistant, "dev")))
            return
        for split in ("dev", "heldout"):
            print(split, json.dumps(run(assistant, split, args.verbose)))


if __name__ == "__main__":
    main()
