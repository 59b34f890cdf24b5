"""A stage worker stopped in the middle of a task hands its steps back to the queue, and says so.

A cold shutdown (what `docrelay up` asks of its workers on Ctrl-C) ends the pool processes at once and
Celery puts the unacknowledged messages back in the queue. The ledger still marks their steps running,
as if their process had died: this clears those marks, so the steps count as waiting, not vanished.
"""

import logging
from typing import Any

from celery.signals import worker_shutting_down
from celery.worker import state

from docrelay_common.ledger import JobLedger, StageRecord
from docrelay_common.stages import Stage, parse_task_id

logger = logging.getLogger(__name__)

PLAN_STEP, FINISH_STEP = "plan", "finish"


def unfinished_steps(task_id: str, record: StageRecord | None) -> list[str]:
    """The steps a stage task may be in: a part task runs its range and maybe the finish; the stage's
    own task plans, runs the range of a job with one range left to do (which its plan wrote in the
    stage's ledger `record`), and finishes it."""
    label = task_id.split(".", 2)[2] if task_id.count(".") >= 2 else None
    if label is not None:
        return [label, FINISH_STEP]
    left = [part for part in record.parts if part not in record.finished_parts] if record else []
    return [PLAN_STEP, *(left if len(left) == 1 else []), FINISH_STEP]


def release_steps_on_shutdown(ledger: JobLedger, stage: Stage) -> None:
    def release(**_: Any) -> None:
        for request in list(state.active_requests):
            parsed = parse_task_id(request.id)
            if parsed is None or parsed[1] != stage:
                continue
            job_id = parsed[0]
            ledger.steps_requeued(job_id, stage, unfinished_steps(request.id, ledger.stage(job_id, stage)))
            logger.warning(
                "stopping in the middle of %s: it goes back to the %s queue and resumes on the next start",
                request.id,
                stage,
            )

    worker_shutting_down.connect(release, weak=False)
