"""The jobs table: migrated by whichever service starts first, kept in step with the job ledger by status."""

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Integer,
    String,
    create_engine,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from docrelay_common.constants import (
    FINAL_STATUSES,
    PIPELINE,
    STAGE_WEIGHT,
    JobStatus,
    OutputMode,
    Stage,
    StageState,
)
from docrelay_common.eta import StageSample
from docrelay_common.job_views import JobError, JobView, StageView, WebhookView, aware
from docrelay_common.ledger import LedgerSnapshot, StageRecord
from docrelay_common.schema import upgrade_schema

# What a stage's info may set on its job (the ledger's `info.*` fields).
INFO_FIELDS = ("pages", "source_lang", "engine", "pages_without_text", "notices", "cells_kept_verbatim")
# Tries at switching a SQLite file to WAL, 50 ms apart.
WAL_ATTEMPTS = 100


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: DateTime(timezone=True), dict[str, Any]: JSON}


class JobRow(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Who may see the job: a hash of the API key that created it; None when keys are off.
    owner: Mapped[str | None] = mapped_column(String(64), index=True)
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
    notices: Mapped[list[str] | None] = mapped_column(JSON)
    # Table cells passed through untranslated because they are data (numbers, dates, codes, names).
    cells_kept_verbatim: Mapped[int | None] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(String(255))
    size_bytes: Mapped[int] = mapped_column(Integer)
    callback_url: Mapped[str | None] = mapped_column(String(2000))
    webhook_status: Mapped[str | None] = mapped_column(String(16))
    webhook_attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(index=True)


class StageRow(Base):
    __tablename__ = "job_stages"

    job_id: Mapped[str] = mapped_column(ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16), primary_key=True)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str | None] = mapped_column(String(255))
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(String(2000))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


@dataclass(frozen=True)
class JobFilter:
    owner: str | None = None
    status: JobStatus | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None


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
            cursor.execute("PRAGMA busy_timeout=10000")
            _use_wal(cursor)
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


def _use_wal(cursor: Any) -> None:
    # Two processes opening a new file at once both switch it to WAL; SQLite fails one of them at once
    # instead of calling the busy handler (each holds a lock the other needs), so that one tries again.
    for attempt in range(WAL_ATTEMPTS):
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_BUSY or attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(0.05)


