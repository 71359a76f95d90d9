"""Big files: ingest one large text file in a fresh process; chunks/s, wall time and peak RSS.

Run: `python benchmarks/big_files.py [--mb 2 20]` (`make bench-big`). Each file is made of the
seed article's paragraphs with their numbers changed (so no two chunks are alike), written
to a temporary folder and ingested by `rag ingest` into an empty index.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "seeds").glob("*.md"))


def make_file(path: Path, megabytes: float) -> None:
    """About ``megabytes`` of article-like text, in paragraphs, numbers varied."""
    body = SEED.read_text(encoding="utf-8").split("---", 2)[2]
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        written, part = 0, 0
        while written < megabytes * 1e6:
            text = re.sub(r"\d+", lambda _: str(rng.randint(1, 9999)), rng.choice(paragraphs))
            written += out.write(f"{text}\n\n" if part % 20 else f"Part {part}.\n\n{text}\n\n")
            part += 1


def ingest(path: Path, index: Path) -> tuple[float, int, float]:
    """Seconds, chunks written and the child's peak RSS in MB for one `rag ingest`."""
    env = {**os.environ, "RAG_INDEX_DIR": str(index)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ui.cli", "ingest", str(path), "--json"],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    seconds = time.perf_counter() - started
    chunks = int(re.search(r'"chunks_written": (\d+)', done.stdout).group(1))  # type: ignore[union-attr]
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    return seconds, chunks, peak_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[2, 20])
    args = parser.parse_args()
    print("| file | chunks | wall s | chunks/s | peak RSS MB |\n|---|---|---|---|---|", flush=True)
    for megabytes in sorted(args.mb):  # ascending: the children's peak RSS is a running maximum
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"big-{megabytes:g}mb.txt"
            make_file(path, megabytes)
            seconds, chunks, peak = ingest(path, Path(folder) / "index")
            print(f"| {path.stat().st_size / 1e6:.1f} MB text | {chunks} | {seconds:.0f} | "
                  f"{chunks / seconds:.1f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
