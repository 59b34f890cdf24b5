"""What makes a stage (or maintenance) worker observable: its /metrics, traces and job-tagged logs.

This module must not import prometheus_client at module level: `observe_worker` sets
PROMETHEUS_MULTIPROC_DIR first, because prometheus_client settles on multiprocess mode when first imported.
"""

import atexit
import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from celery.signals import before_task_publish, task_postrun, task_prerun
from opentelemetry.instrumentation.instrumentor import BaseInstrumentor  # type: ignore[attr-defined]

from docrelay_common.logs import job_context
from docrelay_common.settings import MULTIPROC_DIR_VARIABLE, WorkerMetricsSettings
from docrelay_common.telemetry import job_id_of, stamp_message, trace_pool_processes


def observe_worker(stage: str, service_name: str, *instrumentors: BaseInstrumentor) -> None:
    """Metrics, traces and job-tagged logs for a stage worker; call before importing its Celery app.

    `instrumentors` are extra OpenTelemetry instrumentations the worker's own code needs (httpx).
    """
    stage = str(stage)  # a Stage member would reach span attributes as an enum
    _prepare_metrics_directory(stage)
    from docrelay_common import metrics  # only now: see the module docstring

    settings = WorkerMetricsSettings()
    metrics.serve_worker_metrics(settings.metrics_host, settings.metrics_port)
    metrics.record_stage_tasks(stage)
    before_task_publish.connect(stamp_message, weak=False)
    _log_jobs_of_tasks()
    trace_pool_processes(stage, service_name, instrumentors)


def _prepare_metrics_directory(stage: str) -> None:
    """Point prometheus_client at an empty directory shared by this worker's pool processes only."""
    if "prometheus_client" in sys.modules:
        raise RuntimeError("prometheus_client was imported before the worker's metrics directory was set")
    preset = WorkerMetricsSettings().prometheus_multiproc_dir
    if preset:
        directory = Path(preset)
    else:
        directory = Path(tempfile.gettempdir()) / f"docrelay-metrics-{stage}-{os.getpid()}"
        _remove_at_exit(directory)
    directory.mkdir(parents=True, exist_ok=True)
    # Files of an earlier run would add their counts to this one's.
    for leftover in directory.glob("*.db"):
        leftover.unlink()
    os.environ[MULTIPROC_DIR_VARIABLE] = str(directory)


def _remove_at_exit(directory: Path) -> None:
    owner = os.getpid()

    def remove() -> None:
        # Pool processes inherit this hook; only the worker's main process may remove the directory.
        if os.getpid() == owner:
            shutil.rmtree(directory, ignore_errors=True)

    atexit.register(remove)


def _log_jobs_of_tasks() -> None:
    """While a task runs, its log records carry the job id of its message."""
    running: dict[str, ExitStack] = {}

    def enter(task_id: str, args: Any = (), **_: Any) -> None:
        job_id = job_id_of(args)
        if job_id is not None:
            scope = ExitStack()
            scope.enter_context(job_context(job_id))
            running[task_id] = scope

    def leave(task_id: str, **_: Any) -> None:
        scope = running.pop(task_id, None)
        if scope is not None:
            scope.close()

    task_prerun.connect(enter, weak=False)
    task_postrun.connect(leave, weak=False)
