"""Polling a job until it ends, shared by the e2e tests."""

import time
from typing import Any

import httpx

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
