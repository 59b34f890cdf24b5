"""Stopping is prompt: Ctrl-C on `docrelay up` (started, as a shell's background job is, with SIGINT
ignored) while a worker is in the middle of a long page range stops
the stack within 15 s, leaves no process behind and says so; the unfinished range goes back to the queue
and the job finishes on the next start."""

import signal
import time
from pathlib import Path

import httpx
import pytest

from docrelay_cli.readiness import free_port
from docrelay_common.stages import Stage
from tests.e2e.chaos import eventually, stage_entry
from tests.e2e.helpers import processes_using
from tests.hardening.helpers import wait_for_jobs
from tests.hardening.up import docrelay_up
from tests.support.hostile_pdfs import text_pdf

pytestmark = pytest.mark.hardening

PROMPT_STOP_SECONDS = 15
# Dense pages in one range: extracting them takes long enough to be interrupted in the middle.
PAGES = 30
ONE_RANGE = {"DOCRELAY_PAGES_PER_PART": str(PAGES)}


def dense_pdf() -> bytes:
    line = "The harbour master counted the ships that came in with the morning tide, one by one."
    return text_pdf(*([f"{page}. {line}"] * 40 for page in range(1, PAGES + 1)))


def test_ctrl_c_mid_range_stops_within_15_s_and_the_range_resumes_on_the_next_start(tmp_path: Path) -> None:
    port, data_dir, log = free_port(), tmp_path / "data", tmp_path / "up.log"
    base_url = f"http://127.0.0.1:{port}"
    with docrelay_up(data_dir, port, log, ONE_RANGE) as up, httpx.Client(base_url=base_url) as api:
        answer = api.post(
            "/v1/jobs",
            files={"file": ("dense.pdf", dense_pdf())},
            data={"target_lang": "en-XA", "source_lang": "en"},
        )
        job_id = answer.json()["id"]
        # up itself, Redis, status, four stage workers (and their pools), maintenance, gateway.
        assert len(processes_using(data_dir)) >= 8

        def extracting() -> bool:
            entry = stage_entry(api.get(f"/v1/jobs/{job_id}").json(), Stage.EXTRACT)
            return bool(entry and entry["state"] == "running" and 0 < entry["done"] < PAGES)

        eventually(extracting, 120, "the extract stage to be in the middle of its range")
        interrupted = time.monotonic()
        up.send_signal(signal.SIGINT)
        up.wait(60)
        stopped_after = time.monotonic() - interrupted
    said = log.read_text()
    print(f"docrelay up stopped {stopped_after:.1f} s after Ctrl-C")
    assert stopped_after <= PROMPT_STOP_SECONDS, (stopped_after, said[-2000:])
    assert up.returncode == 0, said[-2000:]
    assert "stopping..." in said and "stopped in" in said, said[-2000:]
    assert "1 unfinished task(s) went back to the queue" in said, said[-2000:]
    time.sleep(0.5)
    assert processes_using(data_dir) == []

    with docrelay_up(data_dir, port, log, ONE_RANGE), httpx.Client(base_url=base_url) as api:
        job = wait_for_jobs(api, [job_id], timeout=240)[job_id]
        assert job["status"] == "succeeded", job
        extract = stage_entry(job, Stage.EXTRACT) or {}
        assert extract["done"] == PAGES
