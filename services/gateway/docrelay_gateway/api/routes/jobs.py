"""The jobs resource: submit a PDF, read a job, download its result."""

import secrets
from pathlib import PurePath
from typing import Annotated

from fastapi import APIRouter, File, Form, Response, UploadFile
from fastapi.responses import FileResponse
from kombu.exceptions import OperationalError

from docrelay_common.artifacts import job_key
from docrelay_common.celery_app import send_to_stage
from docrelay_common.constants import JobStatus, OutputMode, Stage, Tone
from docrelay_common.errors import ErrorCode
from docrelay_common.jobs import JobRow, JobView
from docrelay_common.languages import normalize_language
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_gateway.api.deps import ArtifactStoreDep, CeleryDep, JobStoreDep, SettingsDep
from docrelay_gateway.errors import ApiError
from docrelay_gateway.passwords import decrypt_stored_pdf
from docrelay_gateway.uploads import store_pdf_upload

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])

ENGINE_NAME_PATTERN = r"^[a-z][a-z0-9_-]{0,31}$"


def _language(value: str, field: str) -> str:
    try:
        return normalize_language(value)
    except ValueError as exc:
        raise ApiError(422, ErrorCode.INVALID_REQUEST, f"{field}: {exc}") from None


def _find(jobs: JobStoreDep, job_id: str) -> JobView:
    job = jobs.get(job_id)
    if job is None:
        raise ApiError(404, ErrorCode.JOB_NOT_FOUND, f"no job with id {job_id}")
    return job


@router.post("", status_code=202, response_model=JobView)
def create_job(
    response: Response,
    settings: SettingsDep,
    jobs: JobStoreDep,
    store: ArtifactStoreDep,
    celery: CeleryDep,
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
) -> JobView:
    """Accept a PDF and queue it for translation."""
    options = JobOptions(
        target_lang=_language(target_lang, "target_lang"),
        source_lang=_language(source_lang, "source_lang") if source_lang else None,
        tone=tone,
        engine=engine,
        output=output,
    )
    job_id = secrets.token_hex(16)
    source_key = job_key(job_id, "source.pdf")
    size = store_pdf_upload(file.file, store, source_key, settings.max_upload_bytes)
    if password:
        decrypt_stored_pdf(store, source_key, password)
    filename = PurePath(file.filename or "document.pdf").name[:255]
    job = jobs.create(
        JobRow(
            id=job_id,
            status=JobStatus.QUEUED.value,
            progress=0,
            source_lang=options.source_lang,
            target_lang=options.target_lang,
            tone=options.tone.value,
            engine=options.engine,
            output=options.output.value,
            filename=filename,
            size_bytes=size,
        )
    )
    message = StageMessage(job_id=job_id, options=options, artifacts={"source": source_key})
    try:
        send_to_stage(celery, Stage.EXTRACT, message)
    except OperationalError:
        jobs.stage_failed(
            job_id, Stage.EXTRACT, ErrorCode.UNAVAILABLE, "the job queue is unreachable", job.created_at
        )
        raise ApiError(
            503, ErrorCode.UNAVAILABLE, "the job queue is unreachable; try again shortly"
        ) from None
    response.headers["Location"] = f"/v1/jobs/{job_id}"
    return job


@router.get("/{job_id}", response_model=JobView)
def read_job(job_id: str, jobs: JobStoreDep) -> JobView:
    return _find(jobs, job_id)


@router.get("/{job_id}/result", response_class=FileResponse)
def read_result(job_id: str, jobs: JobStoreDep, store: ArtifactStoreDep) -> FileResponse:
    """The translated PDF, once the job has succeeded."""
    job = _find(jobs, job_id)
    if job.status != JobStatus.SUCCEEDED:
        detail = f" ({job.error.code}: {job.error.message})" if job.error else ""
        raise ApiError(
            409, ErrorCode.RESULT_NOT_READY, f"job {job_id} is {job.status}{detail}; no result yet"
        )
    stem = PurePath(job.filename).stem
    return FileResponse(
        store.path(job_key(job_id, "result.pdf")),
        media_type="application/pdf",
        filename=f"{stem}.{job.target_lang}.pdf",
    )
