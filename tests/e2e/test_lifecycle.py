"""Job control against real processes: SSE, cancel in every stage, kill -9 of every stage's worker,
dead letters and resume. Stage workers are the production wrapper around the real handlers, with
knobs to slow a stage down or make it fail (tests/support/chaos_worker.py)."""

import io
import itertools
import json
import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pikepdf
import pytest

from docrelay_common.stages import PIPELINE, Stage
from docrelay_jobs.webhooks import SIGNATURE_HEADER, verify
from tests.e2e.chaos import (
    TEST_VISIBILITY_TIMEOUT,
    ChaosStack,
    calm_client,
    chaos_stack,
    eventually,
    stage_entry,
    stage_state,
)
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.support.hostile_pdfs import many_pages_pdf
from tests.support.http_receiver import http_receiver
from tests.support.servers import redis_server


@pytest.fixture(scope="module")
def chaos(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChaosStack]:
    # An SSE stream reads its job only when the status service announces a change: one that reads it
    # on its timer would see a stage or two of each job here, not every one.
    env = {"DOCRELAY_EVENTS_POLL_INTERVAL": "60"}
    with (
        redis_server() as redis_url,
        chaos_stack(tmp_path_factory.mktemp("chaos"), redis_url, env) as running,
    ):
        yield running


@pytest.fixture
def gateway(chaos: ChaosStack) -> Iterator[httpx.Client]:
    with calm_client(chaos) as client:
        yield client


def _job(gateway: httpx.Client, job_id: str) -> dict[str, Any]:
    return dict(gateway.get(f"/v1/jobs/{job_id}").json())


def _running(gateway: httpx.Client, job_id: str, stage: Stage) -> dict[str, Any] | None:
    job = _job(gateway, job_id)
    return job if stage_state(job, stage) == "running" else None


def _assert_translated(gateway: httpx.Client, job_id: str) -> None:
    result = gateway.get(f"/v1/jobs/{job_id}/result")
    assert result.status_code == 200, result.text
    with pikepdf.open(io.BytesIO(result.content)) as pdf:
        assert len(pdf.pages) >= 1


def _sse_events(gateway: httpx.Client, job_id: str) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []
    with gateway.stream("GET", f"/v1/jobs/{job_id}/events", timeout=120) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        kind = None
        for line in response.iter_lines():
            if line.startswith("event:"):
                kind = line.removeprefix("event:").strip()
            elif line.startswith("data:") and kind == "job":
                events.append(json.loads(line.removeprefix("data:").strip()))
    return events


def test_sse_follows_a_job_stage_by_stage_until_it_ends(
    chaos: ChaosStack, gateway: httpx.Client, sample_pdf: Path
) -> None:
    for stage in PIPELINE:
        chaos.delay(stage, 0.8)
    job_id = submit(gateway, sample_pdf, target_lang="es", source_lang="en").json()["id"]
    # A client that polls instead is told when to read the job again, until it has ended.
    assert int(gateway.get(f"/v1/jobs/{job_id}").headers["Retry-After"]) >= 1
    events = _sse_events(gateway, job_id)
    assert "Retry-After" not in gateway.get(f"/v1/jobs/{job_id}").headers
    progress = [event["progress"] for event in events]
    assert progress == sorted(progress), "progress never moves back"
    assert events[-1]["status"] == "succeeded" and events[-1]["progress"] == 100
    stages_seen = [event["stage"] for event in events if event["stage"]]
    assert set(stages_seen) >= {"translate", "reconstruct"}
    assert any(event["eta_seconds"] is not None and event["eta_seconds"] > 0 for event in events[:-1])
    assert events[-1]["eta_seconds"] == 0
    assert all(entry["state"] == "succeeded" and entry["attempts"] == 1 for entry in events[-1]["stages"])


def test_a_signed_webhook_reports_the_end_of_a_job_after_a_failed_delivery(
    chaos: ChaosStack, gateway: httpx.Client, sample_pdf: Path
) -> None:
    with http_receiver(statuses=[503]) as receiver:
        hook = f"{receiver.url}/hooks/docrelay"
        job_id = submit(gateway, sample_pdf, target_lang="es", source_lang="en", callback_url=hook).json()[
            "id"
        ]
        assert wait_for_job(gateway, job_id, timeout=60)["status"] == "succeeded"
        first, second = receiver.wait_for(2, timeout=30)
    for delivery in (first, second):
        assert (delivery.method, delivery.path) == ("POST", "/hooks/docrelay")
        assert verify(delivery.body, "test-webhook-secret", delivery.headers[SIGNATURE_HEADER.lower()])
        payload = delivery.json()
        assert payload["event"] == "job.finished"
        assert (payload["job"]["id"], payload["job"]["status"]) == (job_id, "succeeded")
    eventually(lambda: _job(gateway, job_id)["webhook"]["status"] == "delivered", 10, "the delivery record")
    assert _job(gateway, job_id)["webhook"] == {"url": hook, "status": "delivered", "attempts": 2}


