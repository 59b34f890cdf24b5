"""The jobs table: written by the gateway (new jobs) and the status service (everything after)."""

from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import BaseModel
from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, create_engine, event, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from docrelay_common.constants import (
    FINAL_STATUSES,
    PIPELINE,
    STAGE_WEIGHT,
    JobStatus,
    OutputMode,
    Stage,
)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class JobRow(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    stage: Mapped[str | None] = mapped_column(String(16))
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(String(2000))
    error_stage: Mapped[str | None] = mapped_column(String(16))
    pages: Mapped[int | None] = mapped_column(Integer)
    source_lang: Mapped[str | None] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    tone: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str | None] = mapped_column(String(32))
    output: Mapped[str] = mapped_column(String(16), default=OutputMode.TRANSLATED.value)
    # 1-based numbers of the pages kept as they are because they have no text layer (scans, images).
    pages_without_text: Mapped[list[int] | None] = mapped_column(JSON)
    filename: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class StageRow(Base):
    __tablename__ = "job_stages"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(255))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class JobError(BaseModel):
    code: str
    message: str
    stage: str | None


class JobView(BaseModel):
    """A job as the API shows it."""

    id: str
    status: JobStatus
    stage: Stage | None
    progress: int
    error: JobError | None
    pages: int | None
    source_lang: str | None
    target_lang: str
    tone: str
    engine: str | None
    output: OutputMode
    pages_without_text: list[int]
    filename: str
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: JobRow) -> "JobView":
        error = None
        if row.error_code:
            error = JobError(code=row.error_code, message=row.error_message or "", stage=row.error_stage)
        return cls(
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
            filename=row.filename,
            created_at=_aware(row.created_at),
            updated_at=_aware(row.updated_at),
        )


def _aware(value: datetime) -> datetime:
    # SQLite drops the zone; every timestamp we store is UTC.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def overall_progress(stage: Stage, fraction: float) -> int:
    """Map a stage's own completion (0..1) onto the job's 0..100 bar."""
    before = sum(STAGE_WEIGHT[s] for s in PIPELINE[: PIPELINE.index(stage)])
    return min(100, int(before + STAGE_WEIGHT[stage] * max(0.0, min(1.0, fraction))))


def create_db_engine(url: str) -> Engine:
    engine = create_engine(url, pool_pre_ping=True)
    if engine.dialect.name == "sqlite":
        # Several processes share the file: WAL lets readers and the one writer proceed together.
        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


class JobStore:
    """Every read and write of the jobs table goes through here."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            from pathlib import Path

            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_db_engine(url)
        Base.metadata.create_all(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def create(self, row: JobRow) -> JobView:
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            return JobView.from_row(row)

    def get(self, job_id: str) -> JobView | None:
        with Session(self.engine) as session:
            row = session.get(JobRow, job_id)
            return JobView.from_row(row) if row else None

    def stages(self, job_id: str) -> list[StageRow]:
        with Session(self.engine) as session:
            rows = session.scalars(select(StageRow).where(StageRow.job_id == job_id)).all()
            session.expunge_all()
            return list(rows)

    # --- transitions, applied by the status service -------------------------------------------

    def stage_started(self, job_id: str, stage: Stage, worker: str | None, at: datetime) -> None:
        with Session(self.engine) as session, session.begin():
            job = _open_job(session, job_id)
            if job is None or not _is_current_or_later(job, stage):
                return
            record = _stage_row(session, job_id, stage)
            record.state = JobStatus.RUNNING.value
            record.attempts += 1
            record.worker = worker
            record.started_at = record.started_at or at
            job.status, job.stage = JobStatus.RUNNING.value, stage.value
            job.progress = max(job.progress, overall_progress(stage, 0))

    def stage_progress(self, job_id: str, stage: Stage, done: int, total: int) -> None:
        with Session(self.engine) as session, session.begin():
            job = _open_job(session, job_id)
            if job is None or not _is_current_or_later(job, stage):
                return
            record = _stage_row(session, job_id, stage)
            record.done, record.total = done, total
            job.status, job.stage = JobStatus.RUNNING.value, stage.value
            job.progress = max(job.progress, overall_progress(stage, done / total if total else 0))

    def stage_succeeded(self, job_id: str, stage: Stage, at: datetime) -> None:
        with Session(self.engine) as session, session.begin():
            job = _open_job(session, job_id)
            if job is None:
                return
            record = _stage_row(session, job_id, stage)
            record.state, record.finished_at = JobStatus.SUCCEEDED.value, at
            job.progress = max(job.progress, overall_progress(stage, 1))
            if stage == PIPELINE[-1]:
                job.status, job.stage, job.progress = JobStatus.SUCCEEDED.value, None, 100

    def stage_failed(self, job_id: str, stage: Stage, code: str, message: str, at: datetime) -> None:
        """Fail the job; the first coded error wins over the generic task-failed that follows it."""
        with Session(self.engine) as session, session.begin():
            job = _open_job(session, job_id)
            if job is None:
                return
            record = _stage_row(session, job_id, stage)
            record.state, record.finished_at = JobStatus.FAILED.value, at
            job.status, job.stage = JobStatus.FAILED.value, None
            job.error_code, job.error_message, job.error_stage = code, message[:2000], stage.value

    def update_info(self, job_id: str, **fields: Any) -> None:
        allowed = {"pages", "source_lang", "engine", "pages_without_text"}
        values = {key: value for key, value in fields.items() if key in allowed and value is not None}
        if not values:
            return
        with Session(self.engine) as session, session.begin():
            job = session.get(JobRow, job_id)
            if job is not None:
                for key, value in values.items():
                    setattr(job, key, value)


def _open_job(session: Session, job_id: str) -> JobRow | None:
    job = session.get(JobRow, job_id)
    return None if job is None or job.status in FINAL_STATUSES else job


def _is_current_or_later(job: JobRow, stage: Stage) -> bool:
    # Events from different workers can arrive late; a job never moves back to an earlier stage.
    return job.stage is None or PIPELINE.index(stage) >= PIPELINE.index(Stage(job.stage))


def _stage_row(session: Session, job_id: str, stage: Stage) -> StageRow:
    record = session.get(StageRow, (job_id, stage.value))
    if record is None:
        record = StageRow(job_id=job_id, stage=stage.value, state=JobStatus.QUEUED.value, attempts=0)
        session.add(record)
    return record
