"""How long a job still needs: each stage's measured seconds per page, applied to what is left.

A running stage that has reported progress extrapolates its own pace; stages not yet started use the
recent average pace of that stage (or a prior until there is history), times the job's page count.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from docrelay_common.constants import StageState
from docrelay_common.stages import PIPELINE, STAGES, Stage


@dataclass(frozen=True)
class StageSample:
    """One finished stage of a recent job."""

    stage: Stage
    seconds: float
    pages: int


@dataclass(frozen=True)
class StageProgress:
    stage: Stage
    state: StageState
    done: int
    total: int
    # Seconds since the stage's current attempt started (0 when it has not started).
    elapsed: float


def seconds_per_page(samples: Iterable[StageSample]) -> dict[Stage, float]:
    """Pooled pace per stage (total seconds / total pages), so big jobs weigh as much as they cost."""
    seconds = dict.fromkeys(PIPELINE, 0.0)
    pages = dict.fromkeys(PIPELINE, 0)
    for sample in samples:
        if sample.pages > 0 and sample.seconds >= 0:
            seconds[sample.stage] += sample.seconds
            pages[sample.stage] += sample.pages
    return {
        stage: seconds[stage] / pages[stage] if pages[stage] else STAGES[stage].prior_seconds_per_page
        for stage in PIPELINE
    }


def remaining_seconds(
    pages: int | None, stages: dict[Stage, StageProgress], pace: dict[Stage, float]
) -> int | None:
    """Estimated seconds left, or None when the page count is not known yet."""
    if pages is None or pages <= 0:
        return None
    left = 0.0
    for stage in PIPELINE:
        progress = stages.get(stage)
        expected = pace[stage] * pages
        if progress is None or progress.state == StageState.QUEUED:
            left += expected
        elif progress.state == StageState.SUCCEEDED:
            continue
        elif progress.done > 0 and progress.total > 0:
            left += progress.elapsed / progress.done * max(0, progress.total - progress.done)
        else:
            left += max(0.0, expected - progress.elapsed)
    return math.ceil(left)