def test_a_cancelled_job_sends_its_webhook_too(
    chaos: ChaosStack, gateway: httpx.Client, sample_pdf: Path
) -> None:
    chaos.delay(Stage.TRANSLATE, 60)
    with http_receiver() as receiver:
        job_id = submit(
            gateway, sample_pdf, target_lang="es", source_lang="en", callback_url=f"{receiver.url}/h"
        ).json()["id"]
        eventually(lambda: _running(gateway, job_id, Stage.TRANSLATE), 30, "translation to start")
        assert gateway.delete(f"/v1/jobs/{job_id}").status_code == 200
        (delivery,) = receiver.wait_for(1, timeout=30)
    assert delivery.json()["job"]["status"] == "cancelled"


@pytest.mark.parametrize("stage", PIPELINE, ids=[stage.value for stage in PIPELINE])
def test_cancel_while_a_stage_runs(
    chaos: ChaosStack, gateway: httpx.Client, sample_pdf: Path, stage: Stage
) -> None:
    chaos.delay(stage, 60)
    job_id = submit(gateway, sample_pdf, target_lang="es", source_lang="en").json()["id"]
    eventually(lambda: _running(gateway, job_id, stage), 30, f"the {stage} stage to start")

    cancelled = gateway.delete(f"/v1/jobs/{job_id}")

    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert not (chaos.stack.config.data_dir / "artifacts" / "jobs" / job_id).exists()
    assert gateway.delete(f"/v1/jobs/{job_id}").json()["error"]["code"] == "job_already_finished"
    # The running stage was terminated, not left sleeping: with the delay gone, the same worker
    # takes the next job at once, and the cancelled job never reaches a later stage.
    chaos.calm()
    follow_up = submit(gateway, sample_pdf, target_lang="es", source_lang="en").json()["id"]
    assert wait_for_job(gateway, follow_up, timeout=40)["status"] == "succeeded"
    job = _job(gateway, job_id)
    assert job["status"] == "cancelled"
    later = PIPELINE[PIPELINE.index(stage) + 1 :]
    assert all(stage_entry(job, after) is None for after in later)
    assert gateway.get(f"/v1/jobs/{job_id}/result").json()["error"]["code"] == "result_not_ready"


def test_jobs_queued_behind_others_are_told_they_wait_for_them(
    chaos: ChaosStack, gateway: httpx.Client, tmp_path: Path
) -> None:
    # More 40-page jobs than the reconstruct pool has processes (one per core at most), all held at
    # reconstruct: those still in its queue wait for the ones sent before them.
    chaos.hold(Stage.RECONSTRUCT)
    pdf = tmp_path / "forty-pages.pdf"
    pdf.write_bytes(many_pages_pdf(40))
    ids = [
        submit(gateway, pdf, target_lang="es", source_lang="en").json()["id"]
        for _ in range(len(os.sched_getaffinity(0)) + 2)
    ]

    last_answers: list[httpx.Response] = []

    def queued_etas() -> list[tuple[int, int]] | None:
        """(ETA, Retry-After) of the jobs still in reconstruct's queue, in the order sent, once the ETAs
        grow with the work ahead (the gateway reads the queues once a second)."""
        answers = [gateway.get(f"/v1/jobs/{job_id}") for job_id in ids]
        last_answers[:] = answers
        if not all(
            answer.json()["stage"] == "reconstruct" and answer.json()["pages"] == 40 for answer in answers
        ):
            return None
        waiting = [
            (answer.json()["eta_seconds"], int(answer.headers["Retry-After"]))
            for answer in answers
            if stage_state(answer.json(), Stage.RECONSTRUCT) in (None, "queued")
        ]
        etas = [eta for eta, _ in waiting]
        growing = all(later > earlier for earlier, later in itertools.pairwise(etas))
        return waiting if len(waiting) >= 2 and growing else None

    def jobs_as_last_seen() -> list[tuple[object, ...]]:
        jobs = [(answer.json(), answer.headers.get("Retry-After")) for answer in last_answers]
        return [
            (job["stage"], job["pages"], stage_state(job, Stage.RECONSTRUCT), job["eta_seconds"], retry)
            for job, retry in jobs
        ]

    waiting = eventually(
        queued_etas,
        90,
        "the queued jobs' ETAs to grow with the work ahead of them",
        last_seen=jobs_as_last_seen,
    )
    # The last one waits for every job before it: it is told to look again no sooner than the first,
    # and not after the 1 s its own work alone would say (30 s at most).
    assert waiting[-1][1] >= waiting[0][1] >= 1 and waiting[-1][1] > 1
    chaos.calm()
    for job_id in ids:
        assert wait_for_job(gateway, job_id, timeout=120)["status"] == "succeeded"


