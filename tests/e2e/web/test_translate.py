"""The web page follows a PDF to its translation: stages, progress, download, preview, recent jobs.

Browser tests (`pytest -m browser`); screenshots go to tests/e2e/screenshots/.
"""

import re
from pathlib import Path

import httpx
import pikepdf
import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from docrelay_cli.stack import Stack
from tests.e2e.web.conftest import PAPER, Shots, Translated
from tests.e2e.web.pages import (
    DESKTOP,
    PHONE,
    STAGES,
    card,
    expect_pages_shown,
    job_form_fields,
    opened_page,
)
from tests.support.browser import screenshot, serious_accessibility_violations

pytestmark = pytest.mark.browser

PAPER_PAGES = 8


def test_every_stage_reaches_done_and_the_progress_100(
    translated: Translated, page: Page, stack: Stack, gateway: httpx.Client, shots: Shots
) -> None:
    assert translated.live == "stream"
    for stage in STAGES:
        states = [state for name, state in translated.states if name == stage]
        assert states[-1] == "succeeded", (stage, states)
    assert translated.progress == sorted(translated.progress) and translated.progress[-1] == 100
    # Seen on the way, not only at the end: a stage running, or progress between 0 and 100.
    seen_states = {state for _, state in translated.states}
    assert "running" in seen_states or any(0 < value < 100 for value in translated.progress)
    # Only the fields filled in are sent, and the OCR choice only once the API takes it.
    optional = {"ocr"} & set(job_form_fields(gateway))
    assert sorted(translated.sent_fields) == sorted({"file", "output", "target_lang", "tone", *optional})
    page.goto(f"{stack.gateway_url}/#job={translated.job_id}")
    job_card = card(page, PAPER)
    for stage in STAGES:
        expect(job_card.locator(f".stage[data-stage={stage}] .stage-state")).to_have_text("done")
    expect(job_card.locator("progress")).to_have_js_property("value", 100)
    expect(job_card.locator(".progress-number")).to_have_text("100%")
    expect(job_card.locator(".job-summary")).to_have_text(f"Done: {PAPER_PAGES} pages translated.")
    # The engine, or its path (apertium:en-es) once the translator reports one.
    expect(job_card.locator(".engine-path")).to_have_text(re.compile(r"^Engine: apertium"))
    shots("opened")


def test_download_gives_the_translated_pdf(
    translated: Translated, page: Page, stack: Stack, gateway: httpx.Client, tmp_path: Path
) -> None:
    page.goto(f"{stack.gateway_url}/#job={translated.job_id}")
    with page.expect_download() as download:
        card(page, PAPER).get_by_role("button", name="Download").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "naacl06-shinyama.es.pdf"
    assert saved.read_bytes() == gateway.get(f"/v1/jobs/{translated.job_id}/result").content
    with pikepdf.open(saved) as pdf:
        assert len(pdf.pages) == PAPER_PAGES


def test_the_preview_pages_through_source_and_translation(
    translated: Translated, page: Page, stack: Stack, shots: Shots
) -> None:
    page.goto(f"{stack.gateway_url}/#job={translated.job_id}")
    card(page, PAPER).get_by_role("button", name="Compare pages").click()
    preview = page.locator("#preview")
    expect(page.locator("#preview-heading")).to_be_focused()
    expect_pages_shown(preview, 1, PAPER_PAGES)
    shots("page-1")
    preview.get_by_role("button", name="Next page").click()
    expect_pages_shown(preview, 2, PAPER_PAGES)
    page.keyboard.press("ArrowRight")
    expect_pages_shown(preview, 3, PAPER_PAGES)
    shots("page-3")
    preview.get_by_role("button", name="Previous page").click()
    expect_pages_shown(preview, 2, PAPER_PAGES)
    drawn = stack.config.data_dir / "artifacts" / "jobs" / translated.job_id / "previews"
    wanted = {f"{side}-{number}.png" for side in ("source", "result") for number in (1, 2, 3)}
    assert wanted <= {path.name for path in drawn.iterdir()}


def test_after_a_reload_the_job_is_in_the_recent_list(
    translated: Translated, page: Page, shots: Shots
) -> None:
    page.reload()
    row = page.locator(f"#recent-rows tr[data-job-id='{translated.job_id}']")
    expect(row.locator(".status-word")).to_have_text("Done")
    row.get_by_role("link", name=PAPER).click()
    expect(card(page, PAPER).locator(".job-status")).to_have_text("Done")
    expect(card(page, PAPER).locator(".job-name")).to_be_focused()
    shots("recent")


def test_a_phone_sized_screen_needs_no_horizontal_scroll(
    translated: Translated, browser: Browser, stack: Stack
) -> None:
    with opened_page(browser, f"{stack.gateway_url}/#job={translated.job_id}", PHONE) as page:
        card(page, PAPER).get_by_role("button", name="Compare pages").click()
        expect_pages_shown(page.locator("#preview"), 1, PAPER_PAGES)
        screenshot(page, "phone", "preview")
        scroll_width, view_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= view_width


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_serious_accessibility_violations(
    translated: Translated, browser: Browser, stack: Stack, viewport: ViewportSize
) -> None:
    with opened_page(browser, f"{stack.gateway_url}/#job={translated.job_id}", viewport) as page:
        card(page, PAPER).get_by_role("button", name="Compare pages").click()
        expect_pages_shown(page.locator("#preview"), 1, PAPER_PAGES)
        page.locator("details.more-options summary").click()
        assert serious_accessibility_violations(page) == []
