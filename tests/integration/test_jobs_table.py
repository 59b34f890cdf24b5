"""The jobs table on both supported databases (SQLite, the default, and PostgreSQL), fed ledger snapshots."""

import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import pytest

from docrelay_common.constants import JobStatus, StageState
from docrelay_common.ledger import LedgerSnapshot, StageRecord
from docrelay_common.stages import PIPELINE, Stage
from docrelay_jobs.eta import StageSample
from docrelay_jobs.progress import overall_progress
from docrelay_jobs.store import JobFilter, JobStore
from docrelay_jobs.tables import utcnow
from docrelay_jobs.views import JobView
from tests.support.jobs import T0, finished_at, new_job, snapshot, stage
from tests.support.servers import postgres_server

RUNNING, SUCCEEDED, FAILED = StageState.RUNNING, StageState.SUCCEEDED, StageState.FAILED
# Units of work per stage (pages, or blocks for translation and tone) of the jobs below.
TOTAL = {Stage.EXTRACT: 4, Stage.TRANSLATE: 10, Stage.TONE: 10, Stage.RECONSTRUCT: 4}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def jobs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[JobStore]:
    if request.param == "sqlite":
        store = JobStore(f"sqlite:///{tmp_path_factory.mktemp('db') / 'jobs.db'}")
        yield store
        store.close()
        return
    with postgres_server() as url:
        store = JobStore(url)
        yield store
        store.close()


@pytest.fixture
def job_id(jobs: JobStore) -> str:
    """A fresh queued job: the database is shared by the module's tests."""
    job_id = uuid.uuid4().hex
    new_job(jobs, job_id)
    return job_id


def read(jobs: JobStore, job_id: str) -> JobView:
    job = jobs.get(job_id)
    assert job is not None
    return job


def done_before(stage_of: Stage) -> dict[Stage, StageRecord]:
    """Every stage before `stage_of` succeeded, one after the other, each started 100 s after the last."""
    index = PIPELINE.index(stage_of)
    return {
        earlier: stage(SUCCEEDED, at=T0 + 100 * n, done=TOTAL[earlier], total=TOTAL[earlier])
        for n, earlier in enumerate(PIPELINE[:index])
    }


def at(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


PATH = ["apertium:fr-es", "apertium:es-en"]


def test_a_job_runs_through_every_stage(jobs: JobStore, job_id: str) -> None:
    info = {
        "pages": 4,
        "source_lang": "en",
        "pages_without_text": [3],
        "notices": ["scanned page 3 kept"],
        "cells_kept_verbatim": 12,
    }
    steps = [
        (
            {Stage.EXTRACT: stage(RUNNING, done=1, total=4)},
            {},
            (Stage.EXTRACT, overall_progress(Stage.EXTRACT, 0.25)),
        ),
        (done_before(Stage.TRANSLATE), info, (Stage.TRANSLATE, overall_progress(Stage.EXTRACT, 1.0))),
        (
            done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: stage(RUNNING, at=T0 + 100, done=5, total=10)},
            {**info, "engine": "apertium", "engine_path": PATH, "other_language_blocks": {"en": 2}},
            (Stage.TRANSLATE, overall_progress(Stage.TRANSLATE, 0.5)),
        ),
        (
            done_before(Stage.RECONSTRUCT)
            | {Stage.RECONSTRUCT: stage(RUNNING, at=T0 + 300, done=1, total=4)},
            {**info, "engine": "apertium"},
            (Stage.RECONSTRUCT, overall_progress(Stage.RECONSTRUCT, 0.25)),
        ),
    ]
    progress = []
    for stages, step_info, (expected_stage, expected_progress) in steps:
        assert jobs.apply_ledger(job_id, snapshot(stages, step_info)) is False
        job = read(jobs, job_id)
        assert (job.status, job.stage, job.progress) == (JobStatus.RUNNING, expected_stage, expected_progress)
        progress.append(job.progress)
    assert progress == sorted(progress) and len(set(progress)) == len(progress)

    last = done_before(Stage.RECONSTRUCT) | {
        Stage.RECONSTRUCT: stage(SUCCEEDED, at=T0 + 300, done=4, total=4)
    }
    assert jobs.apply_ledger(job_id, snapshot(last, {**info, "engine": "apertium"})) is True
    job = read(jobs, job_id)
    assert (job.status, job.stage, job.progress, job.error) == (JobStatus.SUCCEEDED, None, 100, None)
    assert (job.pages, job.source_lang, job.engine) == (4, "en", "apertium")
    assert (job.pages_without_text, job.notices) == ([3], ["scanned page 3 kept"])
    assert job.cells_kept_verbatim == 12
    # Set by the translate stage and kept when a later step's info does not repeat them.
    assert (job.engine_path, job.other_language_blocks) == (PATH, {"en": 2})
    assert [
        (view.stage, view.state, view.attempts, view.worker, view.started_at, view.finished_at)
        for view in job.stages
    ] == [
        (name, SUCCEEDED, 1, "worker@host", at(T0 + 100 * n), at(T0 + 100 * n + 10))
        for n, name in enumerate(PIPELINE)
    ]
    assert [(view.done, view.total) for view in job.stages] == [
        (TOTAL[name], TOTAL[name]) for name in PIPELINE
    ]


