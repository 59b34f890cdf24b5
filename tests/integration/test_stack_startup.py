"""How `docrelay up` starts: a process that exits meanwhile is started again within its restart budget,
as after the start; a worker that does not come up in time stops the stack, which says which workers did
not answer and how each process was (a process starved of CPU and one stuck on something differ there)."""

import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from docrelay_cli.processes import ManagedProcess
from docrelay_cli.readiness import NotReady
from docrelay_cli.stack import Stack, StackConfig, stage_worker_command
from docrelay_cli.supervision import RestartBudget, reviving
from docrelay_common.stages import Stage
from tests.e2e.helpers import processes_using


def _extract_never_answers(stage: Stage) -> list[str]:
    # A process that lives but never connects to the broker, as a worker stuck before it is ready.
    return (
        [sys.executable, "-c", "import time; time.sleep(600)"]
        if stage == Stage.EXTRACT
        else stage_worker_command(stage)
    )


def test_a_worker_that_never_answers_is_named_with_the_state_of_every_process(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    config = StackConfig(data_dir, worker_command=_extract_never_answers, startup_timeout=30)
    stack = Stack(config)
    with pytest.raises(NotReady) as failed:
        stack.start()
    said = str(failed.value)
    assert "pipeline workers did not become ready within 30s" in said
    missing = re.search(r"workers not answering: (.*)", said)
    assert missing is not None and "extract" in missing.group(1).split(", "), said
    # Every process with its scheduler state and CPU time, then its last lines.
    assert re.search(r"^extract: pid \d+, state [A-Z], \d+\.\d s of CPU$", said, re.MULTILINE), said
    assert re.search(r"^redis: pid \d+, state [A-Z]", said, re.MULTILINE), said
    assert "--- translate\n" in said
    assert processes_using(data_dir) == [], "the stack stopped what it started"


def _extract_exits(mark: Path | None) -> Callable[[Stage], list[str]]:
    """Stage workers whose extract worker exits with 3 at its first start (once `mark` exists, it starts
    as it should); with no mark, at every start."""
    guard = f"if [ ! -e {mark} ]; then touch {mark}; exit 3; fi; " if mark else "exit 3; "

    def command(stage: Stage) -> list[str]:
        worker = stage_worker_command(stage)
        return ["sh", "-c", guard + 'exec "$@"', "sh", *worker] if stage == Stage.EXTRACT else worker

    return command


def test_a_worker_exiting_while_the_stack_starts_is_started_again(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    stack = Stack(StackConfig(data_dir, worker_command=_extract_exits(tmp_path / "started-once")))
    told: list[tuple[str, int | None]] = []

    def restarting(process: ManagedProcess) -> None:
        told.append((process.name, process.exit_code()))

    try:
        stack.start(revive=reviving(stack, restarting))
        assert told == [("extract", 3)]
        assert stack.dead_processes() == []
    finally:
        stack.stop()
    assert processes_using(data_dir) == []


def test_a_worker_that_keeps_exiting_fails_the_start_once_its_budget_is_spent(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    stack = Stack(StackConfig(data_dir, worker_command=_extract_exits(None)))
    told: list[str] = []

    with pytest.raises(NotReady) as failed:
        stack.start(
            revive=reviving(stack, lambda process: told.append(process.name), RestartBudget(allowed=2))
        )
    assert told == ["extract", "extract"]
    assert "exited while starting" in str(failed.value) and "extract: exited with 3" in str(failed.value)
    assert processes_using(data_dir) == []
