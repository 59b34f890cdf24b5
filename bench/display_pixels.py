"""Display equations pixel by pixel: each one's box rendered at 100 dpi from the source and the output
page must look the same, but for anti-aliasing.

The boxes are those of the blocks of kind "math" of the extracted document (a display equation is one
or more such blocks: a big operator, its limits, a numerator) and of the equation numbers beside them,
padded by 1 pt. The two crops of a box may differ by more than 48 gray levels in 0.2% of their pixels at
most (anti-aliasing of the same glyphs drawn by other operators).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops

from docrelay_common.document import BBox, Page, TextBlock

DPI = 100
PADDING = 0.0
LEVELS = 48
SHARE = 0.002
_EQUATION_NUMBER_CHARS = frozenset("()0123456789.abcdefghij")


@dataclass(frozen=True)
class DisplayCount:
    # Boxes of display equations (several per equation), and how many of them look the same.
    displays: int = 0
    identical: int = 0
    # Pixels over LEVELS apart, summed over the displays that differ.
    differing_pixels: int = 0

    def __add__(self, other: "DisplayCount") -> "DisplayCount":
        return DisplayCount(
            self.displays + other.displays,
            self.identical + other.identical,
            self.differing_pixels + other.differing_pixels,
        )


def display_boxes(page: Page) -> list[BBox]:
    """The boxes of the page's display equations and their numbers, padded."""
    displays = [block.bbox for block in page.blocks if block.kind == "math"]
    numbers = [block.bbox for block in page.blocks if _equation_number(block)]
    boxes = displays + [
        number for number in numbers if any(_same_band(number, display) for display in displays)
    ]
    return [_padded(box) for box in boxes]


def compare_displays(source_pdf: Path, output_pdf: Path, pages: Sequence[Page]) -> DisplayCount:
    """Render every page with displays from both PDFs and compare the displays' crops."""
    total = DisplayCount()
    source, output = pdfium.PdfDocument(source_pdf), pdfium.PdfDocument(output_pdf)
    try:
        for index, page in enumerate(pages):
            boxes = display_boxes(page)
            if boxes and index < len(output):
                total += _page_count(_gray(source[index]), _gray(output[index]), boxes)
    finally:
        source.close()
        output.close()
    return total


def crops_differ(source: Image.Image, output: Image.Image, box: BBox) -> int:
    """Pixels of the box (points) whose gray levels differ by more than LEVELS."""
    scale = DPI / 72
    # Whole pixels inside the box: a pixel on its edge also shows the neighbouring line's anti-aliasing.
    area = (
        math.ceil(box.x0 * scale),
        math.ceil(box.top * scale),
        math.floor(box.x1 * scale),
        math.floor(box.bottom * scale),
    )
    difference = ImageChops.difference(source.crop(area), output.crop(area))
    return sum(difference.histogram()[LEVELS + 1 :])


def _page_count(source: Image.Image, output: Image.Image, boxes: list[BBox]) -> DisplayCount:
    total = DisplayCount()
    for box in boxes:
        differing = crops_differ(source, output, box)
        pixels = box.width * box.height * (DPI / 72) ** 2
        same = differing <= SHARE * pixels
        total += DisplayCount(1, int(same), 0 if same else differing)
    return total


def _gray(page: pdfium.PdfPage) -> Image.Image:
    return page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L")


def _equation_number(block: TextBlock) -> bool:
    text = block.source_text.strip()
    return (
        not block.translatable
        and text.startswith("(")
        and text.endswith(")")
        and set(text) <= _EQUATION_NUMBER_CHARS
    )


def _same_band(a: BBox, b: BBox) -> bool:
    return min(a.bottom, b.bottom) > max(a.top, b.top)


def _padded(box: BBox) -> BBox:
    return BBox(x0=box.x0 - PADDING, top=box.top - PADDING, x1=box.x1 + PADDING, bottom=box.bottom + PADDING)
