"""The jobs resource: submit a PDF, list and read jobs, download a result, cancel, retry."""

import base64
import binascii
from datetime import datetime
from pathlib import PurePath
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from fastapi.responses import StreamingResponse

from docrelay_common.artifacts import Artifact, artifact_key
from docrelay_common.constants import JobStatus, OcrMode, OutputMode, Tone
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.languages import normalize_language
from docrelay_common.messages import JobOptions
from docrelay_gateway.api.deps import ArtifactStoreDep, EtaDep, JobServicesDep, JobStoreDep, SettingsDep
from docrelay_gateway.auth import Caller, CallerDep
from docrelay_gateway.errors import ApiError
from docrelay_gateway.eta import EtaEstimator, poll_after_seconds
from docrelay_gateway.glossaries import MAX_GLOSSARY_BYTES, parse_glossary
from docrelay_gateway.lifecycle import Submission, cancel_job, resume_job, submit_job
from docrelay_gateway.threads import in_read_thread
from docrelay_jobs.store import JobFilter, JobStore
from docrelay_jobs.views import JobPage, JobView
from docrelay_jobs.webhooks import CallbackRefused, check_callback_url

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


async def read_job_with_eta(jobs: JobStore, eta: EtaEstimator, job_id: str, caller: Caller) -> JobView:
    """The caller's job with its ETA, read on the event loop when that waits for nothing, else in the
    read lane.

    From a SQLite file the row is a local read that never waits for a writer (WAL), ~0.5 ms of CPU with
    the ETA once its readings are at hand: less than handing the read to a thread and back. Those two
    hops each wait for the interpreter's lock, which the upload threads hold through the first second of
    a burst: status reads' p99 was 48 ms in the read lane and 28 ms on the loop (medians of six
    alternating pairs, README). A server database is read over the network, and a first or too old ETA
    reading queries the database: those the loop does not wait for.
    """

    def read() -> JobView:
        return eta.with_eta(find_job(jobs, job_id, caller))

    if jobs.reads_locally and eta.answers_at_once():
        return read()
    return await in_read_thread(read)


def _tell_when_to_poll(response: Response, job: JobView) -> JobView:
    """`Retry-After` on a job that has not ended: when its status is worth reading again."""
    seconds = poll_after_seconds(job.status, job.eta_seconds)
    if seconds is not None:
        response.headers["Retry-After"] = str(seconds)
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
    services: JobServicesDep,
    file: Annotated[UploadFile, File(description="The PDF to translate")],
    target_lang: Annotated[str, Form(description="Language to translate into, e.g. es")],
    source_lang: Annotated[str | None, Form(description="Language of the PDF; detected when absent")] = None,
    tone: Annotated[Tone, Form()] = Tone.NEUTRAL,
    engine: Annotated[str | None, Form(pattern=ENGINE_NAME_PATTERN)] = None,
    output: Annotated[OutputMode, Form(description="The translation alone, or with the original")] = (
        OutputMode.TRANSLATED
    ),
    ocr: Annotated[
        OcrMode,
        Form(description="Read scanned pages with OCR: auto (pages without text), off, force (every page)"),
    ] = OcrMode.AUTO,
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
        ocr=ocr,
    )
    # Checked before the upload is stored, so a bad glossary or callback leaves nothing behind.
    callback = _callback(callback_url, settings.webhook_allow_private)
    glossary_upload = glossary_file.file.read(MAX_GLOSSARY_BYTES + 1) if glossary_file else None
    terms = parse_glossary(glossary, glossary_upload, glossary_file.filename if glossary_file else None)
    submission = Submission(
        upload=file.file,
        filename=file.filename or "document.pdf",
        options=options,
        owner=caller.owner,
        max_upload_bytes=settings.max_upload_bytes,
        password=password,
        callback_url=callback,
        glossary=terms,
        reuse_results=settings.reuse_results,
    )
    job = submit_job(submission, services)
    response.headers["Location"] = f"/v1/jobs/{job.id}"
    return _tell_when_to_poll(response, job)


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
async def list_jobs(
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
    after = _after(cursor)

    def read() -> JobPage:
        page = jobs.list_jobs(where, limit, after)
        next_cursor = _cursor(page[-1]) if len(page) == limit else None
        return JobPage(jobs=[eta.with_eta(job) for job in page], next_cursor=next_cursor)

    return await in_read_thread(read)


@router.get("/{job_id}", response_model=JobView)
async def read_job(
    job_id: str, response: Response, jobs: JobStoreDep, caller: CallerDep, eta: EtaDep
) -> JobView:
    """The job, with `Retry-After` (seconds) while it has not ended: when to read it again."""
    job = await read_job_with_eta(jobs, eta, job_id, caller)
    return _tell_when_to_poll(response, job)


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
    key = artifact_key(job_id, Artifact.RESULT)
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
def delete_job(job_id: str, caller: CallerDep, services: JobServicesDep) -> JobView:
    """Cancel a job that has not ended: it ends `cancelled` and its files are deleted."""
    cancel_job(find_job(services.jobs, job_id, caller), services)
    return find_job(services.jobs, job_id, caller)


@router.post("/{job_id}/retry", status_code=202, response_model=JobView)
def retry_job(job_id: str, response: Response, caller: CallerDep, services: JobServicesDep) -> JobView:
    """Resume a failed job from its first unfinished stage; finished stages are not run again."""
    return _tell_when_to_poll(response, resume_job(find_job(services.jobs, job_id, caller), services))
