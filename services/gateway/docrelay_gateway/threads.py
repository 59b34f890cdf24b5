"""The gateway's threads: a few for the synchronous routes, and a lane of their own for reading jobs.

Past a few request threads, threads only queue for the GIL and every request's next step waits behind
all of them (a slow p99 rather than more requests served), so a process has fewer than anyio's 40.
Under a burst of submissions each of them holds an upload for tens of milliseconds, and a status read
queued behind them answered in ~180 ms at p99 though it needs a few: reading a job, the list of jobs
and an event stream's reads take their threads from a lane of their own instead.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar
from weakref import WeakKeyDictionary

import anyio
from anyio import to_thread
from fastapi import FastAPI

# Threads per gateway process running the synchronous routes (uploads, downloads, cancels).
REQUEST_THREADS = 8
# A read needs a few milliseconds: a few threads serve hundreds a second.
READ_THREADS = 4

Result = TypeVar("Result")

# One lane per event loop: a limiter waits with the primitives of the loop it was first used on.
_read_lanes: "WeakKeyDictionary[asyncio.AbstractEventLoop, anyio.CapacityLimiter]" = WeakKeyDictionary()


@asynccontextmanager
async def few_request_threads(app: FastAPI) -> AsyncIterator[None]:
    """The application's lifespan: its synchronous routes share REQUEST_THREADS threads."""
    to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    yield


async def in_read_thread(read: Callable[[], Result]) -> Result:
    """Run the blocking `read` in one of the read lane's threads."""
    loop = asyncio.get_running_loop()
    lane = _read_lanes.get(loop)
    if lane is None:
        lane = _read_lanes[loop] = anyio.CapacityLimiter(READ_THREADS)
    return await to_thread.run_sync(read, limiter=lane)
