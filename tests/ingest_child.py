"""A crash test's child: one real ingest that SIGKILLs itself just before its Nth index write.

Usage: `python tests/ingest_child.py INDEX CORPUS KILL_AT` (KILL_AT 0: never; prints the
number of writes it made). Writes are Chroma add/upsert/delete calls and keyword-index saves.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any, Callable

from chromadb.api.models.Collection import Collection

from rag import Assistant
from rag.keywords import BM25Index

_writes = 0


def _counted(method: Callable[..., Any], kill_at: int) -> Callable[..., Any]:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        global _writes
        _writes += 1
        if _writes == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return method(*args, **kwargs)
    return wrapped


def main(index: str, corpus: str, kill_at: int) -> None:
    for name in ("add", "upsert", "delete", "update"):
        setattr(Collection, name, _counted(getattr(Collection, name), kill_at))
    BM25Index.save = _counted(BM25Index.save, kill_at)  # type: ignore[method-assign]
    assistant = Assistant.open(index_dir=index)
    assistant.ingest([corpus], progress=False)
    print(_writes)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
