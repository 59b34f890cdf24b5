"""The jobs resource: submit a PDF, list and read jobs, download a result, cancel, retry."""

import base64
import binascii
import json
import secrets
from datetime import datetime
from pathlib import PurePath
from typing import Annotated
from urllib.parse import quote

from celery import Celery
from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from fastapi.responses import StreamingResponse
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from docrelay_common.artifacts import job_key
from docrelay_common.celery_app import notify_job_finished, send_to_stage
from docrelay_common.constants import JobStatus, OutputMode, Stage, Tone
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.job_views import JobPage, JobView
from docrelay_common.jobs import JobFilter, JobRow, JobStore, utcnow
from docrelay_common.languages import normalize_language
from docrelay_common.messages import GLOSSARY_ARTIFACT, JobOptions, StageMessage
from docrelay_common.webhooks import CallbackRefused, check_callback_url
from docrelay_gateway.api.deps import (
    ArtifactStoreDep,
    CeleryDep,
    DeadLetterDep,
    EtaDep,
    JobStoreDep,
    LedgerDep,
    ReuseDep,
    SettingsDep,
)
from docrelay_gateway.auth import CallerDep
from docrelay_gateway.errors import ApiError
from docrelay_gateway.glossaries import MAX_GLOSSARY_BYTES, parse_glossary
from docrelay_gateway.lifecycle import cancel_job, ensure_failed, queue_unreachable, restart_job
from docrelay_gateway.metrics import record_submission
from docrelay_gateway.passwords import decrypt_stored_pdf
from docrelay_gateway.reuse import ResultReuse, submission_digest
from docrelay_gateway.uploads import store_pdf_upload

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])

ENGINE_NAME_PATTERN = r"^[a-z][a-z0-9_-]{0,31}$"


def _language(value: str, field: str) -> str:
    try:
        return normalize_language(value)
    except ValueError as exc:
        raise ApiError(422, ErrorCode.INVALID_REQUEST, f"{field}: {exc}") from None


def find_job(jobs: JobStoreDep, job_id: str, caller: CallerDep) -> JobView:
    """The caller's job; another key's job is as absent as a job that never existed."""
    job = jobs.get(job_id, owner=caller.owner)
    if job is None:
        raise ApiError(404, ErrorCode.JOB_NOT_FOUND, f"no job with id {job_id}")
    return job


def _callback(url: str | None, allow_private: bool) -> str | None:
    if not url:
        return None
    try:
        check_callback_url(url, allow_private)
    except CallbackRefused as exc:
        raise ApiError(422, ErrorCode.INVALID_CALLBACK_URL, str(exc)) from None
    return url


