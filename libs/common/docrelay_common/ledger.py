"""The job ledger: what each stage of a job did, kept durably in Redis.

Celery events are pub/sub and vanish when nobody listens, so the stages also write here. The status
service turns the ledger into the jobs table on every event and, to catch what it missed, on a timer.
The gateway reads it to resume a failed job from its first unfinished stage.

One Redis hash per job; every field is written whole with HSET, so concurrent writers (a stage, the
gateway cancelling) never lose each other's updates.
"""

import json
import time
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from pydantic import BaseModel, Field
from redis import Redis
from redis.client import Pipeline
from redis.typing import EncodableT, FieldT

from docrelay_common.constants import StageState
from docrelay_common.messages import StageMessage
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import PIPELINE, Stage

# The message the gateway submitted: the input of the first stage.
SUBMITTED = "submitted"
# Per-part fields of a stage: `<stage>.progress.<part>` (pages done), `<stage>.finished.<part>` (worker).
PART_PROGRESS = "progress"
PART_FINISHED = "finished"
# `<stage>.finisher`: the task that claimed the stage's last step, so that it runs once.
FINISHER = "finisher"
# Per-step fields of a stage (a step is `plan`, a part's label or `finish`), kept only while it runs:
# `<stage>.running.<step>` (epoch seconds of its start or latest progress) tells work that started
# from work still waiting in its queue; `<stage>.runs.<step>` counts starts that never ended, so a
# step whose process keeps dying (out of memory, killed) is given up instead of redelivered forever.
STEP_RUNNING = "running"
STEP_RUNS = "runs"

# Unless the stage's state field (ARGV[1]) holds ARGV[2] ("failed"): count one more run of the step
# whose runs field is ARGV[4] (none when empty), HSET the field/value pairs after it, refresh the TTL
# (ARGV[3]); return that step's runs (0 without one). Else write nothing and return -1: a failed stage
# keeps its first failure until the gateway reopens it, though a stale copy of its task (redelivered
# while the original still ran) may start and give up after it.
_WRITE_UNLESS_FAILED = """
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return -1 end
local runs = 0
if ARGV[4] ~= '' then runs = redis.call('HINCRBY', KEYS[1], ARGV[4], 1) end
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('EXPIRE', KEYS[1], ARGV[3])
return runs
"""


def ledger_key(job_id: str) -> str:
    return f"docrelay:job:{job_id}"


def ledger_ttl(settings: CommonSettings) -> int:
    """A ledger outlives its job's retention by a day, so retention always finds it; then it expires."""
    return settings.retention_seconds + 24 * 3600


class StageRecord(BaseModel):
    state: StageState = StageState.QUEUED
    attempts: int = 0
    worker: str | None = None
    # Epoch seconds of the latest attempt's start, and of the stage's end.
    started_at: float | None = None
    finished_at: float | None = None
    # Pages done (summed over the parts) and pages in all.
    done: int = 0
    total: int = 0
    error_code: str | None = None
    error_message: str | None = None
    # The message the stage forwarded: the next stage's input, kept so a failed job can resume.
    output: StageMessage | None = None
    # Labels of the page ranges the stage's work was cut into, and those finished (label -> worker).
    parts: list[str] = Field(default_factory=list)
    finished_parts: dict[str, str | None] = Field(default_factory=dict)
    # Steps running now (step -> epoch seconds of their latest sign of life); waiting steps are absent.
    running: dict[str, float] = Field(default_factory=dict)


class LedgerSnapshot(BaseModel):
    stages: dict[Stage, StageRecord]
    info: dict[str, Any]
    cancelled: bool
    submitted: StageMessage | None

    def input_of(self, stage: Stage) -> StageMessage | None:
        """The message `stage` gets: the submission for the first stage, else its predecessor's output."""
        index = PIPELINE.index(stage)
        if index == 0:
            return self.submitted
        before = self.stages.get(PIPELINE[index - 1])
        return before.output if before else None

    def failed_stage(self) -> Stage | None:
        """The first stage, in pipeline order, that failed; None while none has."""
        for stage in PIPELINE:
            record = self.stages.get(stage)
            if record is not None and record.state == StageState.FAILED:
                return stage
        return None

    def first_unfinished(self) -> Stage | None:
        for stage in PIPELINE:
            record = self.stages.get(stage)
            if record is None or record.state != StageState.SUCCEEDED:
                return stage
        return None


