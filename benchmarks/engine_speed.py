"""Engine speed: embedder alone vs ingest on the same texts, and warm `ask` latency.

Run: `python benchmarks/engine_speed.py [--docs N] [--asks N]` (or `make bench`).
Prints medians over repeats; the machine is noisy, so compare ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rag import Assistant  # noqa: E402
from rag.chunking import chunk_document, sentences_of  # noqa: E402
from rag.documents import load_corpus  # noqa: E402
from rag.evaluate import load_items  # noqa: E402

QUESTIONS = ROOT / "benchmarks" / "data" / "seed_qa.jsonl"


def synthetic_corpus(folder: Path, copies: int) -> None:
    """``copies`` variants of the seed article (a number changed so each hashes differently)."""
    seed = (ROOT / "seeds").glob("*.md").__next__().read_text(encoding="utf-8")
    for i in range(copies):
        (folder / f"copy-{i:04d}.md").write_text(seed.replace("25 members", f"{i} members"), "utf-8")


def embed_texts(assistant: Assistant, corpus: Path) -> list[str]:
    """The chunk texts: what a chunk-only pipeline embeds, the reference for ingest's speed
    (ingest itself embeds the sentences and pools chunk vectors from them)."""
    texts: list[str] = []
    cfg = assistant.config
    for doc in load_corpus([corpus]).documents:
        sentences = sentences_of(doc, cfg.chunk_tokens)
        texts += [c.text for c in chunk_document(doc, sentences, cfg.chunk_tokens, cfg.overlap_tokens)]
    return texts


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=60, help="synthetic documents to ingest")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--asks", type=int, default=5, help="passes over the question set")
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        synthetic_corpus(corpus, args.docs)
        probe = Assistant.open(index_dir=Path(tmp) / "probe")
        texts = embed_texts(probe, corpus)
        probe.embedder.embed(texts[:64])  # warm-up
        embed_s, ingest_s, chunks = [], [], 0
        for r in range(args.repeats):
            t = time.perf_counter()
            probe.embedder.embed(texts)
            embed_s.append(time.perf_counter() - t)
            # Same warmed model for both, so the ratio measures ingest's own overhead.
            assistant = Assistant.open(index_dir=Path(tmp) / f"index-{r}", embedder=probe.embedder)
            report = assistant.ingest([corpus], progress=False)
            ingest_s.append(report.seconds)
            chunks = report.chunks_written
        emb, ing = statistics.median(embed_s), statistics.median(ingest_s)
        results["corpus"] = {"documents": args.docs, "chunks": chunks}
        results["embedder_on_chunk_texts_per_s"] = round(len(texts) / emb, 1)
        results["ingest_chunks_per_s"] = round(chunks / ing, 1)
        results["ingest_vs_embedder_on_chunks"] = round(emb / ing, 3)
        t = time.perf_counter()
        again = assistant.ingest([corpus], progress=False)
        results["reingest_unchanged_s"] = round(time.perf_counter() - t, 3)
        assert again.unchanged == args.docs

        seeded = Assistant.open(index_dir=Path(tmp) / "seed")
        seeded.ingest([ROOT / "seeds"], progress=False)
        questions = [i.question for i in load_items(QUESTIONS)]
        seeded.ask(questions[0])  # warm
        latencies = []
        for _ in range(args.asks):
            for q in questions:
                t = time.perf_counter()
                seeded.ask(q)
                latencies.append((time.perf_counter() - t) * 1e3)
        results["ask_warm_ms"] = {"n": len(latencies), "p50": round(percentile(latencies, 0.5), 1),
                                  "p95": round(percentile(latencies, 0.95), 1)}
        cold = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run([sys.executable, "-m", "ui.cli", "--index", str(Path(tmp) / "seed"), "ask",
                            questions[0]], check=True, capture_output=True, cwd=ROOT)
            cold.append(time.perf_counter() - t)
        results["rag_ask_fresh_process_s_median"] = round(statistics.median(cold), 2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
