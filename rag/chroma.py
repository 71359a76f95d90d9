"""Chroma clients: embedded or a server, with bounded waits and one clear error when it is down."""

from __future__ import annotations

import functools
import shutil
import struct
import time
from pathlib import Path
from typing import Any, Callable, TypeVar
from urllib.parse import urlsplit

from rag.text import url_host

_HTTP_TIMEOUT = 10.0  # seconds; chromadb's HTTP client waits forever by default

T = TypeVar("T")


class IndexUnavailable(RuntimeError):
    """The index is missing, from another embedder, unreadable, or its server is down."""


class EmbedderMismatch(IndexUnavailable):
    """The index was built with a different embedder than the one asked for."""


def server_errors(method: Callable[..., T]) -> Callable[..., T]:
    """Turn a dead, failing or reset Chroma server into one clear :class:`IndexUnavailable`."""
    @functools.wraps(method)
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except IndexUnavailable:
            raise
        except Exception as exc:  # httpx, chromadb and OS errors alike
            if self.chroma_url is None:
                damage = _damage(exc, self.where)
                if damage is None:
                    raise
                raise damage from exc
            if not _is_server_fault(exc):
                raise
            what = "is not answering" if _is_connection_error(exc) else "failed"
            raise IndexUnavailable(f"the Chroma server at {self.where} {what} "
                                   f"({type(exc).__name__}: {str(exc)[:120]})") from exc
    return wrapped


def _damage(exc: Exception, where: str) -> IndexUnavailable | None:
    """An embedded Chroma that cannot read its own files, as one line saying what to do."""
    import sqlite3

    from chromadb import errors

    if not isinstance(exc, (errors.ChromaError, sqlite3.DatabaseError)):
        return None
    detail = f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}" if str(exc) else type(exc).__name__
    if any(sign in str(exc).lower() for sign in ("malformed", "not a database", "disk image")):
        return IndexUnavailable(f"the index database at {where} is damaged ({detail}): move the folder "
                                "away and rebuild it with `rag ingest PATHS`")
    if isinstance(exc, errors.InternalError):  # e.g. a vector segment that lost records
        return IndexUnavailable(f"the index at {where} is damaged ({detail}): repair it with "
                                "`rag doctor --repair`")
    return IndexUnavailable(f"the index at {where} could not be read ({detail}); "
                            "`rag doctor` checks it")


def torn_vectors(chroma_dir: Path, collection_id: str, dimension: int) -> str | None:
    """What is wrong with a collection's vector files on disk (one emptied, cut short or
    missing), else None; also None when they are not written yet (Chroma keeps small
    collections in its log) or are laid out as this check does not know.

    Chroma's HNSW reader trusts these files: one that is cut short leaves it reading memory
    it never filled, which can crash the whole process (SIGSEGV) rather than raise. So their
    sizes are checked against the element count in ``header.bin`` before it loads them. A
    file another process is writing can look cut short for a few milliseconds: a problem
    must persist over ``_TORN_LOOKS`` looks to count.
    """
    folders = vector_folders(chroma_dir, collection_id)
    for look in range(_TORN_LOOKS):
        found = [p for p in (_torn_segment(folder, dimension) for folder in folders) if p]
        if not found:
            return None
        if look + 1 < _TORN_LOOKS:
            time.sleep(_TORN_PAUSE)
    return found[0]


def torn_error(where: str, damage: str) -> IndexUnavailable:
    """The one-line error for torn vector files (see :func:`torn_vectors`)."""
    return IndexUnavailable(f"the index at {where} is damaged (its vector file {damage}): "
                            "repair it with `rag doctor --repair`")


def vector_folders(chroma_dir: Path, collection_id: str) -> list[Path]:
    """The folders of an embedded collection's vector segments (named by segment id in
    Chroma's own tables); empty when those tables are laid out otherwise."""
    import sqlite3

    try:
        db = sqlite3.connect(f"file:{chroma_dir / 'chroma.sqlite3'}?mode=ro", uri=True)
        try:
            rows = db.execute("select id from segments where collection = ? and scope = 'VECTOR'",
                              (collection_id,)).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return []
    return [chroma_dir / str(row[0]) for row in rows]


def drop_vector_folders(chroma_dir: Path, collection_id: str) -> None:
    """Remove an embedded collection's vector segment folders (Chroma copes with a segment
    that is gone, not with one cut short)."""
    for folder in vector_folders(chroma_dir, collection_id):
        shutil.rmtree(folder, ignore_errors=True)


_TORN_LOOKS, _TORN_PAUSE = 3, 0.2  # looks at the files, seconds between them
_HNSW_FILES = ("header.bin", "data_level0.bin", "length.bin", "link_lists.bin")
# header.bin of Chroma's hnswlib, format 1: version, offsetLevel0, max_elements,
# cur_element_count, size_data_per_element, ... (100 bytes in all)
_HEADER = struct.Struct("<iQQQQ")
_HEADER_SIZE, _HEADER_VERSION = 100, 1


def _torn_segment(folder: Path, dimension: int) -> str | None:
    sizes = {}
    for name in _HNSW_FILES:
        try:
            sizes[name] = (folder / name).stat().st_size
        except OSError:
            pass
    if not sizes:
        return None  # never written, or removed whole: Chroma itself copes (fewer hits)
    if missing := [name for name in _HNSW_FILES if name not in sizes]:
        return f"{missing[0]} is missing"
    try:
        header = (folder / "header.bin").read_bytes()[:_HEADER_SIZE + 1]
    except OSError:
        return "header.bin is unreadable"
    if len(header) < _HEADER.size:
        return "header.bin is cut short"
    version, _, most, count, per_element = _HEADER.unpack_from(header)
    if version != _HEADER_VERSION:
        return None  # another Chroma's layout: not checked
    if len(header) != _HEADER_SIZE:  # longer: a layout this check does not know
        return "header.bin is cut short" if len(header) < _HEADER_SIZE else None
    if count > most or per_element < 4 * dimension:
        return "header.bin is damaged"
    needed = {"data_level0.bin": count * per_element, "length.bin": count * 4, "link_lists.bin": count * 4}
    short = [name for name, size in needed.items() if sizes[name] < size]
    return f"{short[0]} is cut short" if short else None


