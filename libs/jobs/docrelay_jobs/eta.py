"""How long a job still needs: each stage's measured pace, applied to what is left.

A stage's pace is fitted on its recent runs as a fixed part (hand-offs, set-up) plus a part per page,
so that a 2,000-page job is not estimated at the per-page cost of one-page jobs. A run counts the time
it had the stage to itself: runs of the same stage at the same time shared its workers, so a burst of
jobs does not make the stage look several times slower than it is for a job alone. A running stage that
has reported progress extrapolates its own pace; stages not yet started use their fitted pace (or a
prior until there is history), scaled by how fast this job has run so far against that pace: recent
jobs may have run on a busier (or idler) machine. Only half-way, as a ratio (the square root): how a job
fares in one stage tells only part of how it will fare in the next, which does other work, and splits
a long job into ranges with another gain; in the benchmark's long jobs after bursts, the full ratio made
every early ETA too short. The translate stage's pace is the job's engine's when it has runs.
"""

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from docrelay_common.constants import StageState
from docrelay_common.stages import PIPELINE, STAGES, Stage
from docrelay_jobs.refreshed import Refreshed

# Runs of the job's own engine needed before the translate stage's pace is that engine's alone.
MIN_ENGINE_SAMPLES = 3
# How far a job's own speed may scale the stages ahead: a stage of a fraction of a second, timed
# against its pace, says little.
SPEED_BOUNDS = (0.2, 5.0)


@dataclass(frozen=True)
class StageSample:
    """One finished stage of a recent job."""

    stage: Stage
    seconds: float
    pages: int
    engine: str | None = None
    # Epoch seconds the run started; None: not known, and the run is taken to have been alone.
    started: float | None = None


@dataclass(frozen=True)
class StagePace:
    """Seconds a stage takes for a job: a fixed part and a part per page."""

    fixed: float
    per_page: float

    def seconds(self, pages: int) -> float:
        return self.work(1, pages)

    def work(self, jobs: int, pages: int) -> float:
        """Seconds for `jobs` jobs of `pages` pages in all: the fixed part is each job's."""
        return self.fixed * jobs + self.per_page * pages


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    state: StageState
    done: int
    total: int
    # Seconds the stage's current attempt has run: until now, or until it ended (0: not started).
    elapsed: float
    # Seconds since `done` last grew; None: not known. Pages are reported a range's step at a time, so
    # the time since the last report is work on pages not yet counted, not a slower pace.
    since_progress: float | None = None


def stage_progress(
    stage: Stage,
    state: StageState,
    done: int,
    total: int,
    started: datetime | None,
    finished: datetime | None,
    progressed: datetime | None,
    now: datetime,
) -> StageProgress:
    """A stage of a job as the estimates see it, from its row or view (times timezone-aware)."""
    if started is None:
        elapsed = 0.0
    else:
        # Until it succeeded, or until now (a retrying or failed attempt is still time spent).
        end = finished if state == StageState.SUCCEEDED and finished is not None else now
        elapsed = (end - started).total_seconds()
    since = (now - progressed).total_seconds() if progressed is not None else None
    return StageProgress(stage, state, done, total, elapsed, since)


def stage_paces(samples: Iterable[StageSample], engine: str | None = None) -> dict[Stage, StagePace]:
    """Each stage's pace, fitted on its samples; the prior for a stage without any."""
    usable = [sample for sample in alone_seconds(samples) if sample.pages > 0 and sample.seconds >= 0]
    paces = {}
    for stage in PIPELINE:
        own = [sample for sample in usable if sample.stage == stage]
        engines = [sample for sample in own if sample.engine == engine]
        if stage == Stage.TRANSLATE and engine is not None and len(engines) >= MIN_ENGINE_SAMPLES:
            own = engines
        paces[stage] = _fit(own) if own else StagePace(0.0, STAGES[stage].prior_seconds_per_page)
    return paces


def alone_seconds(samples: Iterable[StageSample]) -> list[StageSample]:
    """Each run with the seconds it had its stage to itself: while k runs of the same stage overlapped,
    each is counted 1/k of that time (the stage's workers served them together)."""
    samples = list(samples)
    alone = [0.0] * len(samples)
    # Sweep each stage's start and end marks in time order, sharing each stretch among the runs in it.
    marks = sorted(
        (at, is_start, index)
        for index, sample in enumerate(samples)
        if sample.started is not None and sample.seconds > 0
        for at, is_start in ((sample.started, True), (sample.started + sample.seconds, False))
    )
    running: dict[Stage, set[int]] = {stage: set() for stage in PIPELINE}
    last: dict[Stage, float] = {}
    for at, is_start, index in marks:
        stage = samples[index].stage
        if running[stage]:
            share = (at - last[stage]) / len(running[stage])
            for other in running[stage]:
                alone[other] += share
        last[stage] = at
        if is_start:
            running[stage].add(index)
        else:
            running[stage].discard(index)
    return [
        replace(sample, seconds=alone[index]) if sample.started is not None and sample.seconds > 0 else sample
        for index, sample in enumerate(samples)
    ]


def _fit(samples: Sequence[StageSample]) -> StagePace:
    """Least squares of seconds = fixed + per_page * pages, neither part negative."""
    pages = [sample.pages for sample in samples]
    seconds = [sample.seconds for sample in samples]
    mean_pages, mean_seconds = sum(pages) / len(pages), sum(seconds) / len(seconds)
    spread = sum((p - mean_pages) ** 2 for p in pages)
    if spread == 0:
        # One size of job only: nothing tells the fixed part from the rest.
        return StagePace(0.0, sum(seconds) / sum(pages))
    per_page = (
        sum((p - mean_pages) * (s - mean_seconds) for p, s in zip(pages, seconds, strict=True)) / spread
    )
    fixed = mean_seconds - per_page * mean_pages
    if per_page <= 0:
        return StagePace(mean_seconds, 0.0)
    if fixed < 0:
        # Dearer per page in bigger jobs: through the origin, where the big jobs weigh most.
        return StagePace(
            0.0, sum(p * s for p, s in zip(pages, seconds, strict=True)) / sum(p * p for p in pages)
        )
    return StagePace(fixed, per_page)


