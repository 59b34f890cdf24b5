"""How a stage worker's process starts: below the API's CPU priority, with a pool sized to its work."""

import errno
import os
import time
from collections.abc import Sequence
from pathlib import Path

from docrelay_common.settings import CommonSettings

# Linux's automatic process groups (CONFIG_SCHED_AUTOGROUP, on in Debian's and most distributions'
# kernels): the scheduler first shares the CPU equally among sessions, and a process's niceness only
# weighs it against processes of its own session. `docrelay up` starts every service in a session of its
# own, so a worker's niceness alone would not yield a moment of CPU to the gateway; the niceness of its
# session's group does.
SESSION_GROUP = Path("/proc/self/autogroup")
# Without CAP_SYS_ADMIN, the kernel takes one such change in 100 ms machine-wide and refuses others
# with EAGAIN: workers starting together take turns.
SESSION_GROUP_TRIES = 30
SESSION_GROUP_RETRY_SECONDS = 0.1


def lower_priority(niceness: int) -> None:
    """Lower this process's CPU priority to `niceness` (never raise it), its children's with it.

    A process that leads its own session lowers the session's scheduling group too. One that shares its
    session (a worker started from a terminal) leaves the group alone: it would slow the terminal's other
    processes, and within one session its niceness works already.
    """
    current = os.getpriority(os.PRIO_PROCESS, 0)
    os.setpriority(os.PRIO_PROCESS, 0, max(current, niceness))
    if os.getsid(0) == os.getpid():
        lower_session_group(niceness)


def session_group_niceness(pid: int | None = None) -> int | None:
    """The niceness of the session group of process `pid` (this one by default); None where the kernel
    has no such groups, or for a process in no session's group (one whose session began at boot, as in
    a container whose first process never started a session: the kernel shows an empty file)."""
    path = SESSION_GROUP if pid is None else Path(f"/proc/{pid}/autogroup")
    try:
        # "/autogroup-123 nice 10"
        return int(path.read_text().split()[-1])
    except (OSError, ValueError, IndexError):
        return None


def lower_session_group(niceness: int) -> None:
    current = session_group_niceness()
    if current is None or current >= niceness:
        return
    for _ in range(SESSION_GROUP_TRIES):
        try:
            SESSION_GROUP.write_text(str(niceness))
            return
        except OSError as exc:
            if exc.errno != errno.EAGAIN:
                # Not writable here (a restricted /proc): only the process's own niceness applies.
                return
        time.sleep(SESSION_GROUP_RETRY_SECONDS)


def pool_flags(argv: Sequence[str], settings: CommonSettings) -> list[str]:
    """Celery's `--autoscale=max,min` from the settings, unless `argv` sizes the pool itself."""
    if any(arg.startswith(("--concurrency", "--autoscale", "-c")) for arg in argv):
        return []
    fewest = settings.worker_min_processes
    most = settings.worker_max_processes or len(os.sched_getaffinity(0))
    return [f"--autoscale={max(most, fewest)},{fewest}"]
