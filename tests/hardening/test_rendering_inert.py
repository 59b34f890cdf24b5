"""Rendering is inert: text that looks like HTML, CSS or JavaScript is drawn as text and fetches nothing."""

import io

import httpx
import pdfplumber
import pytest

from docrelay_translator.engines.pseudo import accent
from tests.hardening.conftest import Hardened, submit
from tests.hardening.helpers import wait_for_jobs
from tests.support.hostile_pdfs import text_pdf
from tests.support.http_receiver import http_receiver

pytestmark = pytest.mark.hardening


def hostile_lines(listener: str) -> list[str]:
    return [
        f'<img src="{listener}/img.png"> an image tag',
        f'<link rel=stylesheet href="{listener}/style.css">',
        f'<style>@import url("{listener}/import.css");</style>',
        '<div style="background: url(file:///etc/passwd)">x</div>',
        f'<script>fetch("{listener}/script")</script>',
        f"@font-face {{ font-family: X; src: url({listener}/font.woff) }}",
        f'<iframe src="{listener}/frame"></iframe>',
    ]


def squeezed(text: str) -> str:
    return "".join(text.split())


def test_html_css_and_js_in_a_pdf_come_out_as_literal_text(hardened: Hardened, api: httpx.Client) -> None:
    with http_receiver() as listener:
        httpx.get(f"{listener.url}/proof-the-listener-answers")
        lines = hostile_lines(listener.url)
        # Pseudo-localized, so that every line is drawn anew (a line whose translation equals its source
        # stays as the PDF drew it): its letters accented, its markup characters and URLs kept.
        job_id = submit(api, text_pdf(lines), target_lang="en-XA", source_lang="en", engine="pseudo").json()[
            "id"
        ]
        job = wait_for_jobs(api, [job_id], timeout=120)[job_id]
        assert job["status"] == "succeeded", job
        result = api.get(f"/v1/jobs/{job_id}/result")
        fetched = [request.path for request in listener.requests]

    assert fetched == ["/proof-the-listener-answers"], f"the renderer fetched {fetched[1:]}"
    with pdfplumber.open(io.BytesIO(result.content)) as pdf:
        text = squeezed("".join(page.extract_text() or "" for page in pdf.pages))
        fonts = {char["fontname"] for page in pdf.pages for char in page.chars}
    # Drawn anew by WeasyPrint in its own fonts, not the source's Helvetica kept as it was.
    assert fonts and "Helvetica" not in fonts, fonts
    # Markup drawn as text: an unescaped `<îḿĝ šŕç=...>` would have vanished into the HTML as an element.
    for line in lines:
        assert squeezed(accent(line)) in text, line
    assert "root:" not in text
    reconstruct = next(stage for stage in job["stages"] if stage["stage"] == "reconstruct")
    assert reconstruct["state"] == "succeeded"
