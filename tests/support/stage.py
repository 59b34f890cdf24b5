"""A stage handler's context without Celery: the events it would send are recorded instead."""

from typing import Any

from docrelay_common.artifacts import ArtifactStore
from docrelay_common.constants import EVENT_INFO, EVENT_PROGRESS, Stage
from docrelay_common.stage import StageContext


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
