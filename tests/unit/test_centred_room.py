"""The room a centred paragraph's lines could have filled, on synthetic lines: what bounds it."""

from docrelay_common.document import BBox, TextStyle
from docrelay_extractor.centred_room import centred_room
from docrelay_extractor.lines import TextLine, VerticalRule

HEIGHT = 792.0
AREA = BBox(x0=72, top=72, x1=540, bottom=720)


def line(x0: float, x1: float, top: float, text: str = "text") -> TextLine:
    return TextLine(
        bbox=BBox(x0=x0, top=top, x1=x1, bottom=top + 10),
        text=text,
        style=TextStyle(font="Helvetica", size=10),
        glyphs=len(text),
    )


# Two short lines centred at 200, in the left half of the text area.
PARAGRAPH = [line(170, 230, 100), line(180, 220, 112)]


def test_the_room_is_the_text_area_taken_alike_on_both_sides_of_the_axis() -> None:
    # 128 points to the area's left side, 340 to its right: twice the nearer.
    assert centred_room(PARAGRAPH, PARAGRAPH, [], [], [], AREA, HEIGHT) == 256


def test_text_on_the_lines_rows_bounds_the_room_but_text_above_does_not() -> None:
    other_column = line(260, 500, 104)
    title_above = line(72, 540, 60)
    others = [*PARAGRAPH, other_column, title_above]

    assert centred_room(PARAGRAPH, others, [], [], [], AREA, HEIGHT) == 120


def test_a_vertical_rule_beside_the_lines_bounds_the_room_one_elsewhere_does_not() -> None:
    beside = VerticalRule(x=150, y0=HEIGHT - 130, y1=HEIGHT - 90)
    lower_down = VerticalRule(x=160, y0=100, y1=300)

    assert centred_room(PARAGRAPH, PARAGRAPH, [beside, lower_down], [], [], AREA, HEIGHT) == 100


def test_a_shape_around_the_lines_bounds_the_room_a_shape_beside_them_does_not() -> None:
    around = BBox(x0=160, top=95, x1=250, bottom=130)
    beside = BBox(x0=235, top=95, x1=260, bottom=130)

    assert centred_room(PARAGRAPH, PARAGRAPH, [], [around, beside], [], AREA, HEIGHT) == 80


def test_a_rule_right_above_or_below_bounds_the_room_a_rule_further_away_does_not() -> None:
    above = BBox(x0=175, top=95, x1=260, bottom=95)
    far_below = BBox(x0=190, top=200, x1=210, bottom=200)

    assert centred_room(PARAGRAPH, PARAGRAPH, [], [], [above, far_below], AREA, HEIGHT) == 50


def test_a_rule_right_below_bounds_the_room_too() -> None:
    # A ruled column head's rule under its last line (which ends at 122).
    below = BBox(x0=185, top=126, x1=230, bottom=126)

    assert centred_room(PARAGRAPH, PARAGRAPH, [], [], [below], AREA, HEIGHT) == 30
