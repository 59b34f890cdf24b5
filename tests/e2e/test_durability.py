"""No job is lost when Redis restarts or the status service is down (issue: job lifecycle)."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from docrelay_common.ledger import JobLedger
from docrelay_common.redis_client import connect_redis
from docrelay_common.stages import PIPELINE, Stage
from tests.e2e.chaos import ChaosStack, calm_client, chaos_stack, eventually, stage_state
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.support.documents import text_document
from tests.support.servers import LocalRedis, restartable_redis

# Alone, so the short waits it asserts on (the jobs table agreeing within 10 s) do not share the cores
# with a parallel test stream.
pytestmark = pytest.mark.serial


@pytest.fixture(scope="module")
def persistent_redis() -> Iterator[LocalRedis]:
    with restartable_redis() as server:
        yield server


@pytest.fixture(scope="module")
def chaos(tmp_path_factory: pytest.TempPathFactory, persistent_redis: LocalRedis) -> Iterator[ChaosStack]:
    with chaos_stack(tmp_path_factory.mktemp("durable"), persistent_redis.url) as running:
        yield running


@pytest.fixture
def gateway(chaos: ChaosStack) -> Iterator[httpx.Client]:
    with calm_client(chaos) as client:
        yield client


def test_a_redis_restart_mid_run_loses_no_job(
    chaos: ChaosStack, gateway: httpx.Client, persistent_redis: LocalRedis, sample_pdf: Path
) -> None:
    for stage in PIPELINE:
        chaos.delay(stage, 1)
    job_ids = [submit(gateway, sample_pdf, target_lang="es", source_lang="en").json()["id"] for _ in range(4)]
    eventually(
        lambda: stage_state(gateway.get(f"/v1/jobs/{job_ids[0]}").json(), Stage.TRANSLATE) == "running",
        60,
        "the first job to reach translation",
    )

    persistent_redis.stop()
    down = submit(gateway, sample_pdf, target_lang="es", source_lang="en")
    assert down.status_code == 503 and down.json()["error"]["code"] == "service_unavailable"
    persistent_redis.start()

    for job_id in job_ids:
        job = wait_for_job(gateway, job_id, timeout=180)
        assert job["status"] == "succeeded", job
        assert gateway.get(f"/v1/jobs/{job_id}/result").status_code == 200


def test_the_jobs_table_converges_after_the_status_service_was_down(
    chaos: ChaosStack, gateway: httpx.Client, persistent_redis: LocalRedis
) -> None:
    one_page = _one_page_pdf()
    job_ids = [submit(gateway, one_page, target_lang="es", source_lang="en").json()["id"] for _ in range(3)]
    chaos.stack.stop_process("status")
    job_ids += [submit(gateway, one_page, target_lang="es", source_lang="en").json()["id"] for _ in range(47)]
    ledger = JobLedger(connect_redis(persistent_redis.url), ttl_seconds=3600)

    def finished_in_ledger() -> int:
        return sum(1 for job_id in job_ids if _ledger_done(ledger, job_id))

    # Without a status service the stages keep working and the table falls behind: a few jobs' worth.
    eventually(lambda: finished_in_ledger() >= 5, 60, "jobs to finish while the status service is down")
    done_while_down = finished_in_ledger()
    assert done_while_down > 0, "the pipeline kept running while the status service was down"
    stale = [gateway.get(f"/v1/jobs/{job_id}").json()["status"] for job_id in job_ids]
    assert stale.count("succeeded") < done_while_down, "events alone could not have told the table"

    chaos.stack.restart("status")
    eventually(lambda: finished_in_ledger() == len(job_ids), 240, "every job to finish")
    # Within seconds of the last job finishing, the table agrees with the ledgers for every job.
    eventually(
        lambda: all(gateway.get(f"/v1/jobs/{job_id}").json()["status"] == "succeeded" for job_id in job_ids),
        10,
        "the jobs table to match the ledgers",
        interval=1,
    )


def _ledger_done(ledger: JobLedger, job_id: str) -> bool:
    record = ledger.stage(job_id, PIPELINE[-1])
    return record is not None and record.state == "succeeded"


def _one_page_pdf() -> bytes:
    """A small real PDF rendered by WeasyPrint: the cheapest job the whole pipeline runs."""
    import weasyprint

    text = " ".join(block.text for block in text_document(["The report is ready.", "Thank you."]).blocks())
    return bytes(weasyprint.HTML(string=f"<p>{text}</p>").write_pdf())
