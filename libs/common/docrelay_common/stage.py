"""A stage's work, in the three steps every stage has, and what those steps may use.

A stage's work comes in three steps (`StageWork`): `plan` once per job, `run_part` once per page range,
and `finish` once after the last range. `docrelay_common.stage_tasks` turns them into Celery tasks.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from docrelay_common.artifacts import Artifact, ArtifactStore, artifact_key
from docrelay_common.constants import EVENT_INFO, EVENT_PROGRESS
from docrelay_common.document import Document
from docrelay_common.ledger import JobLedger
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.stages import STAGES, Stage, input_of

logger = logging.getLogger(__name__)


class EventSender(Protocol):
    """The one thing a handler needs of its Celery task: sending events (tests record them instead)."""

    def send_event(self, type_: str, **fields: Any) -> Any: ...


@dataclass
class StageContext:
    """What a stage's steps may use besides their message."""

    stage: Stage
    store: ArtifactStore
    task: EventSender
    job_id: str = ""
    # None when the steps run outside a worker (unit tests): events are then the only record.
    ledger: JobLedger | None = None
    # The page range `run_part` works on; progress is counted in its pages.
    part: PageRange | None = None
    # The last progress told, which is not told again (a step that reports its end twice).
    _told: tuple[int, int] | None = field(default=None, init=False, repr=False)

    @property
    def output(self) -> Artifact:
        return STAGES[self.stage].output

    def name_output(self, message: StageMessage) -> StageMessage:
        """`message` with this stage's output named: where its parts write and the next stage reads."""
        return message.with_artifact(self.output, artifact_key(message.job_id, self.output))

    def pass_input_on(self, message: StageMessage) -> StageMessage:
        """`message` with this stage's input as its output, for a stage that has nothing to change."""
        return message.with_artifact(self.output, message.artifacts[input_of(self.stage)])

    def read_input_part(self, message: StageMessage, part: PageRange) -> Document:
        """One page range of the document this stage works on: its predecessor's output."""
        return self.store.read_document(message.part_key(input_of(self.stage), part))

    def write_output_part(self, message: StageMessage, part: PageRange, document: Document) -> None:
        self.store.write_document(message.part_key(self.output, part), document)

    def progress(self, done: int, total: int) -> None:
        """`done` of `total` units (pages, segments) of this part are done."""
        if self._told == (done, total):
            return
        if self.ledger is not None and self.part is not None:
            pages_done = self.part.pages * done / total if total else 0.0
            self.ledger.part_progress(self.job_id, self.stage, self.part.label, pages_done)
        self._told = (done, total)
        self.event(EVENT_PROGRESS, done=done, total=total)

    def info(self, **fields: Any) -> None:
        if self.ledger is not None:
            self.ledger.info(self.job_id, **fields)
        self.event(EVENT_INFO, **fields)

    def notice(self, *texts: str, **fields: Any) -> None:
        """Add to the job's notices (an info field written whole), after those earlier stages gave.

        `fields` are other info written with them, in the same ledger write.
        """
        if not texts and not fields:
            return
        earlier = self.ledger.notices(self.job_id) if self.ledger is not None else []
        added = [text for text in dict.fromkeys(texts) if text not in earlier]
        if added or fields:
            self.info(notices=[*earlier, *added], **fields)

    def event(self, type_: str, **fields: Any) -> None:
        """Events only make the status service quicker; the ledger is the record, so a lost one is fine."""
        try:
            self.task.send_event(type_, stage=self.stage.value, **fields)
        except Exception as exc:
            logger.warning("job %s: could not send %s event (%s)", self.job_id, type_, exc)


@dataclass(frozen=True)
class StagePlan:
    # What every part and the finish get: the input message with the stage's output artifacts named.
    message: StageMessage
    # The ranges to work on: usually message.parts; none when the stage has nothing to do for this job.
    parts: Sequence[PageRange]


def plan_every_part(message: StageMessage, ctx: StageContext) -> StagePlan:
    return StagePlan(message, message.parts)


def forward_as_planned(message: StageMessage, ctx: StageContext) -> StageMessage:
    return message


@dataclass(frozen=True)
class StageWork:
    run_part: Callable[[StageMessage, PageRange, StageContext], None]
    plan: Callable[[StageMessage, StageContext], StagePlan] = plan_every_part
    # Returns the message for the next stage.
    finish: Callable[[StageMessage, StageContext], StageMessage] = forward_as_planned
    # Does once what the stage's first task would do once per process (load fonts, parsers, caches), in
    # the worker's main process before it forks its pool (docrelay_common.warm_up).
    warm_up: Callable[[], None] | None = None


def part_context(ctx: StageContext, part: PageRange) -> StageContext:
    return StageContext(
        stage=ctx.stage, store=ctx.store, task=ctx.task, job_id=ctx.job_id, ledger=ctx.ledger, part=part
    )
