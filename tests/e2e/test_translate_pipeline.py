"""A real PDF goes in over HTTP and comes back translated, through every stage as a real process."""

import io
import re
from pathlib import Path

import httpx
import pdfplumber
import pytest

from docrelay_cli.stack import Stack
from docrelay_common.document import Document
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.support.pdfs import pages_of

SPANISH_MARKERS = {"el", "la", "los", "las", "del", "que", "una", "para", "con", "por", "es", "y", "se", "su"}
POSITION_TOLERANCE = 4.0


def words_of(pdf_bytes: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [w.lower() for page in pdf.pages for w in re.findall(r"[^\W\d_]+", page.extract_text() or "")]


def translate(gateway: httpx.Client, pdf: Path, **fields: str) -> tuple[dict, bytes]:
    response = submit(gateway, pdf, name=pdf.name, **fields)
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/v1/jobs/{response.json()['id']}"
    assert response.json()["status"] == "queued"
    job = wait_for_job(gateway, response.json()["id"])
    assert job["status"] == "succeeded", job
    result = gateway.get(f"/v1/jobs/{job['id']}/result")
    assert result.status_code == 200
    assert result.headers["content-type"] == "application/pdf"
    return job, result.content


def share_of_blocks_in_place(document: Document, result: bytes) -> float:
    """Share of translated blocks whose first rendered word starts within a few points of the block."""
    placed = total = 0
    with pdfplumber.open(io.BytesIO(result)) as pdf:
        for page, source_page in zip(pdf.pages, document.pages, strict=True):
            words = page.extract_words()
            for block in source_page.blocks:
                if not block.text.strip():
                    continue
                total += 1
                placed += any(
                    abs(w["x0"] - block.bbox.x0) <= POSITION_TOLERANCE
                    and abs(w["top"] - block.bbox.top) <= POSITION_TOLERANCE
                    for w in words
                )
    return placed / total


# The paper whole (8 pages), the manual's first 10 of 26 pages: its other pages add time, not layouts.
@pytest.mark.parametrize(("name", "pages"), [("naacl06-shinyama.pdf", 8), ("camlidl-manual.pdf", 10)])
def test_english_corpus_pdf_comes_back_in_spanish_with_its_layout(
    gateway: httpx.Client, stack: Stack, corpus, tmp_path: Path, name: str, pages: int
) -> None:
    source = tmp_path / name
    source.write_bytes(pages_of(*[(corpus(name), index) for index in range(pages)]))
    job, result = translate(gateway, source, target_lang="es")
    assert (job["source_lang"], job["target_lang"], job["engine"]) == ("en", "es", "apertium")
    assert job["progress"] == 100 and job["error"] is None
    with pdfplumber.open(source) as src, pdfplumber.open(io.BytesIO(result)) as out:
        assert len(out.pages) == len(src.pages) == job["pages"]
        assert [(round(p.width), round(p.height)) for p in out.pages] == [
            (round(p.width), round(p.height)) for p in src.pages
        ]
    source_words, result_words = words_of(source.read_bytes()), words_of(result)
    new_spanish = {w for w in SPANISH_MARKERS - set(source_words) if w in result_words}
    assert len(new_spanish) >= 4, new_spanish
    assert result_words.count("the") < 0.1 * source_words.count("the")
    # Neutral tone hands the translated document straight to the reconstructor.
    ranges = sorted((stack.config.data_dir / "artifacts" / "jobs" / job["id"] / "translated").glob("*.json"))
    translated = Document(
        pages=[page for path in ranges for page in Document.model_validate_json(path.read_text()).pages]
    )
    assert share_of_blocks_in_place(translated, result) >= 0.8


def test_bundled_sample_translates_with_formal_tone(gateway: httpx.Client, sample_pdf: Path) -> None:
    job, result = translate(gateway, sample_pdf, target_lang="es", source_lang="en", tone="formal")
    assert job["tone"] == "formal"
    assert "biblioteca" in words_of(result)


def test_progress_only_moves_forward(gateway: httpx.Client, sample_pdf: Path) -> None:
    job, _ = translate(gateway, sample_pdf, target_lang="es")
    seen = job["_seen_progress"]
    assert seen == sorted(seen) and seen[-1] == 100
