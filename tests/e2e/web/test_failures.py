"""The web page when things go wrong: cancelling, refused files, failed jobs, retry, a blocked stream.

Browser tests (`pytest -m browser`); screenshots go to tests/e2e/screenshots/.
"""

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from docrelay_cli.stack import Stack
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.e2e.web.conftest import Shots
from tests.e2e.web.pages import JOB_TIMEOUT_MS, RECORD_STATUS, card, job_id_of, send

pytestmark = pytest.mark.browser

# 113 pages: still running when the test cancels it.
LONG = "R-intro.pdf"


def test_a_long_job_can_be_cancelled(
    page: Page, shots: Shots, gateway: httpx.Client, corpus: Callable[[str], Path]
) -> None:
    send(page, [corpus(LONG)])
    job_card = card(page, LONG)
    expect(job_card.locator(".stage[data-state=running]")).to_have_count(1, timeout=JOB_TIMEOUT_MS)
    shots("running")
    job_card.get_by_role("button", name="Cancel").click()
    expect(job_card).to_have_attribute("data-status", "cancelled")
    expect(job_card.locator(".job-status")).to_have_text("Cancelled")
    expect(job_card.get_by_role("button", name="Cancel")).to_be_hidden()
    shots("cancelled")
    assert gateway.get(f"/v1/jobs/{job_id_of(job_card)}").json()["status"] == "cancelled"


def test_a_non_pdf_and_a_scan_explain_themselves_in_plain_language(
    page: Page, shots: Shots, corpus: Callable[[str], Path]
) -> None:
    scan = corpus("francais-scan.pdf")
    # Read as a scan, it would be translated: with OCR off it has no text.
    page.locator("details.more-options summary").click()
    page.get_by_label("Read scanned pages (OCR)").select_option("off")
    send(
        page,
        [
            {"name": "notes.txt", "mimeType": "text/plain", "buffer": b"Just some notes, not a PDF."},
            {"name": scan.name, "mimeType": "application/pdf", "buffer": scan.read_bytes()},
        ],
    )
    refused = card(page, "notes.txt")
    expect(refused.locator(".error-plain")).to_have_text(
        "This file is not a PDF. Only PDF documents can be translated."
    )
    expect(refused.locator(".error-code")).to_have_text("not_a_pdf")
    scanned = card(page, scan.name)
    expect(scanned).to_have_attribute("data-status", "failed", timeout=JOB_TIMEOUT_MS)
    expect(scanned.locator(".error-plain")).to_contain_text("This PDF has no text to translate")
    expect(scanned.locator(".error-code")).to_have_text("pdf_no_text")
    expect(scanned.locator(".stage[data-stage=extract]")).to_have_attribute("data-state", "failed")
    # Running it again cannot give it text: sending it again with OCR on can.
    expect(scanned.get_by_role("button", name="Retry")).to_be_hidden()
    shots("errors")


def test_retry_runs_a_failed_job_again_and_polling_stands_in_for_a_blocked_stream(
    page: Page, shots: Shots, gateway: httpx.Client, stack: Stack, sample_pdf: Path
) -> None:
    page.route("**/events", lambda route: route.abort())
    job_id = submit(gateway, sample_pdf, target_lang="es", engine="not-installed").json()["id"]
    failed = wait_for_job(gateway, job_id)
    assert failed["error"]["code"] == "engine_unavailable"
    page.goto(f"{stack.gateway_url}/#job={job_id}")
    job_card = page.locator(f"#job-{job_id}")
    expect(job_card.locator(".error-code")).to_have_text("engine_unavailable")
    page.evaluate(RECORD_STATUS, f"job-{job_id}")
    job_card.get_by_role("button", name="Retry").click()
    expect(job_card).to_have_attribute("data-live", "polling", timeout=JOB_TIMEOUT_MS)
    expect(job_card).to_have_attribute("data-status", "failed", timeout=JOB_TIMEOUT_MS)
    shots("failed-again")
    # Queued again, then its translate stage ran once more and failed the same way.
    assert page.evaluate("window.statuses")[0] == "queued"
    again = gateway.get(f"/v1/jobs/{job_id}").json()
    assert again["error"]["code"] == "engine_unavailable"
    assert again["stages"][1]["started_at"] > failed["stages"][1]["started_at"]
