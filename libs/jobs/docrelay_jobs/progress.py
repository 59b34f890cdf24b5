"""How a job's ledger becomes its row: status, current stage and overall progress, derived in one place."""

from collections.abc import Mapping
from datetime import UTC, datetime

from docrelay_common.constants import JobStatus, StageState
from docrelay_common.ledger import LedgerSnapshot, StageRecord
from docrelay_common.stages import PIPELINE, STAGES, Stage
from docrelay_jobs.tables import JobRow, StageRow, utcnow

# Each stage's share of the bar: its expected seconds for the job (from the measured pace), or else its
# fixed weight in the stage table.
Weights = Mapping[Stage, float]
TABLE_WEIGHTS: Weights = {stage: float(spec.weight) for stage, spec in STAGES.items()}


def overall_progress(stage: Stage, fraction: float, weights: Weights = TABLE_WEIGHTS) -> int:
    """Map a stage's own completion (0..1) onto the job's 0..100 bar, stages weighing `weights`."""
    whole = sum(weights.values()) or 1.0
    before = sum(weights[s] for s in PIPELINE[: PIPELINE.index(stage)])
    return min(100, int(100 * (before + weights[stage] * max(0.0, min(1.0, fraction))) / whole))


def _timestamp(epoch: float | None) -> datetime | None:
    return datetime.fromtimestamp(epoch, UTC) if epoch is not None else None


def copy_stage(row: StageRow, record: StageRecord) -> None:
    row.state, row.attempts, row.worker = record.state.value, record.attempts, record.worker
    row.started_at, row.finished_at = _timestamp(record.started_at), _timestamp(record.finished_at)
    # A redelivered task starts counting again; the stage's progress never moves back.
    before = row.done or 0
    if record.state == StageState.QUEUED:
        row.done, row.total = record.done, record.total
    else:
        row.done, row.total = max(before, record.done), max(row.total or 0, record.total)
    if row.done != before:
        row.progressed_at = utcnow() if row.done > before else None
    if record.state == StageState.SUCCEEDED:
        # A stage with nothing to do for the job (the toner on a neutral job) told of no page, yet is done.
        row.done = row.total
    row.error_code, row.error_message = record.error_code, record.error_message


def set_failed(job: JobRow, stage: Stage, code: str, message: str) -> None:
    job.status, job.stage, job.finished_at = JobStatus.FAILED.value, None, utcnow()
    job.error_code, job.error_message, job.error_stage = code, message[:2000], stage.value


def derive_status(job: JobRow, ledger: LedgerSnapshot, weights: Weights = TABLE_WEIGHTS) -> None:
    if ledger.cancelled:
        job.status, job.stage, job.finished_at = JobStatus.CANCELLED.value, None, utcnow()
        return
    failed = ledger.failed_stage()
    if failed is not None:
        record = ledger.stages[failed]
        set_failed(job, failed, record.error_code or "internal_error", record.error_message or "")
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
    job.progress = max(job.progress, overall_progress(current, fraction, weights))
    following = PIPELINE.index(current) + 1
    if record.state == StageState.SUCCEEDED and following < len(PIPELINE):
        # Handed on, not yet picked up: the job waits in the next stage's queue.
        current = PIPELINE[following]
    job.status, job.stage = JobStatus.RUNNING.value, current.value
