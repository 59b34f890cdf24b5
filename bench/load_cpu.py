"""Where a burst's CPU went: seconds of CPU each service of the stack used, from /proc.

Busy share says how long a stage's tasks ran; it cannot say what the rest of the machine did meanwhile
(the gateway answering status reads, the status service following events). The stack starts every
service in a process group of its own, so a service's CPU is the sum over its group's processes,
counting the children they already reaped (Celery's pool processes the autoscaler ended).
"""

import os
from collections import defaultdict
from pathlib import Path

from docrelay_cli.stack import Stack

TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")
# The benchmark's own process: its clients submit and poll the jobs.
CLIENTS = "clients"


def service_cpu_seconds(stack: Stack) -> dict[str, float]:
    """CPU seconds used so far by each service of the stack (by process name), and by the clients."""
    names = {process.pid: process.name for process in stack.processes if process.exit_code() is None}
    used: dict[str, float] = defaultdict(float)
    for group, seconds in cpu_by_process_group().items():
        if group in names:
            used[names[group]] += seconds
    own = os.times()
    used[CLIENTS] = own.user + own.system
    return dict(used)


def cpu_per_job_ms(before: dict[str, float], after: dict[str, float], jobs: int) -> dict[str, float]:
    """Milliseconds of CPU per job each service used between two readings, most first."""
    spent = {name: 1000 * (after[name] - before.get(name, 0.0)) / jobs for name in after}
    return dict(sorted(spent.items(), key=lambda item: -item[1]))


def cpu_by_process_group() -> dict[int, float]:
    groups: dict[int, float] = defaultdict(float)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            # Fields after the command name (which may hold spaces): state is [0], the group [2],
            # utime, stime, cutime, cstime [11:15].
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        groups[int(fields[2])] += sum(int(value) for value in fields[11:15]) / TICKS_PER_SECOND
    return groups
