"""Password-protected uploads, pages without text and the bilingual outputs, through the whole stack."""

import io
from collections.abc import Callable
from pathlib import Path

import httpx
import pdfplumber
import pikepdf
import pytest

from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.support.pdfs import pages_of

Corpus = Callable[[str], Path]


def result_of(gateway: httpx.Client, response: httpx.Response) -> tuple[dict, bytes]:
    assert response.status_code == 202, response.text
    job = wait_for_job(gateway, response.json()["id"])
    assert job["status"] == "succeeded", job
    return job, gateway.get(f"/v1/jobs/{job['id']}/result").content


def test_a_protected_pdf_translates_with_its_password(gateway: httpx.Client, corpus: Corpus) -> None:
    source = corpus("crazyones-encrypted-256.pdf")
    job, result = result_of(gateway, submit(gateway, source, target_lang="es", password="password"))
    assert (job["source_lang"], job["pages"], job["pages_without_text"]) == ("en", 1, [])
    with pdfplumber.open(io.BytesIO(result)) as out, pikepdf.open(source, password="password") as src:
        assert len(out.pages) == len(src.pages)
        assert "locos" in (out.pages[0].extract_text() or "").lower()


def test_a_wrong_password_is_refused_at_upload(gateway: httpx.Client, corpus: Corpus) -> None:
    response = submit(gateway, corpus("pdfminer-aes-256.pdf"), target_lang="en-XA", password="bar")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "pdf_password_incorrect"


def test_without_its_password_a_protected_pdf_fails_and_says_how_to_send_one(
    gateway: httpx.Client, corpus: Corpus
) -> None:
    response = submit(gateway, corpus("crazyones-encrypted-256.pdf"), target_lang="es")
    job = wait_for_job(gateway, response.json()["id"])
    assert (job["status"], job["error"]["code"], job["error"]["stage"]) == (
        "failed",
        "pdf_encrypted",
        "extract",
    )
    assert "`password`" in job["error"]["message"]


def test_without_ocr_a_page_without_text_is_kept_and_reported(gateway: httpx.Client, corpus: Corpus) -> None:
    scan, paper = corpus("francais-scan.pdf"), corpus("naacl06-shinyama.pdf")
    mixed = pages_of((paper, 0), (scan, 0), (paper, 1))
    job, result = result_of(gateway, submit(gateway, mixed, target_lang="es", ocr="off"))
    assert (job["pages"], job["pages_without_text"]) == (3, [2])
    with pikepdf.open(io.BytesIO(result)) as out, pikepdf.open(scan) as original:
        assert len(out.pages) == 3
        kept, scanned = out.pages[1], original.pages[0]
        assert kept.obj.Contents.read_bytes() == scanned.obj.Contents.read_bytes()


@pytest.mark.parametrize(("output", "pages", "width_factor"), [("bilingual", 1, 2), ("alternating", 2, 1)])
def test_the_original_comes_back_with_its_translation(
    gateway: httpx.Client, sample_pdf: Path, output: str, pages: int, width_factor: int
) -> None:
    job, result = result_of(gateway, submit(gateway, sample_pdf, target_lang="es", output=output))
    assert job["output"] == output
    with pdfplumber.open(sample_pdf) as src, pdfplumber.open(io.BytesIO(result)) as out:
        assert len(src.pages) == 1 and len(out.pages) == pages
        assert [page.width for page in out.pages] == [width_factor * src.pages[0].width] * pages
        text = " ".join(page.extract_text() or "" for page in out.pages).lower()
    assert "library" in text and "biblioteca" in text
