"""One job is one trace: the upload request in the gateway is the ancestor of every stage's run span,
across five processes, as a real OTLP receiver decodes their exports. Logs lead to the same trace."""

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from docrelay_cli.stack import Stack
from docrelay_common.stages import PIPELINE
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.support.otlp_receiver import OtlpReceiver, ReceivedSpan

SERVICES = {"docrelay-gateway", "docrelay-extractor", "docrelay-translator", "docrelay-toner"}
SERVICES |= {"docrelay-reconstructor"}
# Nothing is exported in the set-up probes; the port only has to look like an endpoint.
NOWHERE = "http://127.0.0.1:9"


def run_span(spans: list[ReceivedSpan], job_id: str, stage: str) -> ReceivedSpan | None:
    return next(
        (
            span
            for span in spans
            if span.name == f"run/docrelay.{stage}" and span.attributes.get("job.id") == job_id
        ),
        None,
    )


def upload_span(spans: list[ReceivedSpan], job_id: str) -> ReceivedSpan | None:
    return next(
        (
            span
            for span in spans
            if span.service == "docrelay-gateway"
            and span.name == "POST /v1/jobs"
            and span.attributes.get("job.id") == job_id
        ),
        None,
    )


def ancestry(span: ReceivedSpan, by_id: dict[str, ReceivedSpan]) -> list[str]:
    """The span ids from `span`'s parent up to the root, as far as the received spans link up."""
    chain = []
    while span.parent_span_id in by_id:
        span = by_id[span.parent_span_id]
        chain.append(span.span_id)
    return chain


@pytest.fixture(scope="module")
def traced_job(stack: Stack, otlp: OtlpReceiver, sample_pdf: Path) -> tuple[str, list[ReceivedSpan]]:
    """A job that went through every stage, and the spans received once all of its run spans came."""
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as gateway:
        job_id = submit(gateway, sample_pdf, target_lang="es").json()["id"]
        job = wait_for_job(gateway, job_id)
    assert job["status"] == "succeeded", job["error"]

    def complete(spans: list[ReceivedSpan]) -> bool:
        found = [run_span(spans, job_id, stage) for stage in PIPELINE]
        return upload_span(spans, job_id) is not None and all(found)

    return job_id, otlp.wait_for(complete)


def test_every_stage_continues_the_trace_the_upload_started(
    traced_job: tuple[str, list[ReceivedSpan]],
) -> None:
    job_id, spans = traced_job
    upload = upload_span(spans, job_id)
    assert upload is not None and upload.parent_span_id == ""
    trace = [span for span in spans if span.trace_id == upload.trace_id]
    assert {span.service for span in trace} == SERVICES
    by_id = {span.span_id: span for span in trace}
    earlier = upload
    for stage in PIPELINE:
        run = run_span(trace, job_id, stage)
        assert run is not None, f"the {stage} stage's run span is in another trace"
        assert run.attributes["docrelay.stage"] == stage
        assert run.attributes["messaging.message.id"] == f"{job_id}.{stage}"
        chain = ancestry(run, by_id)
        # Each stage descends from the stage before it, and every link up to the upload was received.
        assert earlier.span_id in chain and chain[-1] == upload.span_id
        earlier = run
    tagged = {span.trace_id for span in spans if span.attributes.get("job.id") == job_id}
    assert tagged == {upload.trace_id}


def test_worker_log_lines_name_the_job_and_its_trace(
    traced_job: tuple[str, list[ReceivedSpan]], stack: Stack
) -> None:
    job_id, spans = traced_job
    for stage in PIPELINE:
        run = run_span(spans, job_id, stage)
        assert run is not None
        lines = stack.process(stage.value).log_path.read_text().splitlines()
        records = [json.loads(line) for line in lines if line.startswith("{")]
        of_job = [record for record in records if record["job_id"] == job_id]
        assert of_job, f"no {stage} log line names job {job_id}"
        assert {(record["trace_id"], record["span_id"]) for record in of_job} == {(run.trace_id, run.span_id)}


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "False ProxyTracerProvider - 0"),
        (
            {"OTEL_EXPORTER_OTLP_ENDPOINT": NOWHERE},
            "True TracerProvider docrelay-test 1",
        ),
        (
            {
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:9/v1/traces",
                "OTEL_SERVICE_NAME": "mine",
            },
            "True TracerProvider mine 1",
        ),
        (
            {"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9", "OTEL_SDK_DISABLED": "true"},
            "False ProxyTracerProvider - 0",
        ),
    ],
)
def test_tracing_is_set_up_only_with_an_endpoint(env: dict[str, str], expected: str) -> None:
    """In a fresh process: the provider, its service name, and how many threads setting it up started."""
    probe = (
        "import threading\n"
        "from opentelemetry import trace\n"
        "from docrelay_common.telemetry import setup_tracing\n"
        "threads = threading.active_count()\n"
        "on = setup_tracing('docrelay-test')\n"
        "provider = trace.get_tracer_provider()\n"
        "name = provider.resource.attributes['service.name'] if on else '-'\n"
        "print(on, type(provider).__name__, name, threading.active_count() - threads)\n"
    )
    clean = {key: value for key, value in os.environ.items() if not key.startswith("OTEL_")}
    done = subprocess.run(
        [sys.executable, "-c", probe], env={**clean, **env}, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected
