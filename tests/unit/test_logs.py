"""Log records carry the job and the trace they belong to, in JSON or plain text."""

import io
import json
import logging
from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace import TracerProvider

from docrelay_common.logs import job_context, log_handler
from docrelay_common.settings import CommonSettings


@pytest.fixture
def logger() -> Iterator[logging.Logger]:
    logger = logging.getLogger("tests.unit.test_logs")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    yield logger
    logger.handlers.clear()


def log_lines(logger: logging.Logger, json: bool, message: str) -> list[str]:
    stream = io.StringIO()
    logger.handlers = [log_handler(json, stream)]
    logger.info(message, "j-1")
    return stream.getvalue().splitlines()


def test_a_json_line_names_the_job_and_the_current_span(logger: logging.Logger) -> None:
    tracer = TracerProvider().get_tracer(__name__)
    with tracer.start_as_current_span("run") as span, job_context("j-1"):
        (line,) = log_lines(logger, True, "job %s: translated")
    record = json.loads(line)
    context = span.get_span_context()
    assert record["message"] == "job j-1: translated"
    assert record["levelname"] == "INFO"
    assert record["name"] == "tests.unit.test_logs"
    assert record["job_id"] == "j-1"
    assert record["trace_id"] == f"{context.trace_id:032x}"
    assert record["span_id"] == f"{context.span_id:016x}"


def test_outside_a_job_and_a_span_the_fields_are_empty(logger: logging.Logger) -> None:
    (line,) = log_lines(logger, True, "started %s")
    record = json.loads(line)
    assert (record["job_id"], record["trace_id"], record["span_id"]) == ("", "", "")


def test_a_job_context_ends_with_its_block_and_restores_the_outer_one(logger: logging.Logger) -> None:
    with job_context("outer"):
        with job_context("inner"):
            inner = json.loads(log_lines(logger, True, "%s")[0])
        outer = json.loads(log_lines(logger, True, "%s")[0])
    after = json.loads(log_lines(logger, True, "%s")[0])
    assert [inner["job_id"], outer["job_id"], after["job_id"]] == ["inner", "outer", ""]


def test_plain_text_stays_the_readable_default(
    logger: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DOCRELAY_LOG_FORMAT", raising=False)
    assert CommonSettings().log_format == "text"
    with job_context("j-1"):
        (line,) = log_lines(logger, False, "job %s: done")
    assert line.endswith("INFO MainProcess tests.unit.test_logs: job j-1: done")
    monkeypatch.setenv("DOCRELAY_LOG_FORMAT", "JSON")
    assert CommonSettings().log_format == "json"
