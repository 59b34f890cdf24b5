"""The jobs table: migrated by whichever service starts first, kept in step with the job ledger by status."""

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import BindParameter, bindparam, func, select, text, update
from sqlalchemy.orm import Session

from docrelay_common.constants import FINAL_STATUSES, JobStatus, StageState
from docrelay_common.ledger import LedgerSnapshot
from docrelay_common.stages import PIPELINE, Stage
from docrelay_jobs.eta import RecentPace, StageSample, stage_progress, stage_seconds
from docrelay_jobs.progress import TABLE_WEIGHTS, Weights, copy_stage, derive_status, set_failed
from docrelay_jobs.schema import upgrade_schema
from docrelay_jobs.tables import JobRow, StageRow, create_db_engine, sqlite_file, utcnow
from docrelay_jobs.views import JobView, aware, aware_or_none, job_view
from docrelay_jobs.work_ahead import UnfinishedJob
from docrelay_jobs.write_lock import write_lock_for

# What a stage's info may set on its job (the ledger's `info.*` fields).
INFO_FIELDS = (
    "pages",
    "source_lang",
    "engine",
    "engine_path",
    "other_language_blocks",
    "pages_without_text",
    "notices",
    "ocr",
    "cells_kept_verbatim",
)


@dataclass(frozen=True)
class JobFilter:
    owner: str | None = None
    status: JobStatus | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None


# Statements by job ids, built once: building them for each of the status service's sync transactions
# cost a quarter of its CPU there (the same compiled SQL, looked up again by its cache key).
_IDS: BindParameter[str] = bindparam("ids", expanding=True)
_JOBS_BY_ID = select(JobRow).where(JobRow.id.in_(_IDS))
_STAGES_OF_JOBS = select(StageRow).where(StageRow.job_id.in_(_IDS))
_LOCK_ROWS = select(JobRow.id).where(JobRow.id.in_(_IDS)).order_by(JobRow.id).with_for_update()
# A no-op UPDATE, run on the session's connection: through the session, the ORM would look for the
# rows among the session's objects first.
_TAKE_SQLITE_WRITE_LOCK = update(JobRow).where(JobRow.id.in_(_IDS)).values(updated_at=JobRow.updated_at)

# Jobs' ledgers as they are now, by job id (None: expired).
ReadLedgers = Callable[[Sequence[str]], Mapping[str, LedgerSnapshot | None]]


