"""Every job view's ETA, from the pace of recent jobs' stages (fitted again at most every 2 s)."""

import math
from datetime import UTC, datetime

from docrelay_common.constants import FINAL_STATUSES, JobStatus
from docrelay_common.stages import PIPELINE
from docrelay_jobs.eta import RecentPace, remaining_seconds, stage_progress
from docrelay_jobs.store import JobStore
from docrelay_jobs.views import JobView
from docrelay_jobs.work_ahead import WorkAhead

# A polling client is told when to ask again (`Retry-After`): after half the time the job should still
# take, as DeepL's client library waits, within these bounds (whole seconds, as HTTP counts them).
POLL_AFTER_SECONDS = (1, 30)


def poll_after_seconds(status: JobStatus, eta_seconds: int | None) -> int | None:
    """When a client following a job should read it again; None once it has ended."""
    if status in FINAL_STATUSES:
        return None
    fewest, most = POLL_AFTER_SECONDS
    if eta_seconds is None:
        return fewest
    return min(most, max(fewest, math.ceil(eta_seconds / 2)))


class EtaEstimator:
    def __init__(self, jobs: JobStore) -> None:
        self.pace = RecentPace(jobs.recent_stage_samples)
        # Other jobs' work counts at every engine's pace: their engines are not read.
        self.queues = WorkAhead(jobs.unfinished_jobs, self.pace.paces)

    def answers_at_once(self) -> bool:
        """Whether `with_eta` would answer without waiting for a query (see `Refreshed`)."""
        return self.pace.reading.answers_at_once() and self.queues.reading.answers_at_once()

    def with_eta(self, job: JobView) -> JobView:
        if job.status in FINAL_STATUSES:
            return job.model_copy(update={"eta_seconds": 0 if job.status == JobStatus.SUCCEEDED else None})
        now = datetime.now(UTC)
        stages = {
            view.stage: stage_progress(
                view.stage,
                view.state,
                view.done,
                view.total,
                view.started_at,
                view.finished_at,
                view.progressed_at,
                now,
            )
            for view in job.stages
        }
        # Until the first stage reports the page count, its own progress total is the page count; until
        # it has one, the file's size tells about how many pages it has.
        first = stages.get(PIPELINE[0])
        pages = job.pages or (first.total if first and first.total else None) or self.queues.pages(job.id)
        ahead = self.queues.of(job.id, job.created_at)
        eta = remaining_seconds(pages, stages, self.pace.paces(job.engine), ahead)
        return job.model_copy(update={"eta_seconds": eta})
