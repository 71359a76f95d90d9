"""Answer quality on the seed dev set: `python benchmarks/seed_quality.py [--calibrate]`.

Thresholds are calibrated on the ``dev`` split only; the ``heldout`` split is reported, never tuned.
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
from rag.evaluate import load_items, score, summarize  # noqa: E402

QUESTIONS = ROOT / "benchmarks" / "data" / "seed_qa.jsonl"


def run(assistant: Assistant, split: str, verbose: bool = False) -> dict:
    rows = []
    for item in load_items(QUESTIONS, split):
        answer = assistant.ask(item.question)
        row = score(item, answer)
        rows.append(row)
        if verbose and not row["correct"]:
            print(f"  MISS {item.id} support={answer.support:.3f} refused={answer.refused}: "
                  f"{answer.text[:160]}")
    return summarize(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calibrate", action="store_true", help="sweep min_support on dev")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant.open(index_dir=tmp)
        assistant.ingest([ROOT / "seeds"])
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
