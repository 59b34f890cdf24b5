"""A real stage worker whose handler can be slowed down or made to fail, for the lifecycle tests.

    python -m tests.support.chaos_worker <stage> [celery worker flags]

The stage's own handler does the work, through the production wrapper (ledger, retries, dead letters,
forwarding); only two knobs are added, files in the directory CHAOS_DIR, read at each task:
- `<stage>.delay` holds seconds to sleep before the real work, so a test can catch the stage running
  (to kill its worker, cancel the job, stop a service);
- while `<stage>.fault` exists, the handler raises a transient error.
"""

import importlib
import os
import sys
import time
from pathlib import Path

from docrelay_common.constants import Stage
from docrelay_common.errors import ErrorCode, TransientError
from docrelay_common.messages import StageMessage
from docrelay_common.stage import StageContext, StageHandler, create_stage_app, run_worker

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


def with_chaos(stage: Stage, handler: StageHandler) -> StageHandler:
    def handle(message: StageMessage, ctx: StageContext) -> StageMessage:
        if _knob(stage, "fault").exists():
            raise TransientError(ErrorCode.ENGINE_ERROR, "injected fault: the engine is down")
        time.sleep(_delay(stage))
        return handler(message, ctx)

    return handle


def main(stage_name: str, argv: list[str]) -> None:
    stage = Stage(stage_name)
    handler = importlib.import_module(WORKER_MODULES[stage]).handle
    run_worker(create_stage_app(stage, with_chaos(stage, handler)), stage, argv)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
