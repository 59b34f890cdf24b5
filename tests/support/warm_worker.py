"""A real stage worker whose warm-up and task say which process they ran in, for the warm-up tests.

    WARM_DIR=<dir> python -m tests.support.warm_worker [celery worker flags]

The tone stage's app, made by the production `create_stage_app`, with a warm-up that remembers the
process it ran in (or raises, while `<dir>/fail` exists) and a plan that writes `<dir>/task.json`: the
task's process, the process the warm-up ran in as that task process sees it, and how many objects the
garbage collector had frozen there.
"""

import gc
import json
import os
import sys
from pathlib import Path

from docrelay_common.messages import StageMessage
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app, run_worker
from docrelay_common.stages import Stage

_WARMED_IN: dict[str, int] = {}


def _directory() -> Path:
    return Path(os.environ["WARM_DIR"])


def warm_up() -> None:
    if (_directory() / "fail").exists():
        raise RuntimeError("the warm-up failed, as the test asked")
    _WARMED_IN["pid"] = os.getpid()


def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
    seen = {"task_pid": os.getpid(), "warmed_in": _WARMED_IN.get("pid"), "frozen": gc.get_freeze_count()}
    # Written aside and renamed: the test polls for the file and must never read it half written.
    written = _directory() / "task.json.part"
    written.write_text(json.dumps(seen))
    written.replace(_directory() / "task.json")
    return StagePlan(message, [])


def _run_part(*_: object) -> None:
    raise AssertionError("the plan has no parts")


work = StageWork(run_part=_run_part, plan=plan, warm_up=warm_up)

if __name__ == "__main__":
    run_worker(create_stage_app(Stage.TONE, work), Stage.TONE, sys.argv[1:])
