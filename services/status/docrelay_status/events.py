"""Turns Celery events into job syncs. Pure dispatch: fed events, unit-testable."""

import logging
from collections.abc import Callable
from typing import Any

from docrelay_common.constants import EVENT_FAILED, EVENT_INFO, EVENT_PROGRESS
from docrelay_common.errors import ErrorCode
from docrelay_common.stages import PIPELINE, Stage, parse_task_id
from docrelay_status.sync import JobSynchronizer

logger = logging.getLogger(__name__)

Event = dict[str, Any]

# Events after which a job's ledger holds something new.
SYNC_EVENTS = frozenset(
    {"task-started", "task-succeeded", "task-retried", EVENT_PROGRESS, EVENT_INFO, EVENT_FAILED}
)


def is_urgent(kind: str, stage: Stage) -> bool:
    """Whether the event may end the job (its last stage ended, or a stage failed): the jobs table shows
    that at once, where other changes may wait a moment to be synced together (PendingSyncs)."""
    return kind == EVENT_FAILED or (kind == "task-succeeded" and stage == PIPELINE[-1])


def _lost_task_failure(stage: str, exception: str, traceback: str) -> tuple[ErrorCode, str]:
    # The hard time limit kills a task before it can record anything. Celery names it in the exception,
    # or, when billiard wrapped it ("ExceptionWithTraceback()"), in the traceback only.
    if "TimeLimitExceeded" in exception or "TimeLimitExceeded" in traceback:
        return ErrorCode.STAGE_TIMEOUT, f"the {stage} stage ran out of time"
    return ErrorCode.INTERNAL_ERROR, f"the {stage} stage failed: {exception}"


class EventApplier:
    """Applies one event at a time; events of other tasks and unknown events are ignored.

    `sync(job_id, urgent)` brings a job in line with its ledger: the synchronizer's own by default (at
    once), or a queue that syncs each waiting job once (PendingSyncs).
    """

    def __init__(
        self, synchronizer: JobSynchronizer, sync: Callable[[str, bool], None] | None = None
    ) -> None:
        self.synchronizer = synchronizer
        self.sync = sync or (lambda job_id, _urgent: synchronizer.sync(job_id))

    def __call__(self, event: Event) -> None:
        kind = event.get("type", "")
        parsed = parse_task_id(str(event.get("uuid", "")))
        if parsed is None:
            return
        job_id, stage = parsed
        try:
            if kind == "task-failed":
                # Our stages record their failures before failing the task; only a killed task has not.
                exception, traceback = str(event.get("exception", "")), str(event.get("traceback", ""))
                code, message = _lost_task_failure(stage, exception, traceback)
                self.synchronizer.record_lost(job_id, stage, code, message)
            elif kind in SYNC_EVENTS:
                self.sync(job_id, is_urgent(kind, stage))
        except Exception:
            # One bad event must not stop the consumer; reconciliation catches the job up.
            logger.exception("could not apply %s for job %s", kind, job_id)
