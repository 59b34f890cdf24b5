"""Jobs waiting to be synced, synced together by a thread of their own.

A job's stages send an event for every start, page and end; each sync reads the job's ledger and writes
its rows. The events only queue the job: the thread syncs every job queued meanwhile at once, each job
once, in one database transaction, so that a burst of events turns into a few short writes (SQLite
has one writer at a time, and the gateway's submissions wait for it). No change is ever skipped: a
job whose ledger changes while it is being synced is queued again.

A change may wait GATHER_SECONDS for the job's next ones: a 1-page job's stages send eight events, five
of them within ~15 ms as it passes from extract through translate and tone, and each used to be its own
transaction of ~1.7 ms of the status service's CPU (1.1 jobs a sync in a burst of 200 jobs). An urgent
change (the job's last stage ended, or a stage failed) is synced at once, with whatever else waits.
"""

import threading
import time
from collections.abc import Callable, Sequence

from docrelay_status.sync import SYNC_BATCH, together_or_one_by_one

# Longest a change waits for the job's next ones: far below what a person watching a job can see.
GATHER_SECONDS = 0.025


class PendingSyncs:
    def __init__(
        self,
        sync_many: Callable[[Sequence[str]], None],
        gather_seconds: float = GATHER_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._sync_many = sync_many
        self._gather_seconds = gather_seconds
        self._clock = clock
        # Each waiting job and when it is due: its first waiting change's time plus the gathering time.
        self._due: dict[str, float] = {}
        self._changed = threading.Condition()

    def add(self, job_id: str, urgent: bool = False) -> None:
        due = self._clock() + (0.0 if urgent else self._gather_seconds)
        with self._changed:
            earliest = min(self._due.values(), default=None)
            self._due[job_id] = min(due, self._due.get(job_id, due))
            # The thread waits for the earliest due time; a change due no sooner need not wake it.
            if earliest is None or due < earliest:
                self._changed.notify()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run_forever, name="pending-syncs", daemon=True)
        thread.start()
        return thread

    def run_forever(self) -> None:
        while True:
            self.sync_next()

    def sync_next(self) -> list[str]:
        """Wait until a job is due, sync up to SYNC_BATCH waiting jobs together (the soonest due first,
        due or not: one transaction serves them all), and return their ids."""
        with self._changed:
            while not self._due or (wait := min(self._due.values()) - self._clock()) > 0:
                self._changed.wait(None if not self._due else wait)
            batch = sorted(self._due, key=self._due.__getitem__)[:SYNC_BATCH]
            for job_id in batch:
                del self._due[job_id]
        together_or_one_by_one(self._sync_many, batch)
        return batch
