"""A stage's work as Celery tasks on the stage's own queue, sharing large jobs among replicas.

The stage's task plans; a job of one range runs it in place, a larger one sends a part task per range
to the same queue, so that every replica of the stage takes some. The part that ends last (the ledger
counts them atomically) finishes and hands the job on.

The tasks own what every stage does alike: message validation, the job ledger, progress and failure
events, retries with backoff for transient errors, dead letters, cancellation, and forwarding to the
next stage by task name.
"""

import logging
import random
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn

from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded

from docrelay_common.artifact_backends import open_artifact_store
from docrelay_common.artifacts import ArtifactStore
from docrelay_common.celery_app import create_celery_app, send_part, send_to_stage
from docrelay_common.constants import EVENT_FAILED, StageState
from docrelay_common.dead_letters import DeadLetter, DeadLetterStore
from docrelay_common.errors import DocrelayError, ErrorCode, PermanentError
from docrelay_common.ledger import JobLedger, ledger_ttl
from docrelay_common.logs import configure_logging
from docrelay_common.memory_cap import cap_pool_memory
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.nudges import Nudges
from docrelay_common.redis_client import connect_redis
from docrelay_common.settings import CommonSettings, common_settings
from docrelay_common.shutdown import FINISH_STEP, PLAN_STEP, release_steps_on_shutdown
from docrelay_common.stage import StageContext, StageWork, part_context
from docrelay_common.stages import Stage, next_stage, part_task_name, queue_name, task_name
from docrelay_common.step_failures import MAX_STEP_RUNS, died_too_often, out_of_memory, release_frames
from docrelay_common.warm_up import warm_before_forking
from docrelay_common.worker_pool import lower_priority, pool_flags

logger = logging.getLogger(__name__)


def retry_delay(attempt: int, cap: int) -> float:
    """Exponential backoff with full jitter (AWS architecture blog), capped."""
    return random.uniform(0, min(cap, 2**attempt))


def create_stage_app(stage: Stage, work: StageWork, settings: CommonSettings | None = None) -> Celery:
    settings = settings or common_settings()
    configure_logging(settings.log_level, settings.log_format)
    app = create_celery_app(f"docrelay-{stage.value}", settings)
    app.conf.task_default_queue = queue_name(stage)
    cap_pool_memory(app, settings.worker_max_memory_mb)
    redis = connect_redis(settings.redis_url)
    runner = _StageRunner(
        stage=stage,
        work=work,
        app=app,
        settings=settings,
        store=open_artifact_store(settings),
        ledger=JobLedger(redis, ledger_ttl(settings)),
        dead_letters=DeadLetterStore(redis),
    )
    release_steps_on_shutdown(runner.ledger, stage)
    warm_before_forking(app, stage, work.warm_up)
    limits = {
        "bind": True,
        "soft_time_limit": settings.soft_time_limit(stage),
        "time_limit": settings.hard_time_limit(stage),
        "max_retries": settings.max_retries,
        "throws": (DocrelayError,),
        # Not shared: Celery would otherwise register this app's tasks on every app the process makes.
        "shared": False,
    }

    @app.task(name=task_name(stage), **limits)
    def run_stage(task: Task, payload: dict[str, Any]) -> None:
        runner.start(task, payload)

    @app.task(name=part_task_name(stage), **limits)
    def run_part(task: Task, payload: dict[str, Any], part: dict[str, Any]) -> None:
        runner.run_part(task, payload, PageRange.model_validate(part))

    return app


