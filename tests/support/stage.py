"""A stage handler's context without Celery: the events it would send are recorded instead."""

from typing import Any

from docrelay_common.artifacts import ArtifactStore, job_key
from docrelay_common.constants import EVENT_INFO, EVENT_PROGRESS
from docrelay_common.document import Document
from docrelay_common.messages import JobOptions, StageMessage, page_ranges
from docrelay_common.stage import StageContext, StageWork, part_context
from docrelay_common.stages import Stage


class RecordingTask:
    """Stands in for the Celery task, whose only use to a handler is sending events."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any]]] = []

    def send_event(self, type_: str, **fields: Any) -> None:
        self.events.append((type_, fields))

    def fields_of(self, type_: str) -> list[dict[str, Any]]:
        """The fields of every event of `type_`, in the order they were sent."""
        return [fields for sent, fields in self.events if sent == type_]

    def progress(self) -> list[tuple[int, int]]:
        """(done, total) of every progress event, in order."""
        return [(fields["done"], fields["total"]) for fields in self.fields_of(EVENT_PROGRESS)]

    def info(self) -> dict[str, Any]:
        """The fields of all info events merged into one dict; a later event wins a repeated field."""
        merged: dict[str, Any] = {}
        for fields in self.fields_of(EVENT_INFO):
            merged.update(fields)
        return merged


def recording_context(stage: Stage, store: ArtifactStore) -> tuple[StageContext, RecordingTask]:
    """A context for `stage` on a real store, and the task that records what it sends."""
    task = RecordingTask()
    return StageContext(stage=stage, store=store, task=task), task


def message_with_document(
    store: ArtifactStore,
    name: str,
    document: Document,
    options: JobOptions,
    job_id: str = "job1",
    artifacts: dict[str, str] | None = None,
    pages_per_part: int = 40,
) -> StageMessage:
    """A message whose artifact `name` holds `document`, stored in page ranges as the extractor stores it."""
    parts = page_ranges(len(document.pages), pages_per_part)
    message = StageMessage(
        job_id=job_id,
        options=options,
        artifacts={**(artifacts or {}), name: job_key(job_id, name)},
        parts=parts,
    )
    for part in parts:
        pages = document.pages[part.first - 1 : part.last]
        store.write_document(message.part_key(name, part), document.model_copy(update={"pages": pages}))
    return message


def read_document(store: ArtifactStore, message: StageMessage, name: str) -> Document:
    """The document artifact `name` of a message, its page ranges read back as one document."""
    parts = [store.read_document(message.part_key(name, part)) for part in message.parts]
    return parts[0].model_copy(update={"pages": [page for part in parts for page in part.pages]})


def run_in_process(work: StageWork, message: StageMessage, ctx: StageContext) -> StageMessage:
    """A stage's three steps one after the other in this process, without Celery or the ledger."""
    plan = work.plan(message, ctx)
    for part in plan.parts:
        work.run_part(plan.message, part, part_context(ctx, part))
    return work.finish(plan.message, ctx)