class JobStore:
    """Every read and write of the jobs table goes through here."""

    def __init__(self, url: str) -> None:
        if url.startswith("sqlite:///"):
            from pathlib import Path

            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_db_engine(url)
        try:
            upgrade_schema(self.engine)
        except Exception:
            # The caller never gets this store, so it could never close the engine itself.
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    # --- reads ------------------------------------------------------------------------------------

    def create(self, row: JobRow) -> JobView:
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            return _view(row, [])

    def get(self, job_id: str, owner: str | None = None) -> JobView | None:
        with Session(self.engine) as session:
            row = session.get(JobRow, job_id)
            if row is None or (owner is not None and row.owner != owner):
                return None
            return _view(row, _stages_of(session, job_id))

    def list_jobs(self, where: JobFilter, limit: int, after: tuple[datetime, str] | None) -> list[JobView]:
        """Newest first; `after` is the (created_at, id) of the last job of the previous page."""
        query = select(JobRow).order_by(JobRow.created_at.desc(), JobRow.id.desc()).limit(limit)
        if where.owner is not None:
            query = query.where(JobRow.owner == where.owner)
        if where.status is not None:
            query = query.where(JobRow.status == where.status.value)
        if where.created_after is not None:
            query = query.where(JobRow.created_at >= _utc(where.created_after))
        if where.created_before is not None:
            query = query.where(JobRow.created_at < _utc(where.created_before))
        if after is not None:
            created, job_id = _utc(after[0]), after[1]
            query = query.where(
                (JobRow.created_at < created) | ((JobRow.created_at == created) & (JobRow.id < job_id))
            )
        with Session(self.engine) as session:
            rows = session.scalars(query).all()
            stages = _stages_of_jobs(session, [row.id for row in rows])
            return [_view(row, stages.get(row.id, [])) for row in rows]

    def unfinished_ids(self) -> list[str]:
        final = [status.value for status in FINAL_STATUSES]
        with Session(self.engine) as session:
            return list(session.scalars(select(JobRow.id).where(JobRow.status.not_in(final))))

    def count_by_status(self) -> dict[str, int]:
        with Session(self.engine) as session:
            rows = session.execute(select(JobRow.status, func.count()).group_by(JobRow.status)).all()
            return {status: count for status, count in rows}

    def recent_stage_samples(self, limit: int = 200) -> list[StageSample]:
        """The latest finished stages of jobs whose page count is known: the pace behind ETAs."""
        query = (
            select(StageRow.stage, StageRow.started_at, StageRow.finished_at, JobRow.pages)
            .join(JobRow, JobRow.id == StageRow.job_id)
            .where(StageRow.state == StageState.SUCCEEDED.value, JobRow.pages.is_not(None))
            .where(StageRow.started_at.is_not(None), StageRow.finished_at.is_not(None))
            .order_by(StageRow.finished_at.desc())
            .limit(limit)
        )
        with Session(self.engine) as session:
            return [
                _sample(row.stage, row.started_at, row.finished_at, row.pages)
                for row in session.execute(query)
            ]

    # --- transitions ------------------------------------------------------------------------------

    def apply_ledger(self, job_id: str, ledger: LedgerSnapshot) -> bool:
        """Bring the job in line with its ledger; True when this made the job end.

        Idempotent and order-free: applying the same or an older snapshot again changes nothing that
        matters, so events, reconciliation and redelivered tasks can all call it.
        """
        with Session(self.engine) as session, session.begin():
            job = _open_job(session, job_id)
            if job is None:
                return False
            for stage, record in ledger.stages.items():
                _copy_stage(_stage_row(session, job_id, stage), record)
            for name in INFO_FIELDS:
                if ledger.info.get(name) is not None:
                    setattr(job, name, ledger.info[name])
            _derive_status(job, ledger)
            if ledger.cancelled:
                _cancel_unfinished_stages(session, job_id)
            return job.status in FINAL_STATUSES

    def fail(self, job_id: str, stage: Stage, code: str, message: str) -> bool:
        """Fail a job from outside its stages (the queue was unreachable, a worker vanished)."""
        with Session(self.engine) as session, session.begin():
            job = _open_job(session, job_id)
            if job is None:
                return False
            record = _stage_row(session, job_id, stage)
            record.state, record.finished_at = StageState.FAILED.value, utcnow()
            record.error_code, record.error_message = code, message[:2000]
            _set_failed(job, stage, code, message)
            return True

    def cancel(self, job_id: str) -> bool:
        """End an unfinished job as cancelled; False when it had already ended."""
        with Session(self.engine) as session, session.begin():
            job = _open_job(session, job_id)
            if job is None:
                return False
            _cancel_unfinished_stages(session, job_id)
            job.status, job.stage, job.finished_at = JobStatus.CANCELLED.value, None, utcnow()
            return True

    def reopen(self, job_id: str, stage: Stage) -> None:
        """A failed job runs again from `stage`: clear the failure, keep what finished."""
        with Session(self.engine) as session, session.begin():
            job = session.get(JobRow, job_id)
            if job is None:
                return
            record = _stage_row(session, job_id, stage)
            record.state, record.finished_at = StageState.QUEUED.value, None
            record.error_code = record.error_message = None
            job.status, job.stage, job.finished_at = JobStatus.QUEUED.value, stage.value, None
            job.error_code = job.error_message = job.error_stage = None

    def expire_finished_before(self, cutoff: datetime) -> list[str]:
        """Mark jobs that ended before `cutoff` expired; returns their ids so artifacts can go too."""
        alive = [JobStatus.SUCCEEDED.value, JobStatus.FAILED.value, JobStatus.CANCELLED.value]
        with Session(self.engine) as session, session.begin():
            rows = session.scalars(
                select(JobRow).where(JobRow.status.in_(alive), JobRow.finished_at < cutoff)
            ).all()
            for row in rows:
                row.status = JobStatus.EXPIRED.value
            return [row.id for row in rows]

    def webhook_attempted(self, job_id: str, status: str) -> None:
        with Session(self.engine) as session, session.begin():
            job = session.get(JobRow, job_id)
            if job is not None:
                job.webhook_status, job.webhook_attempts = status, job.webhook_attempts + 1


