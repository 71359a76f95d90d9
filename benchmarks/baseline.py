"""This project vs a stock llama-index pipeline, same questions: `python benchmarks/baseline.py [--rgb] [-k 5] [--base-url URL --model NAME]`."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from rag import Assistant  # noqa: E402
from rag.embeddings import MiniLMEmbedding  # noqa: E402
from rag.llama_embedding import as_llama_index  # noqa: E402
from rag.evaluate import Item, evaluate, evidence_rank, load_items, ratio, states_answer  # noqa: E402

QUESTIONS = ROOT / "benchmarks" / "data" / "seed_qa.jsonl"
CORPUS = ROOT / "seeds"
COLUMNS = ("questions", "hit@k", "MRR", "answer accuracy", "latency p50 ms", "latency p95 ms")

# One question through one system: the passages it ranked (best first) and its answer text
# (None when the system only retrieves).
Run = Callable[[str], tuple[list[str], str | None]]


@dataclass
class Row:
    """One system's line of the table."""

    system: str
    questions: int
    hit: float | None
    mrr: float | None
    accuracy: float | None
    p50: float
    p95: float

    def cells(self) -> list[str]:
        values = (self.questions, self.hit, self.mrr, self.accuracy, self.p50, self.p95)
        return ["-" if v is None else str(v) for v in values]


def _measure(system: str, items: Sequence[Item], run: Run) -> Row:
    """Time ``run`` on every question; hit@k and MRR (and accuracy) over answerable ones."""
    ranks: list[int | None] = []
    correct: list[bool] = []
    latencies: list[float] = []
    for item in items:
        started = time.perf_counter()
        texts, answer = run(item.question)
        latencies.append((time.perf_counter() - started) * 1e3)
        if item.answerable:
            ranks.append(evidence_rank(item, texts))
            if answer is not None:
                correct.append(states_answer(item, answer))
    return Row(system, len(items), ratio(sum(r is not None for r in ranks), len(ranks)),
               ratio(sum(1 / r for r in ranks if r), len(ranks)),
               ratio(sum(correct), len(correct)) if correct else None,
               round(float(np.percentile(latencies, 50)), 1),
               round(float(np.percentile(latencies, 95)), 1))


def _project_row(system: str, assistant: Assistant, items: Sequence[Item], k: int) -> tuple[Row, dict]:
    """This project through `rag.evaluate.evaluate` (latency = wall time of `ask`)."""
    report = evaluate(assistant, items, top_k=k)
    row = Row(system, len(report["questions"]), report["hit_at_k"], report["mrr"],
              report["answer_accuracy"], report["latency_ms_p50"], report["latency_ms_p95"])
    return row, report


