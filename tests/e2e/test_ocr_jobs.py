"""Scanned pages through the whole stack: OCR in the extract stage with time and metrics of its own, the
`ocr` option on the API (and so on the web page) and the command line."""

import io
from collections.abc import Callable
from pathlib import Path

import httpx
import pdfplumber
import pikepdf

from docrelay_cli.stack import Stack
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.e2e.test_health_and_cli import docrelay
from tests.integration.test_worker_metrics import scrape, value
from tests.support.pdfs import pages_of

Corpus = Callable[[str], Path]


def test_a_scanned_page_in_a_digital_pdf_is_read_translated_and_timed(
    gateway: httpx.Client, stack: Stack, corpus: Corpus, sample_pdf: Path
) -> None:
    metrics = stack.metrics_url("extract")
    before = scrape(metrics)
    scan = corpus("francais-scan.pdf")
    mixed = pages_of((sample_pdf, 0), (scan, 0))
    job = wait_for_job(gateway, submit(gateway, mixed, target_lang="es").json()["id"])
    assert job["status"] == "succeeded", job["error"]
    assert (job["pages_without_text"], job["ocr"]["mode"], job["ocr"]["pages"]) == ([], "auto", [2])
    stages = {stage["stage"]: stage for stage in job["stages"]}
    assert stages["extract"]["ocr_pages"] == 1
    assert 0 < job["ocr"]["seconds"] == stages["extract"]["ocr_seconds"]
    assert all(stages[name]["ocr_seconds"] is None for name in ("translate", "tone", "reconstruct"))
    after = scrape(metrics)
    ocr_runs = "docrelay_stage_duration_seconds_count"
    assert (
        value(after, ocr_runs, stage="ocr", outcome="succeeded")
        - value(before, ocr_runs, stage="ocr", outcome="succeeded")
        == 1
    )
    pages = "docrelay_pages_processed_total"
    assert value(after, pages, stage="ocr") - value(before, pages, stage="ocr") == 1
    result = gateway.get(f"/v1/jobs/{job['id']}/result").content
    with pikepdf.open(io.BytesIO(result)) as out, pikepdf.open(scan) as original:
        # The scan is still the page's background, with the translation drawn over it.
        assert len(out.pages[1].get_images()) == len(original.pages[0].get_images())
        drawn = out.pages[1].resources.XObject
        assert isinstance(drawn, pikepdf.Dictionary)
        assert any(str(name).startswith("/DocrelayText") for name in drawn)
    with pdfplumber.open(io.BytesIO(result)) as pdf:
        scanned_text = pdf.pages[1].extract_text() or ""
    # Read by OCR and translated (as English, the document's language: "blond" is "rubio").
    assert "whisky" in scanned_text.lower() and "rubio" in scanned_text


def test_with_ocr_off_a_scan_fails_and_the_message_says_how_to_read_it(
    gateway: httpx.Client, corpus: Corpus
) -> None:
    job = wait_for_job(
        gateway, submit(gateway, corpus("francais-scan.pdf"), target_lang="es", ocr="off").json()["id"]
    )
    assert (job["status"], job["error"]["code"], job["ocr"]["mode"]) == ("failed", "pdf_no_text", "off")
    assert "ocr=auto" in job["error"]["message"]
    refused = submit(gateway, corpus("francais-scan.pdf"), target_lang="es", ocr="sometimes")
    assert (refused.status_code, refused.json()["error"]["code"]) == (422, "invalid_request")


def test_the_api_describes_the_ocr_field_the_web_page_turns_its_choice_on_with(gateway: httpx.Client) -> None:
    api = gateway.get("/openapi.json").json()
    body = api["paths"]["/v1/jobs"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    form = api["components"]["schemas"][body["$ref"].split("/")[-1]]
    ocr = form["properties"]["ocr"]
    modes = ocr.get("enum") or api["components"]["schemas"][ocr["$ref"].split("/")[-1]]["enum"]
    assert (modes, ocr.get("default")) == (["auto", "off", "force"], "auto")


def test_the_command_line_passes_the_ocr_choice(stack: Stack, corpus: Corpus, tmp_path: Path) -> None:
    scan, output = corpus("francais-scan.pdf"), tmp_path / "out.pdf"
    done = docrelay(
        "translate", str(scan), "--to", "es", "--ocr", "off", "-o", str(output), "--server", stack.gateway_url
    )
    assert done.returncode == 1
    assert "pdf_no_text in stage extract" in done.stderr
