"""The web page's files as shipped in the gateway package, and the page-preview mapping of each layout."""

import json
import re
from pathlib import Path

import pytest

from docrelay_common.constants import OutputMode
from docrelay_common.errors import ErrorCode
from docrelay_gateway.api.routes.web import PAGE_DIR
from docrelay_gateway.previews import Side, layout_of, preview_key

PAGE_FILES = sorted(path for path in PAGE_DIR.iterdir() if path.is_file())


def test_every_error_code_has_a_plain_language_message() -> None:
    messages = json.loads((PAGE_DIR / "error-messages.json").read_text())
    assert set(messages) == {code.value for code in ErrorCode}
    assert all(message.strip().endswith(".") for message in messages.values())


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda path: path.name)
def test_nothing_is_loaded_from_another_origin(path: Path) -> None:
    # An XML namespace is a name, not something fetched.
    text = re.sub(r'xmlns="[^"]*"', "", path.read_text())
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", text, re.I), "the page must not use a CDN"


def test_every_file_the_page_refers_to_is_in_the_package() -> None:
    html = (PAGE_DIR / "index.html").read_text()
    referred = set(re.findall(r'(?:src|href)="web/([^"]+)"', html))
    for script in PAGE_DIR.glob("*.js"):
        referred |= set(re.findall(r'from "\./([^"]+)"', script.read_text()))
    referred |= set(re.findall(r'fetch\("web/([^"]+)"\)', (PAGE_DIR / "words.js").read_text()))
    assert {"app.js", "style.css", "error-messages.json", "api.js"} <= referred
    assert {name for name in referred if not (PAGE_DIR / name).is_file()} == set()


def test_the_result_side_maps_each_page_to_its_translation_in_every_layout() -> None:
    source = layout_of("j1", Side.SOURCE, OutputMode.BILINGUAL)
    assert (source.pdf_key, source.stored_index(3), source.right_half) == ("jobs/j1/source.pdf", 2, False)
    result = layout_of("j1", Side.RESULT, OutputMode.TRANSLATED)
    assert (result.pdf_key, result.stored_index(3), result.right_half) == ("jobs/j1/result.pdf", 2, False)
    # Alternating: original 1, translation 1, original 2, ... so translation n is stored page 2n.
    assert layout_of("j1", Side.RESULT, OutputMode.ALTERNATING).stored_index(3) == 5
    bilingual = layout_of("j1", Side.RESULT, OutputMode.BILINGUAL)
    assert (bilingual.stored_index(3), bilingual.right_half) == (2, True)


def test_previews_live_in_the_job_folder() -> None:
    assert preview_key("j1", Side.RESULT, 4) == "jobs/j1/previews/result-4.png"