def test_after_a_stage_succeeded_the_job_waits_in_the_next_one(jobs: JobStore, job_id: str) -> None:
    jobs.apply_ledger(job_id, snapshot(done_before(Stage.TONE)))
    job = read(jobs, job_id)
    assert (job.status, job.stage) == (JobStatus.RUNNING, Stage.TONE)
    assert job.progress == overall_progress(Stage.TRANSLATE, 1.0)
    assert [view.stage for view in job.stages] == [Stage.EXTRACT, Stage.TRANSLATE]


def test_a_failure_ends_the_job_once_with_its_code(jobs: JobStore, job_id: str) -> None:
    failed = stage(
        FAILED, at=T0 + 100, error_code="unsupported_language_pair", error_message="no engine for fr -> de"
    )
    ledger = snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: failed}, {"pages": 2})
    assert jobs.apply_ledger(job_id, ledger) is True
    job = read(jobs, job_id)
    assert (job.status, job.stage) == (JobStatus.FAILED, None)
    assert job.error is not None
    assert (job.error.code, job.error.message, job.error.stage) == (
        "unsupported_language_pair",
        "no engine for fr -> de",
        "translate",
    )
    translate = job.stages[1]
    assert translate.error is not None and (translate.state, translate.error.code) == (
        FAILED,
        "unsupported_language_pair",
    )

    assert jobs.apply_ledger(job_id, ledger) is False
    later = done_before(Stage.TONE) | {Stage.TONE: stage(RUNNING, done=1, total=2)}
    assert jobs.apply_ledger(job_id, snapshot(later, {"pages": 9, "engine": "other"})) is False
    assert read(jobs, job_id) == job


def test_a_cancelled_ledger_cancels_the_job_and_its_running_stage(jobs: JobStore, job_id: str) -> None:
    stages = done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: stage(RUNNING, done=3, total=10)}
    assert jobs.apply_ledger(job_id, snapshot(stages, cancelled=True)) is True
    job = read(jobs, job_id)
    assert (job.status, job.stage) == (JobStatus.CANCELLED, None)
    assert [view.state for view in job.stages] == [SUCCEEDED, StageState.CANCELLED]
    assert jobs.apply_ledger(job_id, snapshot(done_before(Stage.TONE))) is False
    assert read(jobs, job_id) == job


def test_a_ledger_applied_after_the_job_ended_changes_nothing(jobs: JobStore, job_id: str) -> None:
    assert jobs.apply_ledger(job_id, snapshot(done_before(Stage.RECONSTRUCT))) is False
    everything = {name: stage(SUCCEEDED) for name in PIPELINE}
    assert jobs.apply_ledger(job_id, snapshot(everything)) is True
    ended = read(jobs, job_id)
    failed = everything | {Stage.RECONSTRUCT: stage(FAILED, error_code="render_failed", error_message="x")}
    assert jobs.apply_ledger(job_id, snapshot(failed, {"pages": 7})) is False
    assert jobs.apply_ledger(job_id, snapshot({}, cancelled=True)) is False
    assert read(jobs, job_id) == ended


