"""Waiting is not dying, and outages under load lose nothing.

One extract worker with short timeouts gets two large jobs and a burst of 50 small ones: page ranges
wait in the queue far longer than the visibility timeout plus the hard time limit, and are never declared
worker_lost. Meanwhile Redis (append-only) restarts and the status service stops and starts: every job
ends succeeded, the jobs table converges, and no job has more than one result or a stage run twice.
"""

import io
import time
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pikepdf
import pytest
from redis import Redis

from docrelay_common.celery_app import create_celery_app, send_to_stage
from docrelay_common.ledger import JobLedger
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import PIPELINE, Stage, queue_name
from docrelay_common.step_failures import MAX_STEP_RUNS
from tests.e2e.chaos import ChaosStack, chaos_stack, eventually, stage_entry
from tests.hardening.helpers import error_code, wait_for_jobs
from tests.support.hostile_pdfs import many_pages_pdf, text_pdf
from tests.support.servers import LocalRedis, restartable_redis

pytestmark = pytest.mark.hardening

VISIBILITY_TIMEOUT = 5
# A range's task holds the injected 2 s delay, its wait for Redis through the restart (redis-py backs
# off up to 3 s between tries) and its work on a busy machine: 6 s was once too short (stage_timeout).
EXTRACT_SOFT_LIMIT = 15
HARD_LIMIT_GRACE = 1
LOST_WORKER_GRACE = 1
# Past this, a stage silent since it started counted as lost before: visibility + hard limit + grace.
OLD_DEADLINE = VISIBILITY_TIMEOUT + EXTRACT_SOFT_LIMIT + HARD_LIMIT_GRACE + LOST_WORKER_GRACE
LARGE_PAGES, BURST = (24, 4), 50


@pytest.fixture(scope="module")
def redis() -> Iterator[LocalRedis]:
    with restartable_redis() as server:
        yield server


@pytest.fixture(scope="module")
def chaos(tmp_path_factory: pytest.TempPathFactory, redis: LocalRedis) -> Iterator[ChaosStack]:
    env = {
        "DOCRELAY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "DOCRELAY_EXTRACT_TIME_LIMIT": str(EXTRACT_SOFT_LIMIT),
        "DOCRELAY_HARD_LIMIT_GRACE": str(HARD_LIMIT_GRACE),
        "DOCRELAY_LOST_WORKER_GRACE": str(LOST_WORKER_GRACE),
        "DOCRELAY_RECONCILE_INTERVAL": "1",
        # Every page its own range: a large job is many tasks, each waiting its turn.
        "DOCRELAY_PAGES_PER_PART": "1",
    }
    with chaos_stack(tmp_path_factory.mktemp("outages"), redis.url, extra_env=env) as running:
        yield running


def result_pages(api: httpx.Client, job_id: str) -> int:
    result = api.get(f"/v1/jobs/{job_id}/result")
    assert result.status_code == 200, (job_id, result.status_code, result.text[:500])
    with pikepdf.open(io.BytesIO(result.content)) as document:
        return len(document.pages)


def still_waiting_after(api: httpx.Client, job_id: str, seconds: float) -> dict[str, Any]:
    """The job's extract stage `seconds` after it started (planned, its ranges queued behind others)."""
    entry = eventually(
        lambda: stage_entry(api.get(f"/v1/jobs/{job_id}").json(), Stage.EXTRACT), 60, "extract"
    )
    started = datetime.fromisoformat(entry["started_at"]).timestamp()
    time.sleep(max(0.0, started + seconds - time.time()))
    return stage_entry(api.get(f"/v1/jobs/{job_id}").json(), Stage.EXTRACT) or {}


