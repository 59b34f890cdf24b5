"""Polling a job until it ends, shared by the e2e tests."""

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_cli.readiness import free_port, http_ok, wait_until
from docrelay_cli.stack import Stack, StackConfig

FINAL = {"succeeded", "failed", "cancelled"}


def wait_for_job(gateway: httpx.Client, job_id: str, timeout: float = 300) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    seen_progress: list[int] = []
    while time.monotonic() < deadline:
        job = gateway.get(f"/v1/jobs/{job_id}").json()
        seen_progress.append(job["progress"])
        if job["status"] in FINAL:
            job["_seen_progress"] = seen_progress
            return dict(job)
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} did not finish within {timeout}s: {job}")


@contextmanager
def running_stack(config: StackConfig) -> Iterator[Stack]:
    """Start a stack, stop it afterwards, and print each process's last log lines for a failed test."""
    stack = Stack(config)
    stack.start()
    try:
        yield stack
    finally:
        stack.stop()
        for process in stack.processes:
            print(f"----- {process.name} log tail\n{process.log_tail(60)}")


@contextmanager
def second_gateway(stack: Stack, name: str, settings: dict[str, str]) -> Iterator[str]:
    """Another gateway on a running stack (its Redis, jobs database, artifacts, workers), configured
    with `settings` on top of the stack's: its URL. Far cheaper than a stack of its own."""
    port = free_port()
    env = {
        **os.environ,
        **stack.config.extra_env,
        "DOCRELAY_DATA_DIR": str(stack.config.data_dir),
        "DOCRELAY_REDIS_URL": stack.redis_url,
        "DOCRELAY_PORT": str(port),
        **settings,
    }
    command = [sys.executable, "-m", "docrelay_gateway"]
    gateway = ManagedProcess(name, command, env, stack.config.log_dir / f"{name}.log")
    gateway.start()
    try:
        url = f"http://127.0.0.1:{port}"
        alive = lambda: gateway.exit_code() is None  # noqa: E731
        wait_until(http_ok(f"{url}/readyz"), name, 60, alive=alive)
        yield url
    finally:
        stop_all([gateway])


def processes_using(data_dir: Path) -> list[int]:
    """PIDs whose environment names this data dir: every process `docrelay up` started."""
    marker = f"DOCRELAY_DATA_DIR={data_dir}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                if marker in (entry / "environ").read_bytes().split(b"\0"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found
