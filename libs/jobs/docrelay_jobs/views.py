"""Jobs and their stages as the API shows them."""

from collections.abc import Sequence
from datetime import UTC, datetime

from pydantic import BaseModel

from docrelay_common.constants import JobStatus, OcrMode, OutputMode, StageState
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
    # When `done` last grew (None: not yet).
    progressed_at: datetime | None = None
    # The latest error: the reason for a failure, or for the retry now scheduled.
    error: JobError | None
    # extract only: pages it read by OCR and the seconds OCR took, which its own time includes.
    ocr_pages: int | None = None
    ocr_seconds: float | None = None


class OcrView(BaseModel):
    # The job's `ocr` option; jobs from before OCR existed read "off".
    mode: OcrMode
    # 1-based numbers of the pages read by OCR, and the seconds OCR took on all the pages it tried.
    pages: list[int] = []
    seconds: float = 0.0
    # Blocks read with too little confidence to translate, kept as the scan shows them.
    low_confidence_blocks: int = 0


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
    # The engine and language pair of each hop: one for a direct pair, more through bridge languages.
    engine_path: list[str]
    # Blocks whose own language differed from the document's, by language (`notices` says what was done).
    other_language_blocks: dict[str, int]
    output: OutputMode
    pages_without_text: list[int]
    ocr: OcrView
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


def aware_or_none(value: datetime | None) -> datetime | None:
    return aware(value) if value is not None else None


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
    ocr = OcrView.model_validate(row.ocr or {"mode": OcrMode.OFF})
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
        engine_path=row.engine_path or [],
        other_language_blocks=row.other_language_blocks or {},
        output=OutputMode(row.output),
        pages_without_text=row.pages_without_text or [],
        ocr=ocr,
        notices=row.notices or [],
        cells_kept_verbatim=row.cells_kept_verbatim,
        filename=row.filename,
        webhook=webhook,
        stages=[_stage_view(record, ocr) for record in sorted(stages, key=lambda r: order[r.stage])],
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
    )


def _stage_view(row: StageRow, ocr: OcrView) -> StageView:
    error = None
    if row.error_code:
        error = JobError(code=row.error_code, message=row.error_message or "", stage=row.stage)
    # OCR's own time, within the extract stage's, once the stage has reported it.
    accounted = row.stage == Stage.EXTRACT and "seconds" in ocr.model_fields_set
    return StageView(
        stage=Stage(row.stage),
        state=StageState(row.state),
        attempts=row.attempts,
        worker=row.worker,
        started_at=aware_or_none(row.started_at),
        finished_at=aware_or_none(row.finished_at),
        done=row.done,
        total=row.total,
        progressed_at=aware_or_none(row.progressed_at),
        error=error,
        ocr_pages=len(ocr.pages) if accounted else None,
        ocr_seconds=ocr.seconds if accounted else None,
    )
