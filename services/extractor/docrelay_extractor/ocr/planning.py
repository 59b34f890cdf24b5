"""How much work each page will be, for cutting a job into page ranges before reading it.

An OCR'd page costs ~3 s against ~0.07 s for a page with a text layer: ranges are cut by cost, so a scan
is shared among the extract replicas in small ranges while a digital document is cut as it always was.
"""

import logging
from pathlib import Path

import pypdfium2

from docrelay_common.constants import OcrMode

logger = logging.getLogger(__name__)


def page_costs(pdf_path: Path, pages: int, mode: OcrMode, ocr_cost: float) -> list[float]:
    """Each page's cost: 1 for a page read from its text layer, `ocr_cost` for one OCR is likely to read.

    Pages without any character in their text layer are those `auto` reads; the decision itself is
    made when the page is read (a page of unmapped glyphs is read too).
    """
    if mode == OcrMode.OFF:
        return [1.0] * pages
    if mode == OcrMode.FORCE:
        return [ocr_cost] * pages
    try:
        counts = _text_layer_chars(pdf_path)
    except pypdfium2.PdfiumError as exc:
        logger.warning("cannot count the characters of %s's pages: %s", pdf_path.name, exc)
        return [1.0] * pages
    return [ocr_cost if count == 0 else 1.0 for count in counts]


def _text_layer_chars(pdf_path: Path) -> list[int]:
    """How many characters each page's text layer holds (a few milliseconds a page)."""
    document = pypdfium2.PdfDocument(pdf_path)
    try:
        counts: list[int] = []
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage()
            counts.append(text.count_chars())
            text.close()
            page.close()
        return counts
    finally:
        document.close()
