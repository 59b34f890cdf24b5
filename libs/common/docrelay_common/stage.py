"""Turns a plain handler function into a pipeline stage: a Celery task on the stage's own queue.

The wrapper owns what every stage does alike: message validation, progress and failure events,
retries with backoff for transient errors, and forwarding to the next stage by task name.
"""

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, Protocol

from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded

from docrelay_common.artifacts import LocalArtifactStore
from docrelay_common.celery_app import create_celery_app, send_to_stage
from docrelay_common.constants import (
    EVENT_FAILED,
    EVENT_INFO,
    EVENT_PROGRESS,
    Stage,
    next_stage,
    queue_name,
    task_name,
)
from docrelay_common.errors import DocrelayError, ErrorCode, PermanentError
from docrelay_common.logs import configure_logging
from docrelay_common.messages import StageMessage
from docrelay_common.settings import CommonSettings, common_settings

logger = logging.getLogger(__name__)

# Hard limit = soft limit + grace, so the soft limit can fail the job cleanly first.
HARD_LIMIT_GRACE_SECONDS = 30


class EventSender(Protocol):
    """The one thing a handler needs of its Celery task: sending events (tests record them instead)."""

    def send_event(self, type_: str, **fields: Any) -> Any: ...


@dataclass
class StageContext:
    """What a handler may use besides its message."""

    stage: Stage
    store: LocalArtifactStore
    task: EventSender

    def progress(self, done: int, total: int) -> None:
        self.task.send_event(EVENT_PROGRESS, stage=self.stage.value, done=done, total=total)

    def info(self, **fields: Any) -> None:
        self.task.send_event(EVENT_INFO, stage=self.stage.value, **fields)


StageHandler = Callable[[StageMessage, StageContext], StageMessage]


def retry_delay(attempt: int, cap: int) -> float:
    """Exponential backoff with full jitter (AWS architecture blog), capped."""
    return random.uniform(0, min(cap, 2**attempt))


def create_stage_app(stage: Stage, handler: StageHandler, settings: CommonSettings | None = None) -> Celery:
    settings = settings or common_settings()
    configure_logging(settings.log_level)
    app = create_celery_app(f"docrelay-{stage.value}", settings)
    app.conf.task_default_queue = queue_name(stage)
    store = LocalArtifactStore(settings.artifact_root)
    soft_limit = settings.soft_time_limit(stage)

    @app.task(
        name=task_name(stage),
        bind=True,
        soft_time_limit=soft_limit,
        time_limit=soft_limit + HARD_LIMIT_GRACE_SECONDS,
        max_retries=settings.max_retries,
        throws=(DocrelayError,),
    )
    def run_stage(task: Task, payload: dict[str, Any]) -> None:
        message = StageMessage.model_validate(payload)
        context = StageContext(stage=stage, store=store, task=task)
        try:
            result = handler(message, context)
        except DocrelayError as exc:
            if exc.transient and task.request.retries < task.max_retries:
                delay = retry_delay(task.request.retries, settings.retry_backoff_max)
                logger.warning("job %s: %s, retrying in %.1fs", message.job_id, exc, delay)
                raise task.retry(exc=exc, countdown=delay) from exc
            _fail(context, exc)
        except SoftTimeLimitExceeded:
            _fail(context, PermanentError(ErrorCode.STAGE_TIMEOUT, f"the {stage} stage ran out of time"))
        except Exception as exc:
            logger.exception("job %s: unexpected failure in %s", message.job_id, stage)
            _fail(context, PermanentError(ErrorCode.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"))
        following = next_stage(stage)
        if following is not None:
            send_to_stage(app, following, result)

    return app


def _fail(context: StageContext, error: DocrelayError) -> NoReturn:
    """Tell the status service which stage failed and why, then fail the task."""
    context.task.send_event(
        EVENT_FAILED, stage=context.stage.value, code=error.code.value, message=error.message
    )
    raise error


def run_worker(app: Celery, stage: Stage, argv: Sequence[str] = ()) -> None:
    """Start a worker that consumes only this stage's queue; extra Celery flags pass through."""
    app.worker_main(["worker", f"--queues={queue_name(stage)}", f"--hostname={stage.value}@%h", *argv])
