"""Rules: thin strokes and the sides of rectangles, where table cells, form boxes and underlines end.

Tables and paragraphs are cut at them (block_lines), and the page keeps them (`Page.rules`), so that a
longer translation does not grow across a form's box or a heading's underline.
"""

from collections.abc import Sequence

from pdfminer.layout import LTCurve, LTRect

from docrelay_common.document import BBox
from docrelay_extractor.geometry import from_bottom_left
from docrelay_extractor.lines import VerticalRule

# Strokes thinner than this (points) count as rules.
RULE_THICKNESS = 2.0
# Rules shorter than this (points) are marks (a tick, a dot of a chart), not where text ends.
MIN_RULE_LENGTH = 3.0
# A page drawn with more rules than this (a map, a chart of strokes) keeps its longest ones.
MAX_PAGE_RULES = 1000
# A shape seen on paper with sides from this long to this may be a list's marker: a browser draws a
# list's discs and squares as shapes (paragraphs).
MIN_MARK_SIDE, MAX_MARK_SIDE = 1.0, 8.0


def vertical_sides(shape: LTCurve) -> list[VerticalRule]:
    """Vertical rules and the left/right sides of rectangles, in pdfminer's coordinates."""
    if shape.width <= RULE_THICKNESS:
        return [VerticalRule(x=(shape.x0 + shape.x1) / 2, y0=shape.y0, y1=shape.y1)]
    if isinstance(shape, LTRect):
        return [VerticalRule(x=x, y0=shape.y0, y1=shape.y1) for x in (shape.x0, shape.x1)]
    return []


def horizontal_sides(shape: LTCurve, page_height: float) -> list[BBox]:
    """Horizontal rules and the top/bottom sides of rectangles, as flat boxes (top-left coordinates)."""
    if shape.height <= RULE_THICKNESS:
        middle = (shape.y0 + shape.y1) / 2
        return [from_bottom_left(shape.x0, middle, shape.x1, middle, page_height)]
    if isinstance(shape, LTRect):
        return [from_bottom_left(shape.x0, y, shape.x1, y, page_height) for y in (shape.y0, shape.y1)]
    return []


def painted_rules(shapes: Sequence[LTCurve], page_height: float) -> tuple[list[BBox], list[BBox]]:
    """The rules and sides of boxes seen on paper, across and down, as flat boxes (top-left coordinates),
    each place once: tables drawn cell by cell draw each shared border twice. Where a grid is drawn
    (drawn_grids), and the page's rules."""
    seen = [shape for shape in shapes if _painted(shape)]
    across = [rule for shape in seen for rule in horizontal_sides(shape, page_height)]
    down = [
        BBox(x0=rule.x, top=page_height - rule.y1, x1=rule.x, bottom=page_height - rule.y0)
        for shape in seen
        for rule in vertical_sides(shape)
    ]
    return _each_place_once(across), _each_place_once(down)


def _each_place_once(rules: list[BBox]) -> list[BBox]:
    """The rules, one of those at a place (to a tenth of a point)."""
    places = {
        tuple(round(value, 1) for value in (rule.x0, rule.top, rule.x1, rule.bottom)): rule for rule in rules
    }
    return list(places.values())


def thin_strokes(shapes: Sequence[LTCurve], page_height: float) -> list[BBox]:
    """The visible horizontal strokes alone, not the sides of boxes, as flat boxes (top-left
    coordinates): where underlines are."""
    return [
        rule
        for shape in shapes
        if shape.height <= RULE_THICKNESS and shape.width >= MIN_RULE_LENGTH and _painted(shape)
        for rule in horizontal_sides(shape, page_height)
    ]


def page_rules(shapes: Sequence[LTCurve], page_height: float) -> list[BBox]:
    """The page's visible rules, across and down, as flat boxes in top-left coordinates: the longest
    MAX_PAGE_RULES of those at least MIN_RULE_LENGTH long."""
    across, down = painted_rules(shapes, page_height)
    rules = [rule for rule in across + down if max(rule.width, rule.height) >= MIN_RULE_LENGTH]
    if len(rules) > MAX_PAGE_RULES:
        rules = sorted(rules, key=lambda rule: max(rule.width, rule.height), reverse=True)[:MAX_PAGE_RULES]
    return rules


def drawn_marks(shapes: Sequence[LTCurve], page_height: float) -> list[BBox]:
    """The small shapes seen on paper (MIN_MARK_SIDE to MAX_MARK_SIDE each way), in top-left
    coordinates: where a list's markers may be drawn."""
    return [
        from_bottom_left(shape.x0, shape.y0, shape.x1, shape.y1, page_height)
        for shape in shapes
        if _painted(shape)
        and all(MIN_MARK_SIDE <= side <= MAX_MARK_SIDE for side in (shape.width, shape.height))
    ]


def _painted(shape: LTCurve) -> bool:
    """Is the shape seen on paper: stroked or filled in another colour than white? A form's invisible
    frames (filled white, not stroked) around a checkbox and its label bound nothing."""
    stroked = bool(shape.stroke) and not _white(shape.stroking_color)
    return stroked or (bool(shape.fill) and not _white(shape.non_stroking_color))


def _white(color: object) -> bool:
    """White in gray (1), RGB (1, 1, 1) or CMYK (0, 0, 0, 0); a pattern or an unknown space is not.

    pdfminer gives a colour's components without its space: a one-component colour is taken for gray,
    though a spot colour at full tint (1) is ink, and at 0 none."""
    values = color if isinstance(color, (list, tuple)) else (color,)
    if not values or not all(isinstance(value, (int, float)) for value in values):
        return False
    if len(values) == 4:
        return all(value == 0 for value in values)
    return all(value == 1 for value in values)
