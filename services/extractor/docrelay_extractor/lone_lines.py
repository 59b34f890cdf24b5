"""A one-line block's alignment, told from its neighbours where its own line cannot tell it (blocks.py
judges a lone line against the page's text area alone).

- A lone line centred over the block under it is centred: a form's column title ("(g) GAIN" over "If
  (d) is more than (e), subtract (e) from (d)"), a caption's first word over its lines. Its translation
  then grows to both sides alike and stays over the middle of what it heads, where a left-aligned one
  keeps to its box.
- A lone line that starts where the block over or under it starts, that block set from the left, is set
  from the left though its middle happens to be the page's: the last value of a two-column list of
  labels and values ("Water authority offices, second floor, open every weekday morning"), whose
  translation had grown to both sides and started left of the values over it.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from docrelay_common.document import TextBlock

# The block under the line starts at most this many ems below it (or above its bottom)...
MAX_GAP_EM = 1.5
# ... reaches at least this many ems further than the line on each side (an indented one-line
# paragraph over the next paragraph may happen to share its middle, within a few points of its edges)...
MIN_OVERHANG_EM = 2.0
# ... and its middle is the line's within this many ems (at least MIN_AXIS_TOLERANCE points): stricter
# than a paragraph's own centring (alignment.py), as this takes a guess from a neighbour.
AXIS_TOLERANCE_EM = 0.1
MIN_AXIS_TOLERANCE = 0.5
# A block set from the left at most this many ems over or under a lone centred line, starting where it
# starts (within the axis tolerance), sets it from the left.
MAX_COLUMN_GAP_EM = 3.0


def align_lone_lines(blocks: Sequence[TextBlock]) -> list[TextBlock]:
    """The blocks, lone lines centred by chance in a column set from the left set from the left, then
    those centred over the block under them set centred."""
    around = _Neighbours(blocks)
    in_columns = {id(block) for block in around.upright if _left_in_column(block, around)}
    blocks = [
        block.model_copy(update={"align": "left"}) if id(block) in in_columns else block for block in blocks
    ]
    around = _Neighbours(blocks)
    heads = {id(block) for block in around.upright if _centred_head(block, around)}
    return [block.model_copy(update={"align": "center"}) if id(block) in heads else block for block in blocks]


class _Neighbours:
    """The upright blocks of a page, and the nearest over and under a line that share some of its width."""

    def __init__(self, blocks: Sequence[TextBlock]) -> None:
        upright = [block for block in blocks if block.rotation == 0 and not block.vertical]
        self.upright = sorted(upright, key=lambda block: block.bbox.top)
        self.tops = [block.bbox.top for block in self.upright]
        self.by_bottom = sorted(upright, key=lambda block: block.bbox.bottom)
        self.bottoms = [block.bbox.bottom for block in self.by_bottom]

    def over(self, line: TextBlock, highest: float, tolerance: float) -> TextBlock | None:
        """The block closest over the line, if it ends under `highest`."""
        for index in range(bisect_right(self.bottoms, line.bbox.top + tolerance) - 1, -1, -1):
            other = self.by_bottom[index]
            if other.bbox.bottom < highest:
                return None
            if _beside(line, other):
                return other
        return None

    def under(self, line: TextBlock, lowest: float, tolerance: float) -> TextBlock | None:
        """The block closest under the line, if it starts over `lowest`."""
        for index in range(bisect_left(self.tops, line.bbox.bottom - tolerance), len(self.upright)):
            other = self.upright[index]
            if other.bbox.top > lowest:
                return None
            if _beside(line, other):
                return other
        return None


def _beside(line: TextBlock, other: TextBlock) -> bool:
    return other is not line and other.bbox.x0 < line.bbox.x1 and other.bbox.x1 > line.bbox.x0


def _axis_tolerance(line: TextBlock) -> tuple[float, float]:
    """The line's size (its height where it has none) and how far its edges or middle may be off."""
    size = line.style.size if line.style.size > 0 else line.bbox.height
    return size, max(MIN_AXIS_TOLERANCE, AXIS_TOLERANCE_EM * size)


def _left_in_column(line: TextBlock, around: _Neighbours) -> bool:
    if line.line_count != 1 or line.align != "center" or line.cell is not None:
        return False
    box, (size, tolerance) = line.bbox, _axis_tolerance(line)
    reach = MAX_COLUMN_GAP_EM * size
    return any(
        other is not None and other.align in ("left", "justify") and abs(other.bbox.x0 - box.x0) <= tolerance
        for other in (
            around.over(line, box.top - reach, tolerance),
            around.under(line, box.bottom + reach, tolerance),
        )
    )


def _centred_head(line: TextBlock, around: _Neighbours) -> bool:
    if line.line_count != 1 or line.align != "left" or line.cell is not None:
        return False
    box, (size, tolerance) = line.bbox, _axis_tolerance(line)
    under = around.under(line, box.bottom + MAX_GAP_EM * size, tolerance)
    if under is None or under.cell is not None:
        return False
    overhang = MIN_OVERHANG_EM * size
    return (
        under.bbox.x0 <= box.x0 - overhang
        and under.bbox.x1 >= box.x1 + overhang
        and abs((under.bbox.x0 + under.bbox.x1) / 2 - (box.x0 + box.x1) / 2) <= tolerance
    )
