"""Load a corpus of .md, .txt, .html and .pdf files into plain-text documents."""

from __future__ import annotations

import codecs
import contextlib
import datetime
import functools
import hashlib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import yaml

log = logging.getLogger(__name__)

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm", ".pdf")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Document:
    """One source document as plain text, with its metadata.

    ``doc_id`` is unique in an index (see :func:`load_corpus`); ``path`` is the resolved file
    it was read from, its identity; offsets everywhere refer to ``text``.
    """

    doc_id: str
    text: str
    title: str
    outlet: str = ""
    date: str = ""
    url: str = ""
    path: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    author: str = ""

    @functools.cached_property  # asked once per chunk: a 20 MB text must not be hashed 25,000 times
    def content_hash(self) -> str:
        """sha256 of the text and metadata: any change to either re-ingests the document."""
        fields = (self.title, self.outlet, self.date, self.url) + ((self.author,) if self.author else ())
        meta = "\x1f".join(fields)  # no author, no field: hashes from before authors stay valid
        return hashlib.sha256(f"{meta}\x1e{self.text}".encode("utf-8")).hexdigest()

    @property
    def source(self) -> str:
        """Where a reader can check it: the URL, else the file path."""
        return self.url or self.path


@dataclass
class LoadReport:
    """What a corpus load found: the documents and the files it skipped, with reasons."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32 LE first


def _bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def decode(data: bytes, name: str = "") -> str:
    """Decode bytes: UTF-16/32 by their BOM, else UTF-8 (with or without BOM), falling back to
    cp1252 / Latin-1."""
    if (encoding := _bom_encoding(data)) is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass  # a BOM-like start that is not one: decode as below
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding != "utf-8-sig":
            log.warning("%s: not UTF-8, decoded as %s", name or "input", encoding)
        return text
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


def _looks_binary(data: bytes) -> bool:
    return _bom_encoding(data) is None and b"\x00" in data[:8192]


def _clean(text: str) -> str:
    """Normalise line ends; keep everything else so offsets stay meaningful."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


class _StringDates(yaml.SafeLoader):
    """SafeLoader that keeps dates as written: ``2026-13-45`` must not fail the whole file."""


_StringDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _is_date(value: str) -> bool:
    """A real calendar date (``YYYY-MM-DD``, a time may follow): what ``date`` must hold."""
    try:
        datetime.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return False
    return True


def _front_matter(text: str, name: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    body = text[match.end() :]
    try:
        meta = yaml.load(match.group(1), Loader=_StringDates)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        log.warning("%s: malformed front matter ignored (%s)", name, str(exc).splitlines()[0])
        return {}, body
    if not isinstance(meta, dict):
        log.warning("%s: front matter is not a mapping; ignored", name)
        return {}, body
    fields = {str(k).lower(): "" if v is None else str(v) for k, v in meta.items()}
    if fields.get("date") and not _is_date(fields["date"]):
        log.warning("%s: front matter date %r is not a date (YYYY-MM-DD); dropped", name, fields["date"])
        del fields["date"]
    return fields, body


def _read_markdown(data: bytes, name: str) -> tuple[dict[str, str], str]:
    return _front_matter(decode(data, name), name)


def _read_text(data: bytes, name: str) -> tuple[dict[str, str], str]:
    return {}, decode(data, name)


class _Named(logging.Handler):
    """Pass a library's log lines on as ours, naming the file being read (pypdf's name none)."""

    def __init__(self, name: str, level: int):
        super().__init__(level)
        self.file = name

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, "%s: %s", self.file, record.getMessage())


@contextlib.contextmanager
def _named_logs(library: str, name: str, level: int = logging.WARNING) -> Iterator[None]:
    """While reading ``name``, a library's log lines at ``level`` or above come out as ours."""
    library_log, named = logging.getLogger(library), _Named(name, level)
    library_log.addHandler(named)
    propagate, library_log.propagate = library_log.propagate, False
    try:
        yield
    finally:
        library_log.removeHandler(named)
        library_log.propagate = propagate


def _read_html(data: bytes, name: str) -> tuple[dict[str, str], str]:
    from rag.html import read_html

    with _named_logs("trafilatura", name, logging.ERROR):  # its warnings repeat ours
        return read_html(decode(data, name), name)


