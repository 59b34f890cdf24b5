"""A reading shared by threads: fresh enough, stale (read again meanwhile), or too old to answer with."""

from collections.abc import Callable

from docrelay_jobs.refreshed import Refreshed

# Guards against a hang only.
HANG_GUARD_SECONDS = 30


def counter() -> tuple[list[int], Callable[[], int]]:
    reads: list[int] = []

    def read() -> int:
        reads.append(len(reads) + 1)
        return reads[-1]

    return reads, read


def test_a_fresh_reading_serves_every_caller() -> None:
    reads, read = counter()
    shared = Refreshed(read, seconds=3600)
    assert [shared.get() for _ in range(5)] == [1] * 5
    assert reads == [1]


def test_a_stale_reading_answers_at_once_and_is_read_again_meanwhile() -> None:
    reads, read = counter()
    shared = Refreshed(read, seconds=3600)
    shared.get()
    shared.expire()
    assert shared.get() == 1
    assert shared.wait_for_reading(HANG_GUARD_SECONDS)
    assert shared.get() == 2 and reads == [1, 2]


def test_a_reading_too_old_to_answer_with_is_read_again_before_the_caller_goes_on() -> None:
    # Older than twice its cache time at once: a process that served nothing for a while does not answer
    # its next request with what it read back then.
    reads, read = counter()
    shared = Refreshed(read, seconds=0.0)
    assert [shared.get() for _ in range(3)] == [1, 2, 3]
    assert reads == [1, 2, 3]
