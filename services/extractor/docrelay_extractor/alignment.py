"""How the lines of a paragraph sit in its box: flush left, centred, flush right or justified."""

from bisect import bisect_right
from collections.abc import Sequence
from typing import Literal

from docrelay_common.document import BBox

Align = Literal["left", "center", "right", "justify"]

# Edges and axes within this many ems (at least MIN_TOLERANCE points) of each other are aligned.
TOLERANCE_EM = 0.15
MIN_TOLERANCE = 1.0
# Fewer full lines than this do not tell justified text from lines that happen to be as long.
MIN_JUSTIFIED_LINES = 3
# A first line set out to the left of the others by at most this many ems hangs (a list item's bullet).
MAX_HANGING_EM = 4.0
# ... in a first line at least this many ems wide.
MIN_HANGING_WIDTH_EM = 10.0
# A lone line is centred when its axis is the text area's and it keeps this far (in ems) from both sides;
# a title, set larger than the page's body, only this far: it may fill most of the width.
MIN_CENTRED_MARGIN_EM = 2.0
MIN_TITLE_MARGIN_EM = 0.5
# A first line indented and ending short of a line below is centred over it when it is at least this many
# ems wide: a few glyphs (code's elision "..." over "endfig;") stand where indentation puts them.
MIN_SHORT_FIRST_EM = 3.0
# Points by which the edges of a table column's texts may differ and still be one alignment.
COLUMN_TOLERANCE = 1.0
# Sizes within this many points of each other are one size (a style's sizes are rounded to a tenth).
SIZE_TOLERANCE = 0.5


def line_alignment(lines: Sequence[BBox], size: float) -> Align:
    """The alignment the lines of one paragraph (top to bottom) share; "left" when they show none.

    The first line may be indented, so it alone starting further right does not make a ragged left edge
    unless it also ends short of a line below (an indented first line is full: "Lab report, Physics 101"
    centred over "Group 4: A. Singh, B. Novak" is not); it may hang (start further left, by a bullet's
    width), which does not either.
    """
    tolerance = _tolerance(size)
    if len(lines) < 2:
        return "left"
    if _hanging(lines, tolerance, size):
        # A list item's bullet or a reference's first line set out to the left: its lines start at the
        # others' edge as far as their alignment goes.
        lines = [lines[0].model_copy(update={"x0": lines[1].x0}), *lines[1:]]
    if _justified(lines, tolerance):
        return "justify"
    first, rest = lines[0], lines[1:]
    lefts = [line.x0 for line in rest]
    short_first = (
        first.x0 > min(lefts) + tolerance
        and first.x1 < max(line.x1 for line in rest) - tolerance
        and first.width >= MIN_SHORT_FIRST_EM * size
    )
    ragged_left = _spread(lefts) > tolerance or first.x0 < min(lefts) - tolerance or short_first
    if not ragged_left:
        return "left"
    if _spread([(line.x0 + line.x1) / 2 for line in lines]) <= tolerance:
        return "center"
    if _spread([line.x1 for line in lines]) <= tolerance:
        return "right"
    return "left"


def aligned(edges: Sequence[float], size: float) -> bool:
    """Are the edges (of lines set `size` points) at one place, within the tolerance alignment allows?"""
    return _spread(edges) <= _tolerance(size)


def centred_alone(
    line: BBox, text_area: BBox, size: float, body_size: float, page_width: float | None = None
) -> bool:
    """Is a one-line paragraph centred in the page's text area, or on the page `page_width` wide (a
    title, a running head, a caption, a page number)? A line set larger than `body_size` (the frame's
    body text) is a title, which may come closer to the text area's sides. The page's axis counts where
    the text area is not centred on the page: a heading set out into the left margin (dmca's), a form
    filling the left of its page, a figure wider on one side. On the page, the right margin is no wider
    than the left: a form's title over empty boxes is its page's rightmost text, and kept no margin from
    the text area's right edge."""
    tolerance = _tolerance(size)
    title = size > body_size + SIZE_TOLERANCE
    margin = (MIN_TITLE_MARGIN_EM if title else MIN_CENTRED_MARGIN_EM) * size
    axis = (line.x0 + line.x1) / 2
    axes = [(text_area.x0 + text_area.x1) / 2] + ([page_width / 2] if page_width is not None else [])
    right = text_area.x1 if page_width is None else max(text_area.x1, page_width - text_area.x0)
    return (
        any(abs(axis - centre) <= tolerance for centre in axes)
        and line.x0 - text_area.x0 >= margin
        and right - line.x1 >= margin
    )


