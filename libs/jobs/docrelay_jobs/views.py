"""Jobs and their stages as the API shows them."""

from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel

from docrelay_common.constants import JobStatus, OutputMode, StageState
from docrelay_common.stages import PIPELINE, Stage
from docrelay_jobs.tables import JobRow, StageRow


class JobError(BaseModel):
    code: str
    message: str
    stage: str | None


class StageView(BaseModel):
    stage: Stage
    state: StageState
    attempts: int
    worker: str | None
    started_at: datetime | None
    finished_at: datetime | None
    # Pages of the stage's work done so far (summed over its page ranges), of `total`.
    done: int
    total: int
    # The latest error: the reason for a failure, or for the retry now scheduled.
    error: JobError | None


class WebhookView(BaseModel):
    url: str
    # pending | delivered | failed
    status: str
    attempts: int


class JobView(BaseModel):
    id: str
    status: JobStatus
    stage: Stage | None
    progress: int
    # Seconds until the job should finish, from the measured throughput of recent jobs; null when
    # there is nothing to estimate from yet (the page count is unknown) or the job has ended.
    eta_seconds: int | None = None
    error: JobError | None
    pages: int | None
    source_lang: str | None
    target_lang: str
    tone: str
    engine: str | None
    output: OutputMode
    pages_without_text: list[int]
    # Things the user should know about a job that did not fail (e.g. already in the target language).
    notices: list[str]
    # Table cells passed through untranslated as data (numbers, dates, codes, names); null until extracted.
    cells_kept_verbatim: int | None = None
    filename: str
    webhook: WebhookView | None
    stages: list[StageView]
    created_at: datetime
    updated_at: datetime


class JobPage(BaseModel):
    """One page of a job listing; pass `next_cursor` back as `cursor` for the next page."""

    jobs: list[JobView]
    next_cursor: str | None


def aware(value: datetime) -> datetime:
    # SQLite drops the zone; every timestamp we store is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def job_view(row: JobRow, stages: Sequence[StageRow]) -> JobView:
    error = None
    if row.error_code:
        error = JobError(code=row.error_code, message=row.error_message or "", stage=row.error_stage)
    webhook = None
    if row.callback_url:
        webhook = WebhookView(
            url=row.callback_url, status=row.webhook_status or "pending", attempts=row.webhook_attempts
        )
    order = {stage.value: index for index, stage in enumerate(PIPELINE)}
    return JobView(
        id=row.id,
        status=JobStatus(row.status),
        stage=Stage(row.stage) if row.stage else None,
        progress=row.progress,
        error=error,
        pages=row.pages,
        source_lang=row.source_lang,
        target_lang=row.target_lang,
        tone=row.tone,
        engine=row.engine,
        output=OutputMode(row.output),
        pages_without_text=row.pages_without_text or [],
        notices=row.notices or [],
        cells_kept_verbatim=row.cells_kept_verbatim,
        filename=row.filename,
        webhook=webhook,
        stages=[_stage_view(record) for record in sorted(stages, key=lambda r: order[r.stage])],
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
    )


def _stage_view(row: StageRow) -> StageView:
    error = None
    if row.error_code:
        error = JobError(code=row.error_code, message=row.error_message or "", stage=row.stage)
    return StageView(
        stage=Stage(row.stage),
        state=StageState(row.state),
        attempts=row.attempts,
        worker=row.worker,
        started_at=aware(row.started_at) if row.started_at else None,
        finished_at=aware(row.finished_at) if row.finished_at else None,
        done=row.done,
        total=row.total,
        error=error,
    )
