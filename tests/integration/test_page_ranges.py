"""A page range of a real PDF written out on its own, and ranges' pages put back into the PDF."""

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange, page_ranges
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.page_ranges import put_pages_back, write_page_range

Corpus = Callable[[str], Path]


@pytest.fixture
def base(corpus: Corpus, tmp_path: Path) -> Path:
    """dmca.pdf as the extractor stores it: 18 pages, normalized."""
    path = tmp_path / "base.pdf"
    path.write_bytes(normalize_pdf(corpus("dmca.pdf")).pdf)
    return path


def page_texts(pdf_path: Path) -> list[str]:
    with pdfplumber.open(pdf_path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def written(base: Path, pages: PageRange, directory: Path) -> Path:
    destination = directory / f"{pages.label}.pdf"
    write_page_range(base, pages, destination)
    return destination


def test_unchanged_ranges_put_back_give_the_source_pages(base: Path, tmp_path: Path) -> None:
    source = page_texts(base)
    ranges = page_ranges(len(source), 5)
    parts = [(pages, written(base, pages, tmp_path)) for pages in ranges]
    assert [page_texts(part) for _, part in parts] == [
        source[pages.first - 1 : pages.last] for pages in ranges
    ]
    result = tmp_path / "result.pdf"
    result.write_bytes(put_pages_back(base, parts))
    assert page_texts(result) == source


def test_a_range_takes_the_drawing_of_its_rewritten_pages(base: Path, tmp_path: Path) -> None:
    source = page_texts(base)
    # Pages 1-5 stand in for a rewrite of pages 6-10: each page of the range shows the part's page.
    stand_in = written(base, PageRange(first=1, last=5), tmp_path)
    result = tmp_path / "result.pdf"
    result.write_bytes(put_pages_back(base, [(PageRange(first=6, last=10), stand_in)]))
    assert page_texts(result) == source[:5] + source[:5] + source[10:]


def test_a_range_beyond_the_last_page_fails_to_render(base: Path, tmp_path: Path) -> None:
    beyond = PageRange(first=16, last=20)
    with pytest.raises(PermanentError) as writing:
        write_page_range(base, beyond, tmp_path / "part.pdf")
    part = written(base, PageRange(first=16, last=18), tmp_path)
    with pytest.raises(PermanentError) as putting_back:
        put_pages_back(base, [(beyond, part)])
    for failure in (writing, putting_back):
        assert failure.value.code == ErrorCode.RENDER_FAILED
        assert failure.value.message == "pages 16-20 asked of a 18-page PDF"


def test_a_part_with_a_wrong_page_count_fails_to_render(base: Path, tmp_path: Path) -> None:
    shorter = written(base, PageRange(first=1, last=4), tmp_path)
    with pytest.raises(PermanentError) as failure:
        put_pages_back(base, [(PageRange(first=1, last=5), shorter)])
    assert failure.value.code == ErrorCode.RENDER_FAILED
    assert failure.value.message == "pages 1-5 came back as 4 pages"
