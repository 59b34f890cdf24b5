"""The status service's synchronizer and event handler: a real Redis ledger, a real SQLite jobs table.

The ledger is written the way the stages write it; Celery-shaped events are fed to the handler.
"""

import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from redis import Redis

import docrelay_common.ledger
from docrelay_common.constants import EVENT_FAILED, EVENT_INFO, EVENT_PROGRESS, JobStatus
from docrelay_common.errors import ErrorCode
from docrelay_common.ledger import JobLedger, ledger_key
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.stages import PIPELINE, Stage, task_id
from docrelay_jobs.store import JobStore
from docrelay_jobs.views import JobView
from docrelay_status.config import StatusSettings
from docrelay_status.events import EventApplier
from docrelay_status.pending import PendingSyncs
from docrelay_status.sync import SYNC_BATCH, JobSynchronizer
from tests.support.job_changes import announcements
from tests.support.jobs import new_job

SETTINGS = StatusSettings(visibility_timeout=600)


@pytest.fixture
def jobs(tmp_path: Path) -> Iterator[JobStore]:
    store = JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    yield store
    store.close()


@pytest.fixture
def ledger(redis: Redis) -> JobLedger:
    return JobLedger(redis, 3600)


@pytest.fixture
def finished() -> list[str]:
    """The jobs the synchronizer reported as ended, in order."""
    return []


@pytest.fixture
def synchronizer(jobs: JobStore, ledger: JobLedger, finished: list[str]) -> JobSynchronizer:
    return JobSynchronizer(jobs, ledger, SETTINGS, finished.append)


@pytest.fixture
def apply(synchronizer: JobSynchronizer) -> EventApplier:
    return EventApplier(synchronizer)


@pytest.fixture
def job_id(jobs: JobStore) -> str:
    job_id = uuid.uuid4().hex
    new_job(jobs, job_id)
    return job_id


def event(kind: str, job_id: str, stage: Stage, **fields: object) -> dict[str, Any]:
    return {
        "type": kind,
        "uuid": task_id(job_id, stage),
        "timestamp": time.time(),
        "hostname": "w@h",
        **fields,
    }


def read(jobs: JobStore, job_id: str) -> JobView:
    job = jobs.get(job_id)
    assert job is not None
    return job


def run_stage(ledger: JobLedger, job_id: str, stage: Stage) -> None:
    """What the stage wrapper writes for an attempt that succeeds."""
    ledger.stage_started(job_id, stage, f"{stage}@host", attempt=1)
    ledger.stage_planned(job_id, stage, ["p00001-00002"], 2)
    ledger.part_finished(job_id, stage, "p00001-00002", 2, f"{stage}@host")
    output = StageMessage(job_id=job_id, options=JobOptions(target_lang="es"), artifacts={stage.value: "k"})
    ledger.stage_succeeded(job_id, stage, output)


def test_events_make_the_job_follow_its_ledger(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str
) -> None:
    ledger.stage_started(job_id, Stage.EXTRACT, "extract@host", attempt=1)
    ledger.info(job_id, pages=4, source_lang="en")
    assert read(jobs, job_id).status == JobStatus.QUEUED
    apply(event("task-started", job_id, Stage.EXTRACT))
    job = read(jobs, job_id)
    assert (job.status, job.stage, job.pages, job.source_lang) == (JobStatus.RUNNING, Stage.EXTRACT, 4, "en")

    ledger.stage_planned(job_id, Stage.EXTRACT, ["p00001-00004"], 4)
    ledger.part_progress(job_id, Stage.EXTRACT, "p00001-00004", 2)
    assert read(jobs, job_id).stages[0].done == 0
    apply(event(EVENT_PROGRESS, job_id, Stage.EXTRACT, done=2, total=4))
    assert read(jobs, job_id).stages[0].done == 2

    ledger.info(job_id, pages_without_text=[3])
    apply(event(EVENT_INFO, job_id, Stage.EXTRACT, pages_without_text=[3]))
    assert read(jobs, job_id).pages_without_text == [3]


