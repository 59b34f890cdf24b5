"""Pages stored with /Rotate: blocks must come out in the coordinates of the page as displayed.

No corpus PDF has a rotated page (indirect-rotation.pdf's indirect /Rotate values are all 0), so the
test builds one from a real page: the content is turned the other way and /Rotate turns it back,
which makes a page that displays exactly like the original.
"""

from pathlib import Path

import pikepdf
import pytest

from docrelay_common.document import Document
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf

SOURCE = "naacl06-shinyama.pdf"


def counter_rotation(rotation: int, width: float, height: float) -> tuple[str, list[float]]:
    """The cm operator undoing `rotation`, and the MediaBox the turned content needs."""
    return {
        90: (f"0 1 -1 0 {height} 0", [0, 0, height, width]),
        180: (f"-1 0 0 -1 {width} {height}", [0, 0, width, height]),
        270: (f"0 -1 1 0 0 {width}", [0, 0, height, width]),
    }[rotation]


def first_page(source: Path, target: Path, rotation: int) -> Path:
    with pikepdf.open(source) as pdf:
        del pdf.pages[1:]
        page = pdf.pages[0]
        if rotation:
            _, _, width, height = (float(value) for value in page.mediabox)
            matrix, mediabox = counter_rotation(rotation, width, height)
            page.contents_add(f"q {matrix} cm\n".encode(), prepend=True)
            page.contents_add(b"\nQ")
            page.mediabox = pikepdf.Array(mediabox)
            page.obj.Rotate = rotation
        pdf.save(target)
    return target


def extract(source: Path, directory: Path, rotation: int) -> Document:
    single = first_page(source, directory / f"rotated-{rotation}.pdf", rotation)
    normalized = directory / f"normalized-{rotation}.pdf"
    normalized.write_bytes(normalize_pdf(single).pdf)
    return extract_document(normalized)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_page_gives_the_blocks_of_the_page_as_displayed(corpus, tmp_path, rotation):
    (upright,) = extract(corpus(SOURCE), tmp_path, 0).pages
    (rotated,) = extract(corpus(SOURCE), tmp_path, rotation).pages
    assert rotated.rotation == rotation
    assert (rotated.width, rotated.height) == pytest.approx((upright.width, upright.height))
    assert [block.text for block in rotated.blocks] == [block.text for block in upright.blocks]
    for turned, straight in zip(rotated.blocks, upright.blocks, strict=True):
        assert turned.bbox.x0 == pytest.approx(straight.bbox.x0, abs=0.01)
        assert turned.bbox.top == pytest.approx(straight.bbox.top, abs=0.01)
        assert turned.bbox.x1 == pytest.approx(straight.bbox.x1, abs=0.01)
        assert turned.bbox.bottom == pytest.approx(straight.bbox.bottom, abs=0.01)


def test_indirect_rotate_values_are_read(corpus, tmp_path):
    normalized = tmp_path / "indirect-rotation.pdf"
    normalized.write_bytes(normalize_pdf(corpus("indirect-rotation.pdf")).pdf)
    pages = extract_document(normalized).pages
    assert [(page.rotation, page.width, page.height) for page in pages] == [(0, 612, 792)] * 5
