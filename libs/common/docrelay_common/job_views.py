"""Jobs and their stages as the API shows them."""

from datetime import UTC, datetime

from pydantic import BaseModel

from docrelay_common.constants import JobStatus, OutputMode, Stage, StageState


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