def test_a_job_run_through_every_stage_ends_once(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str, finished: list[str]
) -> None:
    for stage in PIPELINE:
        run_stage(ledger, job_id, stage)
        apply(event("task-started", job_id, stage))
        apply(event("task-succeeded", job_id, stage))
    job = read(jobs, job_id)
    assert (job.status, job.progress) == (JobStatus.SUCCEEDED, 100)
    # Late and repeated events of an ended job do not end it again.
    apply(event("task-succeeded", job_id, Stage.RECONSTRUCT))
    apply(event(EVENT_PROGRESS, job_id, Stage.RECONSTRUCT, done=2, total=2))
    assert finished == [job_id]


def test_each_sync_announces_the_change_to_the_jobs_live_streams(
    synchronizer: JobSynchronizer, ledger: JobLedger, redis: Redis, job_id: str
) -> None:
    with announcements(redis, job_id) as announced:
        ledger.stage_started(job_id, Stage.EXTRACT, "extract@host", attempt=1)
        synchronizer.sync(job_id)
        assert announced()


def test_a_stage_with_nothing_to_do_shows_every_page_done_once_it_succeeded(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str
) -> None:
    # The toner of a neutral job plans no part: it tells of no page done, yet it has done them all.
    ledger.stage_started(job_id, Stage.TONE, "tone@host", attempt=1)
    ledger.stage_planned(job_id, Stage.TONE, [], 4)
    apply(event("task-started", job_id, Stage.TONE))
    tone = next(stage for stage in read(jobs, job_id).stages if stage.stage == Stage.TONE)
    assert (tone.done, tone.total) == (0, 4)

    output = StageMessage(job_id=job_id, options=JobOptions(target_lang="es"), artifacts={"tone": "k"})
    ledger.stage_succeeded(job_id, Stage.TONE, output)
    apply(event("task-succeeded", job_id, Stage.TONE))
    tone = next(stage for stage in read(jobs, job_id).stages if stage.stage == Stage.TONE)
    assert (tone.state, tone.done, tone.total) == ("succeeded", 4, 4)


def test_queued_jobs_are_synced_together_through_the_pending_queue(
    synchronizer: JobSynchronizer, ledger: JobLedger, jobs: JobStore, finished: list[str]
) -> None:
    ended, running, unknown = uuid.uuid4().hex, uuid.uuid4().hex, uuid.uuid4().hex
    for job in (ended, running):
        new_job(jobs, job)
    for stage in PIPELINE:
        run_stage(ledger, ended, stage)
    ledger.stage_started(running, Stage.EXTRACT, "extract@host", attempt=1)
    pending = PendingSyncs(synchronizer.sync_many)
    apply = EventApplier(synchronizer, pending.add)
    for job in (ended, running, ended, unknown):
        apply(event("task-started", job, Stage.EXTRACT))
    # Nothing is written while the jobs wait; then one pass syncs each once, the unknown job skipped.
    assert read(jobs, ended).status == JobStatus.QUEUED
    assert pending.sync_next() == [ended, running, unknown]
    assert (read(jobs, ended).status, read(jobs, running).status) == (JobStatus.SUCCEEDED, JobStatus.RUNNING)
    assert finished == [ended]


def test_a_task_killed_by_the_hard_time_limit_fails_with_stage_timeout(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str, finished: list[str]
) -> None:
    run_stage(ledger, job_id, Stage.EXTRACT)
    ledger.stage_started(job_id, Stage.TRANSLATE, "translate@host", attempt=1)
    apply(event("task-failed", job_id, Stage.TRANSLATE, exception="TimeLimitExceeded(1830,)"))
    job = read(jobs, job_id)
    assert job.error is not None
    assert (job.status, job.error.code, job.error.stage) == (JobStatus.FAILED, "stage_timeout", "translate")
    # Written to the ledger too, so a retry resumes at the stage that ran out of time.
    translate = ledger.stage(job_id, Stage.TRANSLATE)
    assert translate is not None and translate.error_code == ErrorCode.STAGE_TIMEOUT
    assert finished == [job_id]


