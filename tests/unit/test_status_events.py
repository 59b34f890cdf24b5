"""The status service's event handlers, fed Celery-shaped events directly."""

from pathlib import Path

import pytest

from docrelay_common.constants import EVENT_FAILED, EVENT_INFO, EVENT_PROGRESS, JobStatus, Stage, task_id
from docrelay_common.jobs import JobStore
from docrelay_status.events import EventApplier
from tests.support.jobs import new_job


@pytest.fixture
def jobs(tmp_path: Path) -> JobStore:
    store = JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    new_job(store, "j1")
    return store


def event(kind: str, stage: Stage, **fields: object) -> dict[str, object]:
    return {
        "type": kind,
        "uuid": task_id("j1", stage),
        "timestamp": 1_700_000_000.0,
        "hostname": "w@h",
        **fields,
    }


def test_started_progress_and_info_events_move_the_job(jobs: JobStore) -> None:
    apply = EventApplier(jobs)
    apply(event("task-started", Stage.EXTRACT))
    apply(event(EVENT_INFO, Stage.EXTRACT, pages=4, source_lang="en"))
    apply(event(EVENT_PROGRESS, Stage.EXTRACT, done=2, total=4))
    job = jobs.get("j1")
    assert job is not None
    assert (job.status, job.stage, job.pages, job.source_lang, job.progress) == (
        JobStatus.RUNNING,
        Stage.EXTRACT,
        4,
        "en",
        5,
    )


def test_last_stage_success_finishes_the_job(jobs: JobStore) -> None:
    apply = EventApplier(jobs)
    for stage in (Stage.EXTRACT, Stage.TRANSLATE, Stage.TONE, Stage.RECONSTRUCT):
        apply(event("task-started", stage))
        apply(event("task-succeeded", stage))
    job = jobs.get("j1")
    assert job is not None and (job.status, job.progress) == (JobStatus.SUCCEEDED, 100)


def test_coded_failure_is_kept_over_the_generic_task_failed(jobs: JobStore) -> None:
    apply = EventApplier(jobs)
    apply(
        event(
            EVENT_FAILED, Stage.TRANSLATE, code="unsupported_language_pair", message="no engine for fr -> de"
        )
    )
    apply(event("task-failed", Stage.TRANSLATE, exception="PermanentError('unsupported_language_pair: ...')"))
    job = jobs.get("j1")
    assert job is not None and job.error is not None
    assert (job.error.code, job.error.stage, job.error.message) == (
        "unsupported_language_pair",
        "translate",
        "no engine for fr -> de",
    )


def test_hard_time_limit_is_reported_as_stage_timeout(jobs: JobStore) -> None:
    EventApplier(jobs)(event("task-failed", Stage.RECONSTRUCT, exception="TimeLimitExceeded(930,)"))
    job = jobs.get("j1")
    assert job is not None and job.error is not None and job.error.code == "stage_timeout"


def test_foreign_and_unknown_events_are_ignored(jobs: JobStore) -> None:
    apply = EventApplier(jobs)
    apply({"type": "task-started", "uuid": "3f2a-not-ours"})
    apply({"type": "worker-heartbeat", "hostname": "w@h"})
    apply(event("task-started", Stage.EXTRACT) | {"uuid": "unknown-job.extract"})
    job = jobs.get("j1")
    assert job is not None and job.status == JobStatus.QUEUED


def test_info_event_records_the_pages_without_text(jobs: JobStore) -> None:
    apply = EventApplier(jobs)
    before = jobs.get("j1")
    assert before is not None and before.pages_without_text == []
    apply(event(EVENT_INFO, Stage.EXTRACT, pages=5, source_lang="en", pages_without_text=[4, 1]))
    # A later stage's info event does not carry the field and must not erase it.
    apply(event(EVENT_INFO, Stage.TRANSLATE, engine="apertium", source_lang="en"))
    job = jobs.get("j1")
    assert job is not None
    assert (job.pages, job.pages_without_text, job.engine) == (5, [1, 4], "apertium")


def test_an_empty_list_of_pages_without_text_is_shown_as_such(jobs: JobStore) -> None:
    EventApplier(jobs)(event(EVENT_INFO, Stage.EXTRACT, pages=2, source_lang="en", pages_without_text=[]))
    job = jobs.get("j1")
    assert job is not None and (job.pages, job.pages_without_text) == (2, [])
