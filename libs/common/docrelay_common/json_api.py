"""JSON over HTTP to the servers docrelay calls (translation engines, chat models), failures as typed errors.

429, 5xx, timeouts and lost connections are transient: the stage retries them with backoff and jitter.
Any other 4xx (a bad key, an exhausted quota, an invalid request) is permanent and carries the
server's own message, because retrying cannot help and the message says what to fix.
"""

import os
import time
import weakref
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from docrelay_common.errors import ErrorCode, PermanentError, TransientError

T = TypeVar("T")


class JsonApi:
    """One server's HTTP API: each call sends a JSON request and validates the JSON answer.

    `engine` names the server in error messages, so that an operator knows which setting to check.
    """

    def __init__(
        self,
        engine: str,
        base_url: str,
        *,
        timeout: float,
        retry_after_max: float,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.engine = engine
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retry_after_max = retry_after_max
        self.headers = dict(headers or {})
        self._http: httpx.Client | None = None
        self._http_pid = 0

    def get(self, path: str, answer: TypeAdapter[T], params: Mapping[str, str] | None = None) -> T:
        return self._call("GET", path, answer, params=params)

    def post(self, path: str, answer: TypeAdapter[T], body: Mapping[str, Any]) -> T:
        return self._call("POST", path, answer, json=body)

    def _call(self, method: str, path: str, answer: TypeAdapter[T], **request: Any) -> T:
        response = self._send(method, self.base_url + path, **request)
        self._check_status(response)
        try:
            return answer.validate_json(response.content)
        except ValidationError as exc:
            detail = exc.errors()[0]["msg"]
            message = f"{self.engine} answered {method} {path} in an unexpected form: {detail}"
            raise TransientError(ErrorCode.ENGINE_ERROR, message) from exc

    def _send(self, method: str, url: str, **request: Any) -> httpx.Response:
        try:
            return self._client().request(method, url, **request)
        except httpx.TransportError as exc:  # refused, reset, timed out, name not found
            detail = str(exc) or type(exc).__name__
            raise TransientError(ErrorCode.ENGINE_ERROR, f"{self.engine} at {url} failed: {detail}") from exc

    def _client(self) -> httpx.Client:
        """One pooled client per process: batches reuse its connections (no new TLS handshake each).

        Made in the process that uses it: a worker's pool children are forked, and must not share the
        parent's sockets.
        """
        if self._http is None or self._http_pid != os.getpid():
            self._http = httpx.Client(headers=self.headers, timeout=self.timeout)
            self._http_pid = os.getpid()
            # Its connections close with the engine that owns it, not whenever the garbage is collected.
            weakref.finalize(self, self._http.close)
        return self._http

    def _check_status(self, response: httpx.Response) -> None:
        if response.is_success:
            return
        message = f"{server_message(response)} (HTTP {response.status_code})"
        if response.status_code == 429 or response.status_code >= 500:
            # The stage's first retries come within a second or two: waiting here keeps them from
            # arriving before the server said it would be ready again.
            delay = retry_after(response)
            if delay:
                time.sleep(min(delay, self.retry_after_max))
            raise TransientError(ErrorCode.ENGINE_ERROR, f"{self.engine} is unavailable: {message}")
        raise PermanentError(ErrorCode.ENGINE_ERROR, f"{self.engine} refused the request: {message}")


def server_message(response: httpx.Response) -> str:
    """The error message in the server's answer: LibreTranslate's "error", DeepL's "message",
    OpenAI's {"error": {"message"}}, FastAPI's "detail"; else the HTTP reason phrase."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        for key in ("error", "message", "detail"):
            value = body.get(key)
            if isinstance(value, dict):
                value = value.get("message")
            if isinstance(value, str) and value.strip():
                return value.strip()
    return response.reason_phrase or "no message"


def retry_after(response: httpx.Response) -> float | None:
    """Seconds the Retry-After header asks to wait (delay-seconds or an HTTP date), if any."""
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):  # not a date, or one without a zone
        return None