def test_kill_9_of_each_stage_worker_mid_task_loses_no_job(
    chaos: ChaosStack, gateway: httpx.Client, sample_pdf: Path
) -> None:
    # Four jobs, each held in a different stage (the first in the last stage), so that all four workers
    # are in the middle of a task at once, however slow the machine: the kills cost one visibility
    # timeout, not four.
    killed_in: dict[str, Stage] = {}
    for stage in reversed(PIPELINE):
        chaos.hold(stage)
        job_id = submit(gateway, sample_pdf, target_lang="es", source_lang="en").json()["id"]
        eventually(partial(_running, gateway, job_id, stage), 60, f"a job held in {stage}")
        killed_in[job_id] = stage
    for stage in PIPELINE:
        chaos.kill(stage.value)
    # The tasks that come back run at full speed.
    chaos.calm()
    chaos.stack.restart(*(stage.value for stage in PIPELINE))
    # Each killed task comes back once Redis's visibility timeout passes (workers check every 10 s).
    for job_id, killed_stage in killed_in.items():
        job = wait_for_job(gateway, job_id, timeout=TEST_VISIBILITY_TIMEOUT + 60)
        assert job["status"] == "succeeded", job
        for stage in PIPELINE:
            entry = stage_entry(job, stage)
            assert entry is not None and entry["state"] == "succeeded"
            runs = 2 if stage == killed_stage else 1
            assert entry["attempts"] == runs, f"{stage} of the job killed in {killed_stage}: {entry}"
        _assert_translated(gateway, job_id)


def test_transient_faults_end_in_the_dead_letter_queue_and_a_retry_finishes_the_job(
    chaos: ChaosStack, gateway: httpx.Client, sample_pdf: Path
) -> None:
    chaos.fault(Stage.TRANSLATE)
    job_id = submit(gateway, sample_pdf, target_lang="es", source_lang="en").json()["id"]
    failed = wait_for_job(gateway, job_id, timeout=60)
    assert failed["status"] == "failed"
    assert (failed["error"]["code"], failed["error"]["stage"]) == ("engine_error", "translate")
    assert "injected fault" in failed["error"]["message"]
    entry = stage_entry(failed, Stage.TRANSLATE)
    assert entry is not None and entry["attempts"] == 3, "one try and DOCRELAY_MAX_RETRIES=2 retries"

    letters = [
        letter for letter in gateway.get("/v1/admin/dead-letters").json() if letter["job_id"] == job_id
    ]
    assert len(letters) == 1
    letter = letters[0]
    assert (letter["stage"], letter["error_code"], letter["attempts"]) == ("translate", "engine_error", 3)
    assert "TransientError" in letter["traceback"]

    chaos.fault(Stage.TRANSLATE, on=False)
    retried = gateway.post(f"/v1/admin/dead-letters/{letter['id']}/retry")
    assert retried.status_code == 202, retried.text
    done = wait_for_job(gateway, job_id, timeout=60)
    assert done["status"] == "succeeded" and done["error"] is None
    extract = stage_entry(done, Stage.EXTRACT)
    assert extract is not None and extract["attempts"] == 1, "finished stages are not run again"
    assert all(letter["job_id"] != job_id for letter in gateway.get("/v1/admin/dead-letters").json())
    assert gateway.post(f"/v1/admin/dead-letters/{letter['id']}/retry").status_code == 404
    _assert_translated(gateway, job_id)


def test_a_failed_job_resumes_from_its_first_unfinished_stage(
    chaos: ChaosStack, gateway: httpx.Client, sample_pdf: Path
) -> None:
    chaos.fault(Stage.RECONSTRUCT)
    job_id = submit(gateway, sample_pdf, target_lang="es", source_lang="en", tone="formal").json()["id"]
    assert wait_for_job(gateway, job_id, timeout=60)["status"] == "failed"
    chaos.fault(Stage.RECONSTRUCT, on=False)
    resumed = gateway.post(f"/v1/jobs/{job_id}/retry")
    assert resumed.status_code == 202, resumed.text
    assert resumed.json()["status"] == "queued" and resumed.json()["error"] is None
    job = wait_for_job(gateway, job_id, timeout=60)
    assert job["status"] == "succeeded", job
    attempts = {entry["stage"]: entry["attempts"] for entry in job["stages"]}
    assert attempts["extract"] == attempts["translate"] == attempts["tone"] == 1
    assert attempts["reconstruct"] == 3 + 1
    assert gateway.post(f"/v1/jobs/{job_id}/retry").json()["error"]["code"] == "job_not_retryable"
    _assert_translated(gateway, job_id)
