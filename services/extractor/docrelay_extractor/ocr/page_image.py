"""The image OCR reads: the page rendered at its scan's own resolution, within what Tesseract reads well.

pdfplumber gives each image's displayed box and pixel size; pdfium renders the page as displayed (after
/Rotate), which is the document model's coordinate space.
"""

import math
from collections.abc import Sequence
from typing import Any

import numpy
import pypdfium2
from PIL import Image

# Below 150 dpi Tesseract misreads small text (a 100 ppi scan read better rendered up to 150); above
# 300 it gains nothing and costs time and memory.
MIN_DPI = 150.0
MAX_DPI = 300.0
# A page without a large image (ocr=force on a digital page, outlined text) is read at this resolution.
DEFAULT_DPI = 300.0
# An image decides the page's resolution when it covers at least this share of the page.
MIN_IMAGE_SHARE = 0.25
# Posters and large sheets are read at a lower resolution rather than held as huge images.
MAX_PIXELS = 40_000_000
# A page is blank when fewer than this share of its pixels is this much darker than its paper (one
# short line of text on a page is about 0.05%).
BLANK_INK_SHARE = 0.0002
INK_CONTRAST = 80


def page_dpi(images: Sequence[dict[str, Any]], width: float, height: float) -> float:
    """The resolution to render a page at: its largest image's, clamped, or DEFAULT_DPI.

    `images` are pdfplumber's (displayed box and `srcsize`). The resolution is taken from areas: on a
    page with /Rotate 90 the box is displayed turned but the pixel size is not.
    """
    page_area = width * height
    resolutions = [
        math.sqrt(image["srcsize"][0] * image["srcsize"][1] * 72 * 72 / area)
        for image in images
        if (area := _shown_area(image)) >= MIN_IMAGE_SHARE * page_area and image["srcsize"][0] > 1
    ]
    dpi = min(MAX_DPI, max(MIN_DPI, max(resolutions))) if resolutions else DEFAULT_DPI
    return min(dpi, 72 * math.sqrt(MAX_PIXELS / page_area))


def _shown_area(image: dict[str, Any]) -> float:
    return max(0.0, image["x1"] - image["x0"]) * max(0.0, image["bottom"] - image["top"])


def render(document: pypdfium2.PdfDocument, index: int, dpi: float) -> Image.Image:
    """Page `index` (0-based) as displayed, in RGB, without annotations (form fields, comments)."""
    page = document[index]
    try:
        bitmap = page.render(scale=dpi / 72, draw_annots=False)
        try:
            return bitmap.to_pil().convert("RGB")
        finally:
            bitmap.close()
    finally:
        page.close()


def is_blank(gray: Image.Image) -> bool:
    """Nothing on the page is dark enough, often enough, to be text."""
    # Halved: a 2x2 average keeps strokes dark but lightens single-pixel dust below the cut.
    pixels = numpy.asarray(gray.reduce(2))
    paper = float(numpy.median(pixels))
    return float(numpy.mean(pixels < paper - INK_CONTRAST)) < BLANK_INK_SHARE
