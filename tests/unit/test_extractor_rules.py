"""The page's rules: the strokes and box sides a longer translation does not grow across (free_space)."""

from pdfminer.layout import LTLine, LTRect

from docrelay_common.document import BBox
from docrelay_extractor.rules import MAX_PAGE_RULES, page_rules

HEIGHT = 800.0
BLACK, WHITE = (0.0, 0.0, 0.0), (1.0, 1.0, 1.0)


def boxed(x0: float, y0: float, x1: float, y1: float, **paint: object) -> LTRect:
    return LTRect(0.5, (x0, y0, x1, y1), **paint)  # type: ignore[arg-type]


def test_a_stroked_box_gives_its_four_sides_in_top_left_coordinates() -> None:
    rules = page_rules([boxed(100, 700, 200, 720, stroke=True, stroking_color=BLACK)], HEIGHT)
    assert sorted(rules, key=lambda rule: (rule.x0, rule.top, rule.x1)) == [
        BBox(x0=100, top=80, x1=100, bottom=100),
        BBox(x0=100, top=80, x1=200, bottom=80),
        BBox(x0=100, top=100, x1=200, bottom=100),
        BBox(x0=200, top=80, x1=200, bottom=100),
    ]


def test_only_what_is_seen_on_paper_is_a_rule() -> None:
    shapes = [
        # A form's invisible frame round a checkbox and its label: filled white, not stroked.
        boxed(50, 500, 250, 516, fill=True, non_stroking_color=WHITE),
        # The same in CMYK white, and in gray.
        boxed(50, 400, 250, 416, fill=True, non_stroking_color=(0.0, 0.0, 0.0, 0.0)),
        boxed(50, 300, 250, 316, fill=True, non_stroking_color=1.0),
        # A white stroke on white paper.
        boxed(50, 200, 250, 216, stroke=True, stroking_color=WHITE),
        # A tick shorter than a rule.
        LTLine(0.5, (60, 100), (62, 100), stroke=True, stroking_color=BLACK),
    ]
    assert page_rules(shapes, HEIGHT) == []
    # A shaded box's edges are seen: it is filled in gray; so are a black box's with a white outline.
    shaded = page_rules([boxed(50, 500, 250, 516, fill=True, non_stroking_color=0.9)], HEIGHT)
    assert len(shaded) == 4
    outlined = boxed(
        50, 500, 250, 516, stroke=True, stroking_color=WHITE, fill=True, non_stroking_color=BLACK
    )
    assert len(page_rules([outlined], HEIGHT)) == 4


def test_a_border_drawn_twice_is_one_rule_and_a_page_of_strokes_keeps_its_longest() -> None:
    line = LTLine(0.5, (100, 500), (300, 500), stroke=True, stroking_color=BLACK)
    assert page_rules([line, line], HEIGHT) == [BBox(x0=100, top=300, x1=300, bottom=300)]
    strokes = [
        LTLine(0.5, (10, y), (10 + 5 + y / 100, y), stroke=True, stroking_color=BLACK)
        for y in range(1, MAX_PAGE_RULES + 101)
    ]
    kept = page_rules(strokes, HEIGHT)
    assert len(kept) == MAX_PAGE_RULES
    assert min(rule.width for rule in kept) > max(rule.width for rule in page_rules(strokes[:100], HEIGHT))
