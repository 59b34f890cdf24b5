import sys

from docrelay_common.stages import Stage
from docrelay_common.worker_observability import observe_worker

# Before the worker module is imported: prometheus_client picks its multiprocess mode at first import.
observe_worker(Stage.TONE, "docrelay-toner")

from docrelay_common.stage_tasks import run_worker  # noqa: E402
from docrelay_toner.worker import app  # noqa: E402

run_worker(app, Stage.TONE, sys.argv[1:])