def _read_pdf(data: bytes, name: str) -> tuple[dict[str, str], str]:
    import io

    from pypdf import PdfReader

    with _named_logs("pypdf", name):
        reader = PdfReader(io.BytesIO(data))
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        meta = {}
        if reader.metadata and reader.metadata.title:
            meta["title"] = str(reader.metadata.title)
    return meta, "\n\n".join(p for p in pages if p)


_READERS: dict[str, Callable[[bytes, str], tuple[dict[str, str], str]]] = {
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".txt": _read_text,
    ".html": _read_html,
    ".htm": _read_html,
    ".pdf": _read_pdf,
}


def _title_from(path: Path) -> str:
    return path.stem.replace("-", " ").replace("_", " ").strip() or path.name


def load_file(path: Path, doc_id: str) -> Document:
    """Read one file into a :class:`Document`; raises ``ValueError`` for unusable files."""
    return load_bytes(path.read_bytes(), path.suffix.lower(), doc_id, str(path.resolve()),
                      title=_title_from(path), what="file")


def _document(doc_id: str, text: str, meta: dict[str, str], title: str, path: str) -> Document:
    """A :class:`Document` from a reader's metadata (``title`` when it has none)."""
    known = {"title", "outlet", "date", "url", "author"}
    return Document(
        doc_id=doc_id, text=text, title=meta.get("title") or title,
        outlet=meta.get("outlet") or meta.get("source", ""), date=meta.get("date", ""),
        url=meta.get("url", ""), path=path, author=meta.get("author", ""),
        extra={k: v for k, v in meta.items() if k not in known},
    )


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root`` (or ``root`` itself), hidden ones left out; a link to a file
    outside ``root`` is not followed (it would index whatever it points at)."""
    if root.is_file():
        yield root
        return
    inside = root.resolve()
    for path in sorted(root.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.is_symlink() and inside not in path.resolve().parents:
            log.warning("skipped %s: a link to a file outside %s (not followed)", path, root)
            continue
        yield path


def load_corpus(paths: Iterable[str | Path]) -> LoadReport:
    """Load every supported file under ``paths``, each file once however it was named.

    A document's proposed id is its path relative to the given folder (the file name for a
    file given directly); :class:`~rag.ingest.Ingestor` keeps ids unique across folders.
    ``Document.path`` is the resolved absolute path: the file's identity.

    Example::

        load_corpus(["seeds"]).documents[0].doc_id  # 'salon-2026-02-23-el-mencho.md'
    """
    report = LoadReport()
    seen: set[Path] = set()
    for given in paths:
        root = Path(given)
        if not root.exists():
            raise FileNotFoundError(f"no such file or folder: {root}")
        base = root.parent if root.is_file() else root
        for path in _walk(root):
            doc_id = path.relative_to(base).as_posix()
            if path.suffix.lower() not in SUFFIXES:
                if root.is_file():
                    report.skipped.append((doc_id, f"unsupported type {path.suffix or '(none)'}"))
                continue
            resolved = path.resolve()
            if resolved in seen:
                continue  # the same file through another given path: one document
            try:
                report.documents.append(load_file(path, doc_id))
                seen.add(resolved)
            except (ValueError, OSError) as exc:
                log.warning("skipped %s: %s", path, exc)
                report.skipped.append((doc_id, str(exc)))
    return report


def load_bytes(data: bytes, suffix: str, doc_id: str, source: str, title: str = "",
               what: str = "content") -> Document:
    """Read bytes (a file's, a download's) as a file ending in ``suffix``; ``source`` (the
    resolved path, or a URL) is the document's ``path``, its identity, and names it when
    neither its metadata nor ``title`` does. Raises ``ValueError`` for unusable ``what``."""
    if not data.strip():
        raise ValueError(f"empty {what}")
    if suffix != ".pdf" and _looks_binary(data):
        raise ValueError("binary content, not text")
    try:
        meta, body = _READERS[suffix](data, doc_id)
    except Exception as exc:  # a broken PDF or HTML must not stop the rest of the batch
        raise ValueError(f"unreadable {suffix} {what}: {exc}") from exc
    text = _clean(body)
    if not text:
        raise ValueError("no text found")
    return _document(doc_id, text, meta, title or _title_from(Path(source.rstrip("/"))), source)
