"""A reading shared by a process's threads, read again once it is older than its cache time.

The gateway's request threads share the ETA's readings (the queues ahead, the fitted paces): a request
must not wait for a query another thread is making, nor see half of one reading and half of the next.
So once a reading is stale, one thread reads again while the others go on with the last reading, which
the new one replaces whole. Until the first reading exists, every thread waits for it.
"""

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


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
                    self._last = self._read()
                    self._read_at = time.monotonic()
            finally:
                self._reading.release()
        assert self._last is not None, "the first reading is made before any thread goes on"
        return self._last

    def expire(self) -> None:
        """Make the next `get` read again (its caller still answered from the last reading meanwhile)."""
        self._read_at = time.monotonic() - self.seconds - 1
