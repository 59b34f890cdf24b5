"""The work queued ahead of a job: what each stage must clear before it gets to the job.

Stage queues are first in, first out, so a job waits for every stage to finish the jobs sent before it.
The jobs not yet ended are read at most once a second (one query serves every estimate in between), and
each stage's jobs and pages ahead of each of them are summed once per read. Each estimate turns them
into seconds at the stage's pace as it is then, for a job alone (eta.alone_seconds): the stage's time to
clear that work whatever the number of jobs sharing it. A pace is a fixed part per job and a part per
page, so the sums need no pace; summed in seconds, a read of the queues kept the pace of its moment for
its second, and a read made with the prior paces (a gateway process's pace had been fitted before any
job had run) told a 1-page job sent in a burst of 200 to come back in 30 s, when it took 14.
"""

import bisect
import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from docrelay_common.stages import PIPELINE, Stage
from docrelay_jobs.eta import StagePace
from docrelay_jobs.refreshed import Refreshed


@dataclass(frozen=True)
class UnfinishedJob:
    """A job not yet ended, as its row has it."""

    id: str
    created_at: datetime
    # None until the first stage has counted them.
    pages: int | None
    size_bytes: int
    # The stage it is in or waits for (None: waiting for the first).
    stage: Stage | None


@dataclass(frozen=True)
class _Reading:
    """The queues as one read of the unfinished jobs found them."""

    # Each job's place in the order the jobs were sent.
    position: dict[str, int]
    sent: list[datetime]
    # Per stage: cumulative jobs and pages that stage has yet to do, over the jobs in the order sent.
    jobs_ahead: dict[Stage, list[int]]
    pages_ahead: dict[Stage, list[int]]
    # Each job's pages: counted, or else estimated from its file's size (None: nothing to go by).
    pages: dict[str, int | None]


class WorkAhead:
    """Each stage's seconds of work on the jobs sent before a given one."""

    # A burst changes the queues within seconds; reading them once a second costs one query a second.
    CACHE_SECONDS = 1.0

    def __init__(
        self, unfinished: Callable[[], list[UnfinishedJob]], paces: Callable[[], dict[Stage, StagePace]]
    ) -> None:
        self.reading = Refreshed(lambda: _reading(unfinished()), self.CACHE_SECONDS)
        self._paces = paces

    def of(self, job_id: str, created_at: datetime) -> Mapping[Stage, float]:
        """Seconds each stage needs for the jobs sent before this one that it has not yet passed."""
        last = self.reading.get()
        index = last.position.get(job_id)
        if index is None:
            # Sent since the last read (or ended): behind the jobs sent before it.
            index = bisect.bisect_left(last.sent, created_at)
        paces = self._paces()
        return {
            stage: paces[stage].work(last.jobs_ahead[stage][index], last.pages_ahead[stage][index])
            for stage in PIPELINE
        }

    def pages(self, job_id: str) -> int | None:
        """A job's pages before its first stage has counted them: its file's size over what a page
        weighs in the files of the jobs that have been counted; None when nothing goes by."""
        return self.reading.get().pages.get(job_id)


def _reading(jobs: list[UnfinishedJob]) -> _Reading:
    jobs = sorted(jobs, key=lambda job: (job.created_at, job.id))
    per_page_bytes = _bytes_per_page(jobs)
    jobs_ahead: dict[Stage, list[int]] = {stage: [0] for stage in PIPELINE}
    pages_ahead: dict[Stage, list[int]] = {stage: [0] for stage in PIPELINE}
    pages_of: dict[str, int | None] = {}
    for job in jobs:
        pages = pages_of[job.id] = job.pages or _pages_of_size(job.size_bytes, per_page_bytes)
        reached = PIPELINE.index(job.stage) if job.stage is not None else 0
        for position, stage in enumerate(PIPELINE):
            # A stage the job has passed has no more work for it; a file nothing goes by counts one page.
            waiting = position >= reached
            jobs_ahead[stage].append(jobs_ahead[stage][-1] + waiting)
            pages_ahead[stage].append(pages_ahead[stage][-1] + (pages or 1) * waiting)
    places = {job.id: index for index, job in enumerate(jobs)}
    return _Reading(places, [job.created_at for job in jobs], jobs_ahead, pages_ahead, pages_of)


def _pages_of_size(size_bytes: int, per_page_bytes: float | None) -> int | None:
    return max(1, round(size_bytes / per_page_bytes)) if per_page_bytes else None


def _bytes_per_page(jobs: list[UnfinishedJob]) -> float | None:
    """What a page weighs in the files waiting (their median), to count the pages of files not yet read."""
    known = [job.size_bytes / job.pages for job in jobs if job.pages]
    return statistics.median(known) if known else None