def test_a_hard_time_limit_that_billiard_wrapped_is_still_a_stage_timeout(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str
) -> None:
    # What a worker sent when its pool killed a task stuck past the hard limit on a loaded machine.
    traceback = (
        'Traceback (most recent call last):\n  File "billiard/pool.py", line 745, in on_hard_timeout\n'
        "    raise TimeLimitExceeded(job._timeout)\n"
        "billiard.exceptions.TimeLimitExceeded: TimeLimitExceeded(75,)"
    )
    ledger.stage_started(job_id, Stage.EXTRACT, "extract@host", attempt=1)
    wrapped = "ExceptionWithTraceback()"
    apply(event("task-failed", job_id, Stage.EXTRACT, exception=wrapped, traceback=traceback))
    job = read(jobs, job_id)
    assert job.error is not None and (job.error.code, job.error.stage) == ("stage_timeout", "extract")


def test_a_task_that_died_otherwise_fails_with_internal_error(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str
) -> None:
    ledger.stage_started(job_id, Stage.EXTRACT, "extract@host", attempt=1)
    apply(event("task-failed", job_id, Stage.EXTRACT, exception="MemoryError()"))
    job = read(jobs, job_id)
    assert job.error is not None and (job.error.code, job.error.stage) == ("internal_error", "extract")


def test_a_failure_the_stage_recorded_is_kept_over_the_generic_task_failed(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str, finished: list[str]
) -> None:
    run_stage(ledger, job_id, Stage.EXTRACT)
    ledger.stage_started(job_id, Stage.TRANSLATE, "translate@host", attempt=1)
    ledger.stage_failed(job_id, Stage.TRANSLATE, "unsupported_language_pair", "no engine for fr -> de")
    apply(event(EVENT_FAILED, job_id, Stage.TRANSLATE, code="unsupported_language_pair", message="x"))
    apply(
        event("task-failed", job_id, Stage.TRANSLATE, exception="PermanentError('unsupported_language_pair')")
    )
    job = read(jobs, job_id)
    assert job.error is not None
    assert (job.error.code, job.error.message, job.error.stage) == (
        "unsupported_language_pair",
        "no engine for fr -> de",
        "translate",
    )
    assert finished == [job_id]


def test_a_failed_task_of_one_stage_does_not_fail_another(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str
) -> None:
    # A duplicate delivery of the extract task outlived the original, which already handed the job on.
    run_stage(ledger, job_id, Stage.EXTRACT)
    ledger.stage_started(job_id, Stage.TRANSLATE, "translate@host", attempt=1)
    apply(event("task-failed", job_id, Stage.EXTRACT, exception="TimeLimitExceeded(630,)"))
    job = read(jobs, job_id)
    assert (job.status, job.stage, job.error) == (JobStatus.RUNNING, Stage.TRANSLATE, None)


def test_foreign_and_unknown_events_are_ignored(
    apply: EventApplier, ledger: JobLedger, jobs: JobStore, job_id: str, finished: list[str]
) -> None:
    ledger.stage_started(job_id, Stage.EXTRACT, "extract@host", attempt=1)
    apply({"type": "task-started", "uuid": "3f2a-not-ours"})
    apply({"type": "worker-heartbeat", "hostname": "w@h"})
    apply({"type": "task-failed", "uuid": "celery.backend_cleanup", "exception": "TimeLimitExceeded(1,)"})
    apply(event("task-received", job_id, Stage.EXTRACT))
    apply(event("task-started", "no-such-job", Stage.EXTRACT))
    apply(event("task-failed", "no-such-job", Stage.EXTRACT, exception="TimeLimitExceeded(1,)"))
    assert read(jobs, job_id).status == JobStatus.QUEUED
    assert finished == []


