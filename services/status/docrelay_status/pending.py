"""Jobs waiting to be synced, synced together by a thread of their own.

A job's stages send an event for every start, page and end; each sync reads the job's ledger and writes
its rows. The events only queue the job: the thread syncs every job queued meanwhile at once, each job
once, in one database transaction, so that a burst of events turns into a few short writes (SQLite
has one writer at a time, and the gateway's submissions wait for it). No change is ever skipped: a
job whose ledger changes while it is being synced is queued again.
"""

import threading
from collections.abc import Callable, Sequence

from docrelay_status.sync import SYNC_BATCH, together_or_one_by_one


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
        """Wait for jobs to sync, sync up to SYNC_BATCH of them together, and return their ids."""
        with self._changed:
            while not self._jobs:
                self._changed.wait()
            batch = list(self._jobs)[:SYNC_BATCH]
            for job_id in batch:
                del self._jobs[job_id]
        together_or_one_by_one(self._sync_many, batch)
        return batch
