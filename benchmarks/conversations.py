"""Multi-turn conversations over the seed: `python benchmarks/conversations.py [--base-url URL --model M]`.

Each turn must give the right answer (or decline) and cite the evidence; a conversation
passes when all its turns do. Without --base-url only the extractive mode runs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag import Assistant  # noqa: E402
from rag.evaluate import load_conversations, run_conversation  # noqa: E402

CONVERSATIONS = ROOT / "benchmarks" / "data" / "seed_conversations.jsonl"


def run(assistant: Assistant, verbose: bool = False) -> tuple[int, int, list[str]]:
    """(conversations passed, turns passed, failing turn ids)."""
    passed_convs = passed_turns = 0
    failures = []
    for _, turns in load_conversations(CONVERSATIONS):
        rows = run_conversation(assistant, turns)
        passed_convs += all(r["passed"] for r in rows)
        passed_turns += sum(r["passed"] for r in rows)
        for r in rows:
            if not r["passed"]:
                failures.append(r["id"])
                if verbose:
                    print(f"  MISS {r['id']} [{r['mode']}] query={r['query']!r}: {r['answer'][:140]}")
    return passed_convs, passed_turns, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url")
    parser.add_argument("--model", default="qwen-coder-1.5b")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    convs = load_conversations(CONVERSATIONS)
    total_turns = sum(len(t) for _, t in convs)
    with tempfile.TemporaryDirectory() as tmp:
        base = Assistant.open(index_dir=tmp, answer_mode="extractive")
        base.ingest([ROOT / "seeds"], progress=False)
        modes = {"extractive": base}
        if args.base_url:
            modes[f"llm:{args.model}"] = base.with_settings(
                answer_mode="llm", llm_answer="write", llm_base_url=args.base_url, llm_model=args.model)
        print("| mode | conversations passed | turns passed | failing turns |")
        print("|---|---|---|---|")
        for name, assistant in modes.items():
            convs_ok, turns_ok, failures = run(assistant, args.verbose)
            print(f"| {name} | {convs_ok}/{len(convs)} | {turns_ok}/{total_turns} | "
                  f"{', '.join(failures) or '-'} |", flush=True)


if __name__ == "__main__":
    main()
