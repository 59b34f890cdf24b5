"""A stage task's progress and info events, sent sparingly."""

import time
from typing import Any

from celery import Task

from docrelay_common.constants import EVENT_INFO, EVENT_PROGRESS

# Seconds between a task's progress and info events.
NUDGE_INTERVAL = 0.5


class Nudges:
    """A task's progress and info events, which only tell the status service to read the job's ledger
    again: none in the task's first NUDGE_INTERVAL, then at most one each NUDGE_INTERVAL.

    The ledger holds every change and Celery's own event at the task's end follows the last of them,
    so a dropped nudge only spares a sync (and a round trip to Redis) that the next one makes anyway;
    a stage of a small job sends none.
    """

    def __init__(self, task: Task) -> None:
        self.task = task
        self.request_id = task.request.id
        self.quiet_until = time.monotonic() + NUDGE_INTERVAL

    def send_event(self, type_: str, **fields: Any) -> Any:
        if type_ in (EVENT_PROGRESS, EVENT_INFO):
            now = time.monotonic()
            if now < self.quiet_until:
                return None
            self.quiet_until = now + NUDGE_INTERVAL
        return self.task.send_event(type_, **fields)
