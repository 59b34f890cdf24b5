"""Rules drawn on a scan (table borders, separators): where its cells and paragraphs end.

A PDF's rules are drawing operators the extractor reads; a scan's are pixels. A rule is a run of ink at
least MIN_LENGTH long and at most MAX_THICKNESS thick, across (horizontal) or down (vertical) the
straightened image; glyph strokes are far shorter, filled areas far thicker.
"""

from dataclasses import dataclass, field

import numpy
from PIL import Image

from docrelay_extractor.ocr.hocr import PixelBox
from docrelay_extractor.ocr.skew import ink_threshold

# Points: longer than the strokes of any but huge glyphs; thinner than any filled box.
MIN_LENGTH = 40.0
MAX_THICKNESS = 4.0


@dataclass(frozen=True)
class Rules:
    horizontal: list[PixelBox] = field(default_factory=list)
    vertical: list[PixelBox] = field(default_factory=list)


def find_rules(gray: Image.Image, dpi: float) -> Rules:
    pixels = numpy.asarray(gray)
    ink = pixels < ink_threshold(pixels)
    length, thickness = round(MIN_LENGTH * dpi / 72), max(1, round(MAX_THICKNESS * dpi / 72))
    vertical = [(top, x0, bottom, x1) for x0, top, x1, bottom in _runs(ink.T, length, thickness)]
    return Rules(horizontal=_runs(ink, length, thickness), vertical=vertical)


def _runs(ink: numpy.ndarray, length: int, thickness: int) -> list[PixelBox]:
    """Boxes of the runs of ink along the rows at least `length` long, at most `thickness` rows thick."""
    if ink.shape[1] <= length:
        return []
    sums = numpy.zeros((ink.shape[0], ink.shape[1] + 1), dtype=numpy.int16)
    numpy.cumsum(ink, axis=1, out=sums[:, 1:])
    full = (sums[:, length:] - sums[:, :-length]) == length
    rows = numpy.flatnonzero(full.any(axis=1))
    if not len(rows):
        return []
    # Rows next to each other make one rule; a band thicker than a rule is a filled area.
    bands = numpy.split(rows, numpy.flatnonzero(numpy.diff(rows) > 1) + 1)
    boxes: list[PixelBox] = []
    for band in bands:
        if len(band) > thickness:
            continue
        columns = numpy.flatnonzero(full[band].any(axis=0))
        boxes.append((float(columns[0]), float(band[0]), float(columns[-1] + length), float(band[-1] + 1)))
    return boxes
