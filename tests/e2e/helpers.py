"""Polling a job until it ends, shared by the e2e tests."""

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

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
