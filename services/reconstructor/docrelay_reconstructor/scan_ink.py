"""What a scanned page shows besides its text: the boxes of the scan's ink outside the page's blocks.

A translation longer than its source grows into the paper around its block (free_space), never over
what the scan shows there: a signature, a stamp, a rule, a logo OCR read no text from. The ink is
gathered by the cells of a coarse grid on the page as rendered for its covers (scan_covers), each run of
inked cells along a grid row one box.
"""

import math

import numpy

from docrelay_common.document import BBox, Page

# The grid's cell side, in points: finer than a line of text, coarse enough to skip the scan's speckle.
CELL = 6.0
# A pixel this many grey levels (of 255) darker than the paper is ink: a pale tint or yellowed paper is not.
INK_CONTRAST = 80
# A cell with fewer ink pixels than this holds specks of dust, not ink.
SPECKLE = 4
# Ink this close to a block's box (points) is the block's own: glyph boxes are rounded, strokes reach out.
BLOCK_MARGIN = 2.0
# Most of a page is paper: this percentile of its grey levels is the paper's.
PAPER_PERCENTILE = 90


def scan_ink(rgb: numpy.ndarray, page: Page, scale: float) -> list[BBox]:
    """The ink of `rgb` (the page rendered at `scale` pixels per point) outside the page's blocks."""
    # Grey levels times three (the sum of the channels, no floats): the page is a million pixels, and
    # numpy's sum over the channel axis is ten times slower than adding the three planes.
    grey = rgb[..., 0].astype(numpy.uint16) + rgb[..., 1] + rgb[..., 2]
    # The paper's level from every fourth pixel each way: as good, sixteen times cheaper.
    paper = numpy.percentile(grey[::4, ::4], PAPER_PERCENTILE)
    ink = grey < paper - 3 * INK_CONTRAST
    height, width = ink.shape
    for block in page.blocks:
        box = block.bbox
        x0, top = (max(0, math.floor((edge - BLOCK_MARGIN) * scale)) for edge in (box.x0, box.top))
        x1, bottom = (math.ceil((edge + BLOCK_MARGIN) * scale) for edge in (box.x1, box.bottom))
        ink[top:bottom, x0:x1] = False
    side = max(1, round(CELL * scale))
    rows, columns = math.ceil(height / side), math.ceil(width / side)
    grid = numpy.zeros((rows * side, columns * side), dtype=numpy.uint8)
    grid[:height, :width] = ink
    inked = grid.reshape(rows, side, columns, side).sum(axis=(1, 3), dtype=numpy.uint16) >= SPECKLE
    return [
        BBox(
            x0=start * side / scale,
            top=row * side / scale,
            x1=min(page.width, end * side / scale),
            bottom=min(page.height, (row + 1) * side / scale),
        )
        for row in range(rows)
        for start, end in _runs(inked[row])
    ]


def _runs(cells: numpy.ndarray) -> list[tuple[int, int]]:
    """The [start, end) spans of consecutive True cells."""
    edges = numpy.diff(numpy.concatenate(([0], cells.astype(numpy.int8), [0])))
    starts, ends = numpy.flatnonzero(edges == 1).tolist(), numpy.flatnonzero(edges == -1).tolist()
    return list(zip(starts, ends, strict=True))
