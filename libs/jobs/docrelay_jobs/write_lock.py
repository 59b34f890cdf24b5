"""One writer at a time on a SQLite jobs file, and the next one woken as soon as the last one is done.

SQLite lets one connection write at a time. The others wait in its busy handler, which sleeps 1, 2, 5,
10, 15, 20, 25, 25, 25, 50, 50 and then 100 ms between tries, whenever the lock frees meanwhile. In a
burst of uploads (two gateway processes with a thread per request, and the status service's syncs) a
one-row insert that takes 0.5 ms of CPU took 3 ms of wall time at the median, 22 ms at p90 and 94 ms
at p99 (measured in `make bench-load`'s 1-page burst), most of it asleep in that handler while the lock
was free.

The jobs store's writers queue on a lock of their own instead: within a process on a threading lock,
whose release wakes the next writer at once; between processes on an advisory lock of a file beside the
database (`flock`), tried again after a few tenths of a millisecond, never more than one. SQLite's own
lock stays what guarantees correctness; this one only orders our writers before they reach it. Past
`timeout` a writer goes on without it and SQLite's busy handler decides, as before. PostgreSQL locks
rows, not the database, and takes no such lock.
"""

import fcntl
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from docrelay_jobs.tables import sqlite_file

logger = logging.getLogger(__name__)

# As long as SQLite's busy timeout (`tables.create_db_engine`): a writer waits no longer for either.
LOCK_TIMEOUT_SECONDS = 10.0
# Between tries at the file lock: short, as a write holds it for about a millisecond; growing to the
# longest, so that a writer waiting behind a long one does not spin.
FIRST_RETRY_SECONDS = 0.0001
LONGEST_RETRY_SECONDS = 0.001


class WriteLock:
    """Orders the writers of one SQLite database file, across the threads and processes that share it."""

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> None:
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.Lock()
        # The lock file, opened in the process that uses it: a descriptor inherited over fork would
        # share its lock with the parent.
        self._fd: int | None = None
        self._fd_pid = 0

    @contextmanager
    def __call__(self) -> Iterator[None]:
        deadline = time.monotonic() + self.timeout
        in_process = self._thread_lock.acquire(timeout=self.timeout)
        try:
            # The descriptor is opened under the thread lock: one per process.
            fd = self._lock_file() if in_process else -1
            locked = in_process and _flock(fd, deadline)
            if not locked:
                logger.warning("waited %.1fs for the writes before this one to %s", self.timeout, self.path)
            try:
                yield
            finally:
                if locked:
                    fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            if in_process:
                self._thread_lock.release()

    def _lock_file(self) -> int:
        if self._fd is None or self._fd_pid != os.getpid():
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._fd_pid = os.getpid()
        return self._fd


def _flock(fd: int, deadline: float) -> bool:
    """Take the file's lock, trying again until `deadline`; False if it never came free."""
    pause = FIRST_RETRY_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(pause)
            pause = min(pause * 2, LONGEST_RETRY_SECONDS)


def write_lock_for(url: str) -> WriteLock | None:
    """The lock of a SQLite database file; None for a server database or one in memory."""
    database = sqlite_file(url)
    return WriteLock(database.with_name(database.name + ".write-lock")) if database is not None else None
