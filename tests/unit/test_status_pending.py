"""The status service syncs a job once for all the events that came while it waited, never skipping one."""

import threading

import pytest

from docrelay_status.pending import PendingSyncs

# Guards against a hang only: each wait returns as soon as the other thread gets there.
HANG_GUARD_SECONDS = 30


def test_a_job_that_changed_many_times_while_waiting_is_synced_once_in_its_turn() -> None:
    synced: list[str] = []
    pending = PendingSyncs(synced.append)
    for _ in range(50):
        pending.add("a")
    pending.add("b")
    pending.add("a")
    assert [pending.sync_next(), pending.sync_next()] == ["a", "b"]
    assert synced == ["a", "b"]


def test_a_job_that_changes_while_it_is_synced_is_synced_again() -> None:
    syncing, release = threading.Event(), threading.Event()
    synced: list[str] = []

    def slow_sync(job_id: str) -> None:
        synced.append(job_id)
        syncing.set()
        release.wait(HANG_GUARD_SECONDS)

    pending = PendingSyncs(slow_sync)
    pending.add("a")
    first = threading.Thread(target=pending.sync_next)
    first.start()
    assert syncing.wait(HANG_GUARD_SECONDS)
    pending.add("a")
    release.set()
    first.join()
    assert pending.sync_next() == "a"
    assert synced == ["a", "a"]


def test_a_job_whose_sync_fails_does_not_stop_the_others(caplog: pytest.LogCaptureFixture) -> None:
    synced: list[str] = []

    def sync(job_id: str) -> None:
        if job_id == "broken":
            raise RuntimeError("the database refused it")
        synced.append(job_id)

    pending = PendingSyncs(sync)
    pending.add("broken")
    pending.add("fine")
    assert [pending.sync_next(), pending.sync_next()] == ["broken", "fine"]
    assert synced == ["fine"] and "could not sync job broken" in caplog.text
