"""How a stage worker's process starts: below the API's CPU priority, with a pool sized to its work."""

import os
from collections.abc import Sequence

from docrelay_common.settings import CommonSettings


def lower_priority(niceness: int) -> None:
    current = os.getpriority(os.PRIO_PROCESS, 0)
    os.setpriority(os.PRIO_PROCESS, 0, max(current, niceness))


def pool_flags(argv: Sequence[str], settings: CommonSettings) -> list[str]:
    """Celery's `--autoscale=max,min` from the settings, unless `argv` sizes the pool itself."""
    if any(arg.startswith(("--concurrency", "--autoscale", "-c")) for arg in argv):
        return []
    fewest = settings.worker_min_processes
    most = settings.worker_max_processes or len(os.sched_getaffinity(0))
    return [f"--autoscale={max(most, fewest)},{fewest}"]
