"""Child processes in their own sessions, so one signal stops a process and all of its children."""

import contextlib
import os
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ManagedProcess:
    name: str
    argv: list[str]
    env: dict[str, str]
    log_path: Path
    # Sent to the leader alone to ask it to stop; None: SIGTERM to the whole group. Celery workers get
    # SIGQUIT: their cold shutdown ends the pool and puts the unfinished task back in the queue at once,
    # where SIGTERM would wait for the task to finish.
    stop_signal: int | None = None
    popen: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.popen = subprocess.Popen(
                self.argv, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )

    @property
    def pid(self) -> int:
        assert self.popen is not None, f"{self.name} was not started"
        return self.popen.pid

    def exit_code(self) -> int | None:
        return None if self.popen is None else self.popen.poll()

    def signal_group(self, signum: int) -> None:
        if self.popen is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signum)

    def ask_to_stop(self) -> None:
        if self.stop_signal is None:
            self.signal_group(signal.SIGTERM)
        elif self.popen is not None:
            with contextlib.suppress(ProcessLookupError):
                self.popen.send_signal(self.stop_signal)

    def condition(self) -> str:
        """How the process is, for a message saying why it did not start: exited, or its scheduler state and
        the CPU seconds it has had (a process starved of CPU and one blocked on something differ there)."""
        if self.popen is None:
            return "not started"
        if (code := self.popen.poll()) is not None:
            return f"exited with {code}"
        try:
            # The fields after the command's name, which is in brackets and may hold spaces (proc(5)).
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return f"pid {self.pid}"
        cpu_seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return f"pid {self.pid}, state {fields[0]}, {cpu_seconds:.1f} s of CPU"

    def log_tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def stop_all(processes: list[ManagedProcess], grace_seconds: float = 15.0) -> None:
    """Ask every process group to stop, wait for them, SIGKILL whatever is left: no orphans."""
    for process in processes:
        process.ask_to_stop()
    deadline = time.monotonic() + grace_seconds
    for process in processes:
        if process.popen is None:
            continue
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
        # Even after the leader exits, its children (Celery's pool) may linger in the group.
        process.signal_group(signal.SIGKILL)
        process.popen.wait()
