"""Every job view's ETA, from the pace of recent jobs' stages (re-read at most twice a minute)."""

import time
from datetime import UTC, datetime

from docrelay_common.constants import FINAL_STATUSES, JobStatus
from docrelay_common.stages import PIPELINE, Stage
from docrelay_jobs.eta import StageProgress, remaining_seconds, seconds_per_page
from docrelay_jobs.store import JobStore
from docrelay_jobs.views import JobView

# Recent jobs' pace changes slowly; one query per half minute serves every ETA in between.
PACE_CACHE_SECONDS = 30.0


class EtaEstimator:
    def __init__(self, jobs: JobStore) -> None:
        self.jobs = jobs
        self._pace: dict[Stage, float] = {}
        self._pace_at = 0.0

    def pace(self) -> dict[Stage, float]:
        if time.monotonic() - self._pace_at > PACE_CACHE_SECONDS or not self._pace:
            self._pace = seconds_per_page(self.jobs.recent_stage_samples())
            self._pace_at = time.monotonic()
        return self._pace

    def with_eta(self, job: JobView) -> JobView:
        if job.status in FINAL_STATUSES:
            return job.model_copy(update={"eta_seconds": 0 if job.status == JobStatus.SUCCEEDED else None})
        now = datetime.now(UTC)
        stages = {
            view.stage: StageProgress(
                view.stage,
                view.state,
                view.done,
                view.total,
                (now - view.started_at).total_seconds() if view.started_at else 0.0,
            )
            for view in job.stages
        }
        # Until the first stage reports the page count, its own progress total is the page count.
        first = stages.get(PIPELINE[0])
        pages = job.pages or (first.total if first and first.total else None)
        return job.model_copy(update={"eta_seconds": remaining_seconds(pages, stages, self.pace())})
