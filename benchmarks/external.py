"""External benchmarks through `rag eval`: RGB haystack and counterfactual runs, a SQuAD 2.0 sample.

Usage: `python benchmarks/external.py [--runs haystack counterfactual squad] [-k 5] [--mode llm]`
(`make bench-rgb`). The data in ../shared/bench/ (see its README) is converted on the fly into a
temporary corpus folder and question file; nothing is copied into the project.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag.evaluate import METRICS, contains  # noqa: E402

BENCH = Path(os.environ.get("RAG_BENCH_DIR", ROOT.parent / "shared" / "bench"))
RGB = BENCH / "rgb_en_fact.jsonl"
SQUAD = BENCH / "squad_v2_sample.json"
WORK = Path(tempfile.gettempdir()) / "rag-bench"


def _spellings(answer: Any) -> list[str]:
    """RGB answers are a string, or lists of acceptable spellings (any one counts)."""
    if isinstance(answer, str):
        return [answer]
    return [s for group in answer for s in (group if isinstance(group, list) else [group])]


def _write_corpus(folder: Path, snippets: Iterable[str]) -> int:
    """One text file per distinct snippet, named by its hash (reruns reuse the index)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = set()
    for text in snippets:
        name = hashlib.sha1(text.encode()).hexdigest()[:12]
        if name not in written:
            written.add(name)
            path = folder / f"snippet-{name}.txt"
            if not path.exists():
                path.write_text(text, encoding="utf-8")
    return len(written)


def _write_questions(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def rgb(out: Path, counterfactual: bool = False) -> tuple[Path, Path]:
    """The RGB corpus (all rows' snippets in one index) and its questions.

    In the counterfactual run the positive snippets state ``fakeanswer``: a faithful cited
    answer reports what its sources say, so the expected answer is the fake one.
    """
    rows = [json.loads(line) for line in RGB.read_text(encoding="utf-8").splitlines() if line.strip()]
    field = "positive_wrong" if counterfactual else "positive"
    _write_corpus(out / "corpus", (s for r in rows for s in r[field] + r["negative"]))
    questions = []
    for r in rows:
        expected = _spellings(r["fakeanswer"] if counterfactual else r["answer"])
        questions.append({"id": f"rgb-{r['id']}", "question": r["query"], "answer": expected[0],
                          "any_of": expected, "evidence": expected,
                          "true_answer": _spellings(r["answer"])})
    _write_questions(out / "questions.jsonl", questions)
    return out / "corpus", out / "questions.jsonl"


def squad(out: Path) -> tuple[Path, Path]:
    """The SQuAD 2.0 sample: its paragraphs as documents; unanswerable questions expect a decline."""
    data = json.loads(SQUAD.read_text(encoding="utf-8"))["data"]
    _write_corpus(out / "corpus", (x["context"] for x in data))
    questions = [{"id": f"squad-{x['id']}", "question": x["question"],
                  "answer": x["answers"]["text"][0] if x["answers"]["text"] else None,
                  "any_of": sorted(set(x["answers"]["text"])), "evidence": sorted(set(x["answers"]["text"]))}
                 for x in data]
    _write_questions(out / "questions.jsonl", questions)
    return out / "corpus", out / "questions.jsonl"


def _rag_eval(corpus: Path, questions: Path, extra: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "ui.cli", "eval", str(questions), "--corpus",
                           str(corpus), "--json", *extra], capture_output=True, text=True, cwd=ROOT)
    if done.returncode:
        raise SystemExit(f"rag eval failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def _counterfactual_figures(report: dict[str, Any], questions: Path) -> dict[str, float]:
    """How often answers cite a passage stating the fake answer, and how often they state the
    true one (which only noise snippets, if any, still hold)."""
    truth = {}
    for line in questions.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        truth[row["id"]] = row["true_answer"]
    rows = [r for r in report["questions"] if not r["refused"]]
    n = len(report["questions"])
    states_true = sum(any(contains(r["answer"], t) for t in truth[r["id"]]) for r in rows)
    return {"cites_fake": report["citation_recall"], "states_true": round(states_true / n, 3)}


COLUMNS = METRICS
RUNS = {"haystack": lambda out: rgb(out), "counterfactual": lambda out: rgb(out, True), "squad": squad}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", nargs="+", choices=list(RUNS), default=list(RUNS))
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--mode", choices=["extractive", "llm"], default="extractive")
    parser.add_argument("--verbose", action="store_true", help="list the questions that failed")
    args = parser.parse_args()
    if not RGB.exists() or not SQUAD.exists():
        raise SystemExit(f"benchmark data not found in {BENCH} (set RAG_BENCH_DIR)")
    print("| run | questions | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 2) + "|")
    notes = []
    for name in args.runs:
        corpus, questions = RUNS[name](WORK / name)
        report = _rag_eval(corpus, questions, ["-k", str(args.k), "--mode", args.mode])
        print(f"| {name} | {len(report['questions'])} | "
              + " | ".join("-" if report[c] is None else str(report[c]) for c in COLUMNS) + " |", flush=True)
        if name == "counterfactual":
            notes.append(f"counterfactual: {_counterfactual_figures(report, questions)}")
        if args.verbose:
            notes += [f"  {name} {r['id']}: {r['question']!r} -> {r['answer'][:100]!r}"
                      for r in report["questions"] if not r["passed"]]
    print(f"\nmode={args.mode} k={args.k}; " + "\n".join(notes))


if __name__ == "__main__":
    main()