@dataclass
class _StageRunner:
    stage: Stage
    work: StageWork
    app: Celery
    settings: CommonSettings
    store: ArtifactStore
    ledger: JobLedger
    dead_letters: DeadLetterStore
    # The events of the task this pool process runs (one at a time).
    _nudges: Nudges | None = None

    def start(self, task: Task, payload: dict[str, Any]) -> None:
        """The stage's task: plan, then run the parts here (one) or hand them to the replicas (several)."""
        message = StageMessage.model_validate(payload)
        job_id, stage = message.job_id, self.stage
        snapshot = self.ledger.read(job_id)
        previous = snapshot.stages.get(stage) if snapshot else None
        if snapshot is not None and snapshot.cancelled:
            logger.info("job %s was cancelled; the %s stage does not run", job_id, stage)
            return
        if previous is not None and previous.state in (StageState.SUCCEEDED, StageState.FAILED):
            # A redelivered message (its worker died after finishing, or a copy of it gave up): the
            # stage has ended; only the gateway's resume reopens a failed one.
            logger.info("job %s: %s already ended; ignoring the redelivered message", job_id, stage)
            return
        attempt = (previous.attempts if previous else 0) + 1
        runs = self.ledger.stage_started(job_id, stage, task.request.hostname, attempt, began=PLAN_STEP)
        if runs is None:
            logger.info("job %s: %s failed meanwhile; ignoring the redelivered message", job_id, stage)
            return
        ctx = self._context(task, job_id)
        with self._failures(task, ctx, payload, attempt, PLAN_STEP, runs):
            plan = self.work.plan(message, ctx)
        planned = plan.message
        # Ranges a previous attempt finished are not done again: a resumed job picks up where it stopped.
        finished = set(previous.finished_parts) if previous else set()
        todo = [part for part in plan.parts if part.label not in finished]
        # A lone range runs here, right after the plan, on the worker the stage is marked running on.
        in_place = todo[0] if len(todo) == 1 else None
        labels = [part.label for part in planned.parts]
        began = in_place.label if in_place is not None else None
        runs = self.ledger.stage_planned(job_id, stage, labels, planned.pages, ended=PLAN_STEP, began=began)
        if len(todo) > 1:
            for part in todo:
                send_part(self.app, stage, planned, part)
            return
        if in_place is not None:
            finished = self._run_part(task, planned, in_place, attempt, runs)
        self._finish_if_last(task, planned, {part.label for part in plan.parts}, finished, attempt)

    def run_part(self, task: Task, payload: dict[str, Any], part: PageRange) -> None:
        """A part task: one range of a job some replica planned; the last part to end finishes."""
        message = StageMessage.model_validate(payload)
        snapshot = self.ledger.read(message.job_id)
        record = snapshot.stages.get(self.stage) if snapshot else None
        if snapshot is None or record is None or snapshot.cancelled:
            return
        if record.state in (StageState.SUCCEEDED, StageState.FAILED):
            # Another part failed the stage, or this is a stale copy of a part of a finished stage.
            return
        finished = set(record.finished_parts)
        if part.label not in finished:
            runs = self.ledger.part_started(message.job_id, self.stage, task.request.hostname, part.label)
            if runs is None:  # another part failed the stage meanwhile
                return
            finished = self._run_part(task, message, part, record.attempts, runs)
        every_part = {part.label for part in message.parts}
        self._finish_if_last(task, message, every_part, finished, record.attempts)

    def _run_part(
        self, task: Task, message: StageMessage, part: PageRange, attempt: int, runs: int
    ) -> set[str]:
        """Run one range, whose step the ledger marked begun (`runs`, see `_failures`); returns the
        labels of every range of the stage finished so far."""
        job_id = message.job_id
        ctx = part_context(self._context(task, job_id), part)
        with self._failures(task, ctx, message.model_dump(mode="json"), attempt, part.label, runs):
            self.work.run_part(message, part, ctx)
        return self.ledger.part_finished(job_id, self.stage, part.label, part.pages, task.request.hostname)

    def _finish_if_last(
        self, task: Task, message: StageMessage, every_part: set[str], finished: set[str], attempt: int
    ) -> None:
        """Finish the stage if `finished` covers every range, unless another task claimed the finish."""
        job_id = message.job_id
        if not every_part <= finished or not self.ledger.claim_finish(job_id, self.stage, task.request.id):
            return
        ctx = self._context(task, job_id)
        runs = self.ledger.step_began(job_id, self.stage, FINISH_STEP)
        with self._failures(task, ctx, message.model_dump(mode="json"), attempt, FINISH_STEP, runs):
            result = self.work.finish(message, ctx)
        ended = self.ledger.finish_ended(job_id, self.stage, FINISH_STEP)
        if ended.cancelled:
            # Cancelled while running: the gateway already deleted the artifacts, except what we just wrote.
            self.store.delete_job(job_id)
            return
        if ended.failed:
            # A stale copy finishing after the original failed: the job stays failed, nothing goes on.
            logger.info("job %s: %s had failed already; not handing on", job_id, self.stage)
            return
        following = next_stage(self.stage)
        if following is not None:
            send_to_stage(self.app, following, result, patient=True)
        self.ledger.stage_succeeded(job_id, self.stage, result)

    def _context(self, task: Task, job_id: str) -> StageContext:
        if self._nudges is None or self._nudges.request_id != task.request.id:
            self._nudges = Nudges(task)
        return StageContext(
            stage=self.stage, store=self.store, task=self._nudges, job_id=job_id, ledger=self.ledger
        )

    @contextmanager
    def _failures(
        self, task: Task, ctx: StageContext, payload: dict[str, Any], attempt: int, step: str, runs: int
    ) -> Iterator[None]:
        """Retry transient errors with backoff; fail the stage on anything else, or when retries run out.

        The ledger marks the step running meanwhile: the caller's ledger write before it marked the step
        begun (`runs` counts its starts that never ended, see `JobLedger.step_began`) and the caller's
        next write marks it ended, each in a write the stage makes anyway; a step that fails is marked
        ended here. A step whose process died too often is given up.
        """
        returned = False
        try:
            if runs > MAX_STEP_RUNS:
                raise died_too_often(self.stage, step, runs - 1)
            yield
            returned = True
        except DocrelayError as exc:
            if exc.transient and task.request.retries < task.max_retries:
                delay = retry_delay(task.request.retries, self.settings.retry_backoff_max)
                if not self.ledger.stage_retrying(ctx.job_id, self.stage, exc.code, exc.message):
                    logger.info("job %s: %s had failed already; not retrying %s", ctx.job_id, self.stage, exc)
                    raise
                logger.warning("job %s: %s, retrying in %.1fs", ctx.job_id, exc, delay)
                raise task.retry(exc=exc, countdown=delay) from exc
            # Transient errors that outlived every retry may pass once the fault is fixed: keep them.
            _fail(ctx, exc, self.dead_letters if exc.transient else None, payload, attempt)
        except SoftTimeLimitExceeded:
            timeout = PermanentError(ErrorCode.STAGE_TIMEOUT, f"the {self.stage} stage ran out of time")
            _fail(ctx, timeout, None, payload, attempt)
        except MemoryError as exc:
            # The failed step's objects, still held by the traceback, would make recording the failure
            # run out of memory too: let them go first.
            release_frames(exc)
            _fail(ctx, out_of_memory(self.stage, self.settings.worker_max_memory_mb), None, payload, attempt)
        except Exception as exc:
            logger.exception("job %s: unexpected failure in %s", ctx.job_id, self.stage)
            internal = PermanentError(ErrorCode.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
            _fail(ctx, internal, self.dead_letters, payload, attempt)
        finally:
            if not returned:
                self.ledger.step_ended(ctx.job_id, self.stage, step)


def _fail(
    context: StageContext,
    error: DocrelayError,
    dead_letters: DeadLetterStore | None,
    payload: dict[str, Any],
    attempts: int,
) -> NoReturn:
    """Record which stage failed and why (ledger, event, dead letter), then fail the task.

    A stage that had failed already (a stale copy of its task gave up after the original) keeps its
    first failure: this one is not recorded, announced or kept as a dead letter.
    """
    assert context.ledger is not None  # only the worker's wrapper fails tasks
    if not context.ledger.stage_failed(context.job_id, context.stage, error.code, error.message):
        logger.info("job %s: %s had failed already; not recording %s", context.job_id, context.stage, error)
        raise error
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
    """Start a worker that consumes only this stage's queue; extra Celery flags pass through.

    The worker lowers its CPU priority first (its pool processes inherit it) and, unless `argv` sizes
    the pool, lets Celery's autoscaler size it, so that the busiest stage gets the idle cores.
    """
    settings = common_settings()
    lower_priority(settings.worker_nice)
    pool = pool_flags(argv, settings)
    app.worker_main(["worker", f"--queues={queue_name(stage)}", f"--hostname={stage.value}@%h", *pool, *argv])
