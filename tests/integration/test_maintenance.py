"""The maintenance worker as deployed (`python -m docrelay_status.maintenance`): Beat-driven retention and
webhook delivery with retries, against a real Redis, a real jobs table and a real HTTP receiver."""

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from celery import Celery

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_cli.readiness import NotReady, wait_until
from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.celery_app import create_celery_app, notify_job_finished
from docrelay_common.constants import JobStatus, StageState
from docrelay_common.dead_letters import DeadLetter, DeadLetterStore
from docrelay_common.redis_client import connect_redis
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import PIPELINE, Stage
from docrelay_jobs.store import JobStore
from docrelay_jobs.tables import utcnow
from docrelay_jobs.views import JobView
from docrelay_jobs.webhooks import EVENT_HEADER, SIGNATURE_HEADER, verify
from tests.support.http_receiver import http_receiver
from tests.support.jobs import finished_at, new_job, snapshot, stage

SECRET = "webhook-test-secret"
RETENTION = timedelta(hours=1)
TIMEOUT = 30.0


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="module")
def jobs(data_dir: Path) -> Iterator[JobStore]:
    # The worker's default database; created here first, so two processes never create its tables at once.
    store = JobStore(f"sqlite:///{data_dir / 'jobs.db'}")
    yield store
    store.close()


@pytest.fixture(scope="module")
def artifacts(data_dir: Path) -> LocalArtifactStore:
    return LocalArtifactStore(data_dir / "artifacts")


@pytest.fixture(scope="module")
def maintenance(redis_url: str, data_dir: Path, jobs: JobStore) -> Iterator[ManagedProcess]:
    inherited = {key: value for key, value in os.environ.items() if not key.startswith("DOCRELAY_")}
    settings = {
        "DOCRELAY_REDIS_URL": redis_url,
        "DOCRELAY_DATA_DIR": str(data_dir),
        "DOCRELAY_RETENTION_SECONDS": str(int(RETENTION.total_seconds())),
        "DOCRELAY_RETENTION_INTERVAL": "1",
        "DOCRELAY_WEBHOOK_SECRET": SECRET,
        "DOCRELAY_WEBHOOK_ALLOW_PRIVATE": "true",
        # No metrics server: the default port may be taken by a test running alongside.
        "DOCRELAY_METRICS_PORT": "0",
    }
    argv = [sys.executable, "-m", "docrelay_status.maintenance", "--without-gossip", "--without-mingle"]
    process = ManagedProcess("maintenance", argv, inherited | settings, data_dir / "maintenance.log")
    process.start()
    yield process
    stop_all([process])


@pytest.fixture(scope="module")
def celery(redis_url: str) -> Iterator[Celery]:
    app = create_celery_app("docrelay-test", CommonSettings(redis_url=redis_url))
    yield app
    app.close()


@pytest.fixture
def dead_letters(redis_url: str) -> Iterator[DeadLetterStore]:
    store = DeadLetterStore(connect_redis(redis_url))
    yield store
    store.redis.close()


def read(jobs: JobStore, job_id: str) -> JobView:
    job = jobs.get(job_id)
    assert job is not None
    return job


def await_job(worker: ManagedProcess, what: str, check: Callable[[], bool]) -> None:
    try:
        wait_until(check, what, TIMEOUT, alive=lambda: worker.exit_code() is None)
    except NotReady as exc:
        pytest.fail(f"{exc}; last lines of the worker's log:\n{worker.log_tail(60)}")


def job_with_files(jobs: JobStore, artifacts: LocalArtifactStore, **fields: str) -> str:
    job_id = uuid.uuid4().hex
    new_job(jobs, job_id, **fields)
    artifacts.write_bytes(job_key(job_id, "source.pdf"), b"%PDF-1.4 uploaded")
    return job_id


def test_retention_expires_old_jobs_and_deletes_their_files(
    maintenance: ManagedProcess, jobs: JobStore, artifacts: LocalArtifactStore, dead_letters: DeadLetterStore
) -> None:
    old, recent, running = (job_with_files(jobs, artifacts) for _ in range(3))
    jobs.apply_ledger(old, snapshot({name: stage(StageState.SUCCEEDED) for name in PIPELINE}))
    jobs.fail(recent, Stage.EXTRACT, "pdf_corrupt", "the PDF cannot be read")
    jobs.apply_ledger(running, snapshot({Stage.EXTRACT: stage(StageState.RUNNING)}))
    finished_at(jobs, old, utcnow() - RETENTION * 2)
    for job_id in (old, running):
        dead_letters.add(
            DeadLetter(
                job_id=job_id,
                stage=Stage.EXTRACT,
                message={"job_id": job_id},
                error_code="internal_error",
                error_message="boom",
                traceback="",
                attempts=1,
            )
        )

    # The job says `expired` before its files and dead letters go, so wait for all three.
    def old_job_is_gone() -> bool:
        letters = [letter.job_id for letter in dead_letters.all() if letter.job_id in (old, running)]
        gone = not (artifacts.root / "jobs" / old).exists() and letters == [running]
        return gone and read(jobs, old).status == JobStatus.EXPIRED

    await_job(maintenance, "retention", old_job_is_gone)
    assert read(jobs, recent).status == JobStatus.FAILED
    assert read(jobs, running).status == JobStatus.RUNNING
    for kept in (recent, running):
        assert artifacts.exists(job_key(kept, "source.pdf"))


def test_a_finished_job_is_posted_to_its_callback_until_it_is_accepted(
    maintenance: ManagedProcess, jobs: JobStore, artifacts: LocalArtifactStore, celery: Celery
) -> None:
    with http_receiver(statuses=[500]) as receiver:
        job_id = job_with_files(jobs, artifacts, callback_url=f"{receiver.url}/hooks/docrelay")
        jobs.fail(job_id, Stage.TRANSLATE, "engine_unavailable", "the translation engine did not answer")
        notify_job_finished(celery, job_id)
        requests = receiver.wait_for(2, timeout=TIMEOUT)

        def delivered() -> bool:
            webhook = read(jobs, job_id).webhook
            return webhook is not None and webhook.status == "delivered"

        await_job(maintenance, "webhook delivery", delivered)
    assert [(request.method, request.path) for request in requests] == [("POST", "/hooks/docrelay")] * 2
    for request in requests:
        assert verify(request.body, SECRET, request.headers[SIGNATURE_HEADER.lower()])
        assert request.headers[EVENT_HEADER.lower()] == "job.finished"
        assert request.headers["content-type"] == "application/json"
        body = request.json()
        assert body["event"] == "job.finished"
        job = JobView.model_validate(body["job"])
        assert job.error is not None
        assert (job.id, job.status, job.error.code, job.error.stage) == (
            job_id,
            JobStatus.FAILED,
            "engine_unavailable",
            "translate",
        )
    # The second delivery already counts the failed first one.
    first, second = (JobView.model_validate(request.json()["job"]).webhook for request in requests)
    assert first is not None and second is not None
    assert ((first.status, first.attempts), (second.status, second.attempts)) == (
        ("pending", 0),
        ("pending", 1),
    )
    webhook = read(jobs, job_id).webhook
    assert webhook is not None and (webhook.status, webhook.attempts) == ("delivered", 2)