def _open_job(session: Session, job_id: str) -> JobRow | None:
    # Lock the row before reading it: two writers (the status service, the gateway cancelling) must not
    # both see the job open and both end it. A no-op UPDATE locks it on SQLite too, which lacks FOR UPDATE.
    session.execute(update(JobRow).where(JobRow.id == job_id).values(updated_at=JobRow.updated_at))
    job = session.get(JobRow, job_id)
    return None if job is None or job.status in FINAL_STATUSES else job


def _stage_row(session: Session, job_id: str, stage: Stage) -> StageRow:
    record = session.get(StageRow, (job_id, stage.value))
    if record is None:
        record = StageRow(job_id=job_id, stage=stage.value, state=StageState.QUEUED.value, attempts=0)
        session.add(record)
    return record


def _cancel_unfinished_stages(session: Session, job_id: str) -> None:
    for record in _stages_of(session, job_id):
        if record.state in (StageState.QUEUED, StageState.RUNNING, StageState.RETRYING):
            record.state, record.finished_at = StageState.CANCELLED.value, utcnow()


def _stages_of(session: Session, job_id: str) -> Sequence[StageRow]:
    return session.scalars(select(StageRow).where(StageRow.job_id == job_id)).all()


def _stages_of_jobs(session: Session, job_ids: list[str]) -> dict[str, list[StageRow]]:
    grouped: dict[str, list[StageRow]] = {}
    if job_ids:
        for record in session.scalars(select(StageRow).where(StageRow.job_id.in_(job_ids))):
            grouped.setdefault(record.job_id, []).append(record)
    return grouped


def _sample(stage: str, started: datetime, finished: datetime, pages: int) -> StageSample:
    return StageSample(Stage(stage), (aware(finished) - aware(started)).total_seconds(), pages)


def _utc(value: datetime) -> datetime:
    # SQLite stores the UTC wall time as text and compares text: a bound in another zone must match it.
    return aware(value).astimezone(UTC)


def _timestamp(epoch: float | None) -> datetime | None:
    return datetime.fromtimestamp(epoch, UTC) if epoch is not None else None


def _copy_stage(row: StageRow, record: StageRecord) -> None:
    row.state, row.attempts, row.worker = record.state.value, record.attempts, record.worker
    row.started_at, row.finished_at = _timestamp(record.started_at), _timestamp(record.finished_at)
    # A redelivered task starts counting again; the stage's progress never moves back.
    if record.state == StageState.QUEUED:
        row.done, row.total = record.done, record.total
    else:
        row.done, row.total = max(row.done or 0, record.done), max(row.total or 0, record.total)
    row.error_code, row.error_message = record.error_code, record.error_message


def _set_failed(job: JobRow, stage: Stage, code: str, message: str) -> None:
    job.status, job.stage, job.finished_at = JobStatus.FAILED.value, None, utcnow()
    job.error_code, job.error_message, job.error_stage = code, message[:2000], stage.value


def _derive_status(job: JobRow, ledger: LedgerSnapshot) -> None:
    if ledger.cancelled:
        job.status, job.stage, job.finished_at = JobStatus.CANCELLED.value, None, utcnow()
        return
    for stage in PIPELINE:
        record = ledger.stages.get(stage)
        if record is not None and record.state == StageState.FAILED:
            _set_failed(job, stage, record.error_code or "internal_error", record.error_message or "")
            return
    last = ledger.stages.get(PIPELINE[-1])
    if last is not None and last.state == StageState.SUCCEEDED:
        job.status, job.stage, job.progress = JobStatus.SUCCEEDED.value, None, 100
        job.finished_at = utcnow()
        return
    reached = [stage for stage in PIPELINE if stage in ledger.stages]
    if not reached:
        return
    current = reached[-1]
    record = ledger.stages[current]
    if record.state == StageState.SUCCEEDED:
        fraction = 1.0
    else:
        fraction = record.done / record.total if record.total else 0.0
    job.progress = max(job.progress, overall_progress(current, fraction))
    following = PIPELINE.index(current) + 1
    if record.state == StageState.SUCCEEDED and following < len(PIPELINE):
        # Handed on, not yet picked up: the job waits in the next stage's queue.
        current = PIPELINE[following]
    job.status, job.stage = JobStatus.RUNNING.value, current.value


def _view(row: JobRow, stages: Sequence[StageRow]) -> JobView:
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
