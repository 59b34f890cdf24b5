"""`docrelay up` keeps its processes running: one that exits is started again, as Compose's
`restart: unless-stopped` and Kubernetes restart a container, and reported with the last lines of its
log; while the stack starts too (a process dying then had failed the whole start). The task it held is
not lost: the broker gives it out again after the visibility timeout (README, Limits). A process that
keeps exiting (a bad setting, a port another program took) is a crash loop: it stops the stack instead
of restarting for ever.
"""

import time
from collections import defaultdict, deque
from collections.abc import Callable

from docrelay_cli.processes import ManagedProcess
from docrelay_cli.stack import Revive, Stack

# More restarts than this of one process within the window are a crash loop.
RESTARTS_ALLOWED = 5
RESTART_WINDOW_SECONDS = 300.0
# How often the processes are looked at.
POLL_SECONDS = 0.5

Report = Callable[[ManagedProcess], None]


class RestartBudget:
    """The recent restarts of each process, and whether one more is allowed."""

    def __init__(
        self,
        allowed: int = RESTARTS_ALLOWED,
        window_seconds: float = RESTART_WINDOW_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._allowed = allowed
        self._window = window_seconds
        self._clock = clock
        self._restarts: defaultdict[str, deque[float]] = defaultdict(deque)

    def spend(self, name: str) -> bool:
        """Count a restart of `name`; False (and nothing counted) when its window is used up."""
        now = self._clock()
        recent = self._restarts[name]
        while recent and now - recent[0] > self._window:
            recent.popleft()
        if len(recent) >= self._allowed:
            return False
        recent.append(now)
        return True


def keep_running(stack: Stack, restarting: Report, budget: RestartBudget | None = None) -> ManagedProcess:
    """Restart every process of the stack that exits, told to `restarting` first; return the first one
    that exits more often than the budget allows (the caller stops the stack)."""
    revive = reviving(stack, restarting, budget)
    while True:
        for dead in stack.dead_processes():
            if not revive(dead):
                return dead
            stack.await_ready(dead.name)
        time.sleep(POLL_SECONDS)


def reviving(stack: Stack, restarting: Report, budget: RestartBudget | None = None) -> Revive:
    """A process that exited is started again (told to `restarting` first) within its budget; for
    Stack.start, which goes on waiting for it, and keep_running."""
    budget = budget or RestartBudget()

    def revive(dead: ManagedProcess) -> bool:
        if not budget.spend(dead.name):
            return False
        restarting(dead)
        # Its pool processes may outlive it in its process group: they go before it starts again.
        stack.stop_process(dead.name)
        dead.start()
        return True

    return revive