def centring_area(boxes: Sequence[BBox], sizes: Sequence[float], text_area: BBox, page_width: float) -> BBox:
    """The area lone lines are centred in (centred_alone): the text area, or the page's whole width where
    every line is centred on the page and they are not all of one width (a title page, a slide's title
    and subtitle, a certificate). There the widest line makes the text area's edges, so it and the lines
    about as wide kept no margin from them and were read as set from the left."""
    axis = page_width / 2
    on_the_axis = all(
        abs((box.x0 + box.x1) / 2 - axis) <= _tolerance(size) for box, size in zip(boxes, sizes, strict=True)
    )
    starts = [box.x0 for box in boxes]
    if len(boxes) < 2 or not on_the_axis or aligned(starts, min(sizes)):
        return text_area
    return text_area.model_copy(update={"x0": 0.0, "x1": page_width})


def column_alignment(texts: Sequence[BBox]) -> Align:
    """The edge most of a table column's texts (its cells', or its lines') share: left, right or centre;
    "left" when no other is shared by more of them. A head or a total may sit apart from the column's
    edge (a head centred over four figures set right had made them a column set from the left, when the
    texts' spread decided; a form's two names over a code set right had been read as set right, then as
    centred)."""
    sharing: dict[Align, int] = {
        "left": _most_at_one_place([text.x0 for text in texts]),
        "right": _most_at_one_place([text.x1 for text in texts]),
        "center": _most_at_one_place([(text.x0 + text.x1) / 2 for text in texts]),
    }
    # Where as many share another edge, left: texts as wide as each other share every edge alike
    # (amounts of one length, kept as drawn), and two names beside a code set right share their middles.
    return max(sharing, key=lambda align: (sharing[align], align == "left"))


def _most_at_one_place(values: Sequence[float]) -> int:
    """The most values within COLUMN_TOLERANCE of one of them."""
    ordered = sorted(values)
    return max(
        (bisect_right(ordered, value + COLUMN_TOLERANCE) - index for index, value in enumerate(ordered)),
        default=0,
    )


def _hanging(lines: Sequence[BBox], tolerance: float, size: float) -> bool:
    """Does the first line start up to a few ems left of the others, which start at one edge (at least
    two of them: two lines whose first is longer may be centred or flush right), in lines of prose (a
    column of figures flush right, "8/16" over "4/7", is narrow)?"""
    first, rest = lines[0], lines[1:]
    lefts = [line.x0 for line in rest]
    return (
        len(rest) >= 2
        and _spread(lefts) <= tolerance
        and tolerance < min(lefts) - first.x0 <= MAX_HANGING_EM * size
        and first.x1 - first.x0 >= MIN_HANGING_WIDTH_EM * size
    )


def _justified(lines: Sequence[BBox], tolerance: float) -> bool:
    """Every line but the last reaches both edges (the first may be indented), and enough of them do."""
    left, right = min(line.x0 for line in lines), max(line.x1 for line in lines)

    def full(line: BBox) -> bool:
        return line.x1 >= right - tolerance and (line.x0 <= left + tolerance or line is lines[0])

    return all(map(full, lines[:-1])) and sum(map(full, lines)) >= MIN_JUSTIFIED_LINES


def _tolerance(size: float) -> float:
    """How far apart (points) edges and axes of lines set `size` points may be and still be aligned."""
    return max(MIN_TOLERANCE, TOLERANCE_EM * size)


def _spread(values: Sequence[float]) -> float:
    return max(values) - min(values)
