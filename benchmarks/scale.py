"""Scale: ingest throughput, query latency, index size and peak memory at growing corpus sizes.

Run: `python benchmarks/scale.py [--sizes 1000 10000] [--queries 50] [--seed 0] [--json]`
(or `make bench-scale SIZES="1000 10000"`). Each size runs in a fresh subprocess, so peak RSS is
per size. Documents are built from the RGB snippets and the seed article's sentences, about one
chunk each and all distinct; 100,000 chunks takes long on 2 cores, so pick the sizes you can wait for.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from rag import Assistant  # noqa: E402
from rag.chunking import chunk_document, count_tokens, sentences_of, split_sentences  # noqa: E402
from rag.documents import load_file  # noqa: E402

RGB = Path(os.environ.get("RAG_BENCH_DIR", ROOT.parent / "shared" / "bench")) / "rgb_en_fact.jsonl"
SEED_ARTICLE = ROOT / "seeds" / "salon-2026-02-23-el-mencho.md"
SEED_QUESTIONS = ROOT / "benchmarks" / "data" / "seed_qa.jsonl"
SNIPPET_FIELDS = ("positive", "negative", "positive_wrong")
FILES_PER_DIR = 1000
AIM_TOKENS, MAX_TOKENS = 100, 165  # one chunk each: the chunker's budget is 180 tokens
EMBED_SAMPLE = 2000
WARMUP = 3
SEED_QUESTION_COUNT = 10


def _rgb_rows() -> list[dict]:
    with RGB.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _text_pool() -> list[tuple[str, int]]:
    """Distinct RGB snippets and seed-article sentences, each with its token count."""
    pieces = {s.strip() for row in _rgb_rows() for f in SNIPPET_FIELDS for s in row.get(f, [])}
    article = load_file(SEED_ARTICLE, SEED_ARTICLE.name).text  # front matter skipped
    pieces |= {span.text for span in split_sentences(article)}
    counted = [(p, count_tokens(p)) for p in sorted(pieces)]
    return [(p, n) for p, n in counted if 8 <= n <= 80]


def _compose(pool: list[tuple[str, int]], rng: random.Random) -> str:
    """Two or three pieces, about 100-150 tokens, one paragraph each."""
    picked: list[tuple[str, int]] = []
    while len(picked) < 3 and sum(n for _, n in picked) < AIM_TOKENS:
        piece = pool[rng.randrange(len(pool))]
        if piece not in picked:
            picked.append(piece)
    while len(picked) > 2 and sum(n for _, n in picked) > MAX_TOKENS:
        picked.pop()
    return "\n\n".join(p for p, _ in picked)


def _doc_path(corpus: Path, i: int) -> Path:
    return corpus / f"d{i // FILES_PER_DIR:03d}" / f"doc-{i:06d}.txt"


def build_corpus(corpus: Path, n: int, seed: int) -> None:
    """Write ``n`` distinct synthetic documents, at most FILES_PER_DIR per sub-folder."""
    pool, rng, seen = _text_pool(), random.Random(seed), set()
    attempts = 0
    while len(seen) < n:
        attempts += 1
        if attempts > 50 * n + 1000:
            raise RuntimeError(f"could not compose {n} distinct documents from {len(pool)} pieces")
        text = _compose(pool, rng)
        if text in seen:
            continue
        path = _doc_path(corpus, len(seen))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        seen.add(text)


def questions(n: int, seed: int) -> list[str]:
    """``n`` questions: RGB queries and a few seed questions, shuffled and cycled."""
    pool = [row["query"] for row in _rgb_rows()]
    with SEED_QUESTIONS.open(encoding="utf-8") as handle:
        seeds = [json.loads(line)["question"] for line in handle if line.strip()]
    pool += seeds[:SEED_QUESTION_COUNT]
    random.Random(seed).shuffle(pool)
    return [pool[i % len(pool)] for i in range(n)]


def _dir_bytes(folder: Path) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files)


def _timed_embed(assistant: Assistant, texts: list[str]) -> float:
    started = time.perf_counter()
    assistant.embedder.embed(texts)  # the batch method ingest calls
    return time.perf_counter() - started


def embedder_alone(assistant: Assistant, corpus: Path, n: int) -> dict[str, float]:
    """The embedder on an even sample of the same documents: the chunk texts (what a chunk-only
    pipeline embeds, the reference), and the sentences (what this ingest embeds)."""
    cfg, k = assistant.config, min(n, EMBED_SAMPLE)
    sample = sorted({i * n // k for i in range(k)})
    chunks: list[str] = []
    sentences: list[str] = []
    for i in sample:
        doc = load_file(_doc_path(corpus, i), str(i))
        spans = sentences_of(doc, cfg.chunk_tokens)
        chunks += [c.text for c in chunk_document(doc, spans, cfg.chunk_tokens, cfg.overlap_tokens)]
        sentences += [s.text for s in spans]
    chunk_s, sentence_s = _timed_embed(assistant, chunks), _timed_embed(assistant, sentences)
    return {"embed_passages_per_s": len(chunks) / chunk_s,
            "embed_s_per_doc": sentence_s / len(sample),
            "texts_per_doc": len(sentences) / len(sample)}


def query_latency(assistant: Assistant, asked: list[str]) -> dict[str, float]:
    """Warm ``ask`` latency in ms (p50, p95), after WARMUP untimed asks."""
    for question in asked[:WARMUP]:
        assistant.ask(question)
    times, retrieve = [], []
    for question in asked:
        started = time.perf_counter()
        answer = assistant.ask(question)
        times.append((time.perf_counter() - started) * 1e3)
        retrieve.append(answer.timings.get("retrieve_ms", math.nan))
    p50, p95 = np.percentile(times, [50, 95])
    return {"query_p50_ms": float(p50), "query_p95_ms": float(p95),
            "retrieve_p50_ms": float(np.nanpercentile(retrieve, 50))}


def measure(n: int, n_queries: int, seed: int) -> dict[str, object]:
    """One size, end to end, in this process (run it in a fresh one for a clean peak RSS)."""
    with tempfile.TemporaryDirectory(prefix="rag-scale-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        started = time.perf_counter()
        build_corpus(corpus, n, seed)
        corpus_s = time.perf_counter() - started
        assistant = Assistant.open(index_dir=index, answer_mode="extractive")
        started = time.perf_counter()
        report = assistant.ingest([corpus], progress=False)
        ingest_s = time.perf_counter() - started
        print(f"ingest: {report.summary()}", file=sys.stderr, flush=True)
        docs, chunks = report.added + report.updated + report.unchanged, assistant.store.count()
        started = time.perf_counter()  # what another app instance pays after this ingest
        assistant.keywords.rebuild(assistant.store.generation, lambda: None)
        keyword_s = time.perf_counter() - started
        alone = embedder_alone(assistant, corpus, n)
        latency = query_latency(assistant, questions(n_queries, seed))
        index_bytes = _dir_bytes(index)
    rate = chunks / ingest_s
    return {
        "n_requested": n, "documents": docs, "chunks": chunks,
        "embedded_per_chunk": round(alone["texts_per_doc"] * docs / chunks, 2),  # on the sample
        "chunks_written": report.chunks_written, "corpus_build_s": round(corpus_s, 2),
        "ingest_s": round(ingest_s, 2), "ingest_chunks_per_s": round(rate, 1),
        "keyword_rebuild_s": round(keyword_s, 2),
        "embed_passages_per_s": round(alone["embed_passages_per_s"], 1),
        "ingest_vs_embedder": round(rate / alone["embed_passages_per_s"], 3),
        "embed_share_of_ingest": round(alone["embed_s_per_doc"] * docs / ingest_s, 3),
        **{k: round(v, 1) for k, v in latency.items()}, "queries": n_queries,
        "index_mib": round(index_bytes / 2**20, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "python": platform.python_version(), "cpus": os.cpu_count(),
    }


def _run_child(n: int, args: argparse.Namespace) -> dict[str, object]:
    command = [sys.executable, str(Path(__file__).resolve()), "--one", str(n),
               "--queries", str(args.queries), "--seed", str(args.seed)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    return json.loads(lines[-1])


COLUMNS = (("N", "n_requested"), ("docs", "documents"), ("chunks", "chunks"),
           ("texts embedded/chunk", "embedded_per_chunk"), ("ingest s", "ingest_s"), ("ingest chunks/s", "ingest_chunks_per_s"),
           ("embedder passages/s", "embed_passages_per_s"), ("ingest/embedder", "ingest_vs_embedder"),
           ("embed share of ingest", "embed_share_of_ingest"), ("query p50 ms", "query_p50_ms"),
           ("query p95 ms", "query_p95_ms"), ("retrieve p50 ms", "retrieve_p50_ms"),
           ("keyword rebuild s", "keyword_rebuild_s"),
           ("index MiB", "index_mib"), ("peak RSS MiB", "peak_rss_mib"))


def table(rows: list[dict]) -> str:
    """The results as a Markdown table, one row per size."""
    lines = ["| " + " | ".join(name for name, _ in COLUMNS) + " |", "|---" * len(COLUMNS) + "|"]
    lines += ["| " + " | ".join(str(row[key]) for _, key in COLUMNS) + " |" for row in rows]
    return "\n".join(lines)


def _ratio(a: dict, b: dict, key: str, per_chunk: bool = False) -> float:
    x, y = float(a[key]), float(b[key])
    if per_chunk:
        x, y = x / a["chunks"], y / b["chunks"]
    return y / x if x else math.nan


def growth(rows: list[dict]) -> list[str]:
    """How cost grows between consecutive sizes, as ratios (×1.0 is flat, ×chunks is linear)."""
    out = []
    for a, b in zip(rows, rows[1:]):
        out.append(
            f"growth {a['chunks']} -> {b['chunks']} chunks (x{b['chunks'] / a['chunks']:.1f}): "
            f"ingest s/chunk x{_ratio(a, b, 'ingest_s', True):.2f}, "
            f"query p50 x{_ratio(a, b, 'query_p50_ms'):.2f}, "
            f"index size x{_ratio(a, b, 'index_mib'):.2f}, "
            f"peak RSS x{_ratio(a, b, 'peak_rss_mib'):.2f}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="chunks per run")
    parser.add_argument("--queries", type=int, default=50, help="timed asks per size")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="also print the rows as a JSON list")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child: one size, one JSON line
    args = parser.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one, args.queries, args.seed)), flush=True)
        return
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    print(f"scale benchmark {started}: sizes={args.sizes} queries={args.queries} seed={args.seed} "
          f"python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.platform()}",
          flush=True)
    rows = []
    for n in args.sizes:
        rows.append(_run_child(n, args))
        print(f"  done N={n}: {rows[-1]['ingest_s']} s ingest", file=sys.stderr, flush=True)
    print(table(rows))
    for line in growth(rows):
        print(line)
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
