"""A memory cap for each task process of a worker, so one hostile document cannot exhaust the machine.

RLIMIT_AS caps the address space of every pool process: an allocation past it fails, which Python
raises as MemoryError (the stage fails the job with memory_limit_exceeded) and a C library may answer
by aborting (the process dies; the stage gives the step up after a few deaths). A pool process whose
address space grew past most of the cap during a task is replaced after it, so the next job starts
lean instead of failing for what the last one left behind (freed memory a heap does not give back,
models kept loaded).
"""

import os
import resource
from typing import Any

import billiard.pool
from celery import Celery
from celery.signals import worker_process_init

MB = 1024 * 1024
# Past this share of the cap after a task, the pool process is replaced.
RECYCLE_SHARE = 0.75
_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def cap_pool_memory(app: Celery, max_mb: int) -> None:
    """Cap each of `app`'s pool processes at `max_mb` MB of address space; 0 leaves them uncapped."""
    if max_mb <= 0:
        return
    app.conf.worker_max_memory_per_child = int(max_mb * 1024 * RECYCLE_SHARE)  # Celery counts kilobytes

    def cap(**_: Any) -> None:
        resource.setrlimit(resource.RLIMIT_AS, (max_mb * MB, max_mb * MB))
        # billiard weighs a pool process by its resident memory after each task; the cap is on address
        # space, which can be near the cap while little of it is resident: weigh what the cap weighs.
        billiard.pool.mem_rss = address_space_kb

    worker_process_init.connect(cap, weak=False)


def address_space_kb() -> int:
    """This process's address space (VmSize), in kilobytes: what RLIMIT_AS limits."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * _PAGE_KB
