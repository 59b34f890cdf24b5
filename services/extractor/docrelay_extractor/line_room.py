"""How wide a paragraph's lines could have run: the room a typesetter wrapped them in.

A paragraph's widest line shows the width its lines wrap at only when they were wrapped. A stack of
short lines broken on purpose has more room than its widest line: an address or a title page's
"Camlidl user's manual" over "Version 1.04", centred; a menu, a list of names or a legend, set from the
left ("Soup of the day" over "Grilled fish"); a sender's address set from the right. The room is the
free span on the paragraph's lines' rows: around its axis, taken alike on both sides, for a centred
paragraph; from its left edge up to its column's measure for one set from the left, and from its right
edge for one set from the right. It ends at
- the page's text area;
- the other text on those rows (the next column, a label's value);
- the vertical rules beside the lines, and the sides of a shape around them (a box, an oval of a
  figure's flow chart);
- the ends of a rule right above or below them (a table's column under its ruled head, an underline).
"""

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cached_property

from docrelay_common.document import BBox
from docrelay_extractor.alignment import aligned
from docrelay_extractor.lines import TextLine, VerticalRule, body_size_of
from docrelay_extractor.style import is_monospace

# Lines start where a paragraph does within this share of its size (an indented first line does not).
SAME_EDGE = 0.5
# A lone line at the right margin is set flush right when it takes at most this share of the text area's
# width (a full line there is prose, however it starts), and the text before it on its row ends at least
# this many ems before it (a footer's parts; the end of a row of prose cut from its start is a word
# space away).
MAX_FLUSH_RIGHT_SHARE = 0.5
MIN_FLUSH_RIGHT_GAP_EM = 2.0
# Lines ending at one place, at least, on more than one row make a margin.
MARGIN_LINES = 2


@dataclass(frozen=True)
class Surroundings:
    """What may bound a paragraph's room in its frame: `lines` (the frame's lines), vertical `rules`
    (bottom-up, in a frame `height` high), `enclosures` (its shapes' boxes), `rules_across` (its
    horizontal rules, top-down) and the `text_area`; `in_cells`: those of its lines in tables' cells."""

    lines: Sequence[TextLine]
    rules: Sequence[VerticalRule]
    enclosures: Sequence[BBox]
    rules_across: Sequence[BBox]
    text_area: BBox
    height: float
    in_cells: AbstractSet[TextLine] = frozenset()

    @cached_property
    def right_margin(self) -> float | None:
        """The page's right margin for its lone lines (right_margin), found once for all of them."""
        return right_margin(self.lines, body_size_of(self.lines)) if self.lines else None


def centred_room(paragraph: Sequence[TextLine], around: Surroundings) -> float:
    """The width the centred `paragraph`'s lines could have filled."""
    boxes = [line.bbox for line in paragraph]
    axis = sum((box.x0 + box.x1) / 2 for box in boxes) / len(boxes)
    lefts, rights = _bounds(boxes, axis, around)
    return 2 * min(axis - max(lefts), min(rights) - axis)


def flush_room(
    paragraph: Sequence[TextLine], around: Surroundings, from_right: bool = False, measured: bool = True
) -> float:
    """The width the lines of `paragraph`, set from the left (or `from_right`: a sender's address at the
    top of a letter, its signature), could have filled from its edge. `measured`: up to its column's
    measure too, the farthest end of the lines that start (end) where it does (prose around a list fills
    it; a line of code running past the column, which widens the text area, does not start there), and
    a paragraph nothing else starts beside has only its own width; otherwise up to what bounds it on its
    rows (an address alone on a letter)."""
    boxes = [line.bbox for line in paragraph]
    edge = _edge(paragraph, from_right)
    lefts, rights = _bounds(boxes, edge, around)
    if measured:
        column = [*paragraph, *_on_edge(paragraph, around, from_right)]
        if from_right:
            lefts.append(min(line.bbox.x0 for line in column))
        else:
            rights.append(max(line.bbox.x1 for line in column))
    return edge - max(lefts) if from_right else min(rights) - edge


def starts_alone(paragraph: Sequence[TextLine], around: Surroundings, from_right: bool = False) -> bool:
    """Does no other line of the frame start where the paragraph starts (or end where it ends,
    `from_right`)? Then its column gives no measure."""
    own = set(paragraph)
    return all(line in own for line in _on_edge(paragraph, around, from_right))


