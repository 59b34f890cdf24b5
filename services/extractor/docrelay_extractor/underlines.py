"""Underlined words: the glyphs a thin line drawn just under them underlines.

A line counts as an underline of the glyphs whose middles it runs under when it lies between the
descenders' bottom and a little below, and ends where they end: a table's rule, a form's fill-in line
or a heading's rule runs on past the text above it (or starts where it ends) and underlines nothing;
one ending inside a word is no underline either (a table's rule under a caption wider than the table).
Nothing touches an underline's ends, and nothing is drawn right under it: the lines of a table drawn
cell by cell meet other lines at their ends, a figure's dimension line its arrowheads, and a fraction's
bar or a root's overbar lies right over the denominator or the root's glyphs.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from pdfminer.layout import LTChar

from docrelay_common.document import BBox
from docrelay_extractor.glyph_text import WORD_GAP_EM

# An underline lies at most this many ems above the glyphs' bottom (a strike-through, through the middle
# of the letters, lies higher) ...
MAX_RISE_EMS = 0.3
# ... and at most this many below it (paragraphs._underlines: rules farther down part paragraphs).
MAX_DROP_EMS = 0.25
# Its ends are within this many ems of the first and last glyphs it runs under (a space's width, so
# that a line under "the same event " still underlines the words).
MAX_OVERHANG_EMS = 0.5
# Shapes this close (points) to a line's end touch it.
TOUCHING = 1.0
# Glyph boxes (which hold the font's whole ascent) whose tops lie between this many ems above a line
# and this many below it are drawn right under it: a root's glyphs, and a denominator's, in a run of
# glyphs no wider than the bar and centred under it. The next line of a paragraph runs on past an
# underline, or is its short last line, set from the left; it starts 0.25 ems below the underline when
# set with 1.15 times its size between baselines, more when set looser...
INK_ABOVE_EMS, INK_BELOW_EMS = 0.15, 0.35
# ... and a root's overbar lies on its glyphs' boxes' tops, at most this many ems above them.
HUGGING_EMS = 0.1
# A denominator's middle is this close to its bar's, as a share of the bar's width (at least a point).
CENTRED_SHARE = 0.1
# Shapes are found by their corners' place on a grid of squares this wide (points).
CELL = 16.0


class Ink(NamedTuple):
    """A glyph's box, and that of the run of glyphs it is in."""

    glyph: BBox
    run: BBox


class UnderlineRules:
    """The page's thin horizontal lines that may underline words, found by height at once however many
    text lines ask (thousands on a chart)."""

    def __init__(
        self, strokes: Sequence[BBox], shapes: Sequence[BBox] = (), glyphs: Sequence[Ink] = ()
    ) -> None:
        """`strokes` are the page's thin horizontal lines, `shapes` the boxes of all it draws (the strokes
        too) and `glyphs` its glyphs, in the document model's coordinates."""
        grid: defaultdict[tuple[int, int], list[BBox]] = defaultdict(list)
        for shape in shapes:
            for cell in _cells(shape):
                grid[cell].append(shape)
        alone = [stroke for stroke in strokes if not _touched(stroke, grid)]
        self.rules = sorted(alone, key=lambda rule: rule.top)
        self.tops = [rule.top for rule in self.rules]
        self.glyphs = sorted(glyphs, key=lambda ink: ink.glyph.top)
        self.glyph_tops = [ink.glyph.top for ink in self.glyphs]

    def under(self, chars: Sequence[LTChar], size: float, page_height: float) -> tuple[set[int], list[BBox]]:
        """The glyphs of one line (by id) that rules underline, and those rules."""
        if not self.rules or not chars or size <= 0:
            return set(), []
        bottom = page_height - min(char.y0 for char in chars)
        low = bisect_left(self.tops, bottom - MAX_RISE_EMS * size)
        high = bisect_right(self.tops, bottom + MAX_DROP_EMS * size)
        underlined: set[int] = set()
        rules = []
        for rule in self.rules[low:high]:
            covered = [char for char in chars if rule.x0 <= (char.x0 + char.x1) / 2 <= rule.x1]
            if (
                covered
                and _ends_with(rule, covered, size)
                and not _cuts_a_word(covered, chars, size)
                and not self._ink_under(rule, size)
            ):
                underlined.update(id(char) for char in covered)
                rules.append(rule)
        return underlined, rules

    def _ink_under(self, rule: BBox, size: float) -> bool:
        """Is a root's glyph or a denominator drawn right under the rule?"""
        low = bisect_left(self.glyph_tops, rule.top - INK_ABOVE_EMS * size)
        high = bisect_right(self.glyph_tops, rule.top + INK_BELOW_EMS * size)
        overhang = MAX_OVERHANG_EMS * size
        return any(
            rule.x0 <= (glyph.x0 + glyph.x1) / 2 <= rule.x1
            and (
                glyph.top - rule.top <= HUGGING_EMS * size
                or (
                    rule.x0 - overhang <= run.x0
                    and run.x1 <= rule.x1 + overhang
                    and abs(run.x0 + run.x1 - rule.x0 - rule.x1) / 2 <= max(1.0, CENTRED_SHARE * rule.width)
                )
            )
            for glyph, run in self.glyphs[low:high]
        )