def test_queued_ranges_are_never_lost_and_outages_lose_nothing(chaos: ChaosStack, redis: LocalRedis) -> None:
    # Slow ranges on the one extract worker: the second large job's ranges queue behind the first's.
    chaos.delay(Stage.EXTRACT, 2)
    with chaos.client() as api:
        # The language is given: detecting it would make each small job load the detection models.
        options = {"target_lang": "en-XA", "source_lang": "en", "engine": "pseudo"}
        large = [
            api.post("/v1/jobs", files={"file": ("large.pdf", many_pages_pdf(pages))}, data=options)
            for pages in LARGE_PAGES
        ]
        eventually(
            lambda: stage_entry(api.get(f"/v1/jobs/{large[1].json()['id']}").json(), Stage.EXTRACT), 60, ""
        )
        small = text_pdf(["A short note about the harbour."])
        burst = [
            api.post("/v1/jobs", files={"file": ("note.pdf", small)}, data=options) for _ in range(BURST)
        ]
        job_ids = [answer.json()["id"] for answer in (*large, *burst)]

        # Mid-burst: Redis restarts from its append-only file, then the status service stops and starts.
        redis.stop()
        time.sleep(2)
        redis.start()
        chaos.stack.stop_process("status")
        time.sleep(5)
        chaos.stack.restart("status")
        # The second large job's ranges still wait, long past the old deadline, and its stage lives on.
        extract = still_waiting_after(api, job_ids[1], OLD_DEADLINE + 3)
        assert (extract["state"], extract["done"], extract["error"]) == ("running", 0, None), extract
        chaos.calm()

        jobs = wait_for_jobs(api, job_ids, timeout=300)
        failed = {job_id: job["error"] for job_id, job in jobs.items() if job["status"] != "succeeded"}
        assert not failed, failed
        listed = api.get("/v1/jobs", params={"limit": 100}).json()["jobs"]
        pages = {job_id: result_pages(api, job_id) for job_id in job_ids}

    # The table converged: every job listed once, as succeeded, with one row per stage.
    assert sorted(job["id"] for job in listed) == sorted(job_ids)
    assert {job["status"] for job in listed} == {"succeeded"}
    for job in jobs.values():
        assert [entry["stage"] for entry in job["stages"]] == [stage.value for stage in PIPELINE]
    # No duplicate results: one result per job, each page once, however often a range ran.
    assert pages == dict(zip(job_ids, [*LARGE_PAGES, *[1] * BURST], strict=True))


def test_a_step_whose_process_keeps_dying_is_given_up_with_a_clear_code(
    chaos: ChaosStack, redis: LocalRedis
) -> None:
    # What a C library aborting under the memory cap, or the OOM killer, does to a pool process: here it
    # ends itself as soon as it starts the stage, so each death is redelivered at once. (Killing a held
    # process from the test raced this module's 5 s visibility timeout on a loaded machine: a copy
    # restored while the death went unnoticed ran beside the redelivered one.)
    chaos.die(Stage.EXTRACT)
    with chaos.client() as api:
        try:
            job_id = api.post(
                "/v1/jobs",
                files={"file": ("note.pdf", text_pdf(["A note."]))},
                data={"target_lang": "en-XA", "source_lang": "en"},
            ).json()["id"]
            job = wait_for_jobs(api, [job_id], timeout=60)[job_id]
        finally:
            chaos.calm()
        assert (job["status"], error_code(job)) == ("failed", "worker_lost"), job
        assert f"died {MAX_STEP_RUNS} times" in job["error"]["message"]
        # Started once for each death, and once more to give up.
        assert (stage_entry(job, Stage.EXTRACT) or {}).get("attempts") == MAX_STEP_RUNS + 1, job
        # A stale copy of the task (Redis restores an unacknowledged message after the visibility
        # timeout) arriving now neither runs the failed stage again nor replaces its failure.
        broker = Redis.from_url(redis.url)
        ledger = JobLedger(broker, 3600)
        before = ledger.read(job_id)
        assert before is not None and before.submitted is not None
        submitted = before.submitted
        app = create_celery_app("stale-copy", CommonSettings(redis_url=redis.url))
        send_to_stage(app, Stage.EXTRACT, submitted)
        app.close()
        follow = api.post(
            "/v1/jobs",
            files={"file": ("note.pdf", text_pdf(["A note."]))},
            data={"target_lang": "en-XA", "source_lang": "en"},
        )
        assert (
            wait_for_jobs(api, [follow.json()["id"]], timeout=60)[follow.json()["id"]]["status"]
            == "succeeded"
        )
        # The copy was taken before the job behind it, which has gone through every stage since.
        assert broker.llen(queue_name(Stage.EXTRACT)) == 0
        # (The jobs table keeps a finished job as it ended: the ledger would show a copy's work.)
        after = ledger.read(job_id)
        assert after is not None and after.stages == before.stages
