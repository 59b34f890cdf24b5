"""The work queued ahead of a job, and how it delays the job's ETA."""

import math
import threading
from datetime import UTC, datetime, timedelta

import pytest

from docrelay_common.constants import StageState
from docrelay_common.stages import PIPELINE, Stage
from docrelay_jobs.eta import StagePace, StageProgress, remaining_seconds
from docrelay_jobs.work_ahead import UnfinishedJob, WorkAhead

# Seconds per page of each stage for a job alone (7.5 s a page in all).
PACE = {
    Stage.EXTRACT: StagePace(0.0, 1.0),
    Stage.TRANSLATE: StagePace(0.0, 4.0),
    Stage.TONE: StagePace(0.0, 0.5),
    Stage.RECONSTRUCT: StagePace(0.0, 2.0),
}
T0 = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def sent(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_a_queued_job_ends_no_sooner_than_the_work_ahead_of_it_in_any_stage() -> None:
    alone = remaining_seconds(10, {}, PACE)
    assert alone == 75
    # The first stage has 100 s of earlier jobs to clear first, then this job's 75 s.
    assert remaining_seconds(10, {}, PACE, {Stage.EXTRACT: 100.0}) == 175
    # 50 s of work ahead in the last stage is done while this job is in the others: no delay.
    assert remaining_seconds(10, {}, PACE, {Stage.RECONSTRUCT: 50.0}) == 75
    # 100 s is not: the last stage frees up after 100 s, then takes this job's 20.
    assert remaining_seconds(10, {}, PACE, {Stage.RECONSTRUCT: 100.0}) == 120


def test_a_stage_the_job_has_reached_no_longer_waits_for_earlier_jobs() -> None:
    stages = {
        Stage.EXTRACT: StageProgress(Stage.EXTRACT, StageState.SUCCEEDED, 10, 10, 10.0),
        Stage.TRANSLATE: StageProgress(Stage.TRANSLATE, StageState.RUNNING, 5, 10, 20.0, 0.0),
    }
    # Translate is on course for 20 s more, then tone 5 s and reconstruct 20 s (at the job's own speed,
    # half-way: it ran at (10 + 40) / (10 + 40) of the pace).
    assert remaining_seconds(10, stages, PACE) == 45
    assert remaining_seconds(10, stages, PACE, {Stage.EXTRACT: 500.0, Stage.TRANSLATE: 500.0}) == 45
    assert remaining_seconds(10, stages, PACE, {Stage.RECONSTRUCT: 60.0}) == 80


def unfinished() -> list[UnfinishedJob]:
    # Sent in this order: a counted 10-page job (10,000 bytes: 1,000 a page) in reconstruct, a 2,000-byte
    # file not yet counted, and a 3-page job in extract. Listed out of order: the order sent is what counts.
    return [
        UnfinishedJob("c", sent(2), 3, 3_000, Stage.EXTRACT),
        UnfinishedJob("a", sent(0), 10, 10_000, Stage.RECONSTRUCT),
        UnfinishedJob("b", sent(1), None, 2_000, None),
    ]


def test_each_stage_counts_the_earlier_jobs_it_has_not_yet_passed() -> None:
    queues = WorkAhead(unfinished, lambda: PACE)
    assert queues.of("a", sent(0)) == dict.fromkeys(PIPELINE, 0.0)
    # Ahead of b: a has passed every stage but reconstruct (10 pages at 2 s).
    assert queues.of("b", sent(1)) == {**dict.fromkeys(PIPELINE, 0.0), Stage.RECONSTRUCT: 20.0}
    # Ahead of c: b's 2 pages (its size at 1,000 bytes a page) in every stage, and a's in reconstruct.
    assert queues.of("c", sent(2)) == {
        Stage.EXTRACT: 2.0,
        Stage.TRANSLATE: 8.0,
        Stage.TONE: 1.0,
        Stage.RECONSTRUCT: 24.0,
    }
    # A job sent since the last read waits behind all of them.
    assert queues.of("d", sent(3))[Stage.EXTRACT] == 2.0 + 3.0
    assert (queues.pages("a"), queues.pages("b"), queues.pages("d")) == (10, 2, None)


def test_without_a_counted_job_a_files_pages_are_not_guessed() -> None:
    queues = WorkAhead(lambda: [UnfinishedJob("b", sent(1), None, 2_000, None)], lambda: PACE)
    assert queues.pages("b") is None
    # Its work ahead of others is still counted, as one page.
    assert queues.of("later", sent(2))[Stage.EXTRACT] == 1.0


def test_the_jobs_are_read_once_for_many_estimates() -> None:
    reads: list[int] = []

    def jobs() -> list[UnfinishedJob]:
        reads.append(1)
        return unfinished()

    queues = WorkAhead(jobs, lambda: PACE)
    for job_id in ("a", "b", "c"):
        queues.of(job_id, sent(0))
        queues.pages(job_id)
    assert len(reads) == 1
    queues.reading.expire()
    queues.of("a", sent(0))
    assert queues.reading.wait_for_reading(timeout=30)
    assert len(reads) == 2


def test_a_deep_queue_moves_the_eta_by_its_slowest_stage() -> None:
    # 40 one-page jobs ahead: the slowest stage (translate, 4 s a page alone) has 160 s of them to
    # clear, then this job's translate, tone and reconstruct; not the 7.5 s of its own work alone.
    jobs = [UnfinishedJob(f"j{index:02d}", sent(index), 1, 1_000, None) for index in range(41)]
    queues = WorkAhead(lambda: jobs, lambda: PACE)
    assert remaining_seconds(1, {}, PACE, queues.of("j40", sent(40))) == math.ceil(40 * 4.0 + 4.0 + 0.5 + 2.0)


def test_a_stale_reading_is_read_again_in_a_thread_of_its_own_while_every_caller_goes_on() -> None:
    # The gateway's read threads share one estimator: no request waits for a reading, not even the one
    # that found the last reading stale, and none sees half of one reading and half of the next.
    reading, may_finish = threading.Event(), threading.Event()
    calls = 0

    def slow_second_read() -> list[UnfinishedJob]:
        nonlocal calls
        calls += 1
        if calls == 2:
            reading.set()
            may_finish.wait(timeout=30)
            return []
        return unfinished()

    queues = WorkAhead(slow_second_read, lambda: PACE)
    first = queues.of("c", sent(2))
    queues.reading.expire()
    # The caller that finds the reading stale is answered at once, from the last reading...
    assert queues.of("c", sent(2)) == first
    # ...while another thread reads again.
    assert reading.wait(timeout=30)
    assert queues.of("c", sent(2)) == first and queues.pages("b") == 2
    assert not queues.reading.wait_for_reading(timeout=0.05)
    may_finish.set()
    assert queues.reading.wait_for_reading(timeout=30)
    assert calls == 2 and queues.pages("b") is None
    assert queues.of("c", sent(2)) == dict.fromkeys(PIPELINE, 0.0)


def test_a_reading_that_fails_keeps_the_last_one_for_another_while() -> None:
    answers: list[list[UnfinishedJob] | Exception] = [unfinished(), OSError("database away"), []]

    def flaky() -> list[UnfinishedJob]:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    queues = WorkAhead(flaky, lambda: PACE)
    assert queues.pages("b") == 2
    queues.reading.expire()
    assert queues.pages("b") == 2
    assert queues.reading.wait_for_reading(timeout=30)
    # The read failed: the last reading answers, and is not read again at once.
    assert queues.pages("b") == 2 and queues.pages("b") == 2
    assert len(answers) == 1
    queues.reading.expire()
    queues.pages("b")
    assert queues.reading.wait_for_reading(timeout=30)
    assert queues.pages("b") is None


def test_a_first_reading_that_fails_fails_its_caller() -> None:
    def away() -> list[UnfinishedJob]:
        raise OSError("database away")

    with pytest.raises(OSError):
        WorkAhead(away, lambda: PACE).of("a", sent(0))


def test_the_queues_ahead_are_weighed_at_the_pace_of_the_moment_not_of_their_reading() -> None:
    # A reading of the queues made while the pace was still the prior (no job had run) must not hold
    # that pace for the reading's lifetime: a job sent in a burst was told to come back in 30 s.
    prior = {stage: StagePace(0.0, 10 * pace.per_page) for stage, pace in PACE.items()}
    paces = [prior]
    queues = WorkAhead(unfinished, lambda: paces[0])
    assert queues.of("c", sent(2))[Stage.TRANSLATE] == 2 * 40.0
    paces[0] = PACE
    assert queues.of("c", sent(2))[Stage.TRANSLATE] == 2 * 4.0


def test_a_pace_with_a_fixed_part_counts_it_once_per_job_ahead() -> None:
    fixed = {stage: StagePace(1.0, pace.per_page) for stage, pace in PACE.items()}
    queues = WorkAhead(unfinished, lambda: fixed)
    ahead = queues.of("c", sent(2))
    # Ahead of c in extract: b alone (2 pages), a has passed it; in reconstruct: a (10 pages) and b.
    assert ahead[Stage.EXTRACT] == 1 * 1.0 + 2 * 1.0
    assert ahead[Stage.RECONSTRUCT] == 2 * 1.0 + 12 * 2.0