def test_a_redelivered_stage_does_not_move_progress_back(jobs: JobStore, job_id: str) -> None:
    def running(done: int, total: int, attempts: int) -> None:
        record = stage(RUNNING, done=done, total=total, attempts=attempts)
        jobs.apply_ledger(job_id, snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: record}))

    running(7, 10, attempts=1)
    before = read(jobs, job_id)
    # The worker died; the redelivered task starts counting from zero before it knows its total.
    running(0, 0, attempts=2)
    restarted = read(jobs, job_id)
    assert restarted.progress == before.progress
    assert (restarted.stages[1].done, restarted.stages[1].total) == (7, 10)
    running(2, 10, attempts=2)
    job = read(jobs, job_id)
    assert job.progress == before.progress == overall_progress(Stage.TRANSLATE, 0.7)
    assert (job.stages[1].done, job.stages[1].total, job.stages[1].attempts) == (7, 10, 2)
    running(9, 10, attempts=2)
    job = read(jobs, job_id)
    assert (job.progress, job.stages[1].done) == (overall_progress(Stage.TRANSLATE, 0.9), 9)


def test_a_stage_keeps_when_its_pages_done_last_grew(jobs: JobStore, job_id: str) -> None:
    def running(done: int) -> datetime | None:
        record = stage(RUNNING, done=done, total=10)
        jobs.apply_ledger(job_id, snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: record}))
        return read(jobs, job_id).stages[1].progressed_at

    assert running(0) is None
    first = running(3)
    assert first is not None and first <= datetime.now(UTC)
    # The same count read again (another sync, a redelivered task counting up to it) is no new report.
    assert running(3) == first
    assert running(0) == first
    later = running(6)
    assert later is not None and later > first


def race(*transitions: Callable[[], bool]) -> list[bool]:
    """Run the transitions at the same moment, each in a thread of its own; their results, sorted."""
    start = threading.Barrier(len(transitions))
    results: list[bool] = []

    def run(transition: Callable[[], bool]) -> None:
        start.wait()
        results.append(transition())

    threads = [threading.Thread(target=run, args=(transition,)) for transition in transitions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(results)


def test_a_cancel_racing_a_sync_ends_the_job_once(jobs: JobStore) -> None:
    # The gateway cancels while the status service applies the cancelled ledger: one of them ends the job.
    cancelled = snapshot({Stage.EXTRACT: stage(RUNNING)}, cancelled=True)
    for _ in range(20):
        job_id = uuid.uuid4().hex
        new_job(jobs, job_id)
        assert race(partial(jobs.cancel, job_id), partial(jobs.apply_ledger, job_id, cancelled)) == [
            False,
            True,
        ]
        assert read(jobs, job_id).status == JobStatus.CANCELLED


def test_fail_ends_an_open_job_from_outside_its_stages(jobs: JobStore, job_id: str) -> None:
    assert jobs.fail(job_id, Stage.EXTRACT, "service_unavailable", "the job queue is unreachable") is True
    job = read(jobs, job_id)
    assert job.error is not None
    assert (job.status, job.error.code, job.error.stage) == (
        JobStatus.FAILED,
        "service_unavailable",
        "extract",
    )
    assert [(view.stage, view.state) for view in job.stages] == [(Stage.EXTRACT, FAILED)]
    assert jobs.fail(job_id, Stage.TRANSLATE, "internal_error", "late") is False
    assert read(jobs, job_id) == job
    assert jobs.fail("no-such-job", Stage.EXTRACT, "internal_error", "x") is False


def test_cancel_stops_unfinished_stages_and_only_open_jobs(jobs: JobStore, job_id: str) -> None:
    jobs.apply_ledger(job_id, snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: stage(RUNNING)}))
    assert jobs.cancel(job_id) is True
    job = read(jobs, job_id)
    assert (job.status, job.stage) == (JobStatus.CANCELLED, None)
    assert [view.state for view in job.stages] == [SUCCEEDED, StageState.CANCELLED]
    assert jobs.cancel(job_id) is False

    finished = uuid.uuid4().hex
    new_job(jobs, finished)
    jobs.apply_ledger(finished, snapshot({name: stage(SUCCEEDED) for name in PIPELINE}))
    assert jobs.cancel(finished) is False
    assert read(jobs, finished).status == JobStatus.SUCCEEDED


