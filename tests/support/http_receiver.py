"""A real HTTP server that records every request and answers with scripted status codes (webhook receivers).

with http_receiver(statuses=[500, 200]) as receiver:
    ...  # point a callback at receiver.url
    first, second = receiver.wait_for(2, timeout=20)
"""

import json
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.fake_http import serve_handler


@dataclass(frozen=True)
class ReceivedRequest:
    method: str
    # With the query string, as sent.
    path: str
    # Header names in lower case.
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


class HttpReceiver:
    def __init__(self, statuses: Iterable[int]) -> None:
        # The base URL, without a trailing slash; set once the server listens.
        self.url = ""
        # Answers for the next requests, one each; 200 once they are used up.
        self._statuses = list(statuses)
        self._requests: list[ReceivedRequest] = []
        self._arrived = threading.Condition()

    @property
    def requests(self) -> list[ReceivedRequest]:
        """Every request so far, in the order they arrived."""
        with self._arrived:
            return list(self._requests)

    def wait_for(self, count: int, timeout: float) -> list[ReceivedRequest]:
        """The first `count` requests, once they have arrived; AssertionError after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self._requests) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"expected {count} requests within {timeout}s, got {len(self._requests)}"
                    )
                self._arrived.wait(left)
            return self._requests[:count]

    def record(self, request: ReceivedRequest) -> int:
        """Keep the request; the status code to answer it with."""
        with self._arrived:
            self._requests.append(request)
            self._arrived.notify_all()
            return self._statuses.pop(0) if self._statuses else 200


def _handler_for(receiver: HttpReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _respond(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            headers = {name.lower(): value for name, value in self.headers.items()}
            status = receiver.record(
                ReceivedRequest(self.command, self.path, headers, self.rfile.read(length))
            )
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _respond

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests look at `receiver.requests` instead."""

    return Handler


@contextmanager
def http_receiver(statuses: Iterable[int] = ()) -> Iterator[HttpReceiver]:
    """A receiver on a free port of 127.0.0.1, answering the i-th request with statuses[i], then 200."""
    receiver = HttpReceiver(statuses)
    with serve_handler(_handler_for(receiver)) as url:
        receiver.url = url
        yield receiver