@router.post("", status_code=202, response_model=JobView)
def create_job(
    response: Response,
    settings: SettingsDep,
    caller: CallerDep,
    jobs: JobStoreDep,
    ledger: LedgerDep,
    store: ArtifactStoreDep,
    celery: CeleryDep,
    reuse: ReuseDep,
    file: Annotated[UploadFile, File(description="The PDF to translate")],
    target_lang: Annotated[str, Form(description="Language to translate into, e.g. es")],
    source_lang: Annotated[str | None, Form(description="Language of the PDF; detected when absent")] = None,
    tone: Annotated[Tone, Form()] = Tone.NEUTRAL,
    engine: Annotated[str | None, Form(pattern=ENGINE_NAME_PATTERN)] = None,
    output: Annotated[OutputMode, Form(description="The translation alone, or with the original")] = (
        OutputMode.TRANSLATED
    ),
    password: Annotated[
        str | None, Form(description="Opens a protected PDF; used at once, never stored")
    ] = None,
    callback_url: Annotated[
        str | None, Form(description="Receives a signed POST when the job ends (see README: Webhooks)")
    ] = None,
    glossary: Annotated[
        str | None, Form(description="Fixed translations: a JSON object, or CSV/TSV lines source,target")
    ] = None,
    glossary_file: Annotated[
        UploadFile | None, File(description="Fixed translations as a CSV, TSV or JSON file")
    ] = None,
) -> JobView:
    """Accept a PDF and queue it for translation."""
    options = JobOptions(
        target_lang=_language(target_lang, "target_lang"),
        source_lang=_language(source_lang, "source_lang") if source_lang else None,
        tone=tone,
        engine=engine,
        output=output,
    )
    callback = _callback(callback_url, settings.webhook_allow_private)
    # Checked before the upload is stored, so a bad glossary leaves nothing behind.
    glossary_upload = glossary_file.file.read(MAX_GLOSSARY_BYTES + 1) if glossary_file else None
    terms = parse_glossary(glossary, glossary_upload, glossary_file.filename if glossary_file else None)
    # 128 random bits: a job id cannot be guessed, whether or not API keys are on.
    job_id = secrets.token_hex(16)
    source_key = job_key(job_id, "source.pdf")
    size = store_pdf_upload(file.file, store, source_key, settings.max_upload_bytes)
    if password:
        decrypt_stored_pdf(store, source_key, password)
    artifacts = {"source": source_key}
    if terms is not None:
        artifacts[GLOSSARY_ARTIFACT] = job_key(job_id, "glossary.json")
        store.write_bytes(artifacts[GLOSSARY_ARTIFACT], json.dumps(terms, ensure_ascii=False).encode())
    row = JobRow(
        id=job_id,
        owner=caller.owner,
        status=JobStatus.QUEUED.value,
        stage=Stage.EXTRACT.value,
        progress=0,
        source_lang=options.source_lang,
        target_lang=options.target_lang,
        tone=options.tone.value,
        engine=options.engine,
        output=options.output.value,
        filename=PurePath(file.filename or "document.pdf").name[:255],
        size_bytes=size,
        callback_url=callback,
    )
    response.headers["Location"] = f"/v1/jobs/{job_id}"
    # Hashing reads the stored upload back: only worth it when a match can be used.
    digest = None
    if settings.reuse_results:
        digest = submission_digest(store, source_key, options, terms, caller.owner)
    earlier = reuse.earlier_job(digest, caller.owner) if digest else None
    if earlier is not None:
        job = _reuse_result(earlier, row, jobs, reuse, celery)
        record_submission(size)
        return job
    message = StageMessage(job_id=job_id, options=options, artifacts=artifacts)
    try:
        ledger.submitted(message)
        if digest:
            reuse.remember(digest, job_id)
    except RedisError:
        store.delete_job(job_id)
        raise queue_unreachable() from None
    job = jobs.create(row)
    try:
        send_to_stage(celery, Stage.EXTRACT, message)
    except OperationalError:
        jobs.fail(job_id, Stage.EXTRACT, ErrorCode.UNAVAILABLE, "the job queue is unreachable")
        raise queue_unreachable() from None
    record_submission(size)
    return job


def _reuse_result(
    earlier: JobView, row: JobRow, jobs: JobStore, reuse: ResultReuse, celery: Celery
) -> JobView:
    """Finish the new job at once with a copy of the earlier, identical job's result."""
    reuse.copy_result(earlier.id, row.id)
    row.status, row.stage, row.progress, row.finished_at = JobStatus.SUCCEEDED.value, None, 100, utcnow()
    row.pages, row.source_lang, row.engine = earlier.pages, earlier.source_lang, earlier.engine
    row.pages_without_text, row.cells_kept_verbatim = earlier.pages_without_text, earlier.cells_kept_verbatim
    notice = f"identical to job {earlier.id} (same file and options): its result was reused"
    row.notices = [*earlier.notices, notice]
    job = jobs.create(row)
    if job.webhook is not None:
        notify_job_finished(celery, job.id)
    return job


def _cursor(job: JobView) -> str:
    return base64.urlsafe_b64encode(f"{job.created_at.isoformat()}|{job.id}".encode()).decode()


def _after(cursor: str | None) -> tuple[datetime, str] | None:
    if not cursor:
        return None
    try:
        created, _, job_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(created), job_id
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ApiError(422, ErrorCode.INVALID_REQUEST, "cursor: not a cursor this API returned") from None


