"""The embedder with int8 matrix products against float32 ones: texts/s and how close the vectors are.

Run: `python benchmarks/embedder.py [--rounds 3]` (`make bench-embedder`). Texts are the sentences
and the chunks of a 0.5 MB file made like `big_files.py`'s (the seed's paragraphs, numbers
varied); the two models alternate, medians of the rounds. Agreement is the cosine between the two
vectors of the same text.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from big_files import make_file
from rag.chunking import chunk_document, sentences_of
from rag.documents import load_file
from rag.embeddings import MiniLMEmbedding


def texts(megabytes: float) -> dict[str, list[str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sample.txt"
        make_file(path, megabytes)
        doc = load_file(path, "sample.txt")
    spans = sentences_of(doc, 180)
    chunks = chunk_document(doc, spans, 180, 30)
    return {"sentences": [s.text for s in spans][:1500], "chunks (180 tokens)": [c.text for c in chunks][:200]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    models = {"float32 products": MiniLMEmbedding(int8=False), "int8 products": MiniLMEmbedding(int8=True)}
    print("| texts | float32 products texts/s | int8 products texts/s | speed-up | cosine agreement min / mean |")
    print("|---|---|---|---|---|")
    for kind, batch in texts(0.5).items():
        rates: dict[str, list[float]] = {name: [] for name in models}
        vectors: dict[str, np.ndarray] = {}
        for _ in range(args.rounds):
            for name, model in models.items():
                started = time.perf_counter()
                vectors[name] = model.embed(batch)
                rates[name].append(len(batch) / (time.perf_counter() - started))
        slow, fast = (statistics.median(rates[name]) for name in models)
        agreement = (vectors["float32 products"] * vectors["int8 products"]).sum(axis=1)
        print(f"| {len(batch)} {kind} | {slow:.1f} | {fast:.1f} | {fast / slow:.2f}x | "
              f"{agreement.min():.3f} / {agreement.mean():.3f} |", flush=True)


if __name__ == "__main__":
    main()
