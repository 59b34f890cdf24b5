"""Every job view's ETA, from the pace of recent jobs' stages (re-fitted at most twice a minute)."""

from datetime import UTC, datetime

from docrelay_common.constants import FINAL_STATUSES, JobStatus
from docrelay_common.stages import PIPELINE
from docrelay_jobs.eta import RecentPace, StageProgress, remaining_seconds
from docrelay_jobs.store import JobStore
from docrelay_jobs.views import JobView


class EtaEstimator:
    def __init__(self, jobs: JobStore) -> None:
        self.pace = RecentPace(jobs.recent_stage_samples)

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
        eta = remaining_seconds(pages, stages, self.pace.paces(job.engine))
        return job.model_copy(update={"eta_seconds": eta})
