"""The web page on a gateway with API keys: it asks for the key, keeps it in the tab, sends it as a header.

Browser tests (`pytest -m browser`); screenshots go to tests/e2e/screenshots/.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Request, expect

from docrelay_cli.stack import Stack
from tests.e2e.helpers import second_gateway
from tests.e2e.web.pages import JOB_TIMEOUT_MS, card, expect_pages_shown, job_id_of, opened_page, send
from tests.support.browser import screenshot

pytestmark = pytest.mark.browser

API_KEY = "browser-test-key-0123456789"


@pytest.fixture(scope="module")
def keyed_gateway(stack: Stack) -> Iterator[str]:
    """A second gateway on the same stack (Redis, jobs database, artifacts), with API keys on."""
    with second_gateway(stack, "gateway-keys", {"DOCRELAY_API_KEYS": API_KEY}) as url:
        yield url


def test_the_key_is_asked_for_kept_in_the_tab_and_sent_as_a_header(
    browser: Browser, keyed_gateway: str, sample_pdf: Path
) -> None:
    with opened_page(browser, keyed_gateway + "/") as page:
        expect(page.locator("#key-status")).to_have_text("This server needs an API key.")
        api_requests: list[Request] = []
        page.on("request", lambda request: api_requests.append(request) if "/v1/" in request.url else None)
        page.get_by_label("API key").fill(API_KEY)
        page.get_by_role("button", name="Use key").click()
        expect(page.locator("#recent-message")).to_have_text("No jobs yet.")
        send(page, [sample_pdf])
        job_card = card(page, sample_pdf.name)
        expect(job_card).to_have_attribute("data-status", "succeeded", timeout=JOB_TIMEOUT_MS)
        # The live stream, the page images and every other request carried the key as a header.
        assert job_card.get_attribute("data-live") == "stream"
        job_id = job_id_of(job_card)
        job_card.get_by_role("button", name="Compare pages").click()
        expect_pages_shown(page.locator("#preview"), 1, 1)
        screenshot(page, "api-key", "done")
        assert {request.headers.get("authorization") for request in api_requests} == {f"Bearer {API_KEY}"}
        assert not [request.url for request in api_requests if API_KEY in request.url]
        assert page.evaluate("sessionStorage.getItem('docrelay.apiKey')") == API_KEY
        page.reload()
        page.wait_for_selector("body[data-ready=true]")
        expect(page.get_by_label("API key")).to_have_value(API_KEY)
        expect(page.locator(f"#recent-rows tr[data-job-id='{job_id}']")).to_have_count(1)
