"""ETAs from the measured pace of recent jobs."""

import math

import pytest

from docrelay_common.constants import StageState
from docrelay_common.stages import PIPELINE, STAGES, Stage
from docrelay_jobs.eta import (
    RecentPace,
    StagePace,
    StageProgress,
    StageSample,
    alone_seconds,
    remaining_seconds,
    stage_paces,
)

# A measured pace: seconds per page of each stage.
PACE = {
    Stage.EXTRACT: StagePace(0.0, 1.0),
    Stage.TRANSLATE: StagePace(0.0, 4.0),
    Stage.TONE: StagePace(0.0, 0.5),
    Stage.RECONSTRUCT: StagePace(0.0, 2.0),
}


def progress(
    stage: Stage,
    state: StageState,
    done: int = 0,
    total: int = 0,
    elapsed: float = 0.0,
    since_progress: float | None = None,
) -> StageProgress:
    return StageProgress(stage, state, done, total, elapsed, since_progress)


def test_the_pace_is_a_fixed_part_and_a_part_per_page() -> None:
    # 2 s to hand a job on and set up, 0.1 s a page: one-page jobs must not make a big one look slow.
    samples = [StageSample(Stage.RECONSTRUCT, 2.0 + 0.1 * pages, pages) for pages in (1, 1, 1, 20, 100)]
    pace = stage_paces(samples)[Stage.RECONSTRUCT]
    assert (pace.fixed, pace.per_page) == (pytest.approx(2.0), pytest.approx(0.1))
    assert pace.seconds(2000) == pytest.approx(202.0)


def test_one_size_of_job_gives_a_pooled_pace_per_page() -> None:
    samples = [StageSample(Stage.TRANSLATE, seconds=10.0, pages=5), StageSample(Stage.TRANSLATE, 20.0, 5)]
    assert stage_paces(samples)[Stage.TRANSLATE] == StagePace(0.0, 3.0)


def test_a_pace_that_grows_with_the_size_is_fitted_through_the_origin() -> None:
    # Dearer per page the longer the job: a negative fixed part would promise big jobs too soon.
    samples = [StageSample(Stage.EXTRACT, seconds=1.0, pages=10), StageSample(Stage.EXTRACT, 100.0, 100)]
    pace = stage_paces(samples)[Stage.EXTRACT]
    assert pace.fixed == 0.0 and pace.per_page == pytest.approx((10 + 10_000) / (100 + 10_000))


def test_a_stage_whose_time_does_not_grow_with_pages_costs_its_mean() -> None:
    samples = [StageSample(Stage.TONE, seconds=0.3, pages=1), StageSample(Stage.TONE, 0.1, 50)]
    pace = stage_paces(samples)[Stage.TONE]
    assert (pace.fixed, pace.per_page) == (pytest.approx(0.2), 0.0)


def test_the_translate_pace_is_the_engines_own_once_it_has_runs() -> None:
    slow = [StageSample(Stage.TRANSLATE, 1.5 * pages, pages, "apertium") for pages in (1, 5, 10)]
    fast = [StageSample(Stage.TRANSLATE, 0.01 * pages, pages, "pseudo") for pages in (1, 5)]
    assert stage_paces(slow + fast, "apertium")[Stage.TRANSLATE].per_page == pytest.approx(1.5)
    # Two runs of pseudo are too few to go by: every engine's runs count.
    assert stage_paces(slow + fast, "pseudo")[Stage.TRANSLATE] == stage_paces(slow + fast)[Stage.TRANSLATE]


def test_without_history_a_stage_uses_the_prior() -> None:
    priors = {stage: StagePace(0.0, spec.prior_seconds_per_page) for stage, spec in STAGES.items()}
    assert stage_paces([]) == priors
    pace = stage_paces([StageSample(Stage.TONE, seconds=2.0, pages=4)])
    assert pace[Stage.TONE] == StagePace(0.0, 0.5)
    assert {stage: pace[stage] for stage in PIPELINE if stage != Stage.TONE} == {
        stage: priors[stage] for stage in PIPELINE if stage != Stage.TONE
    }


def test_samples_without_pages_or_with_a_negative_duration_are_ignored() -> None:
    samples = [
        StageSample(Stage.RECONSTRUCT, seconds=100.0, pages=0),
        StageSample(Stage.RECONSTRUCT, seconds=-5.0, pages=3),
    ]
    prior = STAGES[Stage.RECONSTRUCT].prior_seconds_per_page
    assert stage_paces(samples)[Stage.RECONSTRUCT] == StagePace(0.0, prior)


def test_runs_of_a_stage_at_the_same_time_share_it() -> None:
    # Two extract runs overlap for 4 s (each had the stage to itself for half of it); a reconstruct
    # run meanwhile has its own workers; a run whose start is not known is taken as alone.
    samples = [
        StageSample(Stage.EXTRACT, 6.0, 1, started=100.0),
        StageSample(Stage.EXTRACT, 8.0, 1, started=102.0),
        StageSample(Stage.RECONSTRUCT, 5.0, 1, started=101.0),
        StageSample(Stage.EXTRACT, 3.0, 1),
    ]
    assert [sample.seconds for sample in alone_seconds(samples)] == [4.0, 6.0, 5.0, 3.0]


