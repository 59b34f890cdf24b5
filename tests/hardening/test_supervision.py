"""`docrelay up` keeps its stack running: a stage worker killed with SIGKILL (as the OOM killer does) is
started again, `up` says so, the killed worker's pool processes go with it, and jobs go on succeeding.
A process that keeps exiting stops the stack (tests/unit/test_cli_supervision.py)."""

import os
import signal
from pathlib import Path

import httpx
import pytest

from docrelay_cli.readiness import free_port
from tests.e2e.chaos import eventually
from tests.e2e.helpers import processes_using
from tests.hardening.helpers import wait_for_jobs
from tests.hardening.up import docrelay_up

pytestmark = pytest.mark.hardening

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "sample-en.pdf"


def group_leader(data_dir: Path, module: str) -> int | None:
    """The pid of the stack's process running `python -m <module>` that leads its process group."""
    for pid in processes_using(data_dir):
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            if module.encode() in argv and os.getpgid(pid) == pid:
                return pid
        except (OSError, ProcessLookupError):
            continue
    return None


def group_members(data_dir: Path, group: int) -> list[int]:
    members = []
    for pid in processes_using(data_dir):
        try:
            if os.getpgid(pid) == group:
                members.append(pid)
        except ProcessLookupError:
            continue
    return members


def test_a_killed_stage_worker_is_started_again_and_jobs_go_on(tmp_path: Path) -> None:
    port, data_dir, log = free_port(), tmp_path / "data", tmp_path / "up.log"
    with docrelay_up(data_dir, port, log) as up, httpx.Client(base_url=f"http://127.0.0.1:{port}") as api:
        killed = group_leader(data_dir, "docrelay_extractor")
        assert killed is not None
        os.kill(killed, signal.SIGKILL)

        def started_again() -> bool:
            leader = group_leader(data_dir, "docrelay_extractor")
            return leader is not None and leader != killed

        eventually(started_again, 120, "a new extract worker")
        eventually(lambda: not group_members(data_dir, killed), 30, "the killed worker's pool to go")
        answer = api.post(
            "/v1/jobs",
            files={"file": (SAMPLE.name, SAMPLE.read_bytes())},
            data={"target_lang": "en-XA", "source_lang": "en", "engine": "pseudo"},
        )
        job = wait_for_jobs(api, [answer.json()["id"]], timeout=180)[answer.json()["id"]]
        said = log.read_text()
        assert job["status"] == "succeeded", (job, said[-2000:])
        assert "extract exited (code -9)" in said and "starting it again" in said, said[-2000:]
        assert up.poll() is None, said[-2000:]