def _is_connection_error(exc: BaseException) -> bool:
    import httpx

    return isinstance(exc, (httpx.TransportError, ConnectionError, TimeoutError)) or (
        "Could not connect" in str(exc) or "connect" in type(exc).__name__.lower())


def _is_server_fault(exc: BaseException) -> bool:
    """A fault of the server or the network, not of this program's request."""
    import httpx
    from chromadb import errors

    server_side = (errors.InternalError, errors.NotFoundError, errors.RateLimitError,
                   errors.ChromaAuthError, errors.AuthorizationError, errors.VersionMismatchError)
    # chromadb raises a bare Exception(body) for an HTTP error without a Chroma error body (a proxy's 502).
    return (_is_connection_error(exc) or isinstance(exc, (httpx.HTTPError, *server_side))
            or type(exc) is Exception)


def _import_chromadb() -> Any:
    """``import chromadb``, about 0.4 s faster than plain on 2 cores (a third of `rag ask`'s margin).

    chromadb decorates ~150 methods with ``overrides.override``, which checks each signature
    against its base class while the module loads. The check raises or does nothing; it never
    changes behaviour. During this one import the decorator only marks the method (what
    ``EnforceOverrides`` looks for); afterwards the library's own decorator is back.
    """
    import sys

    if "chromadb" in sys.modules:
        return sys.modules["chromadb"]
    try:
        import overrides
    except ImportError:  # a chromadb that no longer uses it
        import chromadb

        return chromadb

    def mark(method: Any = None, **_: Any) -> Any:
        def marked(function: Any) -> Any:
            function.__override__ = True
            return function
        return marked if method is None else marked(method)

    saved = overrides.override, overrides.overrides
    overrides.override = overrides.overrides = mark
    try:
        import chromadb
    finally:
        overrides.override, overrides.overrides = saved
    return chromadb


def open_client(chroma_url: str | None, path: Path) -> Any:
    """A Chroma client: the server at ``chroma_url``, else embedded in ``path``; telemetry off."""
    chromadb = _import_chromadb()
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url is None:
        return chromadb.PersistentClient(path=str(path), settings=settings)
    return http_client(chroma_url, settings)


# Text, document and state records are written a few at a time and never searched. Chroma keeps
# a collection's writes in its log until the vector segment syncs (1,000 records by default)
# and every write re-reads that log: a 20 MB document's ~150 parts cost quadratic time and
# ~900 MB. Syncing every 2 records keeps the log short (that commit: 179 s -> 14 s).
RECORDS_HNSW = {"batch_size": 2, "sync_threshold": 2}


def record_collections(client: Any, names: list[str], upgrade: bool) -> list[Any]:
    """Collections of records fetched by id, with a short write log (see RECORDS_HNSW); with
    ``upgrade``, ones made by earlier versions are switched to it."""
    collections = [client.get_or_create_collection(
        name, embedding_function=None, configuration={"hnsw": dict(RECORDS_HNSW)}) for name in names]
    for collection in collections if upgrade else []:
        hnsw = (collection.configuration or {}).get("hnsw")
        if hnsw and hnsw.get("sync_threshold", 1000) > RECORDS_HNSW["sync_threshold"]:
            # A Chroma server keeps the old setting for a loaded collection until it restarts.
            collection.modify(configuration={"hnsw": dict(RECORDS_HNSW)})
    return collections


def host_port(url: str) -> str:
    """``host:port`` of a URL (never its path or credentials), for messages."""
    return url_host(url, 443 if url.startswith("https:") else 8000)


def http_client(url: str, settings: Any) -> Any:
    """A Chroma HTTP client whose requests give up after ``_HTTP_TIMEOUT`` seconds."""
    import httpx

    chromadb = _import_chromadb()

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise IndexUnavailable(f"the Chroma URL must look like http://host:port, not {url!r}")
    # Probe first with a bounded request: the client's own first request has no timeout.
    probe = f"{parts.scheme}://{parts.netloc}/api/v2/heartbeat"
    try:
        response = httpx.get(probe, timeout=httpx.Timeout(_HTTP_TIMEOUT, connect=3.0))
    except httpx.HTTPError as exc:
        raise IndexUnavailable(f"no Chroma server answers at {host_port(url)} "
                               f"({type(exc).__name__}); start one with `chroma run --path DIR "
                               f"--host {parts.hostname} --port {parts.port or 8000}`") from None
    if response.status_code != 200 or "heartbeat" not in response.text:
        raise IndexUnavailable(f"{host_port(url)} answers, but not as a Chroma server "
                               f"(HTTP {response.status_code} from /api/v2/heartbeat)")
    client = chromadb.HttpClient(host=parts.hostname, port=parts.port or 8000,
                                 ssl=parts.scheme == "https", settings=settings)
    # chromadb builds its httpx session with timeout=None (wait forever): bound it instead.
    client._server._session.timeout = httpx.Timeout(_HTTP_TIMEOUT, connect=3.0)  # type: ignore[attr-defined]
    return client