class FinishEnd(NamedTuple):
    """What the end of a stage's finish step found: the job cancelled, or the stage failed, meanwhile."""

    cancelled: bool
    failed: bool


class JobLedger:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self.redis = redis
        # Refreshed on every write: a ledger outlives its job's retention, then disappears by itself.
        self.ttl_seconds = ttl_seconds
        self._unless_failed_script = redis.register_script(_WRITE_UNLESS_FAILED)

    def _write(self, job_id: str, fields: dict[str, Any]) -> None:
        with self.redis.pipeline() as pipe:
            self._queue_write(pipe, job_id, fields)
            pipe.execute()

    def _write_with_steps(
        self,
        job_id: str,
        stage: Stage,
        fields: dict[str, Any],
        ended: str | None = None,
        began: str | None = None,
    ) -> int:
        """Write `fields`, mark step `ended` ended and step `began` begun, in one MULTI: a stage's
        record and its step marks change together, in one round trip. Returns `began`'s runs (see
        `step_began`), 0 without one."""
        key = ledger_key(job_id)
        with self.redis.pipeline(transaction=True) as pipe:
            if ended is not None:
                pipe.hdel(key, *_step_marks(stage, [ended]))
            if began is not None:
                running, runs = _step_marks(stage, [began])
                pipe.hincrby(key, runs, 1)
                fields = {**fields, running: time.time()}
            self._queue_write(pipe, job_id, fields)
            replies = pipe.execute()
        # HINCRBY's reply is the count; it follows HDEL's when a step ended too.
        return int(replies[1 if ended is not None else 0]) if began is not None else 0

    def _write_unless_failed(
        self, job_id: str, stage: Stage, fields: dict[str, Any], began: str | None = None
    ) -> int | None:
        """Write `fields` and mark step `began` begun, in one round trip, unless the stage failed (see
        `_WRITE_UNLESS_FAILED`). Returns `began`'s runs (0 without one), or None when it had failed."""
        runs_field = ""
        if began is not None:
            running, runs_field = _step_marks(stage, [began])
            fields = {**fields, running: time.time()}
        state = (f"{stage.value}.state", json.dumps(StageState.FAILED.value), self.ttl_seconds, runs_field)
        pairs = [item for name, value in fields.items() for item in (name, json.dumps(value))]
        runs = int(self._unless_failed_script(keys=[ledger_key(job_id)], args=[*state, *pairs]))
        return None if runs < 0 else runs

    def _queue_write(self, pipe: Pipeline, job_id: str, fields: dict[str, Any]) -> None:
        encoded: dict[FieldT, EncodableT] = {name: json.dumps(value) for name, value in fields.items()}
        key = ledger_key(job_id)
        if encoded:
            pipe.hset(key, mapping=encoded)
        pipe.expire(key, self.ttl_seconds)

    def _stage_fields(self, stage: Stage, **values: Any) -> dict[str, Any]:
        return {f"{stage.value}.{name}": value for name, value in values.items()}

    # --- written by the gateway -------------------------------------------------------------------

    def submitted(self, message: StageMessage, pipe: Pipeline) -> None:
        """Queue the submission on `pipe`: the gateway writes it with its other keys in one round trip."""
        self._queue_write(pipe, message.job_id, {SUBMITTED: message.model_dump(mode="json")})

    def cancel(self, job_id: str) -> None:
        self._write(job_id, {"cancelled": True})

    def reopen(self, job_id: str, stage: Stage) -> None:
        """Make a failed stage queued again, for a resumed job; its finished parts stay finished."""
        fields = self._stage_fields(
            stage, state=StageState.QUEUED, error_code=None, error_message=None, finished_at=None
        )
        self._write(job_id, fields)
        # Marks and counts a killed process left behind: the resumed stage starts its steps afresh.
        key = ledger_key(job_id)
        prefixes = tuple(f"{stage.value}.{kind}." for kind in (STEP_RUNNING, STEP_RUNS))
        stale = [name for name in map(_text, self.redis.hkeys(key)) if name.startswith(prefixes)]
        self.redis.hdel(key, f"{stage.value}.{FINISHER}", *stale)

    # --- written by the stages --------------------------------------------------------------------

    def stage_started(
        self, job_id: str, stage: Stage, worker: str | None, attempt: int, began: str | None = None
    ) -> int | None:
        """The stage's attempt started; its first step `began` with it. Returns that step's runs, or
        None when the stage had failed (a stale copy of its task started): it stays failed."""
        fields = self._stage_fields(
            stage,
            state=StageState.RUNNING,
            attempts=attempt,
            worker=worker,
            started_at=time.time(),
            finished_at=None,
        )
        return self._write_unless_failed(job_id, stage, fields, began)

    def stage_planned(
        self,
        job_id: str,
        stage: Stage,
        part_labels: list[str],
        pages: int,
        ended: str | None = None,
        began: str | None = None,
    ) -> int:
        """The stage's plan: step `ended` (the plan) ended, and step `began` (a part run in place)
        began. Returns that part's runs."""
        fields = self._stage_fields(stage, parts=part_labels, total=pages)
        return self._write_with_steps(job_id, stage, fields, ended=ended, began=began)

    def part_started(self, job_id: str, stage: Stage, worker: str | None, part_label: str) -> int | None:
        """A part began: the stage runs (again, after another part's retry), on this worker too.
        Returns the runs of the part's step, or None when the stage had failed: it stays failed."""
        fields = self._stage_fields(stage, state=StageState.RUNNING, worker=worker)
        return self._write_unless_failed(job_id, stage, fields, part_label)

    def part_progress(self, job_id: str, stage: Stage, part_label: str, pages_done: float) -> None:
        # One field per part: parts on different workers never overwrite each other's count.
        # The range's progress is also its latest sign of life.
        fields = {
            f"{stage.value}.{PART_PROGRESS}.{part_label}": round(pages_done, 2),
            f"{stage.value}.{STEP_RUNNING}.{part_label}": time.time(),
        }
        self._write(job_id, fields)

    def step_began(self, job_id: str, stage: Stage, step: str) -> int:
        """Mark a step running; returns how many of its starts have not ended, this one included."""
        return self._write_with_steps(job_id, stage, {}, began=step)

    def step_ended(self, job_id: str, stage: Stage, step: str) -> None:
        """The step returned, whichever way: it no longer runs, and its process did not die."""
        self.steps_requeued(job_id, stage, [step])

    def steps_requeued(self, job_id: str, stage: Stage, steps: list[str]) -> None:
        """Steps of a worker that stopped on purpose wait in the queue again; their runs did not die."""
        self.redis.hdel(ledger_key(job_id), *_step_marks(stage, steps))

    def finish_ended(self, job_id: str, stage: Stage, step: str) -> "FinishEnd":
        """The finish step returned; whether the job was cancelled, or the stage failed, meanwhile (one
        round trip)."""
        key = ledger_key(job_id)
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.hdel(key, *_step_marks(stage, [step]))
            pipe.hexists(key, "cancelled")
            pipe.hget(key, f"{stage.value}.state")
            _, cancelled, state = pipe.execute()
        return FinishEnd(bool(cancelled), state is not None and json.loads(state) == StageState.FAILED)

    def part_finished(
        self, job_id: str, stage: Stage, part_label: str, pages: int, worker: str | None
    ) -> set[str]:
        """Record a finished part, whose step ended; returns the labels of every part of the stage
        finished so far.

        One MULTI: of two parts finishing at once, exactly one sees the other's mark.
        """
        key = ledger_key(job_id)
        prefix = f"{stage.value}.{PART_FINISHED}."
        with self.redis.pipeline(transaction=True) as pipe:
            pipe.hdel(key, *_step_marks(stage, [part_label]))
            pipe.hset(
                key,
                mapping={
                    prefix + part_label: json.dumps(worker),
                    f"{stage.value}.{PART_PROGRESS}.{part_label}": json.dumps(pages),
                },
            )
            pipe.expire(key, self.ttl_seconds)
            pipe.hkeys(key)
            names = pipe.execute()[-1]
        return {_text(name).removeprefix(prefix) for name in names if _text(name).startswith(prefix)}

    def claim_finish(self, job_id: str, stage: Stage, claimant: str) -> bool:
        """True for the one task that may finish the stage (and for that task again, when redelivered)."""
        field = f"{stage.value}.{FINISHER}"
        key = ledger_key(job_id)
        if self.redis.hsetnx(key, field, json.dumps(claimant)):
            return True
        held = self.redis.hget(key, field)
        return held is not None and json.loads(held) == claimant

    def stage_retrying(self, job_id: str, stage: Stage, code: str, message: str) -> bool:
        """Record a transient failure to be tried again; returns False when the stage had failed (a stale
        copy of its task met it): it stays failed, and the copy is not tried again."""
        fields = self._stage_fields(stage, state=StageState.RETRYING, error_code=code, error_message=message)
        return self._write_unless_failed(job_id, stage, fields) is not None

    def stage_succeeded(self, job_id: str, stage: Stage, output: StageMessage | None) -> bool:
        """Record the stage's success; returns False when it had failed (a stale copy finished after the
        original failed): it stays failed."""
        fields = self._stage_fields(
            stage,
            state=StageState.SUCCEEDED,
            finished_at=time.time(),
            error_code=None,
            error_message=None,
            output=output.model_dump(mode="json") if output else None,
        )
        return self._write_unless_failed(job_id, stage, fields) is not None

    def stage_failed(self, job_id: str, stage: Stage, code: str, message: str) -> bool:
        """Record the stage's failure; returns False when it had failed already (the first one stands)."""
        fields = self._stage_fields(
            stage,
            state=StageState.FAILED,
            finished_at=time.time(),
            error_code=code,
            error_message=message[:2000],
        )
        return self._write_unless_failed(job_id, stage, fields) is not None

    def info(self, job_id: str, **fields: Any) -> None:
        self._write(job_id, {f"info.{name}": value for name, value in fields.items()})

    # --- read by everyone -------------------------------------------------------------------------

    def read(self, job_id: str) -> LedgerSnapshot | None:
        return _snapshot(self.redis.hgetall(ledger_key(job_id)))

    def read_many(self, job_ids: Sequence[str]) -> dict[str, LedgerSnapshot | None]:
        """Several jobs' ledgers in one round trip."""
        with self.redis.pipeline(transaction=False) as pipe:
            for job_id in job_ids:
                pipe.hgetall(ledger_key(job_id))
            raws = pipe.execute()
        return {job_id: _snapshot(raw) for job_id, raw in zip(job_ids, raws, strict=True)}

    def info_of(self, job_id: str) -> dict[str, Any]:
        """The job's info fields alone: cheaper than `read`, which parses every stage's record too."""
        fields = {_text(name): value for name, value in self.redis.hgetall(ledger_key(job_id)).items()}
        return {
            name[len("info.") :]: json.loads(value)
            for name, value in fields.items()
            if name.startswith("info.")
        }

    def notices(self, job_id: str) -> list[str]:
        """The notices the job's stages gave so far."""
        value = self.redis.hget(ledger_key(job_id), "info.notices")
        return list(json.loads(value)) if value else []

    def stage(self, job_id: str, stage: Stage) -> StageRecord | None:
        snapshot = self.read(job_id)
        return snapshot.stages.get(stage) if snapshot else None


