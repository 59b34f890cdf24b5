"""A reading shared by threads: fresh enough, stale (read again meanwhile), or too old to answer with."""

import threading

import pytest

from docrelay_jobs.refreshed import Refreshed
from tests.support.clock import ManualClock

# Guards against a hang only.
HANG_GUARD_SECONDS = 30


class SlowSecondRead:
    """A read whose second call is held until `may_finish`; `reading` says it is under way."""

    def __init__(self) -> None:
        self.reading, self.may_finish = threading.Event(), threading.Event()
        self.reads = 0

    def __call__(self) -> int:
        self.reads += 1
        if self.reads == 2:
            self.reading.set()
            self.may_finish.wait(HANG_GUARD_SECONDS)
        return self.reads


def counted_reading() -> tuple[list[int], ManualClock, Refreshed[int]]:
    """A reading good for 10 s on a hand-set clock; each read returns and records its number."""
    reads: list[int] = []

    def read() -> int:
        reads.append(len(reads) + 1)
        return reads[-1]

    clock = ManualClock()
    return reads, clock, Refreshed(read, seconds=10, clock=clock)


def test_a_fresh_reading_serves_every_caller() -> None:
    reads, clock, shared = counted_reading()
    assert shared.get() == 1
    clock.now += 10
    assert [shared.get() for _ in range(5)] == [1] * 5
    assert reads == [1]


def test_a_stale_reading_answers_at_once_and_is_read_again_meanwhile() -> None:
    reads, clock, shared = counted_reading()
    shared.get()
    clock.now += 15
    assert shared.get() == 1
    assert shared.wait_for_reading(HANG_GUARD_SECONDS)
    assert shared.get() == 2 and reads == [1, 2]


def test_a_reading_too_old_to_answer_with_is_read_again_before_the_caller_goes_on() -> None:
    # A process that served nothing for a while does not answer its next request with what it read then.
    reads, clock, shared = counted_reading()
    shared.get()
    clock.now += 25
    assert shared.get() == 2 and reads == [1, 2]


def test_it_answers_at_once_from_its_first_reading_until_that_is_too_old() -> None:
    reads, clock, shared = counted_reading()
    assert not shared.answers_at_once()
    shared.get()
    assert shared.answers_at_once()
    clock.now += 15  # stale: it answers with it and reads again meanwhile
    assert shared.answers_at_once()
    clock.now += 10  # 25 s: too old to answer with
    assert not shared.answers_at_once()
    assert reads == [1]


def test_while_a_read_is_under_way_a_reading_however_old_answers() -> None:
    slow = SlowSecondRead()
    clock = ManualClock()
    shared = Refreshed(slow, seconds=10, clock=clock)
    shared.get()
    clock.now += 15
    assert shared.get() == 1 and slow.reading.wait(HANG_GUARD_SECONDS)
    # The read takes longer than the reading's whole life: the callers do not queue behind it.
    clock.now += 100
    assert shared.get() == 1
    slow.may_finish.set()
    assert shared.wait_for_reading(HANG_GUARD_SECONDS)
    assert shared.get() == 2


def test_a_thread_that_cannot_start_leaves_the_last_reading_and_the_next_caller_tries_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reads, clock, shared = counted_reading()
    shared.get()
    clock.now += 15

    def refuse(_thread: threading.Thread) -> None:
        raise RuntimeError("can't create new thread at interpreter shutdown")

    with monkeypatch.context() as patched:
        patched.setattr(threading.Thread, "start", refuse)
        assert shared.get() == 1
    assert shared.get() == 1 and shared.wait_for_reading(HANG_GUARD_SECONDS)
    assert shared.get() == 2 and reads == [1, 2]


def test_an_expiry_during_a_read_asks_for_the_next_one() -> None:
    slow = SlowSecondRead()
    shared = Refreshed(slow, seconds=3600, clock=ManualClock())
    shared.get()
    shared.expire()
    shared.get()
    assert slow.reading.wait(HANG_GUARD_SECONDS)
    # What changed now may not be in the read under way.
    shared.expire()
    slow.may_finish.set()
    assert shared.wait_for_reading(HANG_GUARD_SECONDS)
    shared.get()
    assert shared.wait_for_reading(HANG_GUARD_SECONDS)
    assert slow.reads == 3
