"""A memory cap for each task process of a worker, so one hostile document cannot exhaust the machine.

RLIMIT_AS caps the address space of every pool process: an allocation past it fails, which Python
raises as MemoryError (the stage fails the job with memory_limit_exceeded) and a C library may answer
by aborting (the process dies; the stage gives the step up after a few deaths). Celery also replaces a
pool process whose resident memory grew past the cap after its task, so the next job starts lean.
"""

import resource
from typing import Any

from celery import Celery
from celery.signals import worker_process_init

MB = 1024 * 1024


def cap_pool_memory(app: Celery, max_mb: int) -> None:
    """Cap each of `app`'s pool processes at `max_mb` MB of address space; 0 leaves them uncapped."""
    if max_mb <= 0:
        return
    app.conf.worker_max_memory_per_child = max_mb * 1024  # Celery counts kilobytes

    def cap(**_: Any) -> None:
        resource.setrlimit(resource.RLIMIT_AS, (max_mb * MB, max_mb * MB))

    worker_process_init.connect(cap, weak=False)
