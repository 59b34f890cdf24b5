"""Many concurrent API clients that cost the machine little: raw HTTP/1.1 over asyncio streams.

The benchmark's clients share the cores with the stack they measure, so each request is bytes built
once and written to a kept-alive connection, and only the status line and body are parsed.
"""

import asyncio
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

# A job that has ended is no longer polled.
FINAL = frozenset({"succeeded", "failed", "cancelled", "expired"})


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie (nearest rank); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


@dataclass
class Latencies:
    """Seconds each request took, by kind of request."""

    submit: list[float] = field(default_factory=list)
    status: list[float] = field(default_factory=list)

    def summary(self, kind: str) -> dict[str, float]:
        values = getattr(self, kind)
        return {
            "count": len(values),
            "p50_ms": percentile(values, 0.5) * 1000,
            "p99_ms": percentile(values, 0.99) * 1000,
        }


def multipart_submission(pdf: bytes, filename: str, fields: dict[str, str]) -> tuple[bytes, str]:
    """The body of a `POST /v1/jobs` and its content type."""
    boundary = secrets.token_hex(12)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    header = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    body = b"".join(parts) + header + pdf + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


class Connection:
    """One kept-alive connection to the gateway; one request at a time."""

    def __init__(self, base_url: str) -> None:
        address = urlsplit(base_url)
        self.host, self.port = address.hostname or "127.0.0.1", address.port or 80
        self._streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(
        self, method: str, path: str, body: bytes = b"", content_type: str = ""
    ) -> tuple[int, Any, float | None]:
        """Status code, decoded JSON body (None when empty) and `Retry-After` in seconds (None: absent)."""
        if self._streams is not None:
            try:
                return await self._exchange(method, path, body, content_type)
            except (asyncio.IncompleteReadError, ConnectionError):
                # The server closed the kept-alive connection while it was idle (uvicorn after 5 s): as
                # HTTP clients do, the request goes again on a new connection.
                await self.close()
        self._streams = await asyncio.open_connection(self.host, self.port)
        return await self._exchange(method, path, body, content_type)

    async def _exchange(
        self, method: str, path: str, body: bytes, content_type: str
    ) -> tuple[int, Any, float | None]:
        assert self._streams is not None
        reader, writer = self._streams
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nContent-Length: {len(body)}\r\n"
        if content_type:
            head += f"Content-Type: {content_type}\r\n"
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        status_line = await reader.readuntil(b"\r\n")
        length, closing, retry_after = 0, False, None
        while (line := await reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                closing = True
            elif name == "retry-after":
                retry_after = float(value)
        payload = await reader.readexactly(length) if length else b""
        if closing:
            await self.close()
        return int(status_line.split()[1]), json.loads(payload) if payload else None, retry_after

    async def close(self) -> None:
        if self._streams is not None:
            self._streams[1].close()
            self._streams = None


async def submit_jobs(
    base_url: str, body: bytes, content_type: str, jobs: int, latencies: Latencies
) -> list[str]:
    """Submit `jobs` jobs one after the other on one connection; returns their ids."""
    connection, ids = Connection(base_url), []
    try:
        for _ in range(jobs):
            started = time.perf_counter()
            status, answer, _ = await connection.request("POST", "/v1/jobs", body, content_type)
            latencies.submit.append(time.perf_counter() - started)
            if status != 202:
                raise RuntimeError(f"submission answered {status}: {answer}")
            ids.append(answer["id"])
    finally:
        await connection.close()
    return ids


async def follow_jobs(
    base_url: str, job_ids: list[str], poll: float | None, latencies: Latencies, deadline: float
) -> dict[str, dict[str, Any]]:
    """Read the jobs until each has ended; returns each job as last read, with `ended_at` (monotonic).

    `poll`: seconds between looks at each job, or None to look again when the gateway's `Retry-After`
    says (as DeepL's client library follows its API's estimate).
    """
    connection, ended = Connection(base_url), {}
    # When each job is next read: all of them at once first.
    due = {job_id: time.monotonic() for job_id in job_ids}
    try:
        while due and time.monotonic() < deadline:
            await asyncio.sleep(max(0.0, min(due.values()) - time.monotonic()))
            for job_id in [job_id for job_id, at in due.items() if at <= time.monotonic()]:
                started = time.perf_counter()
                status, job, retry_after = await connection.request("GET", f"/v1/jobs/{job_id}")
                latencies.status.append(time.perf_counter() - started)
                if status == 200 and job["status"] in FINAL:
                    ended[job_id] = {**job, "ended_at": time.monotonic()}
                    del due[job_id]
                else:
                    due[job_id] = time.monotonic() + (poll if poll is not None else retry_after or 1.0)
    finally:
        await connection.close()
    return ended


async def follow_job_events(base_url: str, job_id: str, deadline: float) -> dict[str, Any]:
    """Follow the job's live event stream (SSE) until it ends, as the web page does; returns the job as
    last told, with `ended_at` (monotonic)."""
    timeout = httpx.Timeout(max(1.0, deadline - time.monotonic()))
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=timeout) as client,
        client.stream("GET", f"/v1/jobs/{job_id}/events") as response,
    ):
        async for line in response.aiter_lines():
            if line.startswith("data:"):
                job: dict[str, Any] = json.loads(line.removeprefix("data:"))
                if job["status"] in FINAL:
                    return {**job, "ended_at": time.monotonic()}
    raise RuntimeError(f"the event stream of job {job_id} closed before the job ended")
