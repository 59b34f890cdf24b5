"""A long job's progress: pages summed over many ranges in the ledger, each stage weighed by its pace."""

import uuid
from pathlib import Path

from redis import Redis

from docrelay_common.ledger import JobLedger
from docrelay_common.stages import Stage
from docrelay_gateway.eta import EtaEstimator
from docrelay_jobs.eta import RecentPace, StageSample
from docrelay_jobs.progress import overall_progress
from docrelay_jobs.store import JobStore
from tests.support.jobs import new_job

PAGES, PER_RANGE = 2400, 40
# Recent jobs of 10 to 400 pages: seconds per page of each stage (the pseudo engine translates at once).
PER_PAGE = {Stage.EXTRACT: 0.05, Stage.TRANSLATE: 0.001, Stage.TONE: 0.0005, Stage.RECONSTRUCT: 0.15}


def recent_runs() -> list[StageSample]:
    return [
        StageSample(stage, seconds * pages, pages, "pseudo")
        for stage, seconds in PER_PAGE.items()
        for pages in (10, 100, 400)
    ]


def test_half_the_ranges_extracted_is_extracts_share_of_the_time_half_done(
    redis: Redis, tmp_path: Path
) -> None:
    ledger = JobLedger(redis, 3600)
    jobs = JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    job_id = uuid.uuid4().hex
    new_job(jobs, job_id, engine="pseudo")
    labels = [f"p{first:05d}-{first + PER_RANGE - 1:05d}" for first in range(1, PAGES + 1, PER_RANGE)]
    ledger.stage_started(job_id, Stage.EXTRACT, "extract@host", 1)
    ledger.stage_planned(job_id, Stage.EXTRACT, labels, PAGES)
    ledger.info(job_id, pages=PAGES)
    for label in labels[:30]:
        ledger.part_finished(job_id, Stage.EXTRACT, label, PER_RANGE, "extract@host")
    for label in labels[30:32]:
        ledger.part_progress(job_id, Stage.EXTRACT, label, PER_RANGE / 2)

    snapshot = ledger.read(job_id)
    assert snapshot is not None
    record = snapshot.stages[Stage.EXTRACT]
    assert (record.done, record.total) == (30 * PER_RANGE + PER_RANGE, PAGES)
    # The stage has run for a minute: about half of the 2 minutes recent jobs say it takes.
    assert record.started_at is not None
    record.started_at -= 60
    pace = RecentPace(recent_runs)
    jobs.apply_ledger(job_id, snapshot, pace)
    job = jobs.get(job_id)
    assert job is not None
    # The bar is the share of the job's time gone, as the gateway's ETA sees the rest (extract a
    # quarter of it: half of extract done is an eighth of the bar, where the stage table's fixed
    # weights, 10 of 100, would say 5%).
    estimator = EtaEstimator(jobs)
    estimator.pace = pace
    job = estimator.with_eta(job)
    assert job.eta_seconds is not None
    assert job.progress == int(100 * 60 / (60 + job.eta_seconds)) == 12
    assert overall_progress(Stage.EXTRACT, record.done / PAGES) == 5
    jobs.close()
