"""One headless Chromium for the browser tests, a fresh page per test, and one job sent through the page."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from docrelay_cli.stack import Stack
from tests.e2e.web.pages import (
    JOB_TIMEOUT_MS,
    RECORD_CHANGES,
    RECORD_SENT_FIELDS,
    card,
    job_id_of,
    opened_page,
    send,
)
from tests.support.browser import chromium, screenshot

# An 8-page English paper: translated in seconds, long enough to page through.
PAPER = "naacl06-shinyama.pdf"

# Playwright's 5 s default is short for a machine whose cores the whole stack shares.
expect.set_options(timeout=15_000)


@dataclass
class Shots:
    """Saves full-page screenshots named after the test and the step."""

    page: Page
    test_name: str

    def __call__(self, step: str) -> None:
        screenshot(self.page, self.test_name, step)


@dataclass
class Translated:
    """The job of the PAPER sent through the page, and what its card showed on the way."""

    job_id: str
    states: list[tuple[str, str]]
    progress: list[float]
    sent_fields: list[str]
    live: str


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser, stack: Stack) -> Iterator[Page]:
    with opened_page(browser, stack.gateway_url + "/") as opened:
        yield opened


@pytest.fixture
def shots(page: Page, request: pytest.FixtureRequest) -> Shots:
    return Shots(page, request.node.name)


@pytest.fixture(scope="package")
def translated(browser: Browser, stack: Stack, corpus: Callable[[str], Path]) -> Translated:
    """The PAPER sent through the page and watched until done; several scenarios look at its job."""
    with opened_page(browser, stack.gateway_url + "/") as page:
        page.evaluate(RECORD_CHANGES)
        page.evaluate(RECORD_SENT_FIELDS)
        send(page, [corpus(PAPER)])
        job_card = card(page, PAPER)
        expect(job_card).to_be_visible()
        screenshot(page, "translate", "sent")
        expect(job_card).to_have_attribute("data-status", "succeeded", timeout=JOB_TIMEOUT_MS)
        screenshot(page, "translate", "done")
        seen = page.evaluate("window.seen")
        return Translated(
            job_id_of(job_card),
            [(stage, state) for stage, state in seen["states"]],
            seen["progress"],
            page.evaluate("window.sentFields[0]"),
            str(job_card.get_attribute("data-live")),
        )