class JobStore:
    """Every read and write of the jobs table goes through here."""

    def __init__(self, url: str) -> None:
        database = sqlite_file(url)
        if database is not None:
            database.parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_db_engine(url)
        self._write_lock = write_lock_for(url)
        try:
            upgrade_schema(self.engine)
        except Exception:
            # The caller never gets this store, so it could never close the engine itself.
            self.engine.dispose()
            raise

    def close(self) -> None:
        self.engine.dispose()

    @property
    def reads_locally(self) -> bool:
        """A SQLite file: a read is a read of a local file, which in WAL mode never waits for a writer."""
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        """A session in a transaction that writes, committed on leaving; on SQLite after the writers
        before it (`write_lock`)."""
        lock = self._write_lock() if self._write_lock else nullcontext()
        with lock, Session(self.engine) as session, session.begin():
            yield session

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    # --- reads ------------------------------------------------------------------------------------

    def create(self, row: JobRow) -> JobView:
        with self._writing() as session:
            session.add(row)
            session.flush()
            return job_view(row, [])

    def get(self, job_id: str, owner: str | None = None) -> JobView | None:
        with Session(self.engine) as session:
            row = session.get(JobRow, job_id)
            if row is None or (owner is not None and row.owner != owner):
                return None
            return job_view(row, _stages_of(session, job_id))

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
            return [job_view(row, stages.get(row.id, [])) for row in rows]

    def unfinished_ids(self) -> list[str]:
        final = [status.value for status in FINAL_STATUSES]
        with Session(self.engine) as session:
            return list(session.scalars(select(JobRow.id).where(JobRow.status.not_in(final))))

    def unfinished_jobs(self, limit: int = 5000) -> list[UnfinishedJob]:
        """The jobs not yet ended, the first sent first: the queues an ETA waits behind."""
        final = [status.value for status in FINAL_STATUSES]
        query = (
            select(JobRow.id, JobRow.created_at, JobRow.pages, JobRow.size_bytes, JobRow.stage)
            .where(JobRow.status.not_in(final))
            .order_by(JobRow.created_at, JobRow.id)
            .limit(limit)
        )
        with Session(self.engine) as session:
            return [
                UnfinishedJob(
                    row.id,
                    aware(row.created_at),
                    row.pages,
                    row.size_bytes,
                    Stage(row.stage) if row.stage else None,
                )
                for row in session.execute(query)
            ]

    def count_by_status(self) -> dict[str, int]:
        with Session(self.engine) as session:
            rows = session.execute(select(JobRow.status, func.count()).group_by(JobRow.status)).all()
            return {status: count for status, count in rows}

    def recent_stage_samples(self, limit: int = 400) -> list[StageSample]:
        """The latest finished stages of jobs whose page count is known: the pace behind ETAs."""
        query = (
            select(StageRow.stage, StageRow.started_at, StageRow.finished_at, JobRow.pages, JobRow.engine)
            .join(JobRow, JobRow.id == StageRow.job_id)
            .where(StageRow.state == StageState.SUCCEEDED.value, JobRow.pages.is_not(None))
            .where(StageRow.started_at.is_not(None), StageRow.finished_at.is_not(None))
            .order_by(StageRow.finished_at.desc())
            .limit(limit)
        )
        with Session(self.engine) as session:
            return [
                _sample(row.stage, row.started_at, row.finished_at, row.pages, row.engine)
                for row in session.execute(query)
            ]

    # --- transitions ------------------------------------------------------------------------------

    def apply_ledger(self, job_id: str, ledger: LedgerSnapshot, pace: RecentPace | None = None) -> bool:
        """Bring the job in line with its ledger; True when this made the job end.

        Idempotent and order-free: applying the same or an older snapshot again changes nothing that
        matters, so events, reconciliation and redelivered tasks can all call it. With `pace`, each
        stage's share of the progress bar is its expected time for the job, not its fixed weight.
        """
        return bool(self.apply_ledgers({job_id: ledger}, pace))

    def apply_ledgers(
        self,
        ledgers: Mapping[str, LedgerSnapshot],
        pace: RecentPace | None = None,
        read_again: ReadLedgers | None = None,
    ) -> list[str]:
        """`apply_ledger` for several jobs in one transaction (one write lock, one commit); returns those
        that ended. Rows are locked in id order, as every other writer locks one job's.

        `read_again`: the ledgers of open jobs these snapshots would fail are read again under the
        locks. A retry resets a failed job's ledger under its row's lock (`reopen`): a snapshot read
        before that must not fail the reopened job, as a failed row is never synced again.
        """
        ended, job_ids = [], sorted(ledgers)
        with self._writing() as session:
            _lock_jobs(session, job_ids)
            # Read under the locks: the batch's rows in two queries, not one query per row.
            loaded = _LoadedJobs.read(session, job_ids)
            if read_again is not None:
                ledgers = _failures_read_again(ledgers, loaded, read_again)
            for job_id in job_ids:
                if _apply(session, loaded, job_id, ledgers[job_id], pace):
                    ended.append(job_id)
        return ended

    def fail(self, job_id: str, stage: Stage, code: str, message: str) -> bool:
        """Fail a job from outside its stages (the queue was unreachable, a worker vanished)."""
        with self._writing() as session:
            job = _open_job(session, job_id)
            if job is None:
                return False
            record = _stage_row(session, job_id, stage)
            record.state, record.finished_at = StageState.FAILED.value, utcnow()
            record.error_code, record.error_message = code, message[:2000]
            set_failed(job, stage, code, message)
            return True

    def cancel(self, job_id: str) -> bool:
        """End an unfinished job as cancelled; False when it had already ended."""
        with self._writing() as session:
            job = _open_job(session, job_id)
            if job is None:
                return False
            _cancel_unfinished_stages(session, job_id)
            job.status, job.stage, job.finished_at = JobStatus.CANCELLED.value, None, utcnow()
            return True

    def reopen(self, job_id: str, stage: Stage, reset_ledger: Callable[[], None]) -> JobView | None:
        """A failed job runs again from `stage`: clear the failure, keep what finished.

        Returns the job as reopened, or None unless it was failed: two retries at once reopen it once.
        The claim is the row's lock, and `reset_ledger` runs under it, before the row changes: reset
        after, a sync in between would fail the row again from the old ledger, for good.
        """
        with self._writing() as session:
            _lock_jobs(session, [job_id])
            job = session.get(JobRow, job_id)
            if job is None or job.status != JobStatus.FAILED.value:
                return None
            reset_ledger()
            record = _stage_row(session, job_id, stage)
            record.state, record.finished_at = StageState.QUEUED.value, None
            record.error_code = record.error_message = None
            job.status, job.stage, job.finished_at = JobStatus.QUEUED.value, stage.value, None
            job.error_code = job.error_message = job.error_stage = None
            session.flush()
            return job_view(job, _stages_of(session, job_id))

    def expire_finished_before(self, cutoff: datetime) -> list[str]:
        """Mark jobs that ended before `cutoff` expired; returns their ids so artifacts can go too."""
        alive = [JobStatus.SUCCEEDED.value, JobStatus.FAILED.value, JobStatus.CANCELLED.value]
        with self._writing() as session:
            rows = session.scalars(
                select(JobRow).where(JobRow.status.in_(alive), JobRow.finished_at < cutoff)
            ).all()
            for row in rows:
                row.status = JobStatus.EXPIRED.value
            return [row.id for row in rows]

    def webhook_attempted(self, job_id: str, status: str) -> None:
        with self._writing() as session:
            job = session.get(JobRow, job_id)
            if job is not None:
                job.webhook_status, job.webhook_attempts = status, job.webhook_attempts + 1


