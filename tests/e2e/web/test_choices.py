"""The form's choices: languages from GET /v1/languages when the gateway has it (else GET /v1/engines),
and optional fields such as `ocr` offered only once the API's description lists them.

GET /v1/languages and the `ocr` field are being added by other work; until they land, these tests
answer those two requests in the browser with the shapes that work announced. Browser tests.
"""

import re
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.web.pages import RECORD_SENT_FIELDS, card, job_form_fields, send

pytestmark = pytest.mark.browser

LANGUAGES = {
    "pairs": [
        {"source": "en", "target": "es", "engine": "apertium", "hops": 1},
        {"source": "es", "target": "en", "engine": "apertium", "hops": 1},
        {"source": "fr", "target": "en", "engine": "apertium", "hops": 2},
        {"source": "*", "target": "en-XA", "engine": "pseudo", "hops": 1},
    ],
    "detectable": ["de", "en", "es", "fr"],
}


def options(page: Page, select: str) -> list[str]:
    return list(page.locator(f"{select} option").evaluate_all("(all) => all.map((o) => o.value)"))


def test_without_a_languages_endpoint_the_engines_pairs_are_offered(page: Page) -> None:
    missing = {"error": {"code": "route_not_found", "message": "there is no GET /v1/languages"}}
    page.route("**/v1/languages", lambda route: route.fulfill(status=404, json=missing))
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert {"es", "en", "en-XA", "ar-XB"} <= set(options(page, "#target-lang"))
    assert options(page, "#source-lang")[0] == ""
    assert "apertium" in options(page, "#engine")


def test_the_languages_endpoint_gives_sources_targets_and_bridges(page: Page) -> None:
    page.route("**/v1/languages", lambda route: route.fulfill(json=LANGUAGES))
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    assert options(page, "#source-lang") == ["", "de", "en", "es", "fr"]
    assert options(page, "#target-lang") == ["en", "en-XA", "es"]
    page.get_by_label("Language of the document").select_option("fr")
    assert options(page, "#target-lang") == ["en", "en-XA"]
    expect(page.locator("#target-lang option[value=en]")).to_contain_text("through a bridge language")
    page.get_by_label("Engine").select_option("pseudo")
    assert options(page, "#target-lang") == ["en-XA"]


def test_the_ocr_choice_is_sent_only_once_the_api_takes_it(
    page: Page, gateway: httpx.Client, sample_pdf: Path
) -> None:
    ocr = page.locator("#ocr")
    if "ocr" not in job_form_fields(gateway):
        expect(ocr).to_be_hidden()
        expect(ocr).to_be_disabled()

    def with_ocr_field(route: Route) -> None:
        api = route.fetch().json()
        body = api["paths"]["/v1/jobs"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
        schema = api["components"]["schemas"][body["$ref"].split("/")[-1]]
        schema["properties"]["ocr"] = {"type": "string", "enum": ["auto", "off", "force"]}
        route.fulfill(json=api)

    page.route("**/openapi.json", with_ocr_field)
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    page.locator("details.more-options summary").click()
    page.get_by_label("Read scanned pages (OCR)").select_option("force")
    page.evaluate(RECORD_SENT_FIELDS)
    send(page, [sample_pdf])
    # Today's API ignores a field it does not know (it does not refuse it): that is why the page
    # must not send `ocr` before the API lists it.
    accepted = re.compile("queued|running|succeeded")
    expect(card(page, "sample-en.pdf")).to_have_attribute("data-status", accepted)
    assert "ocr" in page.evaluate("window.sentFields[0]")
