"""ETAs from the measured pace of recent jobs."""

import math

import pytest

from docrelay_common.constants import StageState
from docrelay_common.stages import PIPELINE, STAGES, Stage
from docrelay_jobs.eta import (
    StageProgress,
    StageSample,
    remaining_seconds,
    seconds_per_page,
)

# A measured pace: seconds per page of each stage.
PACE = {Stage.EXTRACT: 1.0, Stage.TRANSLATE: 4.0, Stage.TONE: 0.5, Stage.RECONSTRUCT: 2.0}


def progress(
    stage: Stage, state: StageState, done: int = 0, total: int = 0, elapsed: float = 0.0
) -> StageProgress:
    return StageProgress(stage, state, done, total, elapsed)


def test_the_pace_is_pooled_so_big_jobs_weigh_as_much_as_they_cost() -> None:
    samples = [
        StageSample(Stage.TRANSLATE, seconds=10.0, pages=1),
        StageSample(Stage.TRANSLATE, seconds=40.0, pages=10),
        StageSample(Stage.EXTRACT, seconds=3.0, pages=6),
    ]
    pace = seconds_per_page(samples)
    # Pooled: 50 s for 11 pages, not the mean of 10 s/page and 4 s/page.
    assert pace[Stage.TRANSLATE] == pytest.approx(50 / 11)
    assert pace[Stage.EXTRACT] == pytest.approx(0.5)


def test_without_history_a_stage_uses_the_prior() -> None:
    assert seconds_per_page([]) == {stage: spec.prior_seconds_per_page for stage, spec in STAGES.items()}
    pace = seconds_per_page([StageSample(Stage.TONE, seconds=2.0, pages=4)])
    assert pace[Stage.TONE] == pytest.approx(0.5)
    assert {stage: pace[stage] for stage in PIPELINE if stage != Stage.TONE} == {
        stage: STAGES[stage].prior_seconds_per_page for stage in PIPELINE if stage != Stage.TONE
    }


def test_samples_without_pages_or_with_a_negative_duration_are_ignored() -> None:
    samples = [
        StageSample(Stage.RECONSTRUCT, seconds=100.0, pages=0),
        StageSample(Stage.RECONSTRUCT, seconds=-5.0, pages=3),
    ]
    assert seconds_per_page(samples)[Stage.RECONSTRUCT] == STAGES[Stage.RECONSTRUCT].prior_seconds_per_page


def test_a_queued_job_needs_every_stage_at_the_measured_pace() -> None:
    assert remaining_seconds(10, {}, PACE) == math.ceil(10 * sum(PACE.values()))
    queued = {Stage.EXTRACT: progress(Stage.EXTRACT, StageState.QUEUED)}
    assert remaining_seconds(10, queued, PACE) == 75


def test_a_running_stage_extrapolates_its_own_pace() -> None:
    stages = {
        Stage.EXTRACT: progress(Stage.EXTRACT, StageState.SUCCEEDED, 10, 10, elapsed=30.0),
        # 2 of 10 blocks in 20 s: 10 s a block, 80 s for the 8 left, whatever the history says.
        Stage.TRANSLATE: progress(Stage.TRANSLATE, StageState.RUNNING, 2, 10, elapsed=20.0),
    }
    assert remaining_seconds(10, stages, PACE) == 80 + 5 + 20


def test_a_stage_that_has_not_reported_progress_counts_down_its_expected_time() -> None:
    def left(elapsed: float) -> int | None:
        stages = {Stage.EXTRACT: progress(Stage.EXTRACT, StageState.RUNNING, elapsed=elapsed)}
        return remaining_seconds(10, stages, PACE)

    assert left(4.0) == 6 + 40 + 5 + 20
    # Slower than usual: the stage itself is estimated as about to finish, never as negative.
    assert left(500.0) == 40 + 5 + 20


def test_a_retrying_stage_without_progress_counts_like_a_running_one() -> None:
    stages = {
        Stage.EXTRACT: progress(Stage.EXTRACT, StageState.SUCCEEDED),
        Stage.TRANSLATE: progress(Stage.TRANSLATE, StageState.RETRYING, elapsed=15.0),
    }
    assert remaining_seconds(10, stages, PACE) == 25 + 5 + 20


def test_nothing_is_left_once_every_stage_succeeded() -> None:
    stages = {stage: progress(stage, StageState.SUCCEEDED, 1, 1) for stage in PIPELINE}
    assert remaining_seconds(3, stages, PACE) == 0


@pytest.mark.parametrize("pages", [None, 0])
def test_no_estimate_without_a_page_count(pages: int | None) -> None:
    assert remaining_seconds(pages, {}, PACE) is None
