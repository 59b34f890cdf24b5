"""Dependencies served on the event loop once they are built.

FastAPI runs a plain-function dependency in a worker thread, and a status read asked for four of
them (settings, caller, store, estimator): each hop cost ~1 ms of CPU, most of a read's cost under a
burst. The objects are built once per process, so only the first build (which may connect to Redis
and wait) needs a thread; every later request gets the built object straight from the loop.
"""

from collections.abc import Awaitable, Callable
from functools import _lru_cache_wrapper
from typing import TypeVar

from docrelay_gateway.threads import in_read_thread

Built = TypeVar("Built")


def on_the_loop(build_once: "_lru_cache_wrapper[Built]") -> Callable[[], Awaitable[Built]]:
    """A dependency for the `functools.cache`d `build_once` that takes a thread only to build it."""

    async def provide() -> Built:
        if build_once.cache_info().currsize:
            return build_once()
        # Not in the request threads: the first status read after a start must not wait behind uploads.
        return await in_read_thread(build_once)

    provide.__name__ = build_once.__name__
    return provide
