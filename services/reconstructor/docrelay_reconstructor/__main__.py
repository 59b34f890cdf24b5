import sys

from docrelay_common.stages import Stage
from docrelay_common.worker_observability import observe_worker

# Before the worker module is imported: prometheus_client picks its multiprocess mode at first import.
observe_worker(Stage.RECONSTRUCT, "docrelay-reconstructor")

from docrelay_common.stage_tasks import run_worker  # noqa: E402
from docrelay_reconstructor.worker import app  # noqa: E402

run_worker(app, Stage.RECONSTRUCT, sys.argv[1:])
