"""The gutters between a page's columns, as rules a line pdfminer read across one is split at.

pdfminer ends a line at a gap wider than its line gap; a gutter narrower than that (16 pt between the
columns of the 1040-NR's instructions) joins a column's line with the next column's first word, and the
paragraph then reaches into the next column and takes its lines. A gap of an em or more inside a line,
whose right side is where other lines start that have the column before them beside them (the next
column's left edge; an indent has no text beside it), is such a gutter, ragged or justified.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import pairwise

from pdfminer.layout import LTChar

from docrelay_extractor.glyph_text import Item, is_drawn
from docrelay_extractor.lines import VerticalRule

MIN_GUTTER_EM = 1.0
# At least MIN_EDGE_LINES other lines of a column start within EDGE_TOLERANCE points of the gap's right
# side, each with a line of the column before it ending at most COLUMN_GAP_EMS to its left on its row.
EDGE_TOLERANCE = 1.5
MIN_EDGE_LINES = 3
COLUMN_GAP_EMS = 5.0


def gutter_rules(lines: Sequence[Sequence[Item]]) -> list[VerticalRule]:
    """Rules down the gutters that pdfminer's `lines` (upright, in pdfminer's coordinates) cross."""
    glyph_lines = [sorted((item for item in items if is_drawn(item)), key=_left) for items in lines]
    glyph_lines = [glyphs for glyphs in glyph_lines if glyphs]
    gaps = [
        (left, right)
        for glyphs in glyph_lines
        for left, right in pairwise(glyphs)
        if right.x0 - left.x1 >= MIN_GUTTER_EM * max(left.size, right.size)
    ]
    if not gaps:  # most pages: the column starts need not be looked for
        return []
    starts = _column_starts(glyph_lines)
    return [
        VerticalRule(x=(left.x1 + right.x0) / 2, y0=min(left.y0, right.y0), y1=max(left.y1, right.y1))
        for left, right in gaps
        if _near(starts, right.x0) >= MIN_EDGE_LINES
    ]


def _column_starts(glyph_lines: list[list[LTChar]]) -> list[float]:
    """Where lines start that have another line ending a little to their left on their row: the left
    edges of columns other than the first (an indent has no text beside it)."""
    boxes = [
        (glyphs[0].x0, max(glyph.x1 for glyph in glyphs), glyphs[0].y0, glyphs[0].y1)
        for glyphs in glyph_lines
    ]
    starts = []
    for x0, _, y0, y1 in boxes:
        reach = COLUMN_GAP_EMS * (y1 - y0)
        if any(
            x0 - reach <= other_x1 <= x0 and min(y1, other_y1) - max(y0, other_y0) > 0
            for _, other_x1, other_y0, other_y1 in boxes
        ):
            starts.append(x0)
    return sorted(starts)


def _left(glyph: LTChar) -> float:
    return glyph.x0


def _near(edges: list[float], x: float) -> int:
    return bisect_right(edges, x + EDGE_TOLERANCE) - bisect_left(edges, x - EDGE_TOLERANCE)
