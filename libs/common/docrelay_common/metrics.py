"""A stage worker's Prometheus metrics: one definition each, safe across the prefork pool.

Import it only through `docrelay_common.worker_observability.observe_worker` in a worker (or after it ran):
prometheus_client must see PROMETHEUS_MULTIPROC_DIR at its first import for the pool processes'
counts to add up. Celery signals record what every task does alike; stage code calls the functions
below for what only it knows (pages, segments, cache lookups, engine requests).
"""

import os
import sys
import time
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from celery.signals import task_failure, task_postrun, task_prerun, task_retry, worker_process_shutdown
from prometheus_client import Counter, Histogram, multiprocess, start_http_server

from docrelay_common.constants import SENT_AT_HEADER
from docrelay_common.errors import DocrelayError, ErrorCode
from docrelay_common.metrics_files import multiprocess_registry
from docrelay_common.stages import PIPELINE

STAGE_DURATION = Histogram(
    "docrelay_stage_duration_seconds",
    "Time a stage task ran, by how it ended",
    ["stage", "outcome"],
    buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800),
)
QUEUE_WAIT = Histogram(
    "docrelay_stage_queue_wait_seconds",
    "Time a stage task waited in its queue after it was published (or became due, for a retry)",
    ["stage"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600),
)
RETRIES = Counter("docrelay_stage_retries", "Stage tasks retried, by error code", ["stage", "code"])
FAILURES = Counter(
    "docrelay_stage_failures", "Stage tasks that failed a job, by error code", ["stage", "code"]
)
PAGES = Counter("docrelay_pages_processed", "Pages a stage processed", ["stage"])
SEGMENTS = Counter("docrelay_segments_processed", "Text segments a stage processed", ["stage"])
CACHE_HITS = Counter(
    "docrelay_translation_cache_hits", "Segments found in the translation memory", ["engine"]
)
CACHE_MISSES = Counter(
    "docrelay_translation_cache_misses", "Segments the translation memory did not have", ["engine"]
)
ENGINE_REQUEST = Histogram(
    "docrelay_engine_request_seconds",
    "Time one request to a translation engine took",
    ["engine"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)

# The `stage` label of the extract stage's OCR time and pages (the extract series include them).
OCR_STAGE = "ocr"
PIPELINE_STAGES = frozenset(stage.value for stage in PIPELINE)
# Celery task states after a run, as the `outcome` label names them.
OUTCOMES = {"SUCCESS": "succeeded", "FAILURE": "failed", "RETRY": "retried"}


def count_pages(stage: str, pages: int) -> None:
    PAGES.labels(stage).inc(pages)


def count_segments(stage: str, segments: int) -> None:
    SEGMENTS.labels(stage).inc(segments)


def record_cache_lookup(engine: str, hits: int, misses: int) -> None:
    CACHE_HITS.labels(engine).inc(hits)
    CACHE_MISSES.labels(engine).inc(misses)


def observe_engine_request(engine: str, seconds: float) -> None:
    ENGINE_REQUEST.labels(engine).observe(seconds)


def observe_ocr(seconds: float, pages: int) -> None:
    """OCR's share of one extract task, as a stage of its own: stage="ocr" beside the stages' series."""
    STAGE_DURATION.labels(OCR_STAGE, OUTCOMES["SUCCESS"]).observe(seconds)
    PAGES.labels(OCR_STAGE).inc(pages)


def serve_worker_metrics(host: str, port: int) -> None:
    """Serve what all of this worker's processes counted on http://host:port/metrics; port 0: nowhere."""
    if port == 0:
        return
    try:
        start_http_server(port, host, multiprocess_registry())
    except OSError as exc:
        raise SystemExit(
            f"cannot serve worker metrics on {host}:{port} ({exc.strerror}); "
            "set DOCRELAY_METRICS_PORT to a free port, or to 0 to turn worker metrics off"
        ) from exc


def start_at_zero(stage: str) -> None:
    """Every series of `stage` at zero from start-up, so dashboards and alerts work before its first task.

    Failures and retries start with the codes any stage can end with; others appear when they happen.
    """
    for outcome in OUTCOMES.values():
        STAGE_DURATION.labels(stage, outcome)
    QUEUE_WAIT.labels(stage)
    for code in (ErrorCode.INTERNAL_ERROR, ErrorCode.STAGE_TIMEOUT, ErrorCode.MEMORY_LIMIT_EXCEEDED):
        RETRIES.labels(stage, code.value)
        FAILURES.labels(stage, code.value)
    if stage in PIPELINE_STAGES:
        PAGES.labels(stage)
        SEGMENTS.labels(stage)


def engines_start_at_zero(engines: Iterable[str]) -> None:
    """The translation-memory and request series of each engine, at zero from start-up."""
    for engine in engines:
        CACHE_HITS.labels(engine)
        CACHE_MISSES.labels(engine)
        ENGINE_REQUEST.labels(engine)


def record_stage_tasks(stage: str) -> None:
    """Record duration, queue wait, retries and failures of every task this process's pool runs."""
    start_at_zero(stage)
    started: dict[str, float] = {}

    def prerun(task_id: str, task: Any, **_: Any) -> None:
        started[task_id] = time.monotonic()
        waited = queue_wait(task.request)
        if waited is not None:
            QUEUE_WAIT.labels(stage).observe(waited)

    def postrun(task_id: str, state: str | None = None, **_: Any) -> None:
        began = started.pop(task_id, None)
        outcome = OUTCOMES.get(state or "")
        if began is not None and outcome is not None:
            STAGE_DURATION.labels(stage, outcome).observe(time.monotonic() - began)

    def retry(reason: BaseException | None = None, **_: Any) -> None:
        # `reason` is Celery's Retry, raised while the task handled the failure that made it retry.
        RETRIES.labels(stage, error_code(reason.__context__ if reason else None)).inc()

    def failure(exception: BaseException | None = None, **_: Any) -> None:
        # Celery passes a picklable stand-in (DocrelayError is not picklable) but sends the signal while
        # still handling the task's own exception.
        FAILURES.labels(stage, error_code(sys.exc_info()[1] or exception)).inc()

    task_prerun.connect(prerun, weak=False)
    task_postrun.connect(postrun, weak=False)
    task_retry.connect(retry, weak=False)
    task_failure.connect(failure, weak=False)
    worker_process_shutdown.connect(_forget_process, weak=False)


def queue_wait(request: Any) -> float | None:
    """Seconds since the message was published, or since it became due when it had an ETA (a retry)."""
    sent_at = getattr(request, SENT_AT_HEADER, None)
    if sent_at is None:
        return None
    due = float(sent_at)
    eta = getattr(request, "eta", None)
    if eta:
        due = max(due, datetime.fromisoformat(str(eta)).timestamp())
    return max(0.0, time.time() - due)


def error_code(exception: object) -> str:
    return exception.code.value if isinstance(exception, DocrelayError) else ErrorCode.INTERNAL_ERROR.value


def _forget_process(pid: int | None = None, **_: Any) -> None:
    # Live gauges of an exited pool process must not be reported any more.
    multiprocess.mark_process_dead(pid or os.getpid())
