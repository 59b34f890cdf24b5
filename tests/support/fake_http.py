"""A real HTTP server on 127.0.0.1 for tests: fakes of web APIs answer JSON from plain methods.

Each fake records the requests it got and can be told to answer the next ones with scripted
failures (a 429 with Retry-After, a 503) before it goes back to answering normally.
"""

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    # Header names in lower case.
    headers: dict[str, str]
    raw: bytes
    # The client's port: requests over one kept-alive connection share it.
    client_port: int = 0

    def json(self) -> Any:
        """The body as JSON; None when it is not JSON."""
        if not self.headers.get("content-type", "").startswith("application/json"):
            return None
        try:
            return json.loads(self.raw)
        except ValueError:
            return None


@dataclass(frozen=True)
class Reply:
    status: int
    # Sent as JSON; None sends an empty body.
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


class FakeService:
    """A fake web API: subclasses answer requests in `answer`; everything else is shared."""

    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.scripted: list[Reply] = []
        # Seconds to wait before answering, to make a client time out.
        self.delay = 0.0

    def fail_next(self, *replies: Reply) -> None:
        """Answer the next requests with `replies`, one each, before answering normally again."""
        self.scripted.extend(replies)

    def requests_to(self, method: str, path: str) -> list[Request]:
        return [request for request in self.requests if (request.method, request.path) == (method, path)]

    def __call__(self, request: Request) -> Reply:
        self.requests.append(request)
        time.sleep(self.delay)
        return self.scripted.pop(0) if self.scripted else self.answer(request)

    def answer(self, request: Request) -> Reply:
        raise NotImplementedError


def _handler_for(service: FakeService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # Keep-alive, as the real services: a client may send many requests over one connection.
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self._respond()

        def do_POST(self) -> None:
            self._respond()

        def _respond(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            headers = {name.lower(): value for name, value in self.headers.items()}
            body_in = self.rfile.read(length)
            request = Request(
                self.command, url.path, parse_qs(url.query), headers, body_in, self.client_address[1]
            )
            reply = service(request)
            body = b"" if reply.body is None else json.dumps(reply.body).encode()
            self.send_response(reply.status)
            for name, value in {"Content-Type": "application/json", **reply.headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests look at `service.requests` instead."""

    return Handler


@contextmanager
def serve_handler(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run a request handler on a free port of 127.0.0.1 in a thread; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    # A short poll interval makes shutdown quick.
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def serve(service: FakeService) -> Iterator[str]:
    """Run `service` on a free port of 127.0.0.1 in a thread; yield its base URL."""
    with serve_handler(_handler_for(service)) as url:
        yield url
