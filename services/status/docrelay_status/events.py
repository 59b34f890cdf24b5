"""Turns Celery events into jobs-table transitions. Pure dispatch: fed events, unit-testable."""

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from docrelay_common.constants import EVENT_FAILED, EVENT_INFO, EVENT_PROGRESS, Stage, parse_task_id
from docrelay_common.errors import ErrorCode
from docrelay_common.jobs import JobStore

logger = logging.getLogger(__name__)

Event = dict[str, Any]


def _timestamp(event: Event) -> datetime:
    return datetime.fromtimestamp(float(event.get("timestamp") or 0) or datetime.now(UTC).timestamp(), UTC)


def _failure_code(exception: str) -> ErrorCode:
    # The hard time limit kills the task without our failure event; Celery names it in the exception.
    return ErrorCode.STAGE_TIMEOUT if "TimeLimitExceeded" in exception else ErrorCode.INTERNAL_ERROR


class EventApplier:
    """Applies one event at a time; unknown events and events of non-docrelay tasks are ignored."""

    def __init__(self, jobs: JobStore) -> None:
        self.jobs = jobs
        self._handlers: dict[str, Callable[[str, Stage, Event], None]] = {
            "task-started": self._started,
            "task-succeeded": self._succeeded,
            "task-failed": self._failed,
            EVENT_PROGRESS: self._progress,
            EVENT_INFO: self._info,
            EVENT_FAILED: self._stage_failed,
        }

    def __call__(self, event: Event) -> None:
        handler = self._handlers.get(event.get("type", ""))
        parsed = parse_task_id(str(event.get("uuid", "")))
        if handler is None or parsed is None:
            return
        job_id, stage = parsed
        try:
            handler(job_id, stage, event)
        except Exception:
            # One bad event must not stop the consumer; the next event or reconciliation catches up.
            logger.exception("could not apply %s for job %s", event.get("type"), job_id)

    def _started(self, job_id: str, stage: Stage, event: Event) -> None:
        self.jobs.stage_started(job_id, stage, event.get("hostname"), _timestamp(event))

    def _succeeded(self, job_id: str, stage: Stage, event: Event) -> None:
        self.jobs.stage_succeeded(job_id, stage, _timestamp(event))

    def _failed(self, job_id: str, stage: Stage, event: Event) -> None:
        exception = str(event.get("exception", ""))
        self.jobs.stage_failed(job_id, stage, _failure_code(exception), exception, _timestamp(event))

    def _stage_failed(self, job_id: str, stage: Stage, event: Event) -> None:
        code, message = str(event.get("code", ErrorCode.INTERNAL_ERROR)), str(event.get("message", ""))
        self.jobs.stage_failed(job_id, stage, code, message, _timestamp(event))

    def _progress(self, job_id: str, stage: Stage, event: Event) -> None:
        self.jobs.stage_progress(job_id, stage, int(event.get("done", 0)), int(event.get("total", 0)))

    def _info(self, job_id: str, _stage: Stage, event: Event) -> None:
        fields = {key: event.get(key) for key in ("pages", "source_lang", "engine")}
        self.jobs.update_info(
            job_id, **fields, pages_without_text=_page_numbers(event.get("pages_without_text"))
        )


def _page_numbers(value: Any) -> list[int] | None:
    """The page numbers of an event field, or None when the event does not carry it."""
    return None if value is None else sorted({int(number) for number in value})
