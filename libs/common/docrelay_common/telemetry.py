"""Tracing with OpenTelemetry, and the wiring that makes a worker process observable.

Tracing is configured only by the standard OTEL_* variables and stays off (no provider, no exporter
thread) unless an OTLP endpoint is set. One job is one trace: every publisher injects the trace context
into the Celery message, and each stage's run span continues it.

This module must not import prometheus_client at module level: a worker sets PROMETHEUS_MULTIPROC_DIR
in `observe_worker` first, because prometheus_client settles on multiprocess mode when first imported.
"""

import atexit
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from celery.signals import (
    before_task_publish,
    task_postrun,
    task_prerun,
    worker_process_init,
    worker_process_shutdown,
)
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.celery import CeleryInstrumentor
from opentelemetry.instrumentation.instrumentor import BaseInstrumentor  # type: ignore[attr-defined]
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.util.types import AttributeValue
from pydantic_settings import BaseSettings, SettingsConfigDict

from docrelay_common.logs import job_context

# A message header every publisher sets (Unix time), so a worker can tell how long a task waited.
SENT_AT_HEADER = "docrelay_sent_at"
JOB_ID_ATTRIBUTE = "job.id"
STAGE_ATTRIBUTE = "docrelay.stage"
TASK_ID_ATTRIBUTE = "messaging.message.id"
MULTIPROC_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


class WorkerMetricsSettings(BaseSettings):
    """Where a worker serves /metrics: DOCRELAY_METRICS_HOST and DOCRELAY_METRICS_PORT (0 turns it off)."""

    model_config = SettingsConfigDict(env_prefix="DOCRELAY_", extra="ignore")

    # All interfaces, so Prometheus and probes in other containers reach it; `docrelay up` binds loopback.
    metrics_host: str = "0.0.0.0"
    metrics_port: int = 9100


def tracing_configured() -> bool:
    endpoint = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or os.environ.get(
        "OTEL_EXPORTER_OTLP_ENDPOINT"
    )
    disabled = os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true"
    return bool(endpoint) and not disabled


def setup_tracing(service_name: str) -> bool:
    """Export spans over OTLP/HTTP when an endpoint is configured; False, and nothing installed, otherwise.

    OTEL_SERVICE_NAME, when set, wins over `service_name`.
    """
    if not tracing_configured():
        return False
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return True
    name = os.environ.get("OTEL_SERVICE_NAME") or service_name
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    return True


def set_span_attributes(**attributes: AttributeValue) -> None:
    """Add attributes to the current span; dotted names go as **{"cache.hits": 3}. No-op when not tracing."""
    span = trace.get_current_span()
    if span.is_recording():
        span.set_attributes(attributes)


def observe_publishing(service_name: str) -> bool:
    """For a process that only sends tasks (the gateway): stamp and trace what it publishes.

    Returns whether tracing is on.
    """
    before_task_publish.connect(_stamp_message, weak=False)
    if not setup_tracing(service_name):
        return False
    # After _stamp_message, which must still see the publisher's own span as the current one.
    CeleryInstrumentor().instrument()
    return True


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
    before_task_publish.connect(_stamp_message, weak=False)
    _log_jobs_of_tasks()
    worker_process_init.connect(_tracing_in_pool_process(stage, service_name, instrumentors), weak=False)
    worker_process_shutdown.connect(_flush_spans, weak=False)


def _prepare_metrics_directory(stage: str) -> None:
    """Point prometheus_client at an empty directory shared by this worker's pool processes only."""
    if "prometheus_client" in sys.modules:
        raise RuntimeError("prometheus_client was imported before the worker's metrics directory was set")
    preset = os.environ.get(MULTIPROC_DIR_VARIABLE)
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


def _stamp_message(body: Any = None, headers: dict[str, Any] | None = None, **_: Any) -> None:
    if headers is None:
        return
    headers[SENT_AT_HEADER] = time.time()
    # Celery's message body is (args, kwargs, embed).
    job_id = _job_id_of(body[0] if isinstance(body, list | tuple) and body else ())
    if job_id is not None:
        # The span publishing a job's first message is the upload request: it should name the job too.
        set_span_attributes(**{JOB_ID_ATTRIBUTE: job_id})


def _job_id_of(args: Any) -> str | None:
    payload = args[0] if isinstance(args, list | tuple) and args else None
    job_id = payload.get("job_id") if isinstance(payload, dict) else None
    return str(job_id) if job_id else None


def _log_jobs_of_tasks() -> None:
    """While a task runs, its log records carry the job id of its message."""
    running: dict[str, ExitStack] = {}

    def enter(task_id: str, args: Any = (), **_: Any) -> None:
        job_id = _job_id_of(args)
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


def _tracing_in_pool_process(
    stage: str, service_name: str, instrumentors: tuple[BaseInstrumentor, ...]
) -> Callable[..., None]:
    """Set up tracing in each pool process after the fork: the exporter's thread does not survive one."""

    def set_up(**_: Any) -> None:
        if not setup_tracing(service_name):
            return
        for instrumentor in (CeleryInstrumentor(), RedisInstrumentor(), *instrumentors):
            instrumentor.instrument()
        # Connected after the Celery instrumentation, so the task's run span exists when this runs.
        task_prerun.connect(_tag_run_span(stage), weak=False)

    return set_up


def _tag_run_span(stage: str) -> Callable[..., None]:
    def tag(task_id: str, args: Any = (), **_: Any) -> None:
        attributes: dict[str, AttributeValue] = {STAGE_ATTRIBUTE: stage, TASK_ID_ATTRIBUTE: task_id}
        job_id = _job_id_of(args)
        if job_id is not None:
            attributes[JOB_ID_ATTRIBUTE] = job_id
        set_span_attributes(**attributes)

    return tag


def _flush_spans(**_: Any) -> None:
    # Pool processes end with os._exit, which skips the provider's own exit hook.
    provider = trace.get_tracer_provider()
    if isinstance(provider, TracerProvider):
        provider.shutdown()