def test_reopen_clears_the_failure_and_keeps_finished_stages(jobs: JobStore, job_id: str) -> None:
    failed = stage(FAILED, error_code="engine_unavailable", error_message="engine down")
    jobs.apply_ledger(job_id, snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: failed}))
    resets: list[str] = []
    reopened = jobs.reopen(job_id, Stage.TRANSLATE, lambda: resets.append(job_id))
    job = read(jobs, job_id)
    assert reopened == job and resets == [job_id]
    # Reopened once: a second retry (sent with the first) and a job that does not exist reset nothing.
    assert jobs.reopen(job_id, Stage.TRANSLATE, lambda: resets.append(job_id)) is None
    assert jobs.reopen("no-such-job", Stage.TRANSLATE, lambda: resets.append("no-such-job")) is None
    assert resets == [job_id]
    assert (job.status, job.stage, job.error) == (JobStatus.QUEUED, Stage.TRANSLATE, None)
    assert [(view.state, view.error) for view in job.stages] == [(SUCCEEDED, None), (StageState.QUEUED, None)]
    # Open again: the resumed stage's progress moves it.
    running = stage(RUNNING, attempts=2, done=1, total=2)
    assert (
        jobs.apply_ledger(job_id, snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: running}))
        is False
    )
    assert read(jobs, job_id).status == JobStatus.RUNNING


def test_a_snapshot_read_before_a_retry_does_not_fail_the_reopened_job(jobs: JobStore, job_id: str) -> None:
    # A sync read the failed ledger; the retry then reset it and reopened the row, before the sync
    # took the row's lock. Applied as read, the old snapshot would fail the job for good.
    failed = stage(FAILED, error_code="engine_unavailable", error_message="engine down")
    old = snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: failed})
    jobs.apply_ledger(job_id, old)
    assert jobs.reopen(job_id, Stage.TRANSLATE, lambda: None) is not None
    now = snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: stage(StageState.QUEUED)})
    asked: list[list[str]] = []

    def ledgers_now(job_ids: Sequence[str]) -> dict[str, LedgerSnapshot | None]:
        asked.append(list(job_ids))
        return dict.fromkeys(job_ids, now)

    assert jobs.apply_ledgers({job_id: old}, read_again=ledgers_now) == []
    assert asked == [[job_id]]
    job = read(jobs, job_id)
    assert (job.status, job.error, job.stages[1].state) == (JobStatus.RUNNING, None, StageState.QUEUED)
    # Read again only what would fail a job: a running stage's snapshot is applied as read.
    running = snapshot(done_before(Stage.TRANSLATE) | {Stage.TRANSLATE: stage(RUNNING, attempts=2)})
    jobs.apply_ledgers({job_id: running}, read_again=ledgers_now)
    assert asked == [[job_id]] and read(jobs, job_id).stages[1].state == RUNNING
    # Without reading again, the old snapshot fails the job: what the sync did before.
    assert jobs.apply_ledgers({job_id: old}) == [job_id]


def test_only_jobs_that_ended_before_the_cutoff_expire(jobs: JobStore) -> None:
    now = utcnow()
    old, recent, running = (uuid.uuid4().hex for _ in range(3))
    for job_id in (old, recent, running):
        new_job(jobs, job_id)
    jobs.apply_ledger(old, snapshot({name: stage(SUCCEEDED) for name in PIPELINE}))
    jobs.fail(recent, Stage.EXTRACT, "pdf_corrupt", "cannot be read")
    jobs.apply_ledger(running, snapshot({Stage.EXTRACT: stage(RUNNING)}))
    finished_at(jobs, old, now - timedelta(hours=2))
    finished_at(jobs, recent, now - timedelta(minutes=30))
    # Running for hours: retention must not touch it however old it is.
    finished_at(jobs, running, now - timedelta(days=30))

    expired = jobs.expire_finished_before(now - timedelta(hours=1))
    assert old in expired and not {recent, running} & set(expired)
    assert [read(jobs, job).status for job in (old, recent, running)] == [
        JobStatus.EXPIRED,
        JobStatus.FAILED,
        JobStatus.RUNNING,
    ]
    assert old not in jobs.expire_finished_before(now)


