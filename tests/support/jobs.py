"""Job rows as the gateway creates them, and ledger records as the stages write them, for tests."""

from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from docrelay_common.constants import StageState
from docrelay_common.ledger import LedgerSnapshot, StageRecord
from docrelay_common.stages import Stage
from docrelay_jobs.store import JobStore
from docrelay_jobs.tables import JobRow
from docrelay_jobs.views import JobView

# 2026-01-01T00:00:00Z: when the stages of constructed ledgers start.
T0 = 1_767_225_600.0


def new_job(store: JobStore, job_id: str, **fields: Any) -> JobView:
    """A queued job as an upload creates it; `fields` override columns (owner, callback_url, ...)."""
    columns: dict[str, Any] = {
        "id": job_id,
        "status": "queued",
        "stage": Stage.EXTRACT.value,
        "progress": 0,
        "target_lang": "es",
        "tone": "neutral",
        "filename": "a.pdf",
        "size_bytes": 10,
    }
    return store.create(JobRow(**(columns | fields)))


def finished_at(store: JobStore, job_id: str, when: datetime) -> None:
    """Pretend the job ended at `when`: retention only cares how long ago that was."""
    with Session(store.engine) as session, session.begin():
        session.execute(update(JobRow).where(JobRow.id == job_id).values(finished_at=when))


def stage(state: StageState, *, at: float = T0, seconds: float = 10.0, **fields: Any) -> StageRecord:
    """A stage's ledger record: started at `at`; a finished one took `seconds`."""
    ended = state in (StageState.SUCCEEDED, StageState.FAILED, StageState.CANCELLED)
    values: dict[str, Any] = {
        "state": state,
        "attempts": 1,
        "worker": "worker@host",
        "started_at": at,
        "finished_at": at + seconds if ended else None,
    }
    return StageRecord(**(values | fields))


def snapshot(
    stages: dict[Stage, StageRecord], info: dict[str, Any] | None = None, cancelled: bool = False
) -> LedgerSnapshot:
    return LedgerSnapshot(stages=stages, info=info or {}, cancelled=cancelled, submitted=None)
