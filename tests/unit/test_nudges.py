"""A stage task's progress and info events only nudge the status service: they are sent sparingly."""

from types import SimpleNamespace
from typing import Any, cast

import pytest
from celery import Task

from docrelay_common import nudges
from docrelay_common.constants import EVENT_FAILED, EVENT_INFO, EVENT_PROGRESS
from docrelay_common.nudges import NUDGE_INTERVAL, Nudges
from tests.support.stage import RecordingTask


def test_a_short_task_sends_none_and_a_long_one_one_per_interval(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [100.0]
    monkeypatch.setattr(nudges.time, "monotonic", lambda: clock[0])
    recorder = RecordingTask()
    task = cast(
        Task, SimpleNamespace(request=SimpleNamespace(id="job.extract"), send_event=recorder.send_event)
    )
    events = Nudges(task)

    def send(type_: str, **fields: Any) -> None:
        events.send_event(type_, stage="extract", **fields)

    send(EVENT_PROGRESS, done=1, total=3)
    send(EVENT_INFO, pages=3)
    # A failure is news, not a nudge: it always goes.
    send(EVENT_FAILED, code="pdf_corrupt")
    clock[0] += NUDGE_INTERVAL
    send(EVENT_PROGRESS, done=2, total=3)
    send(EVENT_PROGRESS, done=3, total=3)
    assert [(kind, fields.get("done")) for kind, fields in recorder.events] == [
        (EVENT_FAILED, None),
        (EVENT_PROGRESS, 2),
    ]