NO_RULES = UnderlineRules(())


def _cells(box: BBox) -> set[tuple[int, int]]:
    """The grid squares the box's corners lie in: where a line's end may find it."""
    return {(int(x // CELL), int(y // CELL)) for x in (box.x0, box.x1) for y in (box.top, box.bottom)}


def _touched(stroke: BBox, grid: dict[tuple[int, int], list[BBox]]) -> bool:
    """Does another shape touch either end of the stroke (a line going on from it, a side of a box or an
    arrowhead at it)?"""
    for x in (stroke.x0, stroke.x1):
        near = {
            id(shape): shape
            for dx in (-1, 0, 1)
            for dy in (-1, 0, 1)
            for shape in grid.get((int(x // CELL) + dx, int(stroke.top // CELL) + dy), ())
        }
        if any(not _drawn_as(shape, stroke) and _touches(shape, x, stroke.top) for shape in near.values()):
            return True
    return False


def _drawn_as(shape: BBox, stroke: BBox) -> bool:
    """Is the shape the stroke itself (its box, around the stroke's middle line)?"""
    return (
        abs(shape.x0 - stroke.x0) < TOUCHING / 10
        and abs(shape.x1 - stroke.x1) < TOUCHING / 10
        and shape.top <= stroke.top <= shape.bottom
    )


def _touches(shape: BBox, x: float, y: float) -> bool:
    return (
        shape.x0 - TOUCHING <= x <= shape.x1 + TOUCHING
        and shape.top - TOUCHING <= y <= shape.bottom + TOUCHING
    )


def _cuts_a_word(covered: Sequence[LTChar], chars: Sequence[LTChar], size: float) -> bool:
    """Does a letter or digit touch the first or the last glyph the rule runs under from outside it? An
    underline underlines whole words; a table's top rule under a caption wider than the table runs
    under "ble 1: Yearly ... syste" of "Table 1: Yearly energy use by heating system."."""
    inside = {id(char) for char in covered}
    start, end = min(char.x0 for char in covered), max(char.x1 for char in covered)
    touch = WORD_GAP_EM * size
    return any(
        id(char) not in inside
        and char.get_text().isalnum()
        and (abs(start - char.x1) <= touch or abs(char.x0 - end) <= touch)
        for char in chars
    )


def _ends_with(rule: BBox, covered: Sequence[LTChar], size: float) -> bool:
    start, end = min(char.x0 for char in covered), max(char.x1 for char in covered)
    overhang = MAX_OVERHANG_EMS * size
    return start - overhang <= rule.x0 and rule.x1 <= end + overhang
