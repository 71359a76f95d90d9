"""Shared fixtures: a real index of the seeds (built once per session) and scratch corpora."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rag import Assistant

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_DOC = "salon-2026-02-23-el-mencho.md"


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
