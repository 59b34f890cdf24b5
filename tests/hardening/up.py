"""`docrelay up` started as a user starts it, for the tests of stopping it and of its supervision."""

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.e2e.chaos import eventually


@contextmanager
def docrelay_up(
    data_dir: Path, port: int, log: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """`up` once it says the whole stack is up, answering on `port`, its output appended to `log`; stopped
    with SIGTERM at the end if still running."""
    environment = {**os.environ, "DOCRELAY_DATA_DIR": str(data_dir), "DOCRELAY_REUSE_RESULTS": "false"}
    argv = [sys.executable, "-m", "docrelay_cli", "up", "--port", str(port), "--data-dir", str(data_dir)]
    # One gateway process: a second costs seconds of CPU at each start, and tells nothing here.
    argv += ["--gateway-workers", "1"]
    # Started as a shell starts a background job, with SIGINT ignored: Ctrl-C must stop it all the same.
    as_background_job = ["sh", "-c", 'trap "" INT; exec "$@"', "sh", *argv]
    with log.open("ab") as output:
        said_before = output.tell()
        up = subprocess.Popen(
            as_background_job, env={**environment, **(env or {})}, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        # The gateway may answer while `up` still waits for the stage workers.
        try:
            eventually(lambda: _said_up(log, said_before) and _ready(port), 120, "docrelay up to be up")
        except AssertionError as timed_out:
            # What `up` said tells why it did not come up (CI once timed out on a second start, once).
            raise AssertionError(
                f"{timed_out}; it said: {_head_and_tail(_said_since(log, said_before))}"
            ) from None
        yield up
    finally:
        if up.poll() is None:
            up.send_signal(signal.SIGTERM)
            up.wait(60)


def _said_up(log: Path, since: int) -> bool:
    return "docrelay is up" in _said_since(log, since)


def _said_since(log: Path, since: int) -> str:
    with log.open("rb") as said:
        said.seek(since)
        return said.read().decode(errors="replace")


def _head_and_tail(said: str, each: int = 6000) -> str:
    """Where `up` says why it stops and the processes' last lines, without the whole of a long log."""
    return said if len(said) <= 2 * each else f"{said[:each]}\n[...]\n{said[-each:]}"


def _ready(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
