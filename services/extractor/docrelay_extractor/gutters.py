"""The gutters between a page's columns, as rules a line pdfminer read across one is split at.

pdfminer ends a line at a gap wider than its line gap; a gutter narrower than that (16 pt between the
columns of the 1040-NR's instructions) joins a column's line with the next column's first word, and the
paragraph then reaches into the next column and takes its lines. A gap of an em or more inside a line,
whose left side is where other lines of the page end and whose right side is where others start (a
justified column's edge and the next column's), is such a gutter.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import pairwise

from pdfminer.layout import LTChar

from docrelay_extractor.glyph_text import Item
from docrelay_extractor.lines import VerticalRule

MIN_GUTTER_EM = 1.0
# Other lines ending, and others starting, within this many points of the gap's sides.
EDGE_TOLERANCE = 1.5
MIN_EDGE_LINES = 3


def gutter_rules(lines: Sequence[Sequence[Item]]) -> list[VerticalRule]:
    """Rules down the gutters that pdfminer's `lines` (upright, in pdfminer's coordinates) cross."""
    glyph_lines = [
        sorted(
            (item for item in items if isinstance(item, LTChar) and not item.get_text().isspace()), key=_left
        )
        for items in lines
    ]
    glyph_lines = [glyphs for glyphs in glyph_lines if glyphs]
    starts = sorted(glyphs[0].x0 for glyphs in glyph_lines)
    ends = sorted(max(glyph.x1 for glyph in glyphs) for glyphs in glyph_lines)
    rules = []
    for glyphs in glyph_lines:
        for left, right in pairwise(glyphs):
            if right.x0 - left.x1 < MIN_GUTTER_EM * max(left.size, right.size):
                continue
            if _near(ends, left.x1) >= MIN_EDGE_LINES and _near(starts, right.x0) >= MIN_EDGE_LINES:
                y0, y1 = min(left.y0, right.y0), max(left.y1, right.y1)
                rules.append(VerticalRule(x=(left.x1 + right.x0) / 2, y0=y0, y1=y1))
    return rules


def _left(glyph: LTChar) -> float:
    return glyph.x0


def _near(edges: list[float], x: float) -> int:
    return bisect_right(edges, x + EDGE_TOLERANCE) - bisect_left(edges, x - EDGE_TOLERANCE)
