"""Cold start: `rag ask` in a fresh process against stock llama-index retrieval, and `rag serve`.

Run: `python benchmarks/cold_start.py [--runs 5]` (`make bench-start`). Both sides index
``seeds/`` with the same embedder; each run is a new Python process, the two alternate, and
medians are printed (the machine is noisy: compare the ratio). The llama-index side is what
its docs show: ``VectorStoreIndex.from_vector_store(ChromaVectorStore(...)).as_retriever(
similarity_top_k=5).retrieve(q)``, with the MiniLM embedder wrapped as a ``BaseEmbedding``.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTION = "How many National Guard members were killed?"
RAG = [sys.executable, "-m", "ui.cli"]

STOCK = """
import sys
import chromadb
from chromadb.config import Settings
from llama_index.core import VectorStoreIndex
from llama_index.vector_stores.chroma import ChromaVectorStore
from rag.embeddings import MiniLMEmbedding
from rag.llama_embedding import as_llama_index

client = chromadb.PersistentClient(path=sys.argv[1], settings=Settings(anonymized_telemetry=False))
store = ChromaVectorStore(chroma_collection=client.get_collection("baseline"))
index = VectorStoreIndex.from_vector_store(store, embed_model=as_llama_index(MiniLMEmbedding()))
nodes = index.as_retriever(similarity_top_k=5).retrieve(sys.argv[2])
print(nodes[0].node.get_content()[:60])
"""


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)
    return time.perf_counter() - started


def _build(tmp: Path, env: dict[str, str]) -> Path:
    """This project's index (`rag ingest seeds`) and the stock one, in ``tmp``."""
    subprocess.run([*RAG, "ingest", "seeds", "-q"], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    from benchmarks.baseline import _baseline_index
    from rag.embeddings import MiniLMEmbedding

    chroma = tmp / "stock"
    _baseline_index(ROOT / "seeds", chroma, MiniLMEmbedding())
    return chroma


def _serve_ready(env: dict[str, str]) -> float:
    """Seconds from starting `rag serve` to its first HTTP 200."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    server = subprocess.Popen([*RAG, "serve", "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as reply:
                    if reply.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(0.05)
        raise SystemExit("rag serve did not answer within 120 s")
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        env = {**os.environ, "RAG_INDEX_DIR": str(tmp / "index"), "ANONYMIZED_TELEMETRY": "False"}
        env["PYTHONPATH"] = str(ROOT)
        chroma = _build(tmp, env)
        ours, stock, serve = [], [], []
        for _ in range(args.runs):
            ours.append(_timed([*RAG, "ask", QUESTION], env))
            stock.append(_timed([sys.executable, "-c", STOCK, str(chroma), QUESTION], env))
        for _ in range(max(1, args.runs // 2)):
            serve.append(_serve_ready(env))
    rag_s, stock_s = statistics.median(ours), statistics.median(stock)
    print(f"| cold start, seed index, medians of {args.runs} alternating fresh processes | seconds |")
    print("|---|---|")
    print(f"| `rag ask` (extractive answer with citations) | {rag_s:.2f} |")
    print(f"| stock llama-index: from_vector_store + as_retriever(top 5).retrieve | {stock_s:.2f} |")
    print(f"| ratio rag / stock | {rag_s / stock_s:.2f} |")
    print(f"| `rag serve` until its page answers HTTP 200 (median of {len(serve)}) | "
          f"{statistics.median(serve):.2f} |")


if __name__ == "__main__":
    main()
