"""Shared fixtures: a real index of the seeds, scratch corpora, a real llama-server."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

import pytest

from rag import Assistant

from .faults import free_port

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DOC = "salon-2026-02-23-el-mencho.md"
LOCAL_MODEL = "smollm2"

# Tests choose their answer mode explicitly; a developer's key or server must not leak in.
for _var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "RAG_ANSWER_MODE", "RAG_LLM_MODEL"):
    os.environ.pop(_var, None)


def local_llm() -> ModuleType:
    """``scripts/local_llm.py``, which builds and starts llama-server."""
    spec = importlib.util.spec_from_file_location("local_llm", ROOT / "scripts" / "local_llm.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


# Three tiers (`make test` runs all of them):
# - unit: tests/unit/, pure functions and the answer policy on hand-made inputs (`make test-unit`);
# - integration: a real index of the seeds, the real embedder (everything else);
# - system: real processes killed mid-write, damaged index files, a Chroma server, a browser,
#   a model server (`make test-quick` leaves them out).
_SYSTEM_MODULES = {"test_crash.py", "test_server.py", "test_browser.py", "test_damage.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    needs_model = {item.path for item in items if "llm_server" in getattr(item, "fixturenames", ())}
    for item in items:
        if item.path.name in _SYSTEM_MODULES or "llm_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.system)
        elif item.get_closest_marker("unit") is None:
            item.add_marker(pytest.mark.integration)
    # Modules that need the model server run last (whole, so module fixtures are set up once):
    # `make test` builds the server in the background while the rest runs.
    items.sort(key=lambda item: item.path in needs_model)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """An assistant over a fresh index of ``seeds/`` (read-only for tests)."""
    index = tmp_path_factory.mktemp("seed-index")
    assistant = Assistant.open(index_dir=index)
    assistant.ingest([SEEDS])
    return assistant


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A scratch corpus folder holding a copy of the seed article."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS / SEED_DOC, folder / SEED_DOC)
    return folder


@pytest.fixture()
def fresh(tmp_path: Path) -> Assistant:
    """An assistant over an empty index of its own."""
    return Assistant.open(index_dir=tmp_path / "index")


@pytest.fixture(scope="session")
def llm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The /v1 URL of a real llama-server running SmolLM2-135M on a free loopback port.

    Skipped when the server or weights are not built (``python3 scripts/local_llm.py
    build``); with ``RAG_REQUIRE_LLM=1`` (set by CI) that is a failure instead.
    """
    tool = local_llm()
    binary = tool.cached_server() or tool.wait_for_build()  # `make test` may be building it now
    weights = tool.cached_weights(LOCAL_MODEL)
    if binary is None or weights is None:
        message = ("llama-server or SmolLM2 weights missing (`make test` logs its build in "
                   ".llama-build.log): run `python3 scripts/local_llm.py build` and "
                   f"`python3 scripts/local_llm.py weights {LOCAL_MODEL}`")
        if os.environ.get("RAG_REQUIRE_LLM") == "1":
            pytest.fail(message)
        pytest.skip(message)
    log = tmp_path_factory.mktemp("llama") / "server.log"
    server = tool.LocalServer(binary, weights, free_port()).start(log=log)
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def generative(seeded: Assistant, llm_server: str) -> Callable[..., Assistant]:
    """Make an assistant over the seed index that answers through a model server."""

    def make(base_url: str = llm_server, **settings: Any) -> Assistant:
        # Short prompts and replies: these tests check the rules every answer obeys, not how
        # well a 135M model writes, and a 2,000-token prompt costs ~15 s on 2 cores.
        settings = {"answer_mode": "llm", "llm_answer": "write", "llm_model": LOCAL_MODEL, "llm_timeout": 60.0,
                    "context_tokens": 800, "llm_max_tokens": 120, **settings}
        return Assistant.open(index_dir=seeded.store.index_dir, create=False,
                              embedder=seeded.embedder, llm_base_url=base_url, **settings)

    return make
