"""Jobs waiting to be synced, each once, by a thread of their own.

A job's stages send an event for every start, page and end; each sync reads the whole ledger and writes
the job's rows. Syncing a job once for all the events that came while it waited keeps the status
service (and the database it writes) from falling behind a burst, without ever skipping the latest
state: a job whose ledger changes while it is being synced is queued again.
"""

import logging
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)


class PendingSyncs:
    def __init__(self, sync: Callable[[str], None]) -> None:
        self._sync = sync
        # An ordered set: jobs are synced in the order they first changed.
        self._jobs: dict[str, None] = {}
        self._changed = threading.Condition()

    def add(self, job_id: str) -> None:
        with self._changed:
            self._jobs[job_id] = None
            self._changed.notify()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run_forever, name="pending-syncs", daemon=True)
        thread.start()
        return thread

    def run_forever(self) -> None:
        while True:
            self.sync_next()

    def sync_next(self) -> str:
        """Wait for a job to sync, sync it, and return its id."""
        with self._changed:
            while not self._jobs:
                self._changed.wait()
            job_id = next(iter(self._jobs))
            del self._jobs[job_id]
        try:
            self._sync(job_id)
        except Exception:
            # One job the database refuses must not stop the others; reconciliation retries it.
            logger.exception("could not sync job %s", job_id)
        return job_id