def _timed(work: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _baseline_index(corpus: Path, chroma_dir: Path, embedder: MiniLMEmbedding) -> tuple[Any, float, int]:
    """The index as the llama-index docs build it, the seconds read + indexing took, its node count."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
    from llama_index.vector_stores.chroma import ChromaVectorStore

    client = chromadb.PersistentClient(path=str(chroma_dir),
                                       settings=ChromaSettings(anonymized_telemetry=False))
    collection = client.create_collection("baseline", embedding_function=None)  # never Chroma's own

    def build() -> Any:
        docs = SimpleDirectoryReader(str(corpus)).load_data()
        storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
        return VectorStoreIndex.from_documents(docs, storage_context=storage,
                                                embed_model=as_llama_index(embedder))

    index, seconds = _timed(build)
    return index, seconds, collection.count()


def _retrieval(retriever: Any) -> Run:
    return lambda q: ([n.node.get_content() for n in retriever.retrieve(q)], None)


def _check_server(base_url: str) -> None:
    """Fail fast, with a clear message, when nothing answers at ``base_url``."""
    try:
        with urllib.request.urlopen(base_url.rstrip("/") + "/models", timeout=5) as reply:
            reply.read()
    except urllib.error.HTTPError:
        return  # something answered; the model calls will say more
    except (OSError, ValueError) as exc:
        raise SystemExit(f"no OpenAI-compatible server answers at {base_url} ({exc}): "
                         "start one (`make local-llm`) or leave out --base-url") from None


def _citation_engine(index: Any, base_url: str, model: str, k: int) -> Any:
    """`CitationQueryEngine` over ``index`` with an OpenAI-compatible model (imported lazily)."""
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError:
        raise SystemExit("--base-url needs llama-index-llms-openai-like: "
                         ".venv/bin/pip install -e '.[bench]'") from None
    from llama_index.core.query_engine import CitationQueryEngine

    llm = OpenAILike(model=model, api_base=base_url, api_key="none", is_chat_model=True,
                     timeout=120, max_retries=0)
    return CitationQueryEngine.from_args(index, llm=llm, similarity_top_k=k)


def _answering(engine: Any) -> Run:
    def run(question: str) -> tuple[list[str], str | None]:
        try:
            response = engine.query(question)
        except Exception as exc:  # one clear line instead of a stack trace
            raise SystemExit(f"CitationQueryEngine failed on {question!r}: "
                             f"{type(exc).__name__}: {exc}") from None
        return [n.node.get_content() for n in response.source_nodes], str(response.response or "")
    return run


def _table(rows: Sequence[Row]) -> str:
    lines = ["| system | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    lines += [f"| {r.system} | " + " | ".join(r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def _speed(label: str, baseline: Row, project: Row) -> str:
    return f"{label} {baseline.p50 / project.p50:.2f}x"


def _inputs(args: argparse.Namespace, tmp: Path) -> tuple[Path, Path, str]:
    if not args.rgb:
        return args.corpus, args.questions, f"{args.questions.name} over {args.corpus}"
    from benchmarks import external

    if not external.RGB.exists():
        raise SystemExit(f"RGB data not found at {external.RGB} (set RAG_BENCH_DIR)")
    corpus, questions = external.rgb(tmp / "rgb")
    return corpus, questions, "RGB haystack (rgb_en_fact: all snippets in one corpus)"


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rgb", action="store_true", help="RGB haystack instead of --questions/--corpus")
    parser.add_argument("--split", help="only the questions of this split (e.g. heldout)")
    parser.add_argument("-k", type=int, default=5, help="passages per question (this project's top_k)")
    parser.add_argument("--base-url", help="OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1")
    parser.add_argument("--model", help="model name at --base-url")
    args = parser.parse_args()
    if bool(args.base_url) != bool(args.model):
        parser.error("--base-url and --model go together")
    if args.k < 1:
        parser.error("-k must be at least 1")
    return args


def main() -> None:
    args = _parse()
    from llama_index.core import Settings
    from llama_index.core.llms import MockLLM

    Settings.llm = MockLLM()  # never fall back to OpenAI: every model is passed explicitly
    if args.base_url:
        _check_server(args.base_url)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        corpus, questions, name = _inputs(args, tmp)
        items = load_items(questions, args.split)
        assistant = Assistant.open(index_dir=tmp / "project", answer_mode="extractive")
        embedder = assistant.embedder
        embedder.embed(["warm up"])  # the first inference is slow; neither ingest should pay it
        _, project_s = _timed(lambda: assistant.ingest([corpus], progress=False))
        index, baseline_s, nodes = _baseline_index(corpus, tmp / "baseline-chroma", embedder)
        k = args.k
        print(f"{name}: {len(items)} questions ({sum(i.answerable for i in items)} answerable), k={k}; "
              f"{assistant.store.count()} project chunks, {nodes} llama-index nodes\n", flush=True)
        project, _ = _project_row(f"this project (hybrid, top-{k}, extractive)", assistant, items, k)
        default = _measure("llama-index default retriever (top-2)", items, _retrieval(index.as_retriever()))
        top_k = _measure(f"llama-index retriever (top-{k})", items,
                         _retrieval(index.as_retriever(similarity_top_k=k)))
        rows = [project, default, top_k]
        speeds = [_speed("retriever top-2 / project", default, project),
                  _speed(f"retriever top-{k} / project", top_k, project)]
        notes = ["answer accuracy: only this project answers without a model; the stock pipeline "
                 "only retrieves (give --base-url and --model to compare CitationQueryEngine)"]
        if args.base_url:
            generated, report = _project_row(
                f"this project (top-{k}, llm:{args.model})",
                assistant.with_settings(answer_mode="llm", llm_answer="write", llm_base_url=args.base_url,
                                        llm_model=args.model), items, k)
            engine = _citation_engine(index, args.base_url, args.model, k)
            cited = _measure(f"llama-index CitationQueryEngine (top-{k}, {args.model})", items,
                             _answering(engine))
            rows += [generated, cited]
            speeds.append(_speed("CitationQueryEngine / project llm", cited, generated))
            fell_back = sum(r["mode"] == "extractive" for r in report["questions"])
            notes = [f"this project's llm row: {fell_back} of {len(items)} answers fell back to "
                     "extractive; answer accuracy counts answerable questions only, for both; "
                     "CitationQueryEngine ranks are over its re-split citation chunks (512 tokens)"]
        print(_table(rows))
        print(f"\nlatency ratio (baseline p50 / project p50): {'; '.join(speeds)}")
        print(f"ingest: this project {project_s:.1f} s (Assistant.ingest); llama-index "
              f"{baseline_s:.1f} s (SimpleDirectoryReader + VectorStoreIndex.from_documents)")
        print("\n".join(notes))


if __name__ == "__main__":
    main()
