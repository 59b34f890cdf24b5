"""When a worker of `docrelay up` does not come up in time, the stack stops and says which workers did not
answer and how each process was: a process starved of CPU and one stuck on something differ there."""

import re
import sys
from pathlib import Path

import pytest

from docrelay_cli.readiness import NotReady
from docrelay_cli.stack import Stack, StackConfig, stage_worker_command
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
