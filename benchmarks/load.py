"""Load: concurrent conversations against the UI's /chat endpoint and the Python API.

Usage: `python benchmarks/load.py [--users 20] [--seconds 60] [--targets chat api]` (`make bench-load`).
Loopback only: the UI is started here, on 127.0.0.1, over a fresh index of seeds/ (extractive
answers). Each simulated user replays the dev-set conversations turn by turn, in order, for
the given time; requests are bounded by the time (no turn starts after it) and the user count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from rag import Assistant  # noqa: E402
from rag.conversation import Conversation  # noqa: E402
from rag.evaluate import load_conversations  # noqa: E402

CONVERSATIONS = ROOT / "benchmarks" / "data" / "seed_conversations.jsonl"
# One simulated user's session: ask(question, conversation id or "") -> the conversation id.
Session = Callable[[str, str], str]


def _scripts() -> list[list[str]]:
    return [[turn.question for turn in turns] for _, turns in load_conversations(CONVERSATIONS)]


def _user(number: int, session: Session, deadline: float, latencies: list[float],
          errors: list[str], lock: threading.Lock) -> None:
    """Replay conversations (a different one first for each user) until the deadline."""
    scripts = _scripts()
    turn = 0
    while time.monotonic() < deadline:
        conversation = ""
        for question in scripts[(number + turn) % len(scripts)]:
            if time.monotonic() >= deadline:
                return
            started = time.perf_counter()
            try:
                conversation = session(question, conversation)
                elapsed = (time.perf_counter() - started) * 1e3
                with lock:
                    latencies.append(elapsed)
            except Exception as exc:  # counted and reported, never hidden
                with lock:
                    errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
        turn += 1


def drive(make_session: Callable[[], Session], users: int, seconds: float) -> dict[str, float]:
    """Run ``users`` concurrent users for ``seconds``; throughput, latency percentiles, errors."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    sessions = [make_session() for _ in range(users)]
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    threads = [threading.Thread(target=_user, args=(i, s, deadline, latencies, errors, lock))
               for i, s in enumerate(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    values = np.array(latencies or [0.0], dtype=np.float64)
    if errors:
        print(f"  {len(errors)} errors, first: {errors[0]}", file=sys.stderr)
    return {"turns": len(latencies), "turns_per_s": round(len(latencies) / wall, 1),
            "p50_ms": round(float(np.percentile(values, 50)), 1),
            "p95_ms": round(float(np.percentile(values, 95)), 1),
            "p99_ms": round(float(np.percentile(values, 99)), 1),
            "errors": len(errors), "wall_s": round(wall, 1)}


def _api_session(assistant: Assistant) -> Callable[[], Session]:
    def make() -> Session:
        current: dict[str, Conversation] = {}

        def ask(question: str, conversation_id: str) -> str:
            if not conversation_id:  # a new conversation
                current["conversation"] = assistant.conversation()
            current["conversation"].ask(question)
            return "same"
        return ask
    return make


def _chat_session(url: str) -> Callable[[], Session]:
    """Gradio's HTTP API as curl users call it: POST the call, then read its event stream.

    (gradio_client adds about 60 ms per call on the client side here, which would measure
    the client library rather than the server.)
    """
    import httpx

    def make() -> Session:
        client = httpx.Client(base_url=url, timeout=60)

        def ask(question: str, conversation_id: str) -> str:
            call = client.post("/gradio_api/call/chat", json={"data": [question, 0, "", conversation_id]})
            call.raise_for_status()
            with client.stream("GET", f"/gradio_api/call/chat/{call.json()['event_id']}") as events:
                kind = ""
                for line in events.iter_lines():
                    if line.startswith("event:"):
                        kind = line[6:].strip()
                    elif line.startswith("data:") and kind == "complete":
                        return str(json.loads(line[5:])[0]["conversation_id"])
                    elif kind == "error":
                        raise RuntimeError(f"/chat failed: {line[:200]}")
            raise RuntimeError("/chat ended without an answer")
        return ask
    return make


def _serve(index: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "RAG_INDEX_DIR": str(index), "RAG_ANSWER_MODE": "extractive"}
    server = subprocess.Popen([sys.executable, "-m", "ui.cli", "serve", "--port", str(port)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(240):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the UI did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--targets", nargs="+", choices=["chat", "api"], default=["chat", "api"])
    parser.add_argument("--port", type=int, default=7871)
    args = parser.parse_args()
    if not (1 <= args.users <= 200 and 1 <= args.seconds <= 600):
        raise SystemExit("--users must be 1..200 and --seconds 1..600")
    with tempfile.TemporaryDirectory() as tmp:
        assistant = Assistant.open(index_dir=tmp, answer_mode="extractive")
        assistant.ingest([ROOT / "seeds"], progress=False)
        print(f"{args.users} users, {args.seconds:.0f} s each, extractive answers over seeds/, "
              f"{os.cpu_count()} CPUs")
        print("| target | turns | turns/s | p50 ms | p95 ms | p99 ms | errors |")
        print("|---|---|---|---|---|---|---|")
        for target in args.targets:
            server = _serve(Path(tmp), args.port) if target == "chat" else None
            try:
                make = (_chat_session(f"http://127.0.0.1:{args.port}") if server
                        else _api_session(assistant))
                r = drive(make, args.users, args.seconds)
            finally:
                if server:
                    server.terminate()
                    server.wait(timeout=30)
            name = "UI /chat (HTTP)" if target == "chat" else "Python API (threads)"
            print(f"| {name} | {r['turns']} | {r['turns_per_s']} | {r['p50_ms']} | {r['p95_ms']} | "
                  f"{r['p99_ms']} | {r['errors']} |", flush=True)


if __name__ == "__main__":
    main()
