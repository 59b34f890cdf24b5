"""A reading shared by a process's threads, read again once it is older than its cache time.

The gateway's request threads share the ETA's readings (the queues ahead, the fitted paces): a request
must not wait for a query while a reading is fresh enough, nor see half of one reading and half of the
next. Once a reading is older than its cache time, a thread of its own reads again while every caller
goes on with the last reading, which the new one replaces whole. When the request that found the reading
stale made the read itself, 81 of 1,030 status reads in a bench-load burst did, and paid up to 40 ms for
it (two gateway processes, two readings each, read again every one or two seconds).

A reading older than twice its cache time (a process that served nothing for a while) is too old to
answer with: the caller reads again and waits, as every caller waits for the first reading, unless a
read is under way already (then the callers go on with the last reading meanwhile, however long it
takes). A read that fails keeps the last reading for another cache time: an estimate a little old beats
a failed request.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

logger = logging.getLogger(__name__)


class Refreshed(Generic[T]):
    def __init__(
        self, read: Callable[[], T], seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._read = read
        self.seconds = seconds
        self._clock = clock
        # Held while a reading is made: by the caller that waits for it, or by a background thread.
        self._reading = threading.Lock()
        self._read_at = clock() - seconds
        self._last: T | None = None
        self._expired = False

    def get(self) -> T:
        last = self._last
        if last is None:
            with self._reading:
                # A first reading made meanwhile, by the caller the lock waited for, serves this one too.
                return self._last if self._last is not None else self._read_again()
        age = self._clock() - self._read_at
        if (age <= self.seconds and not self._expired) or not self._reading.acquire(blocking=False):
            return last
        if self._too_old(age):
            try:
                return self._read_again()
            finally:
                self._reading.release()
        try:
            threading.Thread(target=self._read_in_background, name="refresh-reading", daemon=True).start()
        except RuntimeError:
            # No thread to be had (the interpreter is shutting down, a thread limit): the last reading
            # serves, and the next caller tries again.
            self._reading.release()
            logger.warning("could not start a thread to read again", exc_info=True)
        return last

    def answers_at_once(self) -> bool:
        """Whether `get` would answer with a reading it has (it may start reading again meanwhile)
        rather than wait for one: false before the first reading and once the last is too old."""
        return self._last is not None and not self._too_old(self._clock() - self._read_at)

    def _too_old(self, age: float) -> bool:
        """A reading this old is not answered with: the caller reads again and waits."""
        return age > 2 * self.seconds

    def expire(self) -> None:
        """Make the reading stale, not too old: the next `get` answers with it and reads again meanwhile."""
        self._expired = True

    def wait_for_reading(self, timeout: float) -> bool:
        """Wait until no reading is being made; False if one still is after `timeout` seconds."""
        if not self._reading.acquire(timeout=timeout):
            return False
        self._reading.release()
        return True

    def _read_in_background(self) -> None:
        try:
            self._read_again()
        finally:
            self._reading.release()

    def _read_again(self) -> T:
        """Read, and return the reading now kept: the new one, or the last one if the read failed."""
        # Before the read: an `expire` while it runs asks for the next one.
        self._expired = False
        try:
            self._last = kept = self._read()
        except Exception:
            if self._last is None:
                raise
            logger.warning("could not read again; the last reading serves meanwhile", exc_info=True)
            kept = self._last
        self._read_at = self._clock()
        return kept
