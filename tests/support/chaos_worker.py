"""A real stage worker whose handler can be slowed down or made to fail, for the lifecycle tests.

    python -m tests.support.chaos_worker <stage> [celery worker flags]

The stage's own handler does the work, through the production wrapper (ledger, retries, dead letters,
forwarding); only these knobs are added, files in the directory CHAOS_DIR, read at each task:
- while `<stage>.hold` exists, the stage waits when it starts if the file is empty, else in the page
  ranges whose labels it lists, so a test can keep a task of each stage running at once for as long as
  it needs, however slow the machine;
- `<stage>.delay` holds seconds to sleep before the stage plans and before each page range, so a test
  can slow the stage down or catch it running (to cancel the job, restart Redis); a test that must
  catch several stages at once holds them instead;
- while `<stage>.fault` exists, the stage raises a transient error: when it starts if the file is empty,
  else in the page ranges whose labels it lists;
- while `<stage>.die` exists, the stage's process ends at once, as a killed or out-of-memory one does,
  at the same points;
- each page range run is logged as a line (its label) in `<stage>.runs`, so a test can count them.
"""

import importlib
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

from docrelay_common.errors import ErrorCode, TransientError
from docrelay_common.messages import PageRange, StageMessage
from docrelay_common.stage import StageContext, StagePlan, StageWork
from docrelay_common.stage_tasks import create_stage_app, run_worker
from docrelay_common.stages import Stage

WORKER_MODULES = {
    Stage.EXTRACT: "docrelay_extractor.worker",
    Stage.TRANSLATE: "docrelay_translator.worker",
    Stage.TONE: "docrelay_toner.worker",
    Stage.RECONSTRUCT: "docrelay_reconstructor.worker",
}


def _knob(stage: Stage, name: str) -> Path:
    return Path(os.environ["CHAOS_DIR"]) / f"{stage.value}.{name}"


def _delay(stage: Stage) -> float:
    try:
        return float(_knob(stage, "delay").read_text())
    except (FileNotFoundError, ValueError):
        return 0.0


def _wait_while_held(stage: Stage, part: PageRange | None = None) -> None:
    """Wait while the stage is held where it is: at its start (`part` None) or in range `part`."""
    while _held_at(stage, part):
        time.sleep(0.1)


def _held_at(stage: Stage, part: PageRange | None) -> bool:
    held = _listed_ranges(stage, "hold")
    if held is None:
        return False
    return held == [] if part is None else part.label in held


def _listed_ranges(stage: Stage, knob: str) -> list[str] | None:
    """None without the knob; else the labels of the ranges it lists, none meaning the whole stage."""
    try:
        return _knob(stage, knob).read_text().split()
    except FileNotFoundError:
        return None


def _die() -> None:
    # No cleanup, no reply: what the pool sees of a process the kernel killed.
    os._exit(137)


def _injected_fault() -> TransientError:
    return TransientError(ErrorCode.ENGINE_ERROR, "injected fault: the engine is down")


def with_chaos(stage: Stage, work: StageWork) -> StageWork:
    """The stage's work, with the knobs checked when the stage starts and before each page range.

    The delay applies to both, so that every stage can be caught running, even one with no range to
    run (the toner for the neutral tone).
    """

    def plan(message: StageMessage, ctx: StageContext) -> StagePlan:
        _wait_while_held(stage)
        time.sleep(_delay(stage))
        if _listed_ranges(stage, "die") == []:
            _die()
        if _listed_ranges(stage, "fault") == []:
            raise _injected_fault()
        return work.plan(message, ctx)

    def run_part(message: StageMessage, part: PageRange, ctx: StageContext) -> None:
        with _knob(stage, "runs").open("a") as runs:
            runs.write(part.label + "\n")
        if part.label in (_listed_ranges(stage, "die") or []):
            _die()
        _wait_while_held(stage, part)
        if part.label in (_listed_ranges(stage, "fault") or []):
            raise _injected_fault()
        time.sleep(_delay(stage))
        work.run_part(message, part, ctx)

    return replace(work, plan=plan, run_part=run_part)


def main(stage_name: str, argv: list[str]) -> None:
    stage = Stage(stage_name)
    work = importlib.import_module(WORKER_MODULES[stage]).work
    run_worker(create_stage_app(stage, with_chaos(stage, work)), stage, argv)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