def test_reconcile_catches_up_a_job_whose_events_were_all_lost(
    synchronizer: JobSynchronizer, ledger: JobLedger, jobs: JobStore, job_id: str, finished: list[str]
) -> None:
    waiting = uuid.uuid4().hex
    new_job(jobs, waiting)
    for stage in PIPELINE:
        run_stage(ledger, job_id, stage)
    assert read(jobs, job_id).status == JobStatus.QUEUED
    assert synchronizer.reconcile() == 2
    assert read(jobs, job_id).status == JobStatus.SUCCEEDED
    # No ledger yet (nothing started): it stays queued.
    assert read(jobs, waiting).status == JobStatus.QUEUED
    assert synchronizer.reconcile() == 1
    assert finished == [job_id]


def test_reconcile_syncs_a_backlog_in_batches_past_a_job_whose_ledger_is_unreadable(
    synchronizer: JobSynchronizer, ledger: JobLedger, jobs: JobStore, finished: list[str]
) -> None:
    backlog = sorted(uuid.uuid4().hex for _ in range(SYNC_BATCH + 20))
    for job_id in backlog:
        new_job(jobs, job_id)
        run_stage(ledger, job_id, Stage.EXTRACT)
    broken = backlog[3]
    ledger.redis.hset(ledger_key(broken), "info", "{not json")
    assert synchronizer.reconcile() == len(backlog)
    for job_id in backlog:
        assert read(jobs, job_id).status == (JobStatus.QUEUED if job_id == broken else JobStatus.RUNNING)
    assert finished == []


