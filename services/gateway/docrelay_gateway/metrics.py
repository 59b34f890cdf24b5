"""The gateway's /metrics: HTTP metrics from prometheus-fastapi-instrumentator, plus submitted jobs."""

from fastapi import FastAPI
from prometheus_client import Counter, Histogram
from prometheus_fastapi_instrumentator import Instrumentator

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
    """Measure every request but probes and serve the default registry on /metrics."""
    Instrumentator(excluded_handlers=NOT_MEASURED).instrument(app).expose(app, include_in_schema=False)
