"""Tracing with OpenTelemetry: off (no provider, no exporter thread) unless an OTLP endpoint is set.

Configured only by the standard OTEL_* variables (`TracingSettings`). One job is one trace: every
publisher injects the trace context into the Celery message, and each stage's run span continues it.
"""

import time
from collections.abc import Callable
from typing import Any

from celery.signals import before_task_publish, task_prerun, worker_process_init, worker_process_shutdown
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.celery import CeleryInstrumentor
from opentelemetry.instrumentation.instrumentor import BaseInstrumentor  # type: ignore[attr-defined]
from opentelemetry.instrumentation.redis import RedisInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.util.types import AttributeValue

from docrelay_common.constants import SENT_AT_HEADER
from docrelay_common.settings import TracingSettings

JOB_ID_ATTRIBUTE = "job.id"
STAGE_ATTRIBUTE = "docrelay.stage"
TASK_ID_ATTRIBUTE = "messaging.message.id"


def setup_tracing(service_name: str) -> bool:
    """Export spans over OTLP/HTTP when an endpoint is configured; False, and nothing installed, otherwise.

    OTEL_SERVICE_NAME, when set, wins over `service_name`.
    """
    settings = TracingSettings()
    if not settings.enabled:
        return False
    if isinstance(trace.get_tracer_provider(), TracerProvider):
        return True
    name = settings.otel_service_name or service_name
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
    before_task_publish.connect(stamp_message, weak=False)
    if not setup_tracing(service_name):
        return False
    # After stamp_message, which must still see the publisher's own span as the current one.
    CeleryInstrumentor().instrument()
    return True


def stamp_message(body: Any = None, headers: dict[str, Any] | None = None, **_: Any) -> None:
    if headers is None:
        return
    headers[SENT_AT_HEADER] = time.time()
    # Celery's message body is (args, kwargs, embed).
    job_id = job_id_of(body[0] if isinstance(body, list | tuple) and body else ())
    if job_id is not None:
        # The span publishing a job's first message is the upload request: it should name the job too.
        set_span_attributes(**{JOB_ID_ATTRIBUTE: job_id})


def job_id_of(args: Any) -> str | None:
    payload = args[0] if isinstance(args, list | tuple) and args else None
    job_id = payload.get("job_id") if isinstance(payload, dict) else None
    return str(job_id) if job_id else None


def trace_pool_processes(stage: str, service_name: str, instrumentors: tuple[BaseInstrumentor, ...]) -> None:
    """Set up tracing in each pool process after the fork: the exporter's thread does not survive one."""

    def set_up(**_: Any) -> None:
        if not setup_tracing(service_name):
            return
        for instrumentor in (CeleryInstrumentor(), RedisInstrumentor(), *instrumentors):
            instrumentor.instrument()
        # Connected after the Celery instrumentation, so the task's run span exists when this runs.
        task_prerun.connect(_tag_run_span(stage), weak=False)

    worker_process_init.connect(set_up, weak=False)
    worker_process_shutdown.connect(_flush_spans, weak=False)


def _tag_run_span(stage: str) -> Callable[..., None]:
    def tag(task_id: str, args: Any = (), **_: Any) -> None:
        attributes: dict[str, AttributeValue] = {STAGE_ATTRIBUTE: stage, TASK_ID_ATTRIBUTE: task_id}
        job_id = job_id_of(args)
        if job_id is not None:
            attributes[JOB_ID_ATTRIBUTE] = job_id
        set_span_attributes(**attributes)

    return tag


def _flush_spans(**_: Any) -> None:
    # Pool processes end with os._exit, which skips the provider's own exit hook.
    provider = trace.get_tracer_provider()
    if isinstance(provider, TracerProvider):
        provider.shutdown()
