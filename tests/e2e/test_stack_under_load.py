"""What `docrelay up` does so that the stack stays fast under load: workers below the API's CPU priority,
autoscaled pools, and several gateway processes that serve the same jobs."""

import os
import re
import socket
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from docrelay_cli.stack import Stack
from docrelay_common.celery_app import create_celery_app
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import PIPELINE
from docrelay_common.worker_pool import SESSION_GROUP, session_group_niceness
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "sample-en.pdf"
WORKER_NICE = CommonSettings().worker_nice


def group_stats(leader: int) -> dict[int, list[str]]:
    """Each process of a group (a service and every process it started), with its /proc/PID/stat after
    the command name (state, ppid, pgrp, ..., nice at index 16), read in one pass: an autoscaled pool may
    end a process just after."""
    members = {}
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit():
                stat = Path(entry, "stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[2]) == leader:
                    members[int(entry.name)] = stat
        except (OSError, IndexError):
            continue
    return members


def niceness(stats: dict[int, list[str]]) -> set[int]:
    return {int(stat[16]) for stat in stats.values()}


def test_workers_run_below_the_priority_of_the_gateway_and_status(stack: Stack) -> None:
    base = os.getpriority(os.PRIO_PROCESS, 0)
    # A kernel with session groups gives each new session one; the test's own process may still be in
    # the group of no session (a CI runner that never started one), so it is no guide.
    grouped = SESSION_GROUP.exists()
    for name in ("gateway", "status"):
        leader = stack.process(name).pid
        assert niceness(group_stats(leader)) == {base}
        # Each service leads a session of its own, whose scheduling group keeps the usual priority.
        assert session_group_niceness(leader) == (0 if grouped else None)
    for stage in PIPELINE:
        for name in stack.worker_names(stage):
            leader = stack.process(name).pid
            stats = group_stats(leader)
            # The worker and its pool processes, those the autoscaler made later included.
            assert len(stats) >= 2
            assert niceness(stats) == {max(base, WORKER_NICE)}
            # Where the kernel shares the CPU between sessions first, the worker's session yields too.
            assert session_group_niceness(leader) == (WORKER_NICE if grouped else None)


def test_each_stage_worker_autoscales_its_pool(stack: Stack) -> None:
    names = [name for stage in PIPELINE for name in stack.worker_names(stage)]
    nodes = [f"{name}@{socket.gethostname()}" for name in names]
    app = create_celery_app("e2e-inspect", CommonSettings(redis_url=stack.redis_url))
    try:
        # Asked of these workers alone, the answer comes as soon as each has replied, not at the timeout.
        stats = app.control.inspect(nodes, timeout=10, limit=len(nodes)).stats() or {}
    finally:
        app.close()
    cores = len(os.sched_getaffinity(0))
    workers = {node.split("@")[0]: info for node, info in stats.items()}
    assert sorted(workers) == sorted(names)
    for name in names:
        scaler = workers[name]["autoscaler"]
        assert (scaler["min"], scaler["max"]) == (1, cores)


def submitted_total(stack: Stack) -> float:
    # A new connection each time: any of the gateway's processes may answer.
    text = httpx.get(f"{stack.gateway_url}/metrics", timeout=30).text
    return sum(
        sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "docrelay_jobs_submitted_total"
    )


def gateway_processes(stack: Stack) -> list[int]:
    """The gateway's request-serving processes (uvicorn's parent only supervises them)."""
    return [
        pid
        for pid in group_stats(stack.process("gateway").pid)
        if re.search(rb"spawn_main", Path(f"/proc/{pid}/cmdline").read_bytes())
    ]


def test_several_gateway_processes_serve_the_same_jobs(stack: Stack) -> None:
    assert len(gateway_processes(stack)) == len(os.sched_getaffinity(0)) >= 2
    before = submitted_total(stack)
    job_ids = []
    for _ in range(6):
        # A fresh connection per request: the kernel hands each to whichever process accepts first.
        with httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
            answer = submit(client, SAMPLE, target_lang="en-XA", source_lang="en", engine="pseudo")
            assert answer.status_code == 202
            job_ids.append(answer.json()["id"])
    for job_id in job_ids:
        for _ in range(4):
            assert httpx.get(f"{stack.gateway_url}/v1/jobs/{job_id}", timeout=30).status_code == 200
    # Counted by whichever process took each submission, reported whole by any of them.
    assert submitted_total(stack) - before == len(job_ids) == submitted_total(stack) - before
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
        for job_id in job_ids:
            assert wait_for_job(client, job_id)["status"] == "succeeded"


def test_a_gateway_process_file_not_yet_sized_leaves_the_scrape_whole(stack: Stack) -> None:
    # What a new gateway process leaves between creating its metrics file and sizing it
    # (prometheus_client's MmapedDict), for as long as it is descheduled there.
    environment = Path(f"/proc/{gateway_processes(stack)[0]}/environ").read_bytes().split(b"\0")
    [directory] = [
        entry.split(b"=", 1)[1].decode()
        for entry in environment
        if entry.startswith(b"PROMETHEUS_MULTIPROC_DIR=")
    ]
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as client:
        submit(client, SAMPLE, target_lang="en-XA", source_lang="en", engine="pseudo")
    unsized = Path(directory, "counter_999999.db")
    unsized.touch()
    try:
        answer = httpx.get(f"{stack.gateway_url}/metrics", timeout=30)
    finally:
        unsized.unlink()
    assert answer.status_code == 200, answer.text
    assert "docrelay_jobs_submitted_total" in answer.text
    assert submitted_total(stack) >= 1
