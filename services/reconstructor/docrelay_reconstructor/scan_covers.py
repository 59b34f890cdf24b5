"""Scanned pages: the source words a translation replaces are part of the image, so they are painted
over, word by word, in the colour of the paper around each (not white boxes on grey or yellowed paper).

Blocks OCR read with too little confidence stay as the scan shows them; their text is laid over them
invisibly, so the page can be searched and its text selected.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy
import pypdfium2

from docrelay_common.document import BBox, Page, TextBlock, TextStyle

# The paper is sampled on a rendering at this resolution: within 2 grey levels of one at 300 dpi.
SAMPLE_DPI = 100.0
# The ring of paper around a word whose median colour paints it over, in points (at least 2 pixels).
PAPER_RING = 1.5
# Text drawn with this colour is there (searchable, selectable) but not seen.
INVISIBLE = "transparent"


@dataclass(frozen=True)
class Cover:
    """Paper painted over a source word (html.py pads it by a point for the ink's ragged edge)."""

    box: BBox
    colour: str


def is_ocr_page(page: Page) -> bool:
    return any(block.source == "ocr" for block in page.blocks)


def render_scans(pdf_path: Path, indexes: Iterable[int]) -> dict[int, numpy.ndarray]:
    """These pages (0-based) of `pdf_path` rendered at SAMPLE_DPI, as RGB arrays: the paper is sampled
    on them (scan_covers), and the scan's ink found (scan_ink)."""
    wanted = list(indexes)
    if not wanted:
        return {}
    document = pypdfium2.PdfDocument(pdf_path)
    try:
        return {index: _rendered(document, index) for index in wanted}
    finally:
        document.close()


def scan_covers(renderings: Mapping[int, numpy.ndarray], pages: Mapping[int, Page]) -> dict[int, list[Cover]]:
    """The covers of each of these pages (0-based index -> the page as drawn anew): one for each word of
    each block drawn, in the colour of the paper around it on the page as it is (`renderings`)."""
    return {index: _covers(renderings[index], page) for index, page in pages.items()}


def _covers(rgb: numpy.ndarray, page: Page) -> list[Cover]:
    shown = [block for block in page.blocks if block.style.color != INVISIBLE]
    boxes = [box for block in shown for box in (block.ink or [block.bbox])]
    if not boxes:
        return []
    scale = SAMPLE_DPI / 72
    ring = max(2, round(PAPER_RING * scale))
    return [Cover(box, _paper(rgb, box, scale, ring)) for box in boxes]


def _rendered(document: pypdfium2.PdfDocument, index: int) -> numpy.ndarray:
    pdf_page = document[index]
    try:
        bitmap = pdf_page.render(scale=SAMPLE_DPI / 72, draw_annots=False)
        rgb = numpy.asarray(bitmap.to_pil().convert("RGB"))
        bitmap.close()
        return rgb
    finally:
        pdf_page.close()


def kept_as_scanned(drawn: Page, source: Page) -> Page:
    """`drawn` (the blocks drawn anew) without the OCR blocks kept as the scan shows them; on a page
    without a text layer of its own, their text is laid over them invisibly instead."""
    kept = [block for block in source.blocks if block.source == "ocr" and not block.translatable]
    if not kept:
        return drawn
    visible = [block for block in drawn.blocks if block not in kept]
    hidden = [] if source.ocr is not None and source.ocr.text_layer else [_invisible(block) for block in kept]
    return drawn.model_copy(update={"blocks": [*visible, *hidden]})


def _invisible(block: TextBlock) -> TextBlock:
    style = TextStyle(**{**block.style.model_dump(), "color": INVISIBLE})
    return block.model_copy(update={"style": style})


def _paper(rgb: numpy.ndarray, box: BBox, scale: float, ring: int) -> str:
    """The median colour of a ring of pixels around `box` (points), as `#rrggbb`."""
    height, width = rgb.shape[:2]
    x0, y0 = max(0, int(box.x0 * scale)), max(0, int(box.top * scale))
    x1, y1 = (
        min(width, max(x0 + 1, round(box.x1 * scale))),
        min(height, max(y0 + 1, round(box.bottom * scale))),
    )
    left, top = max(0, x0 - ring), max(0, y0 - ring)
    outer = rgb[top : min(height, y1 + ring), left : min(width, x1 + ring)]
    mask = numpy.ones(outer.shape[:2], dtype=bool)
    mask[y0 - top : y1 - top, x0 - left : x1 - left] = False
    around = outer[mask]
    if not len(around):
        return "#ffffff"
    return "#" + "".join(f"{round(value):02x}" for value in numpy.median(around, axis=0))
