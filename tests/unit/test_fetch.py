"""rag.fetch without a network: URL recognition, the --urls file, content types, failure reasons."""

from __future__ import annotations

import socket

import httpx
import pytest

from rag.documents import load_bytes
from rag.fetch import (FetchError, check_url, failure_reason, is_url, normalize_url,
                       parse_url_list, reader_suffix)
from rag.records import file_key

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, expected", [
    ("https://example.com/a", True), ("  http://x/  ", True), ("ftp://host/file", True),
    ("file:///etc/passwd", True), ("news/a.md", False), ("/abs/path.html", False),
    ("C:\\news\\a.md", False), ("example.com/a", False), ("mailto:a@b.c", False), ("", False),
])
def test_is_url(text: str, expected: bool) -> None:
    assert is_url(text) is expected


@pytest.mark.parametrize("given, normal", [
    ("HTTPS://News.Example.COM/Story?id=3#comments", "https://news.example.com/Story?id=3"),
    ("http://example.com", "http://example.com/"),
    ("http://example.com/a/", "http://example.com/a/"),
    ("https://[::1/x", "https://[::1/x"),  # not parseable: kept as given
])
def test_normalize_url(given: str, normal: str) -> None:
    assert normalize_url(given) == normal


@pytest.mark.parametrize("url, reason", [
    ("ftp://host/file", "unsupported scheme ftp"), ("file:///etc/passwd", "unsupported scheme file"),
    ("http:///path", "no host"), ("https://[::1/x", "not a valid URL"),
])
def test_check_url_refuses(url: str, reason: str) -> None:
    with pytest.raises(FetchError, match=reason):
        check_url(url)


def test_check_url_accepts_http_and_https() -> None:
    check_url("http://127.0.0.1:8000/a")
    check_url("HTTPS://example.com")


def test_url_list_skips_blanks_and_comments() -> None:
    text = ("# reading list\n\n  https://a.example/x  \n\t# indented comment\n"
            "http://b.example/y # why\nhttps://c.example/page#section\n")
    assert parse_url_list(text) == ["https://a.example/x", "http://b.example/y",
                                    "https://c.example/page#section"]
    assert parse_url_list("# only comments\n\n") == []


def test_url_list_names_a_bad_line() -> None:
    with pytest.raises(ValueError, match=r"line 3 is not a URL .*: www\.example\.com"):
        parse_url_list("https://a.example/\n\nwww.example.com\n")


@pytest.mark.parametrize("content_type, url, suffix", [
    ("text/html; charset=utf-8", "http://a/story", ".html"),
    ("application/xhtml+xml", "http://a/story", ".html"),
    ("APPLICATION/PDF", "http://a/report", ".pdf"),
    ("text/plain", "http://a/notes", ".txt"),
    ("text/plain; charset=latin-1", "http://a/readme.md", ".md"),
    ("text/markdown", "http://a/readme", ".md"),
    ("application/octet-stream", "http://a/report.PDF", ".pdf"),
    ("", "http://a/page.htm", ".htm"),
])
def test_reader_suffix_accepts_documents(content_type: str, url: str, suffix: str) -> None:
    assert reader_suffix(content_type, url) == suffix


@pytest.mark.parametrize("content_type, url, named", [
    ("image/png", "http://a/logo.png", "image/png"),
    ("application/json", "http://a/api.txt", "application/json"),  # the type wins over the name
    ("application/octet-stream", "http://a/archive.zip", "application/octet-stream"),
    ("", "http://a/download", "no content type"),
])
def test_reader_suffix_refuses_the_rest(content_type: str, url: str, named: str) -> None:
    with pytest.raises(FetchError, match=f"not a document \\({named}\\)"):
        reader_suffix(content_type, url)


def _raised(outer: Exception, cause: BaseException) -> Exception:
    """``outer`` raised from ``cause``, as httpx raises from httpcore from the socket error."""
    try:
        try:
            raise cause
        except BaseException as inner:
            raise outer from inner
    except Exception as caught:
        return caught


@pytest.mark.parametrize("error, reason", [
    (_raised(httpx.ConnectError("[Errno -2] Name or service not known"),
             socket.gaierror(socket.EAI_NONAME, "Name or service not known")), "host not found"),
    (_raised(httpx.ConnectError("[Errno 111] Connection refused"),
             ConnectionRefusedError(111, "Connection refused")), "connection refused"),
    (httpx.ReadTimeout("timed out"), "timed out after 2.5 s"),
    (httpx.ConnectTimeout("timed out"), "timed out after 2.5 s"),
    (httpx.TooManyRedirects("Exceeded maximum allowed redirects."), "too many redirects"),
    (httpx.RemoteProtocolError("Server disconnected without sending a response."),
     "cannot fetch (Server disconnected without sending a response.)"),
])
def test_failure_reasons(error: Exception, reason: str) -> None:
    assert failure_reason(error, 2.5).startswith(reason)


def test_bytes_read_like_a_file_named_by_their_source() -> None:
    url = "http://news.example/2026/harbour-bridge-reopens"
    doc = load_bytes(b"The bridge reopened on Monday.\n", ".txt", url, url)
    assert (doc.doc_id, doc.path, doc.title) == (url, url, "harbour bridge reopens")
    marked = load_bytes(b"---\ntitle: Bridge\nurl: http://canonical.example/b\n---\nBody.\n", ".md", url, url)
    assert (marked.title, marked.url, marked.text) == ("Bridge", "http://canonical.example/b", "Body.")
    for data, suffix, problem in [(b"  \n", ".txt", "empty"), (b"\x00\x01PNG", ".html", "binary"),
                                  (b"%PDF-1.4 broken", ".pdf", "unreadable .pdf")]:
        with pytest.raises(ValueError, match=problem):
            load_bytes(data, suffix, url, url)


def test_a_url_document_is_its_own_identity() -> None:
    url = "http://news.example/a"
    assert file_key(url, {"path": url, "root": url}) == url
    assert file_key("a.md", {"path": "/corpus/a.md", "root": "/corpus"}) == "/corpus/a.md"


@pytest.mark.parametrize(("url", "public"), [
    ("http://127.0.0.1/", False), ("http://2130706433/", False), ("http://[::1]/", False),
    ("http://169.254.169.254/latest/meta-data", False), ("http://10.1.2.3/", False),
    ("http://[::ffff:127.0.0.1]/", False), ("http://[64:ff9b::7f00:1]/", False),
    ("http://[2002:7f00:1::]/", False), ("http://93.184.216.34/", True),
])
def test_only_public_addresses_are_fetched_by_default(url: str, public: bool) -> None:
    from rag.fetch import _public_only

    request = httpx.Request("GET", url)  # IP literals: no DNS needed
    if public:
        _public_only(request)
    else:
        with pytest.raises(FetchError, match="private network"):
            _public_only(request)
