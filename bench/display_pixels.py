"""Display equations pixel by pixel: each one's box rendered at 100 dpi from the source and the output
page must look the same, but for anti-aliasing.

The boxes are those of the blocks of kind "math" of the extracted document (a display equation is one
or more such blocks: a big operator, its limits, a numerator) and of the equation numbers beside them.
The two crops of a box may differ by more than 48 gray levels in 0.2% of their pixels at most
(anti-aliasing of the same glyphs drawn by other operators). Where the source's glyph box of a character
from outside the display reaches into it (a frame's corner glyph just under a paragraph's last line), the
source drew other text there, which a translation replaces: those pixels are not compared.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageChops

from docrelay_common.document import BBox, Page, TextBlock

DPI = 100
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
    """The boxes of the page's display equations and their numbers."""
    displays = [block.bbox for block in page.blocks if block.kind == "math"]
    numbers = [block.bbox for block in page.blocks if _equation_number(block)]
    boxes = displays + [
        number for number in numbers if any(_same_band(number, display) for display in displays)
    ]
    return boxes


def compare_displays(source_pdf: Path, output_pdf: Path, pages: Sequence[Page]) -> DisplayCount:
    """Render every page with displays from both PDFs and compare the displays' crops."""
    total = DisplayCount()
    source, output = pdfium.PdfDocument(source_pdf), pdfium.PdfDocument(output_pdf)
    try:
        with pdfplumber.open(source_pdf) as plumbed:
            for index, page in enumerate(pages):
                boxes = display_boxes(page)
                if boxes and index < len(output):
                    chars = [_char_box(char) for char in plumbed.pages[index].chars]
                    total += _page_count(_gray(source[index]), _gray(output[index]), boxes, chars)
    finally:
        source.close()
        output.close()
    return total


def crops_differ(source: Image.Image, output: Image.Image, box: BBox, left_out: Sequence[BBox] = ()) -> int:
    """Pixels of the box (points) whose gray levels differ by more than LEVELS, but in `left_out`."""
    area = _pixels(box, inside=True)
    difference = ImageChops.difference(source.crop(area), output.crop(area))
    for other in left_out:
        # Every pixel the other box touches, in the crop's own coordinates.
        x0, top, x1, bottom = _pixels(other, inside=False)
        difference.paste(0, (x0 - area[0], top - area[1], x1 - area[0], bottom - area[1]))
    return sum(difference.histogram()[LEVELS + 1 :])


def foreign_chars(box: BBox, chars: Sequence[BBox]) -> list[BBox]:
    """The glyph boxes of characters from outside the box (their centre) that reach into it."""
    return [
        char
        for char in chars
        if _overlap(char, box) and not _contains(box, (char.x0 + char.x1) / 2, (char.top + char.bottom) / 2)
    ]


def _page_count(
    source: Image.Image, output: Image.Image, boxes: list[BBox], chars: Sequence[BBox]
) -> DisplayCount:
    total = DisplayCount()
    for box in boxes:
        differing = crops_differ(source, output, box, foreign_chars(box, chars))
        pixels = box.width * box.height * (DPI / 72) ** 2
        same = differing <= SHARE * pixels
        total += DisplayCount(1, int(same), 0 if same else differing)
    return total


def _pixels(box: BBox, inside: bool) -> tuple[int, int, int, int]:
    """The box in pixels at DPI: the whole pixels inside it (a pixel on its edge also shows the
    neighbouring line's anti-aliasing), or every pixel it touches."""
    scale = DPI / 72
    inward, outward = (math.ceil, math.floor) if inside else (math.floor, math.ceil)
    return (
        inward(box.x0 * scale),
        inward(box.top * scale),
        outward(box.x1 * scale),
        outward(box.bottom * scale),
    )


def _char_box(char: dict[str, float]) -> BBox:
    return BBox(x0=char["x0"], top=char["top"], x1=char["x1"], bottom=char["bottom"])


def _overlap(a: BBox, b: BBox) -> bool:
    return min(a.x1, b.x1) > max(a.x0, b.x0) and min(a.bottom, b.bottom) > max(a.top, b.top)


def _contains(box: BBox, x: float, y: float) -> bool:
    return box.x0 <= x <= box.x1 and box.top <= y <= box.bottom


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
