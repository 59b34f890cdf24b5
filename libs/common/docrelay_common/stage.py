"""Turns a plain handler function into a pipeline stage: a Celery task on the stage's own queue.

The wrapper owns what every stage does alike: message validation, the job ledger, progress and failure
events, retries with backoff for transient errors, dead letters, cancellation, and forwarding to the
next stage by task name.
"""

import logging
import random
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, Protocol

from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded

from docrelay_common.artifacts import ArtifactStore, open_artifact_store
from docrelay_common.celery_app import create_celery_app, send_to_stage
from docrelay_common.constants import (
    EVENT_FAILED,
    EVENT_INFO,
    EVENT_PROGRESS,
    Stage,
    StageState,
    next_stage,
    queue_name,
    task_name,
)
from docrelay_common.dead_letters import DeadLetter, DeadLetterStore
from docrelay_common.errors import DocrelayError, ErrorCode, PermanentError
from docrelay_common.ledger import JobLedger, ledger_ttl
from docrelay_common.logs import configure_logging
from docrelay_common.messages import StageMessage
from docrelay_common.redis_client import connect_redis
from docrelay_common.settings import CommonSettings, common_settings

logger = logging.getLogger(__name__)


class EventSender(Protocol):
    """The one thing a handler needs of its Celery task: sending events (tests record them instead)."""

    def send_event(self, type_: str, **fields: Any) -> Any: ...


@dataclass
class StageContext:
    """What a handler may use besides its message."""

    stage: Stage
    store: ArtifactStore
    task: EventSender
    job_id: str = ""
    # None when a handler runs outside a worker (unit tests): events are then the only record.
    ledger: JobLedger | None = None

    def progress(self, done: int, total: int) -> None:
        if self.ledger is not None:
            self.ledger.stage_progress(self.job_id, self.stage, done, total)
        self.event(EVENT_PROGRESS, done=done, total=total)

    def info(self, **fields: Any) -> None:
        if self.ledger is not None:
            self.ledger.info(self.job_id, **fields)
        self.event(EVENT_INFO, **fields)

    def event(self, type_: str, **fields: Any) -> None:
        """Events only make the status service quicker; the ledger is the record, so a lost one is fine."""
        try:
            self.task.send_event(type_, stage=self.stage.value, **fields)
        except Exception as exc:
            logger.warning("job %s: could not send %s event (%s)", self.job_id, type_, exc)


StageHandler = Callable[[StageMessage, StageContext], StageMessage]


def retry_delay(attempt: int, cap: int) -> float:
    """Exponential backoff with full jitter (AWS architecture blog), capped."""
    return random.uniform(0, min(cap, 2**attempt))


def create_stage_app(stage: Stage, handler: StageHandler, settings: CommonSettings | None = None) -> Celery:
    settings = settings or common_settings()
    configure_logging(settings.log_level)
    app = create_celery_app(f"docrelay-{stage.value}", settings)
    app.conf.task_default_queue = queue_name(stage)
    store = open_artifact_store(settings)
    redis = connect_redis(settings.redis_url)
    ledger = JobLedger(redis, ledger_ttl(settings))
    dead_letters = DeadLetterStore(redis)

    @app.task(
        name=task_name(stage),
        bind=True,
        soft_time_limit=settings.soft_time_limit(stage),
        time_limit=settings.hard_time_limit(stage),
        max_retries=settings.max_retries,
        throws=(DocrelayError,),
        # Not shared: Celery would otherwise register this app's task on every app the process makes.
        shared=False,
    )
    def run_stage(task: Task, payload: dict[str, Any]) -> None:
        message = StageMessage.model_validate(payload)
        job_id = message.job_id
        snapshot = ledger.read(job_id)
        previous = snapshot.stages.get(stage) if snapshot else None
        if snapshot is not None and snapshot.cancelled:
            logger.info("job %s was cancelled; the %s stage does not run", job_id, stage)
            return
        if previous is not None and previous.state == StageState.SUCCEEDED:
            # A redelivered message (its worker died after finishing): the work and hand-off are done.
            logger.info("job %s: %s already finished; ignoring the redelivered message", job_id, stage)
            return
        attempt = (previous.attempts if previous else 0) + 1
        ledger.stage_started(job_id, stage, task.request.hostname, attempt)
        context = StageContext(stage=stage, store=store, task=task, job_id=job_id, ledger=ledger)
        try:
            result = handler(message, context)
        except DocrelayError as exc:
            if exc.transient and task.request.retries < task.max_retries:
                delay = retry_delay(task.request.retries, settings.retry_backoff_max)
                logger.warning("job %s: %s, retrying in %.1fs", job_id, exc, delay)
                ledger.stage_retrying(job_id, stage, exc.code, exc.message)
                raise task.retry(exc=exc, countdown=delay) from exc
            # Transient errors that outlived every retry may pass once the fault is fixed: keep them.
            _fail(context, exc, dead_letters if exc.transient else None, payload, attempt)
        except SoftTimeLimitExceeded:
            timeout = PermanentError(ErrorCode.STAGE_TIMEOUT, f"the {stage} stage ran out of time")
            _fail(context, timeout, None, payload, attempt)
        except Exception as exc:
            logger.exception("job %s: unexpected failure in %s", job_id, stage)
            internal = PermanentError(ErrorCode.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
            _fail(context, internal, dead_letters, payload, attempt)
        if ledger.is_cancelled(job_id):
            # Cancelled while running: the gateway already deleted the artifacts, except what we just wrote.
            store.delete_job(job_id)
            return
        following = next_stage(stage)
        if following is not None:
            send_to_stage(app, following, result, patient=True)
        ledger.stage_succeeded(job_id, stage, result)

    return app


def _fail(
    context: StageContext,
    error: DocrelayError,
    dead_letters: DeadLetterStore | None,
    payload: dict[str, Any],
    attempts: int,
) -> NoReturn:
    """Record which stage failed and why (ledger, event, dead letter), then fail the task."""
    assert context.ledger is not None  # only the worker's wrapper fails tasks
    context.ledger.stage_failed(context.job_id, context.stage, error.code, error.message)
    if dead_letters is not None:
        letter = DeadLetter(
            job_id=context.job_id,
            stage=context.stage,
            message=payload,
            error_code=error.code,
            error_message=error.message,
            traceback=traceback.format_exc(),
            attempts=attempts,
        )
        dead_letters.add(letter)
    context.event(EVENT_FAILED, code=error.code.value, message=error.message)
    raise error


def run_worker(app: Celery, stage: Stage, argv: Sequence[str] = ()) -> None:
    """Start a worker that consumes only this stage's queue; extra Celery flags pass through."""
    app.worker_main(["worker", f"--queues={queue_name(stage)}", f"--hostname={stage.value}@%h", *argv])