def remaining_seconds(
    pages: int | None,
    stages: dict[Stage, StageProgress],
    pace: dict[Stage, StagePace],
    ahead: Mapping[Stage, float] | None = None,
) -> int | None:
    """Estimated seconds left, or None when the page count is not known yet.

    `ahead`: each stage's work on jobs sent before this one. A stage the job has not reached must first
    clear that work, then do the job's part and every later stage theirs: the job ends no sooner.
    """
    if pages is None or pages <= 0:
        return None
    whole = stage_seconds(pages, stages, pace)
    left = {stage: seconds - _seconds_so_far(stages.get(stage)) for stage, seconds in whole.items()}
    estimate = sum(left.values())
    later = 0.0
    for stage in reversed(PIPELINE):
        later += left[stage]
        progress = stages.get(stage)
        if ahead and (progress is None or progress.state == StageState.QUEUED):
            estimate = max(estimate, ahead.get(stage, 0.0) + later)
    return math.ceil(estimate)


def stage_seconds(
    pages: int, stages: dict[Stage, StageProgress], pace: dict[Stage, StagePace]
) -> dict[Stage, float]:
    """Each stage's whole time for this job as it looks now: a finished stage's own time, a running
    one's time so far and what it still needs, a stage ahead its pace at the job's own speed."""
    speed = _own_speed(pages, stages, pace)
    whole = {}
    for stage in PIPELINE:
        progress = stages.get(stage)
        expected = pace[stage].seconds(pages) * speed
        if progress is None or progress.state == StageState.QUEUED:
            whole[stage] = expected
        elif progress.state == StageState.SUCCEEDED:
            whole[stage] = progress.elapsed
        elif progress.done > 0 and progress.total > 0:
            whole[stage] = progress.elapsed + _running_stage_left(progress)
        else:
            # Not yet told of a page: its expected time, or at least the time it has run.
            whole[stage] = max(expected, progress.elapsed)
    return whole


def _seconds_so_far(progress: StageProgress | None) -> float:
    if progress is None or progress.state == StageState.QUEUED:
        return 0.0
    return progress.elapsed


def _running_stage_left(progress: StageProgress) -> float:
    """A running stage's seconds left at the pace it kept up to its latest report of pages.

    The time since that report is work on pages not yet reported (reckoned off the rest), until it
    outgrows the rest: then the stage has slowed, and its pace is taken over all its time so far.
    """
    pages_left = max(0, progress.total - progress.done)
    since = progress.since_progress
    if since is not None and 0 <= since < progress.elapsed:
        at_report = (progress.elapsed - since) / progress.done * pages_left
        if since <= at_report:
            return at_report - since
    return progress.elapsed / progress.done * pages_left


def _own_speed(pages: int, stages: dict[Stage, StageProgress], pace: dict[Stage, StagePace]) -> float:
    """The square root of the job's time so far over what the pace expected for it (its finished
    stages, and the running one extrapolated from its progress); 1 until a stage has told."""
    taken = expected = 0.0
    for stage, progress in stages.items():
        if progress.state == StageState.SUCCEEDED and progress.elapsed > 0:
            taken += progress.elapsed
        elif progress.state == StageState.RUNNING and progress.done > 0 and progress.total > 0:
            taken += progress.elapsed + _running_stage_left(progress)
        else:
            continue
        expected += pace[stage].seconds(pages)
    if taken <= 0 or expected <= 0:
        return 1.0
    low, high = SPEED_BOUNDS
    return min(high, max(low, math.sqrt(taken / expected)))


@dataclass(frozen=True)
class _PaceReading:
    """One reading of recent runs, and its fits, one per engine as first asked for."""

    samples: list[StageSample]
    fitted: dict[str | None, dict[Stage, StagePace]]


def _fitted(samples: list[StageSample]) -> _PaceReading:
    """A reading with its fits for every engine it has runs of, made where the reading is made (in the
    background), not by the first request that asks."""
    engines = {None, *(sample.engine for sample in samples)}
    return _PaceReading(samples, {engine: stage_paces(samples, engine) for engine in engines})


class RecentPace:
    """The stage paces of recent jobs, fitted again at most every CACHE_SECONDS (one query serves all)."""

    # Every estimate in between is served by one read and one fit (a few ms, on the index of when stages
    # finished). Not longer: the last runs move the fit a lot (the end of a burst of 20-page jobs changed
    # the reconstructor's pace per page by half within 30 s), and a job that starts right after them
    # would be estimated, and its bar weighted, on the pace from before.
    CACHE_SECONDS = 2.0

    def __init__(self, samples: Callable[[], list[StageSample]]) -> None:
        self.reading = Refreshed(lambda: _fitted(samples()), self.CACHE_SECONDS)

    def paces(self, engine: str | None = None) -> dict[Stage, StagePace]:
        reading = self.reading.get()
        if engine not in reading.fitted:
            # An engine the reading has no runs of: fitted on first ask (two threads may fit it at once:
            # the same fit, whichever is kept).
            reading.fitted[engine] = stage_paces(reading.samples, engine)
        return reading.fitted[engine]
