"""The status service syncs the jobs queued meanwhile together, each once, never skipping a change."""

import threading
from collections.abc import Sequence

import pytest

from docrelay_status.pending import PendingSyncs
from docrelay_status.sync import SYNC_BATCH
from tests.support.clock import ManualClock

# Guards against a hang only: each wait returns as soon as the other thread gets there.
HANG_GUARD_SECONDS = 30


def test_jobs_queued_meanwhile_are_synced_together_each_once() -> None:
    batches: list[list[str]] = []
    pending = PendingSyncs(lambda jobs: batches.append(list(jobs)))
    for _ in range(50):
        pending.add("a")
    pending.add("b")
    pending.add("a")
    assert pending.sync_next() == ["a", "b"]
    assert batches == [["a", "b"]]


def test_a_long_backlog_is_synced_in_batches() -> None:
    batches: list[list[str]] = []
    pending = PendingSyncs(lambda jobs: batches.append(list(jobs)))
    for number in range(SYNC_BATCH + 5):
        pending.add(f"job-{number}")
    pending.sync_next()
    pending.sync_next()
    assert [len(batch) for batch in batches] == [SYNC_BATCH, 5]


def test_a_job_that_changes_while_it_is_synced_is_synced_again() -> None:
    syncing, release = threading.Event(), threading.Event()
    batches: list[list[str]] = []

    def slow_sync(jobs: Sequence[str]) -> None:
        batches.append(list(jobs))
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
    assert pending.sync_next() == ["a"]
    assert batches == [["a"], ["a"]]


def test_a_batch_the_database_refuses_is_synced_job_by_job(caplog: pytest.LogCaptureFixture) -> None:
    synced: list[str] = []

    def sync(jobs: Sequence[str]) -> None:
        if "broken" in jobs:
            raise RuntimeError("the database refused it")
        synced.extend(jobs)

    pending = PendingSyncs(sync)
    for job_id in ("fine", "broken", "also-fine"):
        pending.add(job_id)
    assert pending.sync_next() == ["fine", "broken", "also-fine"]
    assert synced == ["fine", "also-fine"]
    assert "could not sync job broken" in caplog.text


def test_a_change_waits_for_the_jobs_next_ones_until_an_urgent_change_comes() -> None:
    batches: list[list[str]] = []
    # A gathering time no test waits out: only the urgent change can let the sync go.
    pending = PendingSyncs(lambda jobs: batches.append(list(jobs)), gather_seconds=3600)
    synced: list[list[str]] = []
    syncer = threading.Thread(target=lambda: synced.append(pending.sync_next()))
    syncer.start()
    pending.add("running")
    pending.add("running")
    syncer.join(timeout=0.2)
    assert syncer.is_alive() and batches == []
    # The job that ended goes first, and the job waiting beside it in the same transaction.
    pending.add("ended", urgent=True)
    syncer.join(HANG_GUARD_SECONDS)
    assert synced == [["ended", "running"]] and batches == synced


def test_a_later_change_does_not_put_off_a_waiting_job() -> None:
    # What bounds a change's wait: the job is due a gathering time after its first waiting change.
    clock, batches = ManualClock(), list[list[str]]()
    pending = PendingSyncs(lambda jobs: batches.append(list(jobs)), gather_seconds=10, clock=clock)
    pending.add("a")
    clock.now = 5
    pending.add("a")
    clock.now = 10
    syncer = threading.Thread(target=pending.sync_next, daemon=True)
    syncer.start()
    syncer.join(HANG_GUARD_SECONDS)
    assert batches == [["a"]]


class _CountedCondition(threading.Condition):
    def __init__(self) -> None:
        super().__init__()
        self.notified = 0

    def notify(self, n: int = 1) -> None:
        self.notified += 1
        super().notify(n)


def test_only_a_change_due_sooner_wakes_the_syncing_thread() -> None:
    clock = ManualClock()
    pending = PendingSyncs(lambda jobs: None, gather_seconds=10, clock=clock)
    pending._changed = condition = _CountedCondition()
    pending.add("a")
    assert condition.notified == 1  # the first change: the thread waited for any
    clock.now = 1
    pending.add("a")
    pending.add("b")
    assert condition.notified == 1  # due at 11, after "a" at 10: the thread wakes for "a" anyway
    pending.add("c", urgent=True)
    assert condition.notified == 2


def test_a_thread_waiting_for_any_change_wakes_for_the_first() -> None:
    batches: list[list[str]] = []
    pending = PendingSyncs(lambda jobs: batches.append(list(jobs)), gather_seconds=0)
    syncer = threading.Thread(target=pending.sync_next, daemon=True)
    syncer.start()
    syncer.join(timeout=0.05)
    pending.add("a")
    syncer.join(HANG_GUARD_SECONDS)
    assert batches == [["a"]]
