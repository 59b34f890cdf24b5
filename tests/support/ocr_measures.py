"""How well OCR read a page, and how much of a scan's text a translation left visible."""

import math
from collections.abc import Sequence

import numpy

from docrelay_common.document import BBox, TextBlock

# Blocks whose left middles are this close (points) vertically are on one row.
ROW_TOLERANCE = 4.0

# Typographic variants that a PDF's text and OCR write differently are the same character here.
_FOLDED = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\ufb01": "fi"}
)


def normalized(text: str) -> str:
    return " ".join(text.translate(_FOLDED).split())


def char_accuracy(reference: str, read: str) -> float:
    """1 - the character error rate: edit distance over the reference's length, spaces collapsed."""
    truth, guess = normalized(reference), normalized(read)
    return 1 - edit_distance(truth, guess) / max(1, len(truth))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, a row of the table at a time in numpy (fast enough for whole pages)."""
    if not a or not b:
        return max(len(a), len(b))
    right = numpy.frombuffer(b.encode("utf-32-le"), dtype=numpy.uint32)
    steps = numpy.arange(len(b) + 1)
    previous = steps.copy()
    for index, char in enumerate(a, start=1):
        substituted = previous[:-1] + (right != ord(char))
        current = numpy.empty_like(previous)
        current[0] = index
        current[1:] = numpy.minimum(previous[1:] + 1, substituted)
        # Insertions run along the row: the cheapest way to each cell from any cell to its left.
        current = numpy.minimum.accumulate(current - steps) + steps
        previous = current
    return int(previous[-1])


def rows_text(blocks: Sequence[TextBlock], skew: float = 0.0, page_size: tuple[float, float] = (0, 0)) -> str:
    """The blocks' text row by row down the page, left to right in a row: the order does not depend on how
    blocks were grouped (OCR may join two table cells a PDF keeps apart). `skew`: degrees the page was
    turned counter-clockwise about its centre (`page_size`), undone first."""
    placed = sorted((_straight_centre(block.bbox, skew, page_size), block) for block in blocks)
    rows: list[list[tuple[float, TextBlock]]] = []
    row_y = -1e9
    for (y, x), block in placed:
        if y - row_y > ROW_TOLERANCE:
            rows.append([])
            row_y = y
        rows[-1].append((x, block))
    ordered = [sorted(row, key=lambda item: item[0]) for row in rows]
    return "\n".join(" ".join(block.text for _, block in row) for row in ordered)


def _straight_centre(box: BBox, skew: float, page_size: tuple[float, float]) -> tuple[float, float]:
    """(y, x) of the box's left middle, turned back clockwise by `skew` about the page's centre."""
    x, y = box.x0, (box.top + box.bottom) / 2
    if not skew:
        return y, x
    angle = math.radians(-skew)
    cx, cy = page_size[0] / 2, page_size[1] / 2
    dx, dy = x - cx, y - cy
    return cy - dx * math.sin(angle) + dy * math.cos(angle), cx + dx * math.cos(angle) + dy * math.sin(angle)
