"""What the gateway does to jobs: submit one, cancel it, restart it. Routes parse; this module acts."""

import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from celery import Celery
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from docrelay_common.artifacts import Artifact, ArtifactStore, artifact_key
from docrelay_common.celery_app import notify_job_finished, send_to_stage
from docrelay_common.constants import FINAL_STATUSES, JobStatus
from docrelay_common.dead_letters import DeadLetterStore
from docrelay_common.errors import ErrorCode
from docrelay_common.job_changes import announce_changes
from docrelay_common.ledger import JobLedger
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.stages import PIPELINE, Stage, part_task_id, task_id
from docrelay_gateway.errors import ApiError
from docrelay_gateway.metrics import record_submission
from docrelay_gateway.passwords import decrypt_stored_pdf
from docrelay_gateway.reuse import ResultReuse, submission_digest
from docrelay_gateway.uploads import store_pdf_upload
from docrelay_jobs.store import JobStore
from docrelay_jobs.tables import JobRow, utcnow
from docrelay_jobs.views import JobView


@dataclass(frozen=True)
class JobServices:
    """What acting on a job touches: its row, its ledger, its files, the queues, its dead letters."""

    jobs: JobStore
    ledger: JobLedger
    store: ArtifactStore
    celery: Celery
    dead_letters: DeadLetterStore
    reuse: ResultReuse


@dataclass(frozen=True)
class Submission:
    """An upload request, parsed and checked: everything a new job is made of."""

    upload: BinaryIO
    filename: str
    options: JobOptions
    owner: str | None
    max_upload_bytes: int
    password: str | None = None
    callback_url: str | None = None
    glossary: dict[str, str] | None = None
    reuse_results: bool = True


def queue_unreachable() -> ApiError:
    return ApiError(503, ErrorCode.UNAVAILABLE, "the job queue is unreachable; try again shortly")


def submit_job(submission: Submission, services: JobServices) -> JobView:
    """Store the upload, then queue the job, or finish it at once with an identical job's result."""
    # 128 random bits: a job id cannot be guessed, whether or not API keys are on.
    job_id = secrets.token_hex(16)
    store = services.store
    source_key = artifact_key(job_id, Artifact.SOURCE)
    upload = store_pdf_upload(submission.upload, store, source_key, submission.max_upload_bytes)
    content_hash = upload.content_hash
    if submission.password and (decrypted := decrypt_stored_pdf(store, source_key, submission.password)):
        content_hash = hashlib.sha256(decrypted)
    artifacts = {Artifact.SOURCE.value: source_key}
    if submission.glossary is not None:
        artifacts[Artifact.GLOSSARY] = artifact_key(job_id, Artifact.GLOSSARY)
        store.write_bytes(
            artifacts[Artifact.GLOSSARY], json.dumps(submission.glossary, ensure_ascii=False).encode()
        )
    row = _new_row(job_id, submission, upload.size)
    digest = None
    if submission.reuse_results:
        digest = submission_digest(content_hash, submission.options, submission.glossary, submission.owner)
    earlier = services.reuse.earlier_job(digest, submission.owner) if digest else None
    if earlier is not None:
        job = _reuse_result(earlier, row, services)
    else:
        job = _queue(
            StageMessage(job_id=job_id, options=submission.options, artifacts=artifacts),
            row,
            digest,
            services,
        )
    record_submission(upload.size)
    return job


def _new_row(job_id: str, submission: Submission, size: int) -> JobRow:
    options = submission.options
    return JobRow(
        id=job_id,
        owner=submission.owner,
        status=JobStatus.QUEUED.value,
        stage=PIPELINE[0].value,
        progress=0,
        source_lang=options.source_lang,
        target_lang=options.target_lang,
        tone=options.tone.value,
        engine=options.engine,
        output=options.output.value,
        ocr={"mode": options.ocr.value},
        filename=PurePath(submission.filename or "document.pdf").name[:255],
        size_bytes=size,
        callback_url=submission.callback_url,
    )


