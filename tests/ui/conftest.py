"""A launched app on a free loopback port, over the seeds plus a document full of markup."""

from __future__ import annotations

import shutil
from typing import Iterator

import pytest

from rag import Assistant

from ..conftest import SEED_DOC, SEEDS
from ..faults import free_port

EVIL = """---
title: Tapalpa <script>window.__pwned = 1</script> notes
outlet: Test <b>Outlet</b>
date: 2026-02-24
---

The mayor of Tapalpa said <script>window.__pwned = 1</script> that the <b>mountain roads</b> reopened on Monday morning.
"""


@pytest.fixture(scope="session")
def ui_assistant(tmp_path_factory: pytest.TempPathFactory, seeded: Assistant) -> Assistant:
    """The seed article and a document whose text and title hold HTML and a script."""
    corpus = tmp_path_factory.mktemp("ui-corpus")
    shutil.copy(SEEDS / SEED_DOC, corpus / SEED_DOC)
    (corpus / "tapalpa-markup.md").write_text(EVIL, encoding="utf-8")
    assistant = Assistant.open(index_dir=tmp_path_factory.mktemp("ui-index"),
                               embedder=seeded.embedder, answer_mode="extractive")
    assistant.ingest([corpus], progress=False)
    return assistant


@pytest.fixture(scope="session")
def app_url(ui_assistant: Assistant) -> Iterator[str]:
    from ui.app import launch

    demo, url = launch(ui_assistant, port=free_port(), block=False)
    yield url.rstrip("/")
    demo.close()
