"""A reading shared by a process's threads, read again once it is older than its cache time.

The gateway's request threads share the ETA's readings (the queues ahead, the fitted paces): a request
must not wait for a query another thread is making, nor see half of one reading and half of the next.
So once a reading is stale, one thread reads again while the others go on with the last reading, which
the new one replaces whole. Until the first reading exists, every thread waits for it. A reading that
fails once there is a last one keeps the last one for another cache time (an estimate a little old
beats a failed request).
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

logger = logging.getLogger(__name__)


class Refreshed(Generic[T]):
    def __init__(self, read: Callable[[], T], seconds: float) -> None:
        self._read = read
        self.seconds = seconds
        self._reading = threading.Lock()
        self._read_at = -seconds
        self._last: T | None = None

    def get(self) -> T:
        if self._last is not None and time.monotonic() - self._read_at <= self.seconds:
            return self._last
        if self._reading.acquire(blocking=self._last is None):
            try:
                if self._last is None or time.monotonic() - self._read_at > self.seconds:
                    self._read_again()
            finally:
                self._reading.release()
        assert self._last is not None, "the first reading is made before any thread goes on"
        return self._last

    def expire(self) -> None:
        """Make the reading stale: the next `get` reads again."""
        self._read_at = time.monotonic() - self.seconds - 1

    def _read_again(self) -> None:
        try:
            self._last = self._read()
        except Exception:
            if self._last is None:
                raise
            logger.warning("could not read again; the last reading serves meanwhile", exc_info=True)
        self._read_at = time.monotonic()
