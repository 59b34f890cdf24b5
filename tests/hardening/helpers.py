"""Waiting on jobs and reading process memory, for the hardening tests."""

import time
from pathlib import Path
from typing import Any

import httpx

FINAL = {"succeeded", "failed", "cancelled"}


def wait_for_jobs(api: httpx.Client, job_ids: list[str], timeout: float) -> dict[str, dict[str, Any]]:
    """Each job once it ended; AssertionError naming the unfinished ones after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    ended: dict[str, dict[str, Any]] = {}
    while time.monotonic() < deadline and len(ended) < len(job_ids):
        for job_id in job_ids:
            if job_id not in ended:
                job = api.get(f"/v1/jobs/{job_id}").json()
                if job["status"] in FINAL:
                    ended[job_id] = job
        time.sleep(0.3)
    unfinished = sorted(set(job_ids) - set(ended))
    assert not unfinished, f"jobs still running after {timeout:.0f}s: {unfinished}"
    return ended


def error_code(job: dict[str, Any]) -> str | None:
    return job["error"]["code"] if job["error"] else None


def memory_kb(pid: int, field: str = "VmRSS") -> int:
    """A field of /proc/<pid>/status in kB (VmRSS now, VmHWM the peak)."""
    kb = memory_kb_if_alive(pid, field)
    if kb is None:
        raise AssertionError(f"no {field} for process {pid}")
    return kb


def memory_kb_if_alive(pid: int, field: str) -> int | None:
    """As `memory_kb`; None once the process has ended (gone, or a zombie, which has no memory fields)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    for line in status.splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return None


def process_tree(pid: int) -> list[int]:
    """`pid` and all of its descendants."""
    children = []
    for task in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        children += process_tree(int(task))
    return [pid, *children]
