"""Driving the web page: open it, send files, find a job's card, check the preview."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from playwright.sync_api import Browser, Locator, Page, ViewportSize, expect

from tests.support.browser import watch_for_page_errors

DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
JOB_TIMEOUT_MS = 120_000
STAGES = ("extract", "translate", "tone", "reconstruct")

# Records what the job cards show as they change: each stage's state and the progress bar's value.
RECORD_CHANGES = """() => {
  window.seen = { states: [], progress: [] };
  new MutationObserver((records) => {
    for (const { target, attributeName: name } of records) {
      if (name === "data-state") window.seen.states.push([target.dataset.stage, target.dataset.state]);
      if (name === "value" && target.tagName === "PROGRESS") window.seen.progress.push(target.value);
    }
  }).observe(document.getElementById("job-cards"),
             { subtree: true, attributes: true, attributeFilter: ["data-state", "value"] });
}"""
# Records the field names of each form the page sends (the browser does not show multipart bodies).
RECORD_SENT_FIELDS = """() => {
  window.sentFields = [];
  const send = window.fetch;
  window.fetch = (url, options = {}) => {
    if (options.body instanceof FormData) window.sentFields.push([...options.body.keys()]);
    return send(url, options);
  };
}"""
# Records each status one job card takes.
RECORD_STATUS = """(id) => {
  window.statuses = [];
  new MutationObserver(() => window.statuses.push(document.getElementById(id).dataset.status))
    .observe(document.getElementById(id), { attributes: true, attributeFilter: ["data-status"] });
}"""


@contextmanager
def opened_page(browser: Browser, url: str, viewport: ViewportSize = DESKTOP) -> Iterator[Page]:
    """The page in a fresh browser context, loaded; fails if it threw or broke its security policy."""
    context = browser.new_context(viewport=viewport, locale="en-US", accept_downloads=True)
    page = context.new_page()
    problems = watch_for_page_errors(page)
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    yield page
    context.close()
    assert problems == []


def job_form_fields(gateway: httpx.Client) -> list[str]:
    """The form fields POST /v1/jobs takes, as the API's own description lists them."""
    api = gateway.get("/openapi.json").json()
    body = api["paths"]["/v1/jobs"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
    return list(api["components"]["schemas"][body["$ref"].split("/")[-1]]["properties"])


def send(page: Page, files: list[Any], target: str = "es") -> None:
    """Choose the files and the target language, and press Translate."""
    page.set_input_files("#files", files)
    page.get_by_label("Translate into").select_option(target)
    page.get_by_role("button", name="Translate", exact=True).click()


def card(page: Page, filename: str) -> Locator:
    return page.locator(".job-card", has=page.locator(".job-name", has_text=filename))


def job_id_of(job_card: Locator) -> str:
    return str(job_card.get_attribute("id")).removeprefix("job-")


def expect_pages_shown(preview: Locator, number: int, of: int) -> None:
    """Both sides of page `number` are drawn in the preview."""
    expect(preview.locator("#page-position")).to_have_text(f"Page {number} of {of}")
    for frame, what in (("#source-frame", "original"), ("#result-frame", "translation")):
        image = preview.locator(f"{frame} img")
        expect(image).to_have_attribute("alt", f"Page {number} of {of}, {what}", timeout=30_000)
        expect(image).not_to_have_js_property("naturalWidth", 0)
