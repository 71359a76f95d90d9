"""A loopback HTTP server that misbehaves on purpose, optionally in front of a real one."""

from __future__ import annotations

import http.client
import json
import re
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 for the life of a ``with`` block; subclasses give
    the request handler (``_handler``) and may wait on ``_stop`` to end early at exit."""

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    def __enter__(self):  # type: ignore[no-untyped-def]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()


class FaultServer(LoopbackServer):
    """Answer the first ``failures`` requests with ``fault``, then proxy to ``upstream``.

    Faults: an HTTP status (``429``, ``500``, ``401`` ...), ``"slow"`` (wait ``delay``
    seconds, then answer 500), ``"hang"`` (say nothing for ``delay`` seconds, then close) or
    ``"broken"`` (start a streamed answer, then send a chunk that is not JSON) or ``"reply"``
    (stream the next of ``replies`` as a chat completion, word by word: a scripted model).
    Without an upstream every request gets the fault. ``requests`` counts what arrived,
    ``bodies`` keeps it.

    Example:
        >>> with FaultServer(429, failures=2, upstream="http://127.0.0.1:8080") as server:
        ...     ChatModel("m", base_url=server.url + "/v1")
    """

    def __init__(self, fault: int | str, failures: int = 10**9, upstream: str | None = None,
                 delay: float = 30.0, retry_after: str | None = None, replies: list[str] = ()):  # type: ignore[assignment]
        self.fault, self.failures, self.delay, self.retry_after = fault, failures, delay, retry_after
        self.replies = list(replies)
        self.upstream = urlsplit(upstream) if upstream else None
        self.requests = 0
        self.bodies: list[bytes] = []
        self._lock = threading.Lock()
        super().__init__()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                self._serve()

            def do_POST(self) -> None:
                self._serve()

            def _serve(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with outer._lock:
                    outer.requests += 1
                    outer.bodies.append(body)
                    failing = outer.requests <= outer.failures
                if failing or outer.upstream is None:
                    self._fail()
                else:
                    self._proxy(body)

            def _fail(self) -> None:
                if outer.fault == "hang":
                    outer._stop.wait(outer.delay)
                    return
                if outer.fault == "broken":  # a stream that starts, then breaks
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
                             "choices": [{"index": 0, "delta": {"content": "Partial"}}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\ndata: {{not json\n\n".encode())
                    self.wfile.flush()
                    return
                if outer.fault == "reply":
                    with outer._lock:
                        text = outer.replies.pop(0) if len(outer.replies) > 1 else outer.replies[0]
                    self._stream(text)
                    return
                if outer.fault == "slow":
                    outer._stop.wait(outer.delay)
                status = 500 if isinstance(outer.fault, str) else int(outer.fault)
                payload = b'{"error": {"message": "injected fault", "type": "server_error"}}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                if outer.retry_after is not None:
                    self.send_header("Retry-After", outer.retry_after)
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                for word in re.findall(r"\S+\s*", text):
                    chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
                             "choices": [{"index": 0, "delta": {"content": word}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

            def _proxy(self, body: bytes) -> None:
                up = outer.upstream
                assert up is not None and up.hostname and up.port
                conn = http.client.HTTPConnection(up.hostname, up.port, timeout=300)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                conn.request(self.command, self.path, body=body, headers=headers)
                response = conn.getresponse()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Connection", "close")
                self.end_headers()
                while chunk := response.read1(4096):
                    self.wfile.write(chunk)
                    self.wfile.flush()
                conn.close()
                self.close_connection = True

        return Handler


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.2) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``predicate`` until it is true or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
