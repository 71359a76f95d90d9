"""Fetch web pages, PDFs and text by URL into documents, read by the same readers as files."""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import time
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Iterable
from urllib.parse import urlsplit, urlunsplit

from rag.documents import SUFFIXES, Document, LoadReport, load_bytes

if TYPE_CHECKING:
    import httpx

    from rag.config import Config

log = logging.getLogger(__name__)

SCHEMES = ("http", "https")
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_INLINE_COMMENT = re.compile(r"\s+#.*$")
# Media type -> the reader (by file suffix) its bytes go through.
MEDIA_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
}
_UNTYPED = ("", "application/octet-stream", "binary/octet-stream")  # then the URL's suffix decides


class FetchError(ValueError):
    """A URL that gave no document; the message is the one-line reason."""


@dataclass(frozen=True)
class Fetched:
    """What a URL returned: its bytes, the reader suffix they need and the URL after redirects."""

    url: str
    final_url: str
    data: bytes
    suffix: str


def is_url(text: str) -> bool:
    """Whether ``text`` is meant as a URL (``scheme://...``), supported scheme or not.

    >>> is_url("https://example.com/a"), is_url("ftp://host/x"), is_url("news/a.md")
    (True, True, False)
    """
    return bool(_URL_LIKE.match(text.strip()))


def normalize_url(url: str) -> str:
    """The id a URL is indexed under: scheme and host lower-cased, no fragment, ``/`` for an
    empty path (the same page however it is written).

    >>> normalize_url(" HTTP://Example.COM#top ")
    'http://example.com/'
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket: kept as given, refused when fetched
        return url
    path = parts.path or ("/" if parts.netloc else "")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def check_url(url: str) -> None:
    """``FetchError`` unless ``url`` is an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise FetchError(f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(f"unsupported scheme {parts.scheme or '(none)'}: only http and https")
    if not host:
        raise FetchError("no host in the URL")
    if parts.username is not None or parts.password is not None:
        raise FetchError("a user name or password in the URL is not accepted (it would be shown as "
                         "the document's id)")


def _public_only(request: "httpx.Request") -> None:
    """Refuse a request (the first, or a redirect) to this machine or a private network:
    loopback, private, link-local (cloud metadata) and reserved addresses."""
    host = request.url.host.strip("[]")
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        raise FetchError("host not found (DNS lookup failed)") from None
    for address in addresses:
        if not _is_public(ipaddress.ip_address(address.split("%")[0])):
            raise FetchError(f"{host} is this machine or a private network ({address}); "
                             "set RAG_FETCH_PRIVATE=1 to allow it")


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A global address that carries no private IPv4 one inside (mapped, 6to4, NAT64)."""
    inner = []
    if isinstance(ip, ipaddress.IPv6Address):
        inner = [ip.ipv4_mapped, ip.sixtofour]
        if ip in _NAT64:
            inner.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return ip.is_global and all(i is None or i.is_global for i in inner)


def parse_url_list(text: str) -> list[str]:
    """The URLs of a ``--urls`` file: one a line; blank lines and ``#`` comments (whole lines,
    or after a space) ignored. ``ValueError`` naming the line for one that is not a URL.

    >>> parse_url_list("# news\\nhttps://a.example/x  # first\\n\\nhttp://b.example/")
    ['https://a.example/x', 'http://b.example/']
    """
    urls = []
    for number, line in enumerate(text.splitlines(), 1):
        line = _INLINE_COMMENT.sub("", line).strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise ValueError(f"line {number} is not a URL (expected http:// or https://...): {line[:80]}")
        urls.append(line)
    return urls


def reader_suffix(content_type: str, url: str) -> str:
    """The reader for a response: by its media type, or, for an untyped one, by the URL's
    suffix. ``FetchError`` for anything but HTML, PDF and text.

    >>> reader_suffix("text/html; charset=utf-8", "http://a/b"), reader_suffix("", "http://a/b.pdf")
    ('.html', '.pdf')
    """
    media = content_type.split(";", 1)[0].strip().lower()
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    if media == "text/plain" and suffix in (".md", ".markdown"):
        return ".md"  # served as text: read its front matter too
    if media in MEDIA_TYPES:
        return MEDIA_TYPES[media]
    if media in _UNTYPED and suffix in SUFFIXES:
        return suffix
    raise FetchError(f"not a document ({media or 'no content type'}): only HTML, PDF and text")


def failure_reason(exc: Exception, timeout: float) -> str:
    """A one-line reason for an httpx error (the causes say a DNS failure from a refusal)."""
    import httpx

    causes = []
    cause: BaseException | None = exc
    while cause is not None and len(causes) < 10:
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(isinstance(c, socket.gaierror) for c in causes):
        return "host not found (DNS lookup failed)"
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return "connection refused"
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out after {timeout:g} s"
    if isinstance(exc, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return f"not a valid URL ({exc})"
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return f"cannot fetch ({detail})"


def _read_limited(response: "httpx.Response", max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The body, streamed: ``FetchError`` once it passes ``max_bytes`` or ``deadline`` (a
    server that trickles bytes never trips the per-read timeout)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"too large ({_mb(int(declared))}; the limit is {_mb(max_bytes)})")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(f"too large (over the {_mb(max_bytes)} limit)")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {timeout:g} s")
    return bytes(body)


def _mb(size: int) -> str:
    return f"{size / 1e6:.3g} MB"


def fetch(url: str, config: "Config") -> Fetched:
    """GET ``url`` within the configured time, size and redirect limits; ``FetchError`` with
    the reason when it gives no document (network failure, HTTP error, wrong type, too big)."""
    import httpx

    check_url(url)
    timeout = config.fetch_timeout
    deadline = time.monotonic() + timeout
    headers = {"User-Agent": config.fetch_user_agent,
               "Accept": "text/html, application/xhtml+xml, application/pdf, text/plain;q=0.9, */*;q=0.1"}
    try:
        hooks = {} if config.fetch_private_hosts else {"request": [_public_only]}
        with httpx.Client(timeout=timeout, follow_redirects=True, headers=headers, event_hooks=hooks,
                          max_redirects=config.fetch_max_redirects) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FetchError(f"HTTP {response.status_code} {response.reason_phrase}".strip())
                final = str(response.url)
                if urlsplit(final).scheme.lower() not in SCHEMES:
                    raise FetchError(f"redirected to a non-http URL: {final}")
                suffix = reader_suffix(response.headers.get("content-type", ""), final)
                data = _read_limited(response, config.fetch_max_bytes, deadline, timeout)
    except httpx.HTTPError as exc:
        raise FetchError(failure_reason(exc, timeout)) from exc
    return Fetched(url, final, data, suffix)


def load_url(url: str, config: "Config") -> Document:
    """Fetch ``url`` and read it like a file of its type. Its id and ``path`` (its identity)
    are the URL as given (normalized); its ``url`` (its source) is the URL after redirects."""
    doc_id = normalize_url(url)
    got = fetch(doc_id, config)
    return replace(load_bytes(got.data, got.suffix, doc_id, doc_id), url=got.final_url)


def load_urls(urls: Iterable[str], config: "Config") -> LoadReport:
    """Each URL (once) as a document, or skipped with its reason, one log line each."""
    report = LoadReport()
    for url in dict.fromkeys(normalize_url(u) for u in urls):
        try:
            report.documents.append(load_url(url, config))
        except ValueError as exc:  # FetchError, or a reader's "no text found" and the like
            log.warning("skipped %s: %s", url, exc)
            report.skipped.append((url, str(exc)))
    return report
