"""Queue, task and event names: defined once here so that stages never need to import each other."""

from enum import StrEnum


class Stage(StrEnum):
    EXTRACT = "extract"
    TRANSLATE = "translate"
    TONE = "tone"
    RECONSTRUCT = "reconstruct"


PIPELINE: tuple[Stage, ...] = (Stage.EXTRACT, Stage.TRANSLATE, Stage.TONE, Stage.RECONSTRUCT)

# Share of the overall progress bar each stage owns; translation dominates the wall time.
STAGE_WEIGHT: dict[Stage, int] = {
    Stage.EXTRACT: 10,
    Stage.TRANSLATE: 55,
    Stage.TONE: 10,
    Stage.RECONSTRUCT: 25,
}


class Tone(StrEnum):
    NEUTRAL = "neutral"
    FORMAL = "formal"
    INFORMAL = "informal"


class OutputMode(StrEnum):
    """What the result PDF holds: the translation alone, or the original pages beside it."""

    TRANSLATED = "translated"
    # Original and translated page side by side on one page twice as wide.
    BILINGUAL = "bilingual"
    # Each original page followed by its translation.
    ALTERNATING = "alternating"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    # Finished long ago: its result and artifacts were deleted by retention.
    EXPIRED = "expired"


FINAL_STATUSES = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED, JobStatus.EXPIRED})


class StageState(StrEnum):
    """One stage of one job, as the ledger and the stages table record it."""

    QUEUED = "queued"
    RUNNING = "running"
    # Failed transiently; another attempt is scheduled.
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


def queue_name(stage: Stage) -> str:
    return stage.value


def task_name(stage: Stage) -> str:
    return f"docrelay.{stage.value}"


def part_task_name(stage: Stage) -> str:
    """The task that does one page range of a stage's job, on the same queue as the stage's task."""
    return f"docrelay.{stage.value}.part"


def task_id(job_id: str, stage: Stage) -> str:
    """Deterministic task id, so any task event can be traced back to its job and stage."""
    return f"{job_id}.{stage.value}"


def part_task_id(job_id: str, stage: Stage, part_label: str) -> str:
    return f"{job_id}.{stage.value}.{part_label}"


def parse_task_id(value: str) -> tuple[str, Stage] | None:
    """The job and stage of a stage task's or a part task's id (job ids hold no dots)."""
    job_id, _, rest = value.partition(".")
    stage = rest.partition(".")[0]
    if not job_id or stage not in Stage._value2member_map_:
        return None
    return job_id, Stage(stage)


def next_stage(stage: Stage) -> Stage | None:
    index = PIPELINE.index(stage)
    return PIPELINE[index + 1] if index + 1 < len(PIPELINE) else None


# A message header every publisher sets (Unix time), so a worker can tell how long a task waited.
SENT_AT_HEADER = "docrelay_sent_at"

# Custom Celery events sent by stages (Task.send_event); the status service consumes them.
EVENT_PROGRESS = "docrelay-progress"
EVENT_INFO = "docrelay-info"
EVENT_FAILED = "docrelay-failed"

# Housekeeping tasks (retention, webhook delivery) run on their own queue, beside the stages.
MAINTENANCE_QUEUE = "maintenance"
# Redis hash: dead-letter id -> JSON entry (stage message, error, traceback) of a task that gave up.
DEAD_LETTERS_KEY = "docrelay:dead-letters"
# Maintenance tasks, sent by name like the stages.
RETENTION_TASK = "docrelay.retention"
WEBHOOK_TASK = "docrelay.webhook"
