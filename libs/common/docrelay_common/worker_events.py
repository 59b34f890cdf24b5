"""The Celery events a worker sends: all but those nobody reads.

A worker's main process sends `task-received` for every task it takes, before handing the task to a
pool process, so each hand-on between stages waited for that publish to Redis. The status service
builds the jobs table from `task-started` on (a stage's start is in its ledger anyway) and ignores
`task-received`; Flower, when run, shows a task from its start instead of from its receipt.
"""

from typing import Any

from celery.app.events import Events
from celery.events.dispatcher import EventDispatcher

UNREAD_EVENTS = frozenset({"task-received"})


class ReadEventsDispatcher(EventDispatcher):
    """Sends every event but UNREAD_EVENTS."""

    def send(self, type: str, *args: Any, **fields: Any) -> Any:
        if type in UNREAD_EVENTS:
            return None
        return super().send(type, *args, **fields)


class ReadEvents(Events):
    """`app.events` with ReadEventsDispatcher as its dispatcher (`Celery(events=...)`)."""

    dispatcher_cls = f"{__name__}:ReadEventsDispatcher"
