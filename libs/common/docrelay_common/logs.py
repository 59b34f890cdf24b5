"""One logging setup for every process, so all services log alike.

Every record carries `job_id` (the job being worked on, from `job_context`) and the `trace_id` and
`span_id` of the current OpenTelemetry span, empty when there is none, so a line leads to its trace.
`DOCRELAY_LOG_FORMAT=json` writes one JSON object per line for log collectors; plain text is the default.
"""

import contextvars
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal, TextIO

from opentelemetry import trace
from pythonjsonlogger.json import JsonFormatter

LOG_FORMAT = "%(asctime)s %(levelname)s %(processName)s %(name)s: %(message)s"
# The JSON formatter takes the field names from here; job_id, trace_id and span_id come as extras.
JSON_FIELDS = "%(asctime)s %(levelname)s %(processName)s %(name)s %(message)s"

LogFormat = Literal["text", "json"]

_job_id: contextvars.ContextVar[str] = contextvars.ContextVar("docrelay_job_id", default="")


@contextmanager
def job_context(job_id: str) -> Iterator[None]:
    """Log records made inside carry `job_id`."""
    token = _job_id.set(job_id)
    try:
        yield
    finally:
        _job_id.reset(token)


class ContextFilter(logging.Filter):
    """Adds job_id, trace_id and span_id to each record that passes through the handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        span = trace.get_current_span().get_span_context()
        record.job_id = _job_id.get()
        record.trace_id = format(span.trace_id, "032x") if span.is_valid else ""
        record.span_id = format(span.span_id, "016x") if span.is_valid else ""
        return True


def log_handler(json: bool, stream: TextIO | None = None) -> logging.Handler:
    """A stream handler (stderr by default) writing JSON lines or plain text, with the context fields."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter(JSON_FIELDS) if json else logging.Formatter(LOG_FORMAT))
    handler.addFilter(ContextFilter())
    return handler


def configure_logging(level: str, log_format: LogFormat = "text") -> None:
    """Log to stderr at `level`, as plain text or one JSON object per line (`DOCRELAY_LOG_FORMAT`)."""
    logging.basicConfig(level=level.upper(), handlers=[log_handler(log_format == "json")])
