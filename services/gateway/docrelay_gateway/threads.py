"""The gateway's threads: a few for the synchronous routes, and a lane of their own for reading jobs.

Past a few request threads, threads only queue for the GIL and every request's next step waits behind
all of them (a slow p99 rather than more requests served), so a process has fewer than anyio's 40.
Under a burst of submissions each of them holds an upload for tens of milliseconds, and a status read
queued behind them answered in ~180 ms at p99 though it needs a few: reading a job, the list of jobs,
an event stream's reads, and the one-time build of what requests depend on (a read's first ETA
estimator) take their threads from a lane of their own instead. A job read from a SQLite file with its
ETA at hand needs no thread at all and runs on the event loop (`routes.jobs.read_job_with_eta`).
"""

from collections.abc import Callable
from typing import TypeVar

from anyio import CapacityLimiter, to_thread
from anyio.lowlevel import RunVar

# Threads per gateway process running the synchronous routes (uploads, downloads, cancels). Two were
# tried (2026-12-05): over six alternating pairs of bursts neither count was better at p99, and two
# accepted fewer submissions a second in most pairs.
REQUEST_THREADS = 8
# A read needs a few milliseconds: a few threads serve hundreds a second.
READ_THREADS = 4

Result = TypeVar("Result")

# One lane per event loop, as anyio keeps its own default limiter.
_read_lane: RunVar[CapacityLimiter] = RunVar("docrelay_read_lane")


def use_few_request_threads() -> None:
    """The synchronous routes share REQUEST_THREADS threads; called in the event loop, as it starts."""
    to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS


async def in_read_thread(read: Callable[[], Result]) -> Result:
    """Run the blocking `read` in one of the read lane's threads."""
    try:
        lane = _read_lane.get()
    except LookupError:
        lane = CapacityLimiter(READ_THREADS)
        _read_lane.set(lane)
    return await to_thread.run_sync(read, limiter=lane)
