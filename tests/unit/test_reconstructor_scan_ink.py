"""The scan's ink outside the text: found on rendered pages drawn here (white paper, grey ink, specks)."""

import numpy

from docrelay_common.document import BBox, Page, TextBlock
from docrelay_reconstructor.scan_ink import CELL, scan_ink

# Pixels per point: the rendering's 100 dpi.
SCALE = 100 / 72


def paper(width: float, height: float, shade: int = 235) -> numpy.ndarray:
    return numpy.full((round(height * SCALE), round(width * SCALE), 3), shade, dtype=numpy.uint8)


def ink(rgb: numpy.ndarray, x0: float, top: float, x1: float, bottom: float, shade: int = 40) -> None:
    rgb[round(top * SCALE) : round(bottom * SCALE), round(x0 * SCALE) : round(x1 * SCALE)] = shade


def text_page(*boxes: BBox, width: float = 300, height: float = 400) -> Page:
    blocks = [TextBlock(id=f"b{n}", bbox=box, text="Text", source_text="Text") for n, box in enumerate(boxes)]
    return Page(number=1, width=width, height=height, blocks=blocks)


def covered(ink_boxes: list[BBox], x: float, y: float) -> bool:
    return any(box.x0 <= x <= box.x1 and box.top <= y <= box.bottom for box in ink_boxes)


def test_ink_outside_the_blocks_is_found_where_it_is_and_the_blocks_own_ink_is_not() -> None:
    line = BBox(x0=40, top=40, x1=200, bottom=52)
    rgb = paper(300, 400)
    ink(rgb, 40, 41, 200, 51)  # the line's glyphs
    ink(rgb, 60, 120, 160, 140)  # a signature under it
    found = scan_ink(rgb, text_page(line), SCALE)
    assert covered(found, 110, 130)
    assert not covered(found, 120, 46)
    # Boxes are cells of the grid: none reaches more than a cell beyond the signature.
    assert all(box.x0 >= 60 - CELL and box.x1 <= 160 + CELL for box in found)
    assert all(box.top >= 120 - CELL and box.bottom <= 140 + CELL for box in found)


def test_specks_and_a_pale_tint_are_paper() -> None:
    rgb = paper(300, 400)
    ink(rgb, 100, 100, 101, 101)  # a speck of dust
    ink(rgb, 20, 200, 280, 260, shade=200)  # a pale box, darker than the paper but not ink
    assert scan_ink(rgb, text_page(BBox(x0=40, top=40, x1=200, bottom=52)), SCALE) == []


def test_a_rule_beside_a_block_is_one_box_along_its_row() -> None:
    rgb = paper(300, 400)
    ink(rgb, 30, 300, 270, 302)  # a horizontal rule two points thick
    found = scan_ink(rgb, text_page(BBox(x0=40, top=40, x1=200, bottom=52)), SCALE)
    assert len(found) <= 2  # the rule may straddle two rows of the grid
    assert all(box.x0 <= 30 + CELL and box.x1 >= 270 - CELL for box in found)
