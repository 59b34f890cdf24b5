"""A lone line centred over the block under it is centred: a form's column title ("(g) GAIN" over "If (d)
is more than (e), subtract (e) from (d)"), a caption's first word over its lines.

A one-line block's alignment cannot be told from its own line (blocks.py judges it against the page's
text area alone): its neighbour below can. Its translation then grows to both sides alike and stays over
the middle of what it heads, where a left-aligned one keeps to its box.
"""

from bisect import bisect_left
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


def centre_heads(blocks: Sequence[TextBlock]) -> list[TextBlock]:
    """The blocks, those lone lines centred over the block under them set centred."""
    upright = sorted(
        (block for block in blocks if block.rotation == 0 and not block.vertical),
        key=lambda block: block.bbox.top,
    )
    tops = [block.bbox.top for block in upright]
    heads = {id(block) for block in upright if _centred_head(block, upright, tops)}
    return [block.model_copy(update={"align": "center"}) if id(block) in heads else block for block in blocks]


def _centred_head(line: TextBlock, by_top: Sequence[TextBlock], tops: Sequence[float]) -> bool:
    if line.line_count != 1 or line.align != "left" or line.cell is not None:
        return False
    box, size = line.bbox, line.style.size if line.style.size > 0 else line.bbox.height
    tolerance = max(MIN_AXIS_TOLERANCE, AXIS_TOLERANCE_EM * size)
    under = _first_under(line, by_top, tops, box.bottom + MAX_GAP_EM * size, tolerance)
    if under is None or under.cell is not None:
        return False
    overhang = MIN_OVERHANG_EM * size
    return (
        under.bbox.x0 <= box.x0 - overhang
        and under.bbox.x1 >= box.x1 + overhang
        and abs((under.bbox.x0 + under.bbox.x1) / 2 - (box.x0 + box.x1) / 2) <= tolerance
    )


def _first_under(
    line: TextBlock, by_top: Sequence[TextBlock], tops: Sequence[float], lowest: float, tolerance: float
) -> TextBlock | None:
    """The block closest under the line that shares some of its width, if it starts above `lowest`."""
    box = line.bbox
    for index in range(bisect_left(tops, box.bottom - tolerance), len(by_top)):
        other = by_top[index]
        if other.bbox.top > lowest:
            return None
        if other is not line and other.bbox.x0 < box.x1 and other.bbox.x1 > box.x0:
            return other
    return None
