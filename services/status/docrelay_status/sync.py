"""Brings jobs in line with their ledgers: after each event, and for every unfinished job on a timer.

Events say *that* something happened to a job; the ledger says *what*. Reading the ledger on each
event and on a timer makes the jobs table converge even when events were lost (the status service was
down, Redis pub/sub dropped them) or a worker died without a word.
"""

import logging
import threading
import time
from collections.abc import Callable, Sequence

from docrelay_common.constants import StageState
from docrelay_common.errors import ErrorCode
from docrelay_common.job_changes import announce_changes
from docrelay_common.ledger import JobLedger, LedgerSnapshot
from docrelay_common.stages import Stage
from docrelay_jobs.eta import RecentPace
from docrelay_jobs.store import JobStore
from docrelay_status.config import StatusSettings

logger = logging.getLogger(__name__)

# Jobs synced together at most (one ledger round trip, one transaction): a long backlog is written in
# several short transactions.
SYNC_BATCH = 100


def together_or_one_by_one(handle: Callable[[Sequence[str]], None], job_ids: Sequence[str]) -> None:
    """`handle` the jobs together; if that fails, each on its own, so that one job the database or the
    ledger refuses does not hold the others back (the next pass tries it again)."""
    try:
        handle(job_ids)
        return
    except Exception:
        logger.exception("could not sync %d jobs together; syncing them one by one", len(job_ids))
    for job_id in job_ids:
        try:
            handle([job_id])
        except Exception:
            logger.exception("could not sync job %s", job_id)


class JobSynchronizer:
    def __init__(
        self,
        jobs: JobStore,
        ledger: JobLedger,
        settings: StatusSettings,
        on_finished: Callable[[str], None],
    ) -> None:
        self.jobs, self.ledger, self.settings = jobs, ledger, settings
        # Called once for each job this synchronizer saw end (webhooks, metrics).
        self.on_finished = on_finished
        # The event consumer and the reconciliation thread sync the same jobs. One at a time: two
        # concurrent syncs would both see the job end (two webhooks) and both insert its stage rows.
        self._syncing = threading.Lock()
        # Each stage's share of a job's progress is its expected time, from recent jobs' pace.
        self.pace = RecentPace(jobs.recent_stage_samples)

    def sync(self, job_id: str) -> None:
        self.sync_many([job_id])

    def sync_many(self, job_ids: Sequence[str]) -> None:
        """Sync the jobs together: their ledgers in one round trip, their rows in one transaction; then
        tell the jobs' live event streams."""
        with self._syncing:
            read = self.ledger.read_many(job_ids)
            snapshots = {job_id: snapshot for job_id, snapshot in read.items() if snapshot is not None}
            ended = (
                self.jobs.apply_ledgers(snapshots, self.pace, read_again=self.ledger.read_many)
                if snapshots
                else []
            )
        announce_changes(self.ledger.redis, snapshots)
        for job_id in ended:
            # Each on its own: the jobs are final now, and a sync again would not see them end.
            try:
                self.on_finished(job_id)
            except Exception:
                logger.exception("could not act on the end of job %s", job_id)

    def record_lost(self, job_id: str, stage: Stage, code: ErrorCode, message: str) -> None:
        """A task died without recording it (hard time limit): write the failure its stage could not.

        Only `stage` fails: a late duplicate of an earlier stage's task must not fail the one now running.
        """
        record = self.ledger.stage(job_id, stage)
        if record is not None and record.state in (StageState.RUNNING, StageState.RETRYING):
            self.ledger.stage_failed(job_id, stage, code, message)
        self.sync(job_id)

    def reconcile(self) -> int:
        """Sync every unfinished job; fail stages whose worker vanished. Returns the jobs looked at.

        A backlog is read and written SYNC_BATCH jobs at a time, as the event-driven syncs are.
        """
        job_ids = self.jobs.unfinished_ids()
        for start in range(0, len(job_ids), SYNC_BATCH):
            together_or_one_by_one(self._reconcile_batch, job_ids[start : start + SYNC_BATCH])
        return len(job_ids)

    def _reconcile_batch(self, job_ids: Sequence[str]) -> None:
        for job_id, snapshot in self.ledger.read_many(job_ids).items():
            if snapshot is not None:
                self._fail_lost_stages(job_id, snapshot)
        self.sync_many(job_ids)

    def _fail_lost_stages(self, job_id: str, snapshot: LedgerSnapshot) -> None:
        """Fail a stage whose running step fell silent; a stage whose work waits in its queue never is."""
        now = time.time()
        for stage, record in snapshot.stages.items():
            # Past this, Redis would have redelivered the task of a dead worker and it would have started.
            deadline = self.settings.visibility_timeout + self.settings.hard_time_limit(stage)
            # Only steps that started and did not end count: ranges waiting behind other work have not.
            silent = [
                step
                for step, since in record.running.items()
                if now - since > deadline + self.settings.lost_worker_grace
            ]
            if record.state == StageState.RUNNING and silent:
                message = (
                    f"the worker running {silent[0]} of the {stage} stage stopped and the task was not "
                    "redelivered"
                )
                self.ledger.stage_failed(job_id, stage, ErrorCode.WORKER_LOST, message)


def reconcile_forever(synchronizer: JobSynchronizer, interval: float, stop: Callable[[], bool]) -> None:
    """Reconcile at start and then every `interval` seconds; the first pass catches up after downtime."""
    while not stop():
        try:
            count = synchronizer.reconcile()
            logger.debug("reconciled %d unfinished jobs", count)
        except Exception:
            logger.exception("reconciliation failed; trying again in %.0fs", interval)
        time.sleep(interval)
