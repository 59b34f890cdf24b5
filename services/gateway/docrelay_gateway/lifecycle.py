"""What the gateway does to a job after submitting it: cancel it, restart it, estimate its ETA."""

import time
from datetime import UTC, datetime

from celery import Celery
from kombu.exceptions import OperationalError

from docrelay_common.artifacts import ArtifactStore
from docrelay_common.celery_app import notify_job_finished, send_to_stage
from docrelay_common.constants import FINAL_STATUSES, PIPELINE, JobStatus, Stage, part_task_id, task_id
from docrelay_common.dead_letters import DeadLetterStore
from docrelay_common.errors import ErrorCode
from docrelay_common.ledger import JobLedger
from docrelay_common.messages import StageMessage
from docrelay_gateway.errors import ApiError
from docrelay_jobs.eta import StageProgress, remaining_seconds, seconds_per_page
from docrelay_jobs.store import JobStore
from docrelay_jobs.views import JobView

# Recent jobs' pace changes slowly; one query per half minute serves every ETA in between.
PACE_CACHE_SECONDS = 30.0


def queue_unreachable() -> ApiError:
    return ApiError(503, ErrorCode.UNAVAILABLE, "the job queue is unreachable; try again shortly")


def cancel_job(
    job: JobView,
    jobs: JobStore,
    ledger: JobLedger,
    store: ArtifactStore,
    dead_letters: DeadLetterStore,
    celery: Celery,
) -> None:
    """Stop the job wherever it is: queued stages are skipped, a running one is terminated."""
    if job.status in FINAL_STATUSES:
        raise ApiError(409, ErrorCode.JOB_ALREADY_FINISHED, f"job {job.id} has already ended ({job.status})")
    # The ledger flag first: every stage checks it before running and before handing on, which covers
    # workers that start later and never hear the revoke broadcast.
    ledger.cancel(job.id)
    try:
        celery.control.revoke(_task_ids(job.id, ledger), terminate=True)
    except OperationalError:
        raise queue_unreachable() from None
    # The status service may apply the cancelled ledger first; whoever ends the job sends its webhook.
    ended_here = jobs.cancel(job.id)
    store.delete_job(job.id)
    dead_letters.remove_job(job.id)
    if ended_here and job.webhook is not None:
        notify_job_finished(celery, job.id)


def _task_ids(job_id: str, ledger: JobLedger) -> list[str]:
    """Every stage task of the job, and the part tasks of the stages that were cut into parts."""
    snapshot = ledger.read(job_id)
    parts = snapshot.stages if snapshot else {}
    return [task_id(job_id, stage) for stage in PIPELINE] + [
        part_task_id(job_id, stage, label) for stage, record in parts.items() for label in record.parts
    ]


def ensure_failed(job: JobView) -> None:
    if job.status != JobStatus.FAILED:
        raise ApiError(
            409, ErrorCode.JOB_NOT_RETRYABLE, f"job {job.id} is {job.status}; only failed jobs can be retried"
        )


def restart_job(
    job_id: str, stage: Stage, message: StageMessage, jobs: JobStore, ledger: JobLedger, celery: Celery
) -> None:
    """Run a failed job again from `stage`, reusing what earlier stages left in the artifact store."""
    ledger.reopen(job_id, stage)
    jobs.reopen(job_id, stage)
    try:
        send_to_stage(celery, stage, message)
    except OperationalError:
        jobs.fail(job_id, stage, ErrorCode.UNAVAILABLE, "the job queue was unreachable")
        raise queue_unreachable() from None


class EtaEstimator:
    def __init__(self, jobs: JobStore) -> None:
        self.jobs = jobs
        self._pace: dict[Stage, float] = {}
        self._pace_at = 0.0

    def pace(self) -> dict[Stage, float]:
        if time.monotonic() - self._pace_at > PACE_CACHE_SECONDS or not self._pace:
            self._pace = seconds_per_page(self.jobs.recent_stage_samples())
            self._pace_at = time.monotonic()
        return self._pace

    def with_eta(self, job: JobView) -> JobView:
        if job.status in FINAL_STATUSES:
            return job.model_copy(update={"eta_seconds": 0 if job.status == JobStatus.SUCCEEDED else None})
        now = datetime.now(UTC)
        stages = {
            view.stage: StageProgress(
                view.stage,
                view.state,
                view.done,
                view.total,
                (now - view.started_at).total_seconds() if view.started_at else 0.0,
            )
            for view in job.stages
        }
        # Until the extractor reports the page count, its own progress total is the page count.
        extract = stages.get(Stage.EXTRACT)
        pages = job.pages or (extract.total if extract and extract.total else None)
        return job.model_copy(update={"eta_seconds": remaining_seconds(pages, stages, self.pace())})