def test_list_jobs_newest_first_with_filters(jobs: JobStore) -> None:
    owner, other = uuid.uuid4().hex, uuid.uuid4().hex
    start = datetime(2025, 6, 1, tzinfo=UTC)
    ids = [f"{owner[:8]}-{n}" for n in range(4)]
    for n, job_id in enumerate(ids):
        new_job(jobs, job_id, owner=owner, created_at=start + timedelta(hours=n))
    new_job(jobs, f"{other[:8]}-0", owner=other, created_at=start + timedelta(hours=1))
    jobs.fail(ids[2], Stage.EXTRACT, "pdf_corrupt", "cannot be read")

    def listed(where: JobFilter) -> list[str]:
        return [job.id for job in jobs.list_jobs(where, limit=100, after=None)]

    one_hour_in = start + timedelta(hours=1)
    assert listed(JobFilter(owner=owner)) == ids[::-1]
    assert listed(JobFilter(owner=owner, status=JobStatus.FAILED)) == [ids[2]]
    assert listed(JobFilter(owner=owner, created_after=one_hour_in)) == [ids[3], ids[2], ids[1]]
    assert listed(JobFilter(owner=owner, created_before=one_hour_in)) == [ids[0]]
    # The same instants written in another zone select the same jobs.
    east = one_hour_in.astimezone(timezone(timedelta(hours=2)))
    assert listed(JobFilter(owner=owner, created_after=east)) == [ids[3], ids[2], ids[1]]
    assert listed(JobFilter(owner=owner, created_before=east)) == [ids[0]]
    every_owner = jobs.list_jobs(
        JobFilter(created_after=start, created_before=start + timedelta(hours=4)), 100, None
    )
    assert {job.id for job in every_owner} >= {*ids, f"{other[:8]}-0"}


@pytest.mark.parametrize("page_size", [1, 2, 3])
def test_list_jobs_pages_have_no_duplicates_or_gaps(jobs: JobStore, page_size: int) -> None:
    owner = uuid.uuid4().hex
    created = datetime(2025, 7, 1, tzinfo=UTC)
    # Several jobs share a creation time: the id breaks the tie, so no page repeats or skips one.
    times = [
        created,
        created,
        created + timedelta(seconds=1),
        created + timedelta(seconds=1),
        created,
        created - timedelta(seconds=5),
        created,
    ]
    for n, when in enumerate(times):
        new_job(jobs, f"{owner[:8]}-{n}", owner=owner, created_at=when)
    expected = [job.id for job in jobs.list_jobs(JobFilter(owner=owner), limit=100, after=None)]
    assert expected == [
        job_id
        for _, job_id in sorted(((when, f"{owner[:8]}-{n}") for n, when in enumerate(times)), reverse=True)
    ]

    paged: list[str] = []
    after = None
    while True:
        page = jobs.list_jobs(JobFilter(owner=owner), limit=page_size, after=after)
        paged += [job.id for job in page]
        if len(page) < page_size:
            break
        after = (page[-1].created_at, page[-1].id)
    assert paged == expected


def test_count_by_status(jobs: JobStore) -> None:
    before = jobs.count_by_status()
    ended, failed, queued = (uuid.uuid4().hex for _ in range(3))
    for job_id in (ended, failed, queued):
        new_job(jobs, job_id)
    jobs.apply_ledger(ended, snapshot({name: stage(SUCCEEDED) for name in PIPELINE}))
    jobs.fail(failed, Stage.TONE, "internal_error", "boom")
    after = jobs.count_by_status()
    grown = {status: after.get(status, 0) - before.get(status, 0) for status in after}
    assert {status: count for status, count in grown.items() if count} == {
        "succeeded": 1,
        "failed": 1,
        "queued": 1,
    }


def test_recent_stage_samples_are_finished_stages_of_jobs_with_pages(jobs: JobStore) -> None:
    # Far in the future, so these are the newest samples in the shared database.
    future = datetime(2100, 1, 1, tzinfo=UTC).timestamp()
    measured, without_pages = uuid.uuid4().hex, uuid.uuid4().hex
    new_job(jobs, measured, engine="pseudo")
    new_job(jobs, without_pages)
    jobs.apply_ledger(
        measured,
        snapshot(
            {
                Stage.EXTRACT: stage(SUCCEEDED, at=future, seconds=6.0),
                Stage.TRANSLATE: stage(SUCCEEDED, at=future + 10, seconds=30.0),
                Stage.TONE: stage(RUNNING, at=future + 50),
            },
            {"pages": 3},
        ),
    )
    jobs.apply_ledger(without_pages, snapshot({Stage.EXTRACT: stage(SUCCEEDED, at=future + 60, seconds=1.0)}))
    # Each with its start, so that runs of a stage at the same time can share its time.
    assert jobs.recent_stage_samples(limit=2) == [
        StageSample(Stage.TRANSLATE, 30.0, 3, "pseudo", future + 10),
        StageSample(Stage.EXTRACT, 6.0, 3, "pseudo", future),
    ]


def test_unfinished_jobs_are_those_not_ended_the_first_sent_first(jobs: JobStore) -> None:
    sent = datetime(2099, 1, 1, tzinfo=UTC)
    ids = [uuid.uuid4().hex for _ in range(4)]
    # Created out of order; the last one ends.
    for index in (2, 0, 3, 1):
        new_job(jobs, ids[index], created_at=sent + timedelta(seconds=index), size_bytes=1000 * (index + 1))
    jobs.apply_ledger(ids[1], snapshot(done_before(Stage.TONE), {"pages": 7}))
    jobs.cancel(ids[3])
    unfinished = [job for job in jobs.unfinished_jobs() if job.id in ids]
    assert [(job.id, job.pages, job.size_bytes, job.stage) for job in unfinished] == [
        (ids[0], None, 1000, Stage.EXTRACT),
        (ids[1], 7, 2000, Stage.TONE),
        (ids[2], None, 3000, Stage.EXTRACT),
    ]
    assert [job.created_at for job in unfinished] == [sent + timedelta(seconds=index) for index in range(3)]


def test_webhook_attempts_are_counted(jobs: JobStore) -> None:
    with_hook, without = uuid.uuid4().hex, uuid.uuid4().hex
    new_job(jobs, with_hook, callback_url="https://example.com/hook")
    new_job(jobs, without)
    webhook = read(jobs, with_hook).webhook
    assert webhook is not None and (webhook.url, webhook.status, webhook.attempts) == (
        "https://example.com/hook",
        "pending",
        0,
    )
    jobs.webhook_attempted(with_hook, "pending")
    jobs.webhook_attempted(with_hook, "delivered")
    webhook = read(jobs, with_hook).webhook
    assert webhook is not None and (webhook.status, webhook.attempts) == ("delivered", 2)
    assert read(jobs, without).webhook is None


def test_unfinished_ids_are_the_open_jobs(jobs: JobStore) -> None:
    queued, running, ended = (uuid.uuid4().hex for _ in range(3))
    for job_id in (queued, running, ended):
        new_job(jobs, job_id)
    jobs.apply_ledger(running, snapshot({Stage.EXTRACT: stage(RUNNING)}))
    jobs.cancel(ended)
    unfinished = set(jobs.unfinished_ids())
    assert {queued, running} <= unfinished and ended not in unfinished


def test_owner_scopes_get(jobs: JobStore) -> None:
    job_id = uuid.uuid4().hex
    new_job(jobs, job_id, owner="alice")
    assert jobs.get(job_id, owner="bob") is None
    assert read(jobs, job_id).id == job_id
    found = jobs.get(job_id, owner="alice")
    assert found is not None and found.id == job_id


def test_sqlite_file_location_is_created(tmp_path: Path) -> None:
    store = JobStore(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'jobs.db'}")
    store.ping()
    store.close()
    assert (tmp_path / "nested" / "dir" / "jobs.db").exists()
