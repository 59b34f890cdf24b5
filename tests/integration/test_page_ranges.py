"""A page range of a real PDF written out on its own, and ranges' pages put back into the PDF."""

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import PageRange, page_ranges
from docrelay_extractor.normalize import normalize_pdf
from docrelay_extractor.ranges import range_pdfs
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


@pytest.mark.parametrize("name", ["R-intro.pdf", "libreoffice-form.pdf"])
def test_ranges_cut_once_and_put_back_keep_outlines_links_and_forms(
    name: str, corpus: Corpus, tmp_path: Path
) -> None:
    base = tmp_path / "base.pdf"
    base.write_bytes(normalize_pdf(corpus(name)).pdf)
    with pikepdf.open(base) as pdf:
        ranges = page_ranges(len(pdf.pages), 25)
    parts = []
    for part, cut in range_pdfs(base, ranges):
        parts.append((part, tmp_path / f"{part.label}.pdf"))
        parts[-1][1].write_bytes(cut)
    result = tmp_path / "result.pdf"
    result.write_bytes(put_pages_back(base, parts))
    with pikepdf.open(base) as before, pikepdf.open(result) as after:
        assert _drawings(after) == _drawings(before)
        assert _outline(after) == _outline(before)
        assert _links(after) == _links(before)
        assert _form_fields(after) == _form_fields(before)
        # Not vacuous: R-intro has an outline and links to its pages, libreoffice-form its fields.
        kept = (len(_outline(before)), sum(map(len, _links(before))), len(_form_fields(before)))
    assert kept[0] > 10 and kept[1] > 100 if name == "R-intro.pdf" else kept[2] >= 5


def _drawings(pdf: pikepdf.Pdf) -> list[bytes]:
    return [
        page.obj.Contents.read_bytes()
        if isinstance(page.obj.Contents, pikepdf.Stream)
        else b"".join(stream.read_bytes() for stream in page.obj.Contents)
        for page in pdf.pages
    ]


def _page_numbers(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}


def _target(pdf: pikepdf.Pdf, destination: object) -> object:
    """The page number a destination array points at, or the destination as it is (a name)."""
    if (
        isinstance(destination, pikepdf.Array)
        and len(destination)
        and isinstance(destination[0], pikepdf.Dictionary)
    ):
        return _page_numbers(pdf).get(destination[0].objgen)
    return str(destination)


def _outline(pdf: pikepdf.Pdf) -> list[tuple[str, object]]:
    with pdf.open_outline() as outline:
        items = list(outline.root)
        found = []
        while items:
            item = items.pop(0)
            found.append(
                (item.title, _target(pdf, item.destination) if item.destination is not None else None)
            )
            items = list(item.children) + items
        return found


def _links(pdf: pikepdf.Pdf) -> list[list[object]]:
    """Per page, where each link annotation leads (a page number, a named destination or a URI)."""
    pages = []
    for page in pdf.pages:
        targets = []
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if "/Dest" in annotation:
                targets.append(_target(pdf, annotation.Dest))
            elif action is not None and "/D" in action:
                targets.append(_target(pdf, action.D))
            elif action is not None:
                targets.append(str(action.get("/URI")))
        pages.append(targets)
    return pages


def _form_fields(pdf: pikepdf.Pdf) -> list[str]:
    form = pdf.Root.get("/AcroForm")
    return [str(field.get("/T")) for field in form.Fields] if form is not None else []