def started_long_ago(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Stages that start now record a start `seconds` in the past."""
    earlier = time.time() - seconds
    monkeypatch.setattr(docrelay_common.ledger, "time", SimpleNamespace(time=lambda: earlier))


def test_a_stage_whose_worker_vanished_fails_with_worker_lost(
    synchronizer: JobSynchronizer,
    ledger: JobLedger,
    jobs: JobStore,
    job_id: str,
    finished: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recent = uuid.uuid4().hex
    new_job(jobs, recent)
    ledger.stage_started(recent, Stage.EXTRACT, "extract@host", attempt=1)
    silent = (
        SETTINGS.visibility_timeout + SETTINGS.hard_time_limit(Stage.TRANSLATE) + SETTINGS.lost_worker_grace
    )
    with monkeypatch.context() as clock:
        started_long_ago(clock, silent + 60)
        run_stage(ledger, job_id, Stage.EXTRACT)
        ledger.stage_started(job_id, Stage.TRANSLATE, "translate@gone", attempt=1)
        ledger.step_began(job_id, Stage.TRANSLATE, "plan")

    synchronizer.reconcile()
    job = read(jobs, job_id)
    assert job.error is not None
    assert (job.status, job.error.code, job.error.stage) == (JobStatus.FAILED, "worker_lost", "translate")
    assert job.stages[0].state == "succeeded"
    still = read(jobs, recent)
    assert (still.status, still.stage, still.error) == (JobStatus.RUNNING, Stage.EXTRACT, None)
    assert finished == [job_id]


@pytest.mark.parametrize(
    ("seconds_ago", "a_range_started_since"),
    [
        # Started long ago, yet within the time Redis takes to redeliver a dead worker's task.
        (SETTINGS.visibility_timeout + SETTINGS.hard_time_limit(Stage.EXTRACT), False),
        # A large job's stage runs for longer than one task may, but each range it starts shows life.
        (
            SETTINGS.visibility_timeout
            + SETTINGS.hard_time_limit(Stage.EXTRACT)
            + SETTINGS.lost_worker_grace
            + 60,
            True,
        ),
    ],
    ids=["within-its-limits", "ranges-still-starting"],
)
def test_a_running_stage_that_shows_life_is_not_lost(
    synchronizer: JobSynchronizer,
    ledger: JobLedger,
    jobs: JobStore,
    job_id: str,
    monkeypatch: pytest.MonkeyPatch,
    seconds_ago: int,
    a_range_started_since: bool,
) -> None:
    with monkeypatch.context() as clock:
        started_long_ago(clock, seconds_ago)
        ledger.stage_started(job_id, Stage.EXTRACT, "extract@slow", attempt=1)
        ledger.stage_planned(job_id, Stage.EXTRACT, ["p00001-00040", "p00041-00080"], 80)
        ledger.step_began(job_id, Stage.EXTRACT, "p00001-00040")
    if a_range_started_since:
        ledger.step_began(job_id, Stage.EXTRACT, "p00001-00040")
    synchronizer.reconcile()
    job = read(jobs, job_id)
    assert (job.status, job.error) == (JobStatus.RUNNING, None)


def test_ranges_waiting_in_their_queue_are_never_lost(
    synchronizer: JobSynchronizer,
    ledger: JobLedger,
    jobs: JobStore,
    job_id: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Planned long ago; its ranges wait behind other work, none started: waiting, not dying.
    with monkeypatch.context() as clock:
        started_long_ago(clock, 10 * (SETTINGS.visibility_timeout + SETTINGS.hard_time_limit(Stage.EXTRACT)))
        ledger.stage_started(job_id, Stage.EXTRACT, "extract@busy", attempt=1)
        ledger.step_began(job_id, Stage.EXTRACT, "plan")
        ledger.stage_planned(job_id, Stage.EXTRACT, ["p00001-00040", "p00041-00080"], 80)
        ledger.step_ended(job_id, Stage.EXTRACT, "plan")
    synchronizer.reconcile()
    job = read(jobs, job_id)
    assert (job.status, job.error) == (JobStatus.RUNNING, None)


def test_concurrent_syncs_report_a_job_end_once(
    synchronizer: JobSynchronizer, ledger: JobLedger, jobs: JobStore, finished: list[str]
) -> None:
    # The event consumer and the reconciliation thread can sync the same job at the same moment.
    job_ids = [uuid.uuid4().hex for _ in range(5)]
    for job_id in job_ids:
        new_job(jobs, job_id)
        for stage in PIPELINE:
            run_stage(ledger, job_id, stage)
    start = threading.Barrier(4)

    def sync_all() -> None:
        start.wait()
        for job_id in job_ids:
            synchronizer.sync(job_id)

    threads = [threading.Thread(target=sync_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(finished) == sorted(job_ids)


def test_only_a_change_that_may_end_the_job_is_synced_at_once(synchronizer: JobSynchronizer) -> None:
    told: list[tuple[str, bool]] = []
    apply = EventApplier(synchronizer, lambda job, urgent: told.append((job, urgent)))
    job = uuid.uuid4().hex
    for stage in PIPELINE:
        apply(event("task-started", job, stage))
        apply(event("task-succeeded", job, stage))
    apply(event(EVENT_FAILED, job, Stage.TRANSLATE))
    last = PIPELINE[-1]
    kinds = ("task-started", "task-succeeded")
    expected = [(job, kind == "task-succeeded" and stage == last) for stage in PIPELINE for kind in kinds]
    assert told == [*expected, (job, True)]


def test_a_failure_acting_on_one_ended_job_does_not_skip_the_others_of_its_batch(
    jobs: JobStore, ledger: JobLedger
) -> None:
    first, second = sorted(uuid.uuid4().hex for _ in range(2))
    told: list[str] = []

    def webhook(job: str) -> None:
        told.append(job)
        if job == first:
            raise RuntimeError("the broker refused the webhook task")

    for job in (first, second):
        new_job(jobs, job)
        for stage in PIPELINE:
            run_stage(ledger, job, stage)
    JobSynchronizer(jobs, ledger, SETTINGS, webhook).sync_many([first, second])
    # Both ended in the one transaction; a sync again would not see them end, so each is told now.
    assert sorted(told) == [first, second]
    assert {read(jobs, job).status for job in (first, second)} == {JobStatus.SUCCEEDED}
