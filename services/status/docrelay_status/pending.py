"""Jobs waiting to be synced, synced together by a thread of their own.

A job's stages send an event for every start, page and end; each sync reads the job's ledger and writes
its rows. The events only queue the job: the thread syncs every job queued meanwhile at once, each job
once, in one database transaction, so that a burst of events turns into a few short writes (SQLite
has one writer at a time, and the gateway's submissions wait for it). No change is ever skipped: a
job whose ledger changes while it is being synced is queued again.
"""

import logging
import threading
from collections.abc import Callable, Sequence

logger = logging.getLogger(__name__)

# Jobs synced in one transaction at most: a long backlog is written in several short ones.
BATCH = 100


class PendingSyncs:
    def __init__(self, sync_many: Callable[[Sequence[str]], None]) -> None:
        self._sync_many = sync_many
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

    def sync_next(self) -> list[str]:
        """Wait for jobs to sync, sync up to BATCH of them together, and return their ids."""
        with self._changed:
            while not self._jobs:
                self._changed.wait()
            batch = list(self._jobs)[:BATCH]
            for job_id in batch:
                del self._jobs[job_id]
        try:
            self._sync_many(batch)
        except Exception:
            logger.exception("could not sync %d jobs together; syncing them one by one", len(batch))
            self._one_by_one(batch)
        return batch

    def _one_by_one(self, batch: list[str]) -> None:
        for job_id in batch:
            try:
                self._sync_many([job_id])
            except Exception:
                # One job the database refuses must not stop the others; reconciliation retries it.
                logger.exception("could not sync job %s", job_id)