def test_a_burst_of_jobs_does_not_make_a_stage_look_slower_for_a_job_alone() -> None:
    # Ten 1-page jobs reconstructed together in 10 s: 1 s of the stage's time each, not 10.
    burst = [StageSample(Stage.RECONSTRUCT, 10.0, 1, started=0.0) for _ in range(10)]
    pace = stage_paces(burst)[Stage.RECONSTRUCT]
    assert (pace.fixed, pace.per_page) == (0.0, pytest.approx(1.0))


def test_recent_paces_are_read_once_and_fitted_once_per_engine() -> None:
    reads: list[int] = []

    def samples() -> list[StageSample]:
        reads.append(1)
        return [StageSample(Stage.EXTRACT, seconds=4.0, pages=2)]

    pace = RecentPace(samples)
    assert pace.paces()[Stage.EXTRACT] == StagePace(0.0, 2.0)
    assert pace.paces("pseudo") == pace.paces() and len(reads) == 1


def test_recent_paces_are_read_again_once_older_than_the_cache() -> None:
    # The last runs move the fit: a job started right after a burst must not be weighed on the pace
    # from before it.
    history = [[StageSample(Stage.EXTRACT, seconds=4.0, pages=2)], [StageSample(Stage.EXTRACT, 2.0, 2)]]

    def samples() -> list[StageSample]:
        return history.pop(0)

    pace = RecentPace(samples)
    assert pace.paces()[Stage.EXTRACT] == StagePace(0.0, 2.0)
    pace.reading.expire()
    # The caller that finds the fit stale goes on with it; a thread of its own fits again.
    assert pace.paces()[Stage.EXTRACT] == StagePace(0.0, 2.0)
    assert pace.reading.wait_for_reading(timeout=30)
    assert pace.paces()[Stage.EXTRACT] == StagePace(0.0, 1.0)
    assert history == []


def test_a_queued_job_needs_every_stage_at_the_measured_pace() -> None:
    assert remaining_seconds(10, {}, PACE) == math.ceil(10 * sum(pace.per_page for pace in PACE.values()))
    queued = {Stage.EXTRACT: progress(Stage.EXTRACT, StageState.QUEUED)}
    assert remaining_seconds(10, queued, PACE) == 75


def test_a_running_stage_extrapolates_its_own_pace() -> None:
    stages = {
        Stage.EXTRACT: progress(Stage.EXTRACT, StageState.SUCCEEDED, 10, 10, elapsed=10.0),
        # 2 of 10 blocks in 8 s: 4 s a block, 32 s for the 8 left, as the history says.
        Stage.TRANSLATE: progress(Stage.TRANSLATE, StageState.RUNNING, 2, 10, elapsed=8.0),
    }
    assert remaining_seconds(10, stages, PACE) == 32 + 5 + 20


def test_a_running_stage_counts_the_time_since_its_last_report_as_work_on_pages_not_yet_told() -> None:
    # Pages are told a range's step at a time: 20 of 100 after 4 s (0.2 s a page), told 1 s ago, so
    # 80 pages take 16 s from the report, 15 from now; not 5 s a page-report's worth more.
    def left(since: float | None) -> int | None:
        running = progress(Stage.RECONSTRUCT, StageState.RUNNING, 20, 100, elapsed=5.0, since_progress=since)
        done = {stage: progress(stage, StageState.SUCCEEDED, 1, 1, elapsed=1.0) for stage in PIPELINE[:3]}
        return remaining_seconds(100, {**done, Stage.RECONSTRUCT: running}, PACE)

    assert left(1.0) == 15
    # Not known (a row from before the report times were kept): its pace over all its time so far.
    assert left(None) == 20
    # Nothing told for longer than the rest should have taken: the stage slowed; its whole time counts.
    assert left(4.5) == math.ceil(5.0 / 20 * 80)


def test_the_stages_ahead_run_half_way_at_the_jobs_own_speed_so_far() -> None:
    # Extract took 30 s where recent jobs say 10, and translate is on course for 100 s where they say
    # 40 (its own 8 blocks left take 80 s): this job runs at (30 + 100) / (10 + 40) = 2.6 times the
    # recent pace (a busier machine). The stages ahead do other work: they are expected at the square
    # root of that, half-way as a ratio.
    stages = {
        Stage.EXTRACT: progress(Stage.EXTRACT, StageState.SUCCEEDED, 10, 10, elapsed=30.0),
        Stage.TRANSLATE: progress(Stage.TRANSLATE, StageState.RUNNING, 2, 10, elapsed=20.0),
    }
    assert remaining_seconds(10, stages, PACE) == math.ceil(80 + math.sqrt(2.6) * (5 + 20))
    # Twice as fast as recent jobs (an idler machine): the rest is expected faster too.
    quick = {Stage.EXTRACT: progress(Stage.EXTRACT, StageState.SUCCEEDED, 10, 10, elapsed=5.0)}
    assert remaining_seconds(10, quick, PACE) == math.ceil(math.sqrt(0.5) * (40 + 5 + 20))


def test_a_stage_of_an_instant_cannot_scale_the_rest_beyond_bounds() -> None:
    instant = {Stage.EXTRACT: progress(Stage.EXTRACT, StageState.SUCCEEDED, 10, 10, elapsed=0.01)}
    assert remaining_seconds(10, instant, PACE) == math.ceil(0.2 * (40 + 5 + 20))


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
