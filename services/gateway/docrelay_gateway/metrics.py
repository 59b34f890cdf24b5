"""The gateway's /metrics: HTTP metrics from prometheus-fastapi-instrumentator, plus submitted jobs."""

import os

from fastapi import FastAPI, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from prometheus_fastapi_instrumentator import Instrumentator

from docrelay_common.metrics_files import multiprocess_registry
from docrelay_common.settings import MULTIPROC_DIR_VARIABLE

JOBS_SUBMITTED = Counter("docrelay_jobs_submitted", "Jobs the gateway accepted and queued")
UPLOAD_BYTES = Histogram(
    "docrelay_upload_bytes",
    "Size of the accepted PDF uploads in bytes",
    buckets=(10e3, 100e3, 500e3, 1e6, 5e6, 10e6, 25e6, 50e6, 100e6),
)
# Probes and scrapes would drown the requests users make (patterns searched in the path or URL).
NOT_MEASURED = ["/metrics$", "/healthz$", "/readyz$"]


def record_submission(size_bytes: int) -> None:
    """Count a job the gateway accepted, with the size of its upload."""
    JOBS_SUBMITTED.inc()
    UPLOAD_BYTES.observe(size_bytes)


def expose_metrics(app: FastAPI) -> None:
    """Measure every request but probes; /metrics serves what this process counted, or with several
    gateway processes what all of them did. The instrumentator's own route is not used: with several
    processes it failed (500) on a file a new process had created but not yet sized, as the workers'
    scrapes did."""
    Instrumentator(excluded_handlers=NOT_MEASURED).instrument(app)

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        registry = multiprocess_registry() if os.environ.get(MULTIPROC_DIR_VARIABLE) else REGISTRY
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