def _snapshot(raw: Mapping[bytes | str, bytes | str]) -> LedgerSnapshot | None:
    if not raw:
        return None
    values = {_text(name): json.loads(value) for name, value in raw.items()}
    stages: dict[Stage, dict[str, Any]] = {}
    info: dict[str, Any] = {}
    for name, value in values.items():
        prefix, _, field = name.partition(".")
        if prefix == "info":
            info[field] = value
        elif prefix in Stage._value2member_map_ and field:
            stages.setdefault(Stage(prefix), {})[field] = value
    return LedgerSnapshot(
        stages={stage: _stage_record(fields) for stage, fields in stages.items()},
        info=info,
        cancelled=bool(values.get("cancelled")),
        submitted=values.get(SUBMITTED),
    )


def _stage_record(fields: dict[str, Any]) -> StageRecord:
    """A stage's record from its fields; the per-part fields add up to its progress."""
    per_part: dict[str, dict[str, Any]] = {PART_PROGRESS: {}, PART_FINISHED: {}, STEP_RUNNING: {}}
    plain: dict[str, Any] = {}
    for name, value in fields.items():
        kind, _, part = name.partition(".")
        if kind in per_part and part:
            per_part[kind][part] = value
        elif kind != STEP_RUNS:
            plain[name] = value
    return StageRecord.model_validate(
        {
            **plain,
            "done": int(sum(per_part[PART_PROGRESS].values())),
            "finished_parts": per_part[PART_FINISHED],
            "running": per_part[STEP_RUNNING],
        }
    )


def _step_marks(stage: Stage, steps: Sequence[str]) -> list[str]:
    """The fields that say `steps` run: their running marks and their counts of unended starts."""
    return [f"{stage.value}.{kind}.{step}" for step in steps for kind in (STEP_RUNNING, STEP_RUNS)]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
