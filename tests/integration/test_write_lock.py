"""The SQLite jobs file's writers queue on one lock across threads and processes (`write_lock`)."""

import logging
import multiprocessing
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from docrelay_jobs.store import JobStore
from docrelay_jobs.write_lock import WriteLock, write_lock_for
from tests.support.jobs import new_job

# Generous: how long a test waits for another process to answer. Nothing is timed against it.
ANSWER_SECONDS = 30.0
# How long a write is given to get past a lock it must not get past (it fails the test if it does).
BLOCKED_FOR_SECONDS = 0.5


def _hold_lock(
    path: str, held: "multiprocessing.synchronize.Event", release: "multiprocessing.synchronize.Event"
) -> None:
    with WriteLock(Path(path))():
        held.set()
        release.wait(ANSWER_SECONDS)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[str, JobStore]]:
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    store = JobStore(url)
    yield url, store
    store.close()


def _lock_path(url: str) -> Path:
    lock = write_lock_for(url)
    assert lock is not None
    return lock.path


@contextmanager
def _held_by_another_process(url: str) -> Iterator[None]:
    """The database's write lock, held by another process until the block ends."""
    spawn = multiprocessing.get_context("spawn")
    held, release = spawn.Event(), spawn.Event()
    holder = spawn.Process(target=_hold_lock, args=(str(_lock_path(url)), held, release))
    holder.start()
    try:
        assert held.wait(ANSWER_SECONDS)
        yield
    finally:
        release.set()
        holder.join(ANSWER_SECONDS)


def test_a_write_waits_while_another_process_holds_the_lock(database: tuple[str, JobStore]) -> None:
    url, store = database
    writer = threading.Thread(target=new_job, args=(store, "a" * 32))
    with _held_by_another_process(url):
        writer.start()
        writer.join(BLOCKED_FOR_SECONDS)
        assert writer.is_alive(), "the write went past another process's lock"
        assert store.get("a" * 32) is None
    writer.join(ANSWER_SECONDS)
    assert not writer.is_alive()
    view = store.get("a" * 32)
    assert view is not None and view.status == "queued"


def test_writes_from_many_threads_and_two_stores_all_land(database: tuple[str, JobStore]) -> None:
    url, store = database
    other = JobStore(url)
    failures: list[BaseException] = []

    def write(target: JobStore, prefix: str) -> None:
        try:
            for number in range(25):
                new_job(target, f"{prefix}{number:030d}")
        except BaseException as exc:
            failures.append(exc)

    threads = [
        threading.Thread(target=write, args=(target, f"{index:02d}"))
        for index, target in enumerate([store, other] * 4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(ANSWER_SECONDS)
    other.close()
    assert failures == []
    assert sum(store.count_by_status().values()) == 8 * 25


def test_a_writer_that_waited_too_long_writes_anyway_and_says_so(
    database: tuple[str, JobStore], caplog: pytest.LogCaptureFixture
) -> None:
    # SQLite's own lock still orders it: the lock file only spares writers SQLite's sleeping busy handler.
    url, _ = database
    impatient, entered = WriteLock(_lock_path(url), timeout=0.2), False
    with (
        _held_by_another_process(url),
        caplog.at_level(logging.WARNING, logger="docrelay_jobs.write_lock"),
        impatient(),
    ):
        entered = True
    assert entered
    assert "waited 0.2s for the writes before this one" in caplog.text


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _waited_for_lock(
    lock: WriteLock,
    go: "multiprocessing.synchronize.Event",
    result: "multiprocessing.queues.Queue[list[str]]",
) -> None:
    warnings = _Warnings()
    logging.getLogger("docrelay_jobs.write_lock").addHandler(warnings)
    go.wait(ANSWER_SECONDS)
    with lock():
        pass
    result.put(warnings.messages)


def test_a_forked_process_does_not_share_its_parents_lock(tmp_path: Path) -> None:
    # A descriptor inherited over fork shares its lock with the parent: the child would walk past it.
    lock = WriteLock(tmp_path / "jobs.db.write-lock", timeout=0.3)
    with lock():
        pass  # the parent's descriptor is open now
    fork = multiprocessing.get_context("fork")
    go, result = fork.Event(), fork.Queue()
    # Forked while the lock is free (a thread lock held at the fork would stay held in the child).
    child = fork.Process(target=_waited_for_lock, args=(lock, go, result))
    child.start()
    with lock():
        go.set()
        messages = result.get(timeout=ANSWER_SECONDS)
    child.join(ANSWER_SECONDS)
    # It waited for the parent's lock until its timeout.
    assert [message for message in messages if "waited" in message] != []


@pytest.mark.parametrize(
    "url",
    ["postgresql+psycopg://docrelay@localhost/docrelay", "sqlite://", "sqlite:///:memory:"],
)
def test_only_a_sqlite_file_has_a_write_lock(url: str) -> None:
    assert write_lock_for(url) is None


def test_the_lock_file_lies_beside_the_database(tmp_path: Path) -> None:
    lock = write_lock_for(f"sqlite:///{tmp_path / 'data' / 'jobs.db'}")
    assert lock is not None and lock.path == tmp_path / "data" / "jobs.db.write-lock"
