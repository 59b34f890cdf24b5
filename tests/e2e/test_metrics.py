"""Every service's /metrics, scraped before and after real jobs, parsed with prometheus_client's parser;
and Flower, watching the same broker behind basic auth."""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from docrelay_cli.stack import Stack
from docrelay_common.stages import PIPELINE
from tests.e2e.conftest import FLOWER_AUTH, submit
from tests.e2e.helpers import wait_for_job
from tests.integration.test_worker_metrics import Samples, scrape, value

SCRAPED = ("gateway", "status", *(stage.value for stage in PIPELINE))
DURATIONS = "docrelay_stage_duration_seconds_count"
WAITS = "docrelay_stage_queue_wait_seconds_count"


@dataclass
class Run:
    before: dict[str, Samples]
    after: dict[str, Samples]
    pages: int

    def moved(self, service: str, name: str, **labels: str) -> float:
        return value(self.after[service], name, **labels) - value(self.before[service], name, **labels)


@pytest.fixture(scope="module")
def run(stack: Stack, sample_pdf: Path, corpus) -> Iterator[Run]:
    """One job that succeeds and one that fails in extract, between two scrapes of every service."""
    encrypted = corpus("pdfminer-aes-256.pdf")
    before = {name: scrape(stack.metrics_url(name)) for name in SCRAPED}
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as gateway:
        submitted = [submit(gateway, pdf, target_lang="es").json()["id"] for pdf in (sample_pdf, encrypted)]
        good, bad = (wait_for_job(gateway, job_id) for job_id in submitted)
    assert good["status"] == "succeeded", good["error"]
    assert (bad["status"], bad["error"]["code"]) == ("failed", "pdf_encrypted")
    after = {name: scrape(stack.metrics_url(name)) for name in SCRAPED}
    yield Run(before, after, good["pages"])


def test_the_gateway_counts_requests_by_route_but_not_probes(run: Run) -> None:
    posted = {"handler": "/v1/jobs", "method": "POST"}
    assert run.moved("gateway", "http_requests_total", **posted, status="2xx") == 2
    assert run.moved("gateway", "http_request_duration_seconds_count", **posted) == 2
    polled = {"handler": "/v1/jobs/{job_id}", "method": "GET", "status": "2xx"}
    assert run.moved("gateway", "http_requests_total", **polled) >= 2
    counted = [dict(labels) for name, labels in run.after["gateway"] if name == "http_requests_total"]
    assert not {labels["handler"] for labels in counted} & {"/metrics", "/healthz", "/readyz"}


def test_each_worker_reports_its_task_runs_and_queue_waits(run: Run) -> None:
    succeeded = {stage: run.moved(stage, DURATIONS, stage=stage, outcome="succeeded") for stage in PIPELINE}
    assert succeeded == dict.fromkeys(PIPELINE, 1)
    # Both jobs waited in the extract queue; only the good one reached the others.
    waits = {stage: run.moved(stage, WAITS, stage=stage) for stage in PIPELINE}
    assert waits == {"extract": 2, "translate": 1, "tone": 1, "reconstruct": 1}
    assert run.moved("extract", DURATIONS, stage="extract", outcome="failed") == 1
    assert run.moved("extract", "docrelay_stage_failures_total", stage="extract", code="pdf_encrypted") == 1


def test_the_gateway_counts_submitted_jobs_and_upload_sizes(run: Run) -> None:
    assert run.moved("gateway", "docrelay_jobs_submitted_total") == 2
    assert run.moved("gateway", "docrelay_upload_bytes_count") == 2


def test_the_stages_count_pages_and_segments(run: Run) -> None:
    assert run.moved("extract", "docrelay_pages_processed_total", stage="extract") == run.pages
    assert run.moved("translate", "docrelay_segments_processed_total", stage="translate") > 0


def test_the_status_service_reports_jobs_and_live_workers(run: Run) -> None:
    assert run.moved("status", "docrelay_jobs", status="succeeded") == 1
    assert run.moved("status", "docrelay_jobs", status="failed") == 1
    assert all(value(run.after["status"], "docrelay_workers", stage=stage) == 1 for stage in PIPELINE)


def test_flower_watches_the_workers_behind_basic_auth(stack: Stack) -> None:
    workers = f"{stack.flower_url}/api/workers"
    assert httpx.get(workers, timeout=10).status_code == 401
    assert httpx.get(workers, auth=("flower", "wrong"), timeout=10).status_code == 401
    answer = httpx.get(workers, params={"refresh": "1"}, auth=FLOWER_AUTH, timeout=30)
    assert answer.status_code == 200
    assert {name.split("@")[0] for name in answer.json()} >= {stage.value for stage in PIPELINE}
