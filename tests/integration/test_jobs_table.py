"""The jobs table on both supported databases: SQLite (the default) and PostgreSQL."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from docrelay_common.constants import JobStatus, Stage
from docrelay_common.jobs import JobStore
from tests.support.jobs import new_job
from tests.support.servers import postgres_server


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


NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_a_job_runs_through_every_stage(jobs: JobStore) -> None:
    new_job(jobs, "job-ok")
    jobs.stage_started("job-ok", Stage.EXTRACT, "extract@host", NOW)
    jobs.update_info("job-ok", pages=3, source_lang="en", unknown="ignored")
    jobs.stage_succeeded("job-ok", Stage.EXTRACT, NOW)
    jobs.stage_started("job-ok", Stage.TRANSLATE, "translate@host", NOW)
    jobs.stage_progress("job-ok", Stage.TRANSLATE, 5, 10)
    middle = jobs.get("job-ok")
    assert middle is not None
    assert (middle.status, middle.stage, middle.pages, middle.source_lang) == (
        JobStatus.RUNNING,
        Stage.TRANSLATE,
        3,
        "en",
    )
    assert 10 < middle.progress < 65
    for stage in (Stage.TRANSLATE, Stage.TONE, Stage.RECONSTRUCT):
        jobs.stage_succeeded("job-ok", stage, NOW)
    done = jobs.get("job-ok")
    assert done is not None
    assert (done.status, done.stage, done.progress, done.error) == (JobStatus.SUCCEEDED, None, 100, None)
    assert {row.stage: row.state for row in jobs.stages("job-ok")}["extract"] == "succeeded"


def test_the_first_coded_failure_wins_and_late_events_are_ignored(jobs: JobStore) -> None:
    new_job(jobs, "job-bad")
    jobs.stage_started("job-bad", Stage.EXTRACT, "extract@host", NOW)
    jobs.stage_failed("job-bad", Stage.EXTRACT, "pdf_corrupt", "cannot be read", NOW)
    jobs.stage_failed("job-bad", Stage.EXTRACT, "internal_error", "PermanentError(...)", NOW)
    jobs.stage_progress("job-bad", Stage.EXTRACT, 1, 1)
    job = jobs.get("job-bad")
    assert job is not None and job.error is not None
    assert (job.status, job.error.code, job.error.stage) == (JobStatus.FAILED, "pdf_corrupt", "extract")


def test_progress_never_moves_back_to_an_earlier_stage(jobs: JobStore) -> None:
    new_job(jobs, "job-late")
    jobs.stage_started("job-late", Stage.TONE, "tone@host", NOW)
    jobs.stage_progress("job-late", Stage.EXTRACT, 1, 2)
    job = jobs.get("job-late")
    assert job is not None and job.stage == Stage.TONE


def test_sqlite_file_location_is_created(tmp_path: Path) -> None:
    JobStore(f"sqlite:///{tmp_path / 'nested' / 'dir' / 'jobs.db'}").ping()
    assert (tmp_path / "nested" / "dir" / "jobs.db").exists()
