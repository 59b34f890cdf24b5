"""How wide a centred paragraph's lines could have run: the room a typesetter wrapped them in.

A flush-left paragraph's widest line shows the width its lines wrap at. A centred one's does not: an
address or a title page's "Camlidl user's manual" over "Version 1.04" is a stack of short lines broken on
purpose, each far narrower than the room around it. The room is the free span around the paragraph's
axis on its lines' rows, taken alike on both sides of the axis, as centring does. It ends at
- the page's text area;
- the other text on those rows (the next column);
- the vertical rules beside the lines, and the sides of a shape around them (a box, an oval of a
  figure's flow chart);
- the ends of a rule right above or below them (a table's column under its ruled head, an underline).
"""

from collections.abc import Sequence

from docrelay_common.document import BBox
from docrelay_extractor.lines import TextLine, VerticalRule


def centred_room(
    paragraph: Sequence[TextLine],
    others: Sequence[TextLine],
    rules: Sequence[VerticalRule],
    enclosures: Sequence[BBox],
    rules_across: Sequence[BBox],
    text_area: BBox,
    height: float,
) -> float:
    """The width the centred `paragraph`'s lines could have filled. `others` are the frame's lines,
    `rules` its vertical rules (bottom-up, in a frame `height` high), `enclosures` its shapes' boxes and
    `rules_across` its horizontal rules (top-down)."""
    boxes = [line.bbox for line in paragraph]
    left, right = min(box.x0 for box in boxes), max(box.x1 for box in boxes)
    top, bottom = min(box.top for box in boxes), max(box.bottom for box in boxes)
    axis = sum((box.x0 + box.x1) / 2 for box in boxes) / len(boxes)
    line_height = max(box.height for box in boxes)
    # The paragraph's own lines lie between its edges, so they bound nothing.
    beside = [other.bbox for other in others if _on_rows(other.bbox, boxes)]
    around = [
        box
        for box in enclosures
        if box.x0 <= left and right <= box.x1 and box.top <= top and bottom <= box.bottom
    ]
    touching = [
        rule
        for rule in rules_across
        if rule.x0 < axis < rule.x1
        and (top - line_height <= rule.top <= top or bottom <= rule.top <= bottom + line_height)
    ]
    lefts = (
        [text_area.x0]
        + [box.x1 for box in beside if box.x1 <= left]
        + [rule.x for rule in rules if rule.x <= left and any(rule.beside(box, height) for box in boxes)]
        + [box.x0 for box in around + touching]
    )
    rights = (
        [text_area.x1]
        + [box.x0 for box in beside if box.x0 >= right]
        + [rule.x for rule in rules if rule.x >= right and any(rule.beside(box, height) for box in boxes)]
        + [box.x1 for box in around + touching]
    )
    return 2 * min(axis - max(lefts), min(rights) - axis)


def _on_rows(box: BBox, rows: Sequence[BBox]) -> bool:
    return any(box.top < row.bottom and row.top < box.bottom for row in rows)
