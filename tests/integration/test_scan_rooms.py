"""On a scanned page with a text layer, a longer translation grows into the scan's paper around its block,
as on any other page, and never over what the scan shows there besides its text (a stamp, a signature).
Checked on the corpus's letter whose every page is a scan under its text, its first page stamped here
where its address lines would grow."""

from io import BytesIO
from pathlib import Path

import numpy
import pdfplumber
import pikepdf
import pypdfium2

from bench.measure import fonts_and_readable_copy, measure, page_words
from bench.pipeline import BASE_PDF, OK, RESULT_PDF, TRANSLATED_JSON, run_pipeline
from docrelay_common.document import BBox, Document, TextBlock
from tests.support.corpus import corpus_pdf

DPI = 100
# A pixel this much darker than the paper is ink (grey levels), as a person looking at the scan would say.
INK = 80
# Glyph boxes are an em high and rounded: a word this close to a source block is that block's line.
NEAR = 3.0


# A stamp right of the address lines "158 Fu Xing Men Nei Avenue" to "Beijing 100031" (PDF points, from
# the bottom left), where their longer translations would run on.
STAMP = (280, 400, 140, 110)


def test_translations_on_a_scan_grow_into_its_paper_and_stay_off_its_ink(tmp_path: Path) -> None:
    source = tmp_path / "stamped.pdf"
    with pikepdf.open(corpus_pdf("indirect-rotation.pdf")) as letter, pikepdf.new() as stamped:
        stamped.pages.append(letter.pages[0])
        x, y, width, height = STAMP
        stamped.pages[0].contents_add(stamped.make_stream(f"q 0 g {x} {y} {width} {height} re f Q".encode()))
        stamped.save(source)
    work = tmp_path / "work"
    work.mkdir()
    # Pseudo-localization makes every line about a third longer.
    run = run_pipeline(source, work)
    assert run.outcome == OK, run.detail
    # With the scan an obstacle to every block, each line shrinks in its own box: IoU 0.61, against 0.70
    # (measured 2026-12-05 with the scan's ink taken as the whole page; 0.81 and 0.84 while its OCR layer
    # still read letter by letter, "T he M e t r o p o l is", each line as wide as its letters spaced out).
    assert measure(work).mean_iou > 0.66
    document = Document.model_validate_json((work / TRANSLATED_JSON).read_text())
    _, readable = fonts_and_readable_copy(work / RESULT_PDF)
    grown = 0
    source = pypdfium2.PdfDocument(work / BASE_PDF)
    with pdfplumber.open(BytesIO(readable)) as output:
        for index, (page, out_page) in enumerate(zip(document.pages, output.pages, strict=True)):
            ink = _ink(source, index)
            outside = [word.box for word in page_words(out_page) if not _near_a_block(word.box, page.blocks)]
            grown += len(outside)
            for box in outside:
                assert _ink_under(ink, box) == 0, (
                    f"page {page.number}: translated text over the scan at {box}"
                )
    source.close()
    assert grown > 10


def _ink(document: pypdfium2.PdfDocument, index: int) -> numpy.ndarray:
    bitmap = document[index].render(scale=DPI / 72)
    grey = numpy.asarray(bitmap.to_pil().convert("L"), dtype=numpy.int16)
    return grey < numpy.percentile(grey, 90) - INK


def _ink_under(ink: numpy.ndarray, box: BBox) -> int:
    scale = DPI / 72
    rows = slice(round(box.top * scale), round(box.bottom * scale))
    return int(ink[rows, round(box.x0 * scale) : round(box.x1 * scale)].sum())


def _near_a_block(box: BBox, blocks: list[TextBlock]) -> bool:
    return any(
        box.x0 < block.bbox.x1 + NEAR
        and block.bbox.x0 - NEAR < box.x1
        and box.top < block.bbox.bottom + NEAR
        and block.bbox.top - NEAR < box.bottom
        for block in blocks
    )
