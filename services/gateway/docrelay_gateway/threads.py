"""The gateway's threads: a few for the synchronous routes, and a lane of their own for reading jobs.

Past a few request threads, threads only queue for the GIL and every request's next step waits behind
all of them (a slow p99 rather than more requests served), so a process has fewer than anyio's 40.
Under a burst of submissions each of them holds an upload for tens of milliseconds, and a status read
queued behind them answered in ~180 ms at p99 though it needs a few: reading a job, the list of jobs,
an event stream's reads, and the one-time build of what requests depend on (a read's first ETA
estimator) take their threads from a lane of their own instead.
"""

from collections.abc import Callable
from typing import TypeVar

from anyio import CapacityLimiter, to_thread
from anyio.lowlevel import RunVar

# Threads per gateway process running the synchronous routes (uploads, downloads, cancels). A process
# has one core's worth of interpreter: two keep it busy (one computes while the other waits on the
# database or Redis), and more only share it, so every upload takes longer and so does every read
# waiting for the interpreter meanwhile. Measured, 200 one-page jobs from 50 clients, alternating
# runs: 8 threads, submit p99 457 / 442 / 626 ms and status p99 98 / 73 / 63 ms; 2 threads, 350 / 328
# / 261 and 71 / 61 / 49 (1 and 4 threads in between); the gateway's CPU per job 20 → 13-18 ms.
REQUEST_THREADS = 2
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
