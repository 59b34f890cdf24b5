"""The stack's part of `make bench-load`: lone jobs, then bursts of jobs from many concurrent clients.

Each burst reports jobs/s and pages/s from the first submission to the last job's end, submit and
status latency as the clients saw them, and each stage's busy share and queue wait from the workers'
own metrics.
"""

import asyncio
import statistics
import time
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from bench.load_clients import Latencies, follow_job_events, follow_jobs, multipart_submission, submit_jobs
from bench.load_cpu import cpu_per_job_ms, service_cpu_seconds
from bench.load_metrics import scrape, stage_report
from docrelay_cli.stack import Stack
from docrelay_common.stages import PIPELINE


@dataclass(frozen=True)
class Burst:
    name: str
    pdf: Path
    pages_each: int
    jobs: int
    clients: int
    # Seconds between a client's looks at each of its jobs; None: when the gateway's Retry-After says.
    poll: float | None = None


def worker_metrics_urls(stack: Stack) -> dict[str, list[str]]:
    return {
        stage.value: [stack.metrics_url(name) for name in stack.worker_names(stage)] for stage in PIPELINE
    }


def lone_jobs(
    stack: Stack, pdf: Path, fields: dict[str, str], runs: int
) -> list[tuple[float, dict[str, Any]]]:
    """Seconds from submission to seeing the job end, and the job, for `runs` jobs one after the other."""
    body, content_type = multipart_submission(pdf.read_bytes(), pdf.name, fields)
    jobs = []
    for _ in range(runs):
        started = time.perf_counter()
        job = asyncio.run(one_job(stack.gateway_url, body, content_type))
        jobs.append((time.perf_counter() - started, job))
    return jobs


async def one_job(base_url: str, body: bytes, content_type: str) -> dict[str, Any]:
    [job_id] = await submit_jobs(base_url, body, content_type, 1, Latencies())
    # Told of its end by its live event stream: the overhead measured includes the word reaching it, not
    # a polling interval (nor the load of polling often).
    job = await follow_job_events(base_url, job_id, time.monotonic() + 300)
    if job["status"] != "succeeded":
        raise SystemExit(f"lone job {job_id} did not succeed: {job}")
    return job


def run_burst(
    stack: Stack, burst: Burst, fields: dict[str, str], cores: int, timeout: float
) -> dict[str, Any]:
    """`burst.jobs` jobs from `burst.clients` clients at once, each client following its own jobs."""
    body, content_type = multipart_submission(burst.pdf.read_bytes(), burst.pdf.name, fields)
    urls = worker_metrics_urls(stack)
    before = scrape(urls)
    cpu_before = service_cpu_seconds(stack)
    latencies = Latencies()
    started_epoch, started = time.time(), time.monotonic()
    jobs, submitted_at = asyncio.run(
        submit_and_follow(stack.gateway_url, body, content_type, burst, latencies, started + timeout)
    )
    seen_seconds = max((job["ended_at"] for job in jobs.values()), default=time.monotonic()) - started
    # The stack's pace runs until the last job had ended as the API tells it (its row's last update),
    # not until its client looked again: when to look is the client's choice.
    ended_epoch = max((_epoch(job["updated_at"]) for job in jobs.values()), default=time.time())
    seconds = ended_epoch - started_epoch
    after = scrape(urls)
    cpu_ms = cpu_per_job_ms(cpu_before, service_cpu_seconds(stack), burst.jobs)
    succeeded = sum(job["status"] == "succeeded" for job in jobs.values())
    if succeeded < burst.jobs:
        raise SystemExit(f"{burst.name}: {succeeded} of {burst.jobs} jobs succeeded within {timeout:.0f} s")
    return {
        "jobs": burst.jobs,
        "clients": burst.clients,
        "poll_seconds": burst.poll,
        "pages": burst.jobs * burst.pages_each,
        "seconds": seconds,
        "seen_by_clients_seconds": seen_seconds,
        "jobs_per_second": burst.jobs / seconds,
        "pages_per_second": burst.jobs * burst.pages_each / seconds,
        "accepted_per_second": burst.jobs / (submitted_at - started),
        "submit": latencies.summary("submit"),
        "status": latencies.summary("status"),
        "stages": stage_report(before, after, seconds, cores),
        "cpu_ms_per_job": cpu_ms,
        "cpu_share": sum(cpu_ms.values()) * burst.jobs / 1000 / (seconds * cores),
    }


async def submit_and_follow(
    base_url: str, body: bytes, content_type: str, burst: Burst, latencies: Latencies, deadline: float
) -> tuple[dict[str, dict[str, Any]], float]:
    """Every client submits its share and then follows it; returns the jobs and when the last was accepted."""
    shares = [
        burst.jobs // burst.clients + (index < burst.jobs % burst.clients) for index in range(burst.clients)
    ]
    accepted: list[float] = []

    async def client(share: int) -> dict[str, dict[str, Any]]:
        ids = await submit_jobs(base_url, body, content_type, share, latencies)
        accepted.append(time.monotonic())
        return await follow_jobs(base_url, ids, burst.poll, latencies, deadline)

    results = await asyncio.gather(*(client(share) for share in shares if share))
    return {job_id: job for result in results for job_id, job in result.items()}, max(accepted)


def hand_off_overhead(lone: list[tuple[float, dict[str, Any]]], lone_floor_seconds: float) -> dict[str, Any]:
    """A lone job through the stack against the same job's own work in one process (milliseconds), and
    where the stack's time went: in each stage (from its start to its end as the ledger has them) and
    between them (the queue before the first stage, each hand-on, the status service's update after
    the last, its word reaching the client's event stream)."""
    median = statistics.median(seconds for seconds, _ in lone)
    return {
        "runs": len(lone),
        # The stack's first job: every stage's task process runs its first task (cold without a warm-up).
        "first_ms": lone[0][0] * 1000,
        "stack_median_ms": median * 1000,
        "work_median_ms": lone_floor_seconds * 1000,
        "overhead_median_ms": (median - lone_floor_seconds) * 1000,
        "median_ms": {name: statistics.median(ms) for name, ms in _timelines(lone).items()},
    }


def _timelines(lone: list[tuple[float, dict[str, Any]]]) -> dict[str, list[float]]:
    spans: dict[str, list[float]] = {}
    for seconds, job in lone:
        stages = {entry["stage"]: entry for entry in job["stages"]}
        marks = [("submitted", _epoch(job["created_at"]))]
        for stage in PIPELINE:
            marks += [(f"{stage} start", _epoch(stages[stage]["started_at"]))]
            marks += [(f"{stage} end", _epoch(stages[stage]["finished_at"]))]
        marks.append(("row updated", _epoch(job["updated_at"])))
        for (before, at), (after, then) in pairwise(marks):
            spans.setdefault(f"{before} -> {after}", []).append(1000 * (then - at))
        spans.setdefault("row updated -> seen by the client", []).append(
            1000 * (marks[0][1] + seconds - marks[-1][1])
        )
    return spans


def _epoch(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()