def _queue(message: StageMessage, row: JobRow, digest: str | None, services: JobServices) -> JobView:
    """Record the job (ledger, row) and hand it to the first stage."""
    try:
        with services.ledger.redis.pipeline() as pipe:
            services.ledger.submitted(message, pipe)
            if digest:
                services.reuse.remember(digest, message.job_id, pipe)
            pipe.execute()
    except RedisError:
        services.store.delete_job(message.job_id)
        raise queue_unreachable() from None
    job = services.jobs.create(row)
    try:
        send_to_stage(services.celery, PIPELINE[0], message)
    except OperationalError:
        services.jobs.fail(message.job_id, PIPELINE[0], ErrorCode.UNAVAILABLE, "the job queue is unreachable")
        raise queue_unreachable() from None
    return job


def _reuse_result(earlier: JobView, row: JobRow, services: JobServices) -> JobView:
    """Finish the new job at once with a copy of the earlier, identical job's result."""
    services.reuse.copy_result(earlier.id, row.id)
    row.status, row.stage, row.progress, row.finished_at = JobStatus.SUCCEEDED.value, None, 100, utcnow()
    row.pages, row.source_lang, row.engine = earlier.pages, earlier.source_lang, earlier.engine
    row.pages_without_text, row.engine_path = earlier.pages_without_text, earlier.engine_path
    row.other_language_blocks, row.ocr = earlier.other_language_blocks, earlier.ocr.model_dump(mode="json")
    row.cells_kept_verbatim = earlier.cells_kept_verbatim
    notice = f"identical to job {earlier.id} (same file and options): its result was reused"
    row.notices = [*earlier.notices, notice]
    job = services.jobs.create(row)
    if job.webhook is not None:
        notify_job_finished(services.celery, job.id)
    return job


def cancel_job(job: JobView, services: JobServices) -> None:
    """Stop the job wherever it is: queued stages are skipped, a running one is terminated."""
    if job.status in FINAL_STATUSES:
        raise ApiError(409, ErrorCode.JOB_ALREADY_FINISHED, f"job {job.id} has already ended ({job.status})")
    # The ledger flag first: every stage checks it before running and before handing on, which covers
    # workers that start later and never hear the revoke broadcast.
    services.ledger.cancel(job.id)
    try:
        services.celery.control.revoke(_task_ids(job.id, services.ledger), terminate=True)
    except OperationalError:
        raise queue_unreachable() from None
    # The status service may apply the cancelled ledger first; whoever ends the job sends its webhook.
    ended_here = services.jobs.cancel(job.id)
    # A queued job's stages send no event to make the status service sync it: its streams hear it here.
    announce_changes(services.ledger.redis, [job.id])
    services.store.delete_job(job.id)
    services.dead_letters.remove_job(job.id)
    if ended_here and job.webhook is not None:
        notify_job_finished(services.celery, job.id)


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


def resume_job(job: JobView, services: JobServices) -> JobView:
    """Run a failed job again from its first unfinished stage; finished stages are not run again."""
    ensure_failed(job)
    snapshot = services.ledger.read(job.id)
    stage = snapshot.first_unfinished() if snapshot else None
    message = snapshot.input_of(stage) if snapshot and stage else None
    if stage is None or message is None:
        raise ApiError(
            409, ErrorCode.JOB_NOT_RETRYABLE, f"job {job.id} can no longer be resumed: its records expired"
        )
    services.dead_letters.remove_job(job.id)
    return restart_job(job.id, stage, message, services)


def restart_job(job_id: str, stage: Stage, message: StageMessage, services: JobServices) -> JobView:
    """Run a failed job again from `stage`, reusing what earlier stages left in the artifact store.

    Returns the job as the restart left it, queued: read before it is sent, as once sent a worker may
    already have started it.
    """
    reopened = services.jobs.reopen(job_id, stage, lambda: services.ledger.reopen(job_id, stage))
    if reopened is None:
        raise ApiError(
            409, ErrorCode.JOB_NOT_RETRYABLE, f"job {job_id} is no longer failed: another retry came first"
        )
    try:
        send_to_stage(services.celery, stage, message)
    except OperationalError:
        services.jobs.fail(job_id, stage, ErrorCode.UNAVAILABLE, "the job queue was unreachable")
        raise queue_unreachable() from None
    return reopened