def flush_right_alone(line: TextLine, around: Surroundings) -> bool:
    """Is a lone line set flush right: a short line ending at the page's right margin, where every line
    of the frame starting where it starts ends too (a letter's date under its sender's address, a
    sender's first line, a footer's "Page 1")? The margin is the farthest right end lines of different
    rows share (right_margin): the rightmost text of a page with a ragged right side (a note
    in the margin, a caption alone in a right-hand column, a form's label before a field drawn as a
    line) is no margin, nor is a letterhead's footer running past the body. The lines of a column start
    at its edge, and the last of its paragraphs end short of the margin; a paragraph's first line starts
    at its indent with the others'; the end of a row of prose cut from its start follows it a word space
    away."""
    area, box, size = around.text_area, line.bbox, line.style.size
    margin = around.right_margin

    def at_margin(other: TextLine) -> bool:
        return margin is not None and aligned([other.bbox.x1, margin], size)

    # The cheap tests first: a page of a thousand lone lines asks them of each.
    if not at_margin(line) or box.width > MAX_FLUSH_RIGHT_SHARE * area.width:
        return False
    before = [
        other.bbox.x1 for other in around.lines if other.bbox.x1 <= box.x0 and _on_rows(other.bbox, [box])
    ]
    # Code starting beside it counts too: a comment flush right in a listing is no line set so. A table's
    # column does not: its cells end at their own edge (an invoice's amounts over its "Page 1 of 1").
    starting_beside = [
        other
        for other in _on_edge([line], around, from_right=False, with_code=True)
        if other not in around.in_cells
    ]
    return box.x0 - max(before, default=area.x0) >= MIN_FLUSH_RIGHT_GAP_EM * size and all(
        map(at_margin, starting_beside)
    )


def right_margin(lines: Sequence[TextLine], size: float) -> float | None:
    """The farthest right end that MARGIN_LINES lines share, not all on one row (within the alignment
    tolerance of text `size` points); None if no end is shared so."""
    by_end = sorted(lines, key=lambda line: line.bbox.x1, reverse=True)
    for index, line in enumerate(by_end):
        sharing = [line]
        for other in by_end[index + 1 :]:
            if not aligned([line.bbox.x1, other.bbox.x1], size):
                break
            sharing.append(other)
        if len(sharing) >= MARGIN_LINES and not all(_on_rows(other.bbox, [line.bbox]) for other in sharing):
            return line.bbox.x1
    return None


def _edge(paragraph: Sequence[TextLine], from_right: bool) -> float:
    """Where the paragraph's lines start (or end, `from_right`)."""
    if from_right:
        return max(line.bbox.x1 for line in paragraph)
    return min(line.bbox.x0 for line in paragraph)


def _on_edge(
    paragraph: Sequence[TextLine], around: Surroundings, from_right: bool, with_code: bool = False
) -> list[TextLine]:
    """The frame's lines that start (or end, `from_right`) at the paragraph's edge, code aside unless
    `with_code` (a line of a listing may run past the column it starts in)."""
    edge = _edge(paragraph, from_right)
    tolerance = SAME_EDGE * max(line.style.size for line in paragraph)
    return [
        line
        for line in around.lines
        if abs((line.bbox.x1 if from_right else line.bbox.x0) - edge) <= tolerance
        and (with_code or not is_monospace(line.style.font))
    ]


def _bounds(boxes: Sequence[BBox], axis: float, around: Surroundings) -> tuple[list[float], list[float]]:
    """Where the free span on the lines' rows ends on their left and on their right; `axis` is a point
    of the lines the rules right above or below must reach to bound it."""
    left, right = min(box.x0 for box in boxes), max(box.x1 for box in boxes)
    top, bottom = min(box.top for box in boxes), max(box.bottom for box in boxes)
    line_height = max(box.height for box in boxes)
    # The paragraph's own lines lie between its edges, so they bound nothing.
    beside = [other.bbox for other in around.lines if _on_rows(other.bbox, boxes)]
    enclosing = [
        box
        for box in around.enclosures
        if box.x0 <= left and right <= box.x1 and box.top <= top and bottom <= box.bottom
    ]
    touching = [
        rule
        for rule in around.rules_across
        if rule.x0 <= axis <= rule.x1
        and (top - line_height <= rule.top <= top or bottom <= rule.top <= bottom + line_height)
    ]
    rules = [rule for rule in around.rules if any(rule.beside(box, around.height) for box in boxes)]
    lefts = (
        [around.text_area.x0]
        + [box.x1 for box in beside if box.x1 <= left]
        + [rule.x for rule in rules if rule.x <= left]
        + [box.x0 for box in enclosing + touching]
    )
    rights = (
        [around.text_area.x1]
        + [box.x0 for box in beside if box.x0 >= right]
        + [rule.x for rule in rules if rule.x >= right]
        + [box.x1 for box in enclosing + touching]
    )
    return lefts, rights


def _on_rows(box: BBox, rows: Sequence[BBox]) -> bool:
    return any(box.top < row.bottom and row.top < box.bottom for row in rows)
