"""A stage worker stopped in the middle of a task hands its steps back to the queue, and says so.

A cold shutdown (what `docrelay up` asks of its workers on Ctrl-C) ends the pool processes at once and
Celery puts the unacknowledged messages back in the queue. The ledger still marks their steps running,
as if their process had died: this clears those marks, so the steps count as waiting, not vanished.
"""

import logging
from typing import Any

from celery.signals import worker_shutting_down
from celery.worker import state

from docrelay_common.ledger import JobLedger
from docrelay_common.messages import StageMessage
from docrelay_common.stages import Stage, parse_task_id

logger = logging.getLogger(__name__)

PLAN_STEP, FINISH_STEP = "plan", "finish"


def unfinished_steps(task_id: str, args: Any) -> list[str]:
    """The steps a stage task may be in: a part task runs its range and maybe the finish; the stage's
    own task plans, runs the range of a one-range job, and finishes it."""
    label = task_id.split(".", 2)[2] if task_id.count(".") >= 2 else None
    if label is not None:
        return [label, FINISH_STEP]
    parts = StageMessage.model_validate(args[0]).parts if args else []
    return [PLAN_STEP, *(part.label for part in parts[:1] if len(parts) == 1), FINISH_STEP]


def release_steps_on_shutdown(ledger: JobLedger, stage: Stage) -> None:
    def release(**_: Any) -> None:
        for request in list(state.active_requests):
            parsed = parse_task_id(request.id)
            if parsed is None or parsed[1] != stage:
                continue
            ledger.steps_requeued(parsed[0], stage, unfinished_steps(request.id, request.args))
            logger.warning(
                "stopping in the middle of %s: it goes back to the %s queue and resumes on the next start",
                request.id,
                stage,
            )

    worker_shutting_down.connect(release, weak=False)