@dataclass
class _LoadedJobs:
    """Jobs' rows and their stages' rows, read in one go; a stage row made for a job is added here."""

    jobs: dict[str, JobRow]
    stages: dict[tuple[str, str], StageRow]

    @classmethod
    def read(cls, session: Session, job_ids: Sequence[str]) -> "_LoadedJobs":
        jobs = session.scalars(_JOBS_BY_ID, {"ids": list(job_ids)})
        stages = session.scalars(_STAGES_OF_JOBS, {"ids": list(job_ids)})
        return cls({job.id: job for job in jobs}, {(row.job_id, row.stage): row for row in stages})

    def stage_row(self, session: Session, job_id: str, stage: Stage) -> StageRow:
        record = self.stages.get((job_id, stage.value))
        if record is None:
            record = self.stages[(job_id, stage.value)] = _new_stage_row(session, job_id, stage)
        return record


def _apply(
    session: Session, loaded: _LoadedJobs, job_id: str, ledger: LedgerSnapshot, pace: RecentPace | None
) -> bool:
    """Bring one job, whose row this transaction has locked, in line with its ledger."""
    job = _still_open(loaded.jobs.get(job_id))
    if job is None:
        return False
    for stage, record in ledger.stages.items():
        copy_stage(loaded.stage_row(session, job_id, stage), record)
    for name in INFO_FIELDS:
        if ledger.info.get(name) is not None:
            setattr(job, name, ledger.info[name])
    rows = {stage: loaded.stages.get((job_id, stage.value)) for stage in PIPELINE}
    derive_status(job, ledger, _weights(job, rows, pace))
    if ledger.cancelled:
        _cancel_unfinished_stages(session, job_id)
    return job.status in FINAL_STATUSES


def _failures_read_again(
    ledgers: Mapping[str, LedgerSnapshot], loaded: _LoadedJobs, read_again: ReadLedgers
) -> Mapping[str, LedgerSnapshot]:
    failing = [
        job_id
        for job_id, ledger in ledgers.items()
        if ledger.failed_stage() is not None and _still_open(loaded.jobs.get(job_id)) is not None
    ]
    if not failing:
        return ledgers
    fresh = {job_id: ledger for job_id, ledger in read_again(failing).items() if ledger is not None}
    return {**ledgers, **fresh}


def _open_job(session: Session, job_id: str) -> JobRow | None:
    _lock_jobs(session, [job_id])
    return _still_open(session.get(JobRow, job_id))


def _still_open(job: JobRow | None) -> JobRow | None:
    return None if job is None or job.status in FINAL_STATUSES else job


def _lock_jobs(session: Session, job_ids: Sequence[str]) -> None:
    """Lock the jobs' rows before reading them.

    Two writers (the status service, the gateway cancelling) must not both see a job open and both end
    it. Where rows can be locked one by one (PostgreSQL), they are, in id order, as every writer locks
    them. SQLite has one write lock for the whole file and no FOR UPDATE: a no-op UPDATE takes it.
    """
    ids = {"ids": list(job_ids)}
    if session.get_bind().dialect.name == "sqlite":
        session.connection().execute(_TAKE_SQLITE_WRITE_LOCK, ids)
    else:
        session.execute(_LOCK_ROWS, ids)


def _stage_row(session: Session, job_id: str, stage: Stage) -> StageRow:
    return session.get(StageRow, (job_id, stage.value)) or _new_stage_row(session, job_id, stage)


def _new_stage_row(session: Session, job_id: str, stage: Stage) -> StageRow:
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
        for record in session.scalars(_STAGES_OF_JOBS, {"ids": job_ids}):
            grouped.setdefault(record.job_id, []).append(record)
    return grouped


def _sample(stage: str, started: datetime, finished: datetime, pages: int, engine: str | None) -> StageSample:
    started = aware(started)
    seconds = (aware(finished) - started).total_seconds()
    return StageSample(Stage(stage), seconds, pages, engine, started.timestamp())


def _weights(job: JobRow, rows: Mapping[Stage, StageRow | None], pace: RecentPace | None) -> Weights:
    """Each stage's whole time for this job as it looks now (its own time once run, else its pace at the
    job's own speed so far), once its page count is known: the bar then moves as the job's time does."""
    if pace is None or not job.pages:
        return TABLE_WEIGHTS
    now = datetime.now(UTC)
    stages = {
        stage: stage_progress(
            stage,
            StageState(row.state),
            row.done,
            row.total,
            aware_or_none(row.started_at),
            aware_or_none(row.finished_at),
            aware_or_none(row.progressed_at),
            now,
        )
        for stage, row in rows.items()
        if row is not None
    }
    return stage_seconds(job.pages, stages, pace.paces(job.engine))


def _utc(value: datetime) -> datetime:
    # SQLite stores the UTC wall time as text and compares text: a bound in another zone must match it.
    return aware(value).astimezone(UTC)