@router.get("", response_model=JobPage)
def list_jobs(
    jobs: JobStoreDep,
    caller: CallerDep,
    eta: EtaDep,
    status: JobStatus | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: str | None = None,
) -> JobPage:
    """The caller's jobs, newest first, a page at a time."""
    where = JobFilter(
        owner=caller.owner, status=status, created_after=created_after, created_before=created_before
    )
    page = jobs.list_jobs(where, limit, _after(cursor))
    next_cursor = _cursor(page[-1]) if len(page) == limit else None
    return JobPage(jobs=[eta.with_eta(job) for job in page], next_cursor=next_cursor)


@router.get("/{job_id}", response_model=JobView)
def read_job(job_id: str, jobs: JobStoreDep, caller: CallerDep, eta: EtaDep) -> JobView:
    return eta.with_eta(find_job(jobs, job_id, caller))


@router.get("/{job_id}/result", response_class=StreamingResponse)
def read_result(
    job_id: str, jobs: JobStoreDep, caller: CallerDep, store: ArtifactStoreDep
) -> StreamingResponse:
    """The translated PDF, once the job has succeeded."""
    job = find_job(jobs, job_id, caller)
    if job.status == JobStatus.EXPIRED:
        raise ApiError(410, ErrorCode.JOB_EXPIRED, f"job {job_id} has expired; its result was deleted")
    if job.status != JobStatus.SUCCEEDED:
        detail = f" ({job.error.code}: {job.error.message})" if job.error else ""
        raise ApiError(
            409, ErrorCode.RESULT_NOT_READY, f"job {job_id} is {job.status}{detail}; no result yet"
        )
    key = job_key(job_id, "result.pdf")
    try:
        size, chunks = store.size(key), store.iter_chunks(key)
    except PermanentError as exc:
        raise ApiError(410, ErrorCode.JOB_EXPIRED, f"the result of job {job_id} is no longer stored") from exc
    filename = f"{PurePath(job.filename).stem}.{job.target_lang}.pdf"
    quoted = quote(filename)
    # RFC 6266: a plain filename when it is ASCII-safe, else the UTF-8 form (as FileResponse writes it).
    disposition = (
        f'attachment; filename="{filename}"'
        if quoted == filename
        else f"attachment; filename*=utf-8''{quoted}"
    )
    # Starlette iterates a synchronous iterator in its thread pool: the event loop never blocks on S3.
    return StreamingResponse(
        chunks,
        media_type="application/pdf",
        headers={"Content-Length": str(size), "Content-Disposition": disposition},
    )


@router.delete("/{job_id}", response_model=JobView)
def delete_job(
    job_id: str,
    jobs: JobStoreDep,
    caller: CallerDep,
    ledger: LedgerDep,
    store: ArtifactStoreDep,
    dead_letters: DeadLetterDep,
    celery: CeleryDep,
) -> JobView:
    """Cancel a job that has not ended: it ends `cancelled` and its files are deleted."""
    job = find_job(jobs, job_id, caller)
    cancel_job(job, jobs, ledger, store, dead_letters, celery)
    return find_job(jobs, job_id, caller)


@router.post("/{job_id}/retry", status_code=202, response_model=JobView)
def retry_job(
    job_id: str,
    jobs: JobStoreDep,
    caller: CallerDep,
    ledger: LedgerDep,
    dead_letters: DeadLetterDep,
    celery: CeleryDep,
) -> JobView:
    """Resume a failed job from its first unfinished stage; finished stages are not run again."""
    job = find_job(jobs, job_id, caller)
    ensure_failed(job)
    snapshot = ledger.read(job_id)
    stage = snapshot.first_unfinished() if snapshot else None
    message = snapshot.input_of(stage) if snapshot and stage else None
    if stage is None or message is None:
        raise ApiError(
            409, ErrorCode.JOB_NOT_RETRYABLE, f"job {job_id} can no longer be resumed: its records expired"
        )
    dead_letters.remove_job(job_id)
    restart_job(job_id, stage, message, jobs, ledger, celery)
    return find_job(jobs, job_id, caller)
