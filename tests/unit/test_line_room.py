"""The room a paragraph's lines could have filled, centred or set from the left, on synthetic lines: what
bounds it."""

from docrelay_common.document import BBox, TextStyle
from docrelay_extractor.line_room import (
    Surroundings,
    centred_room,
    flush_right_alone,
    flush_room,
    starts_alone,
)
from docrelay_extractor.lines import TextLine, VerticalRule

HEIGHT = 792.0
AREA = BBox(x0=72, top=72, x1=540, bottom=720)


def line(x0: float, x1: float, top: float, text: str = "text", font: str = "Helvetica") -> TextLine:
    return TextLine(
        bbox=BBox(x0=x0, top=top, x1=x1, bottom=top + 10),
        text=text,
        style=TextStyle(font=font, size=10),
        glyphs=len(text),
    )


# Two short lines centred at 200, in the left half of the text area.
PARAGRAPH = [line(170, 230, 100), line(180, 220, 112)]


def around(
    lines: list[TextLine] = PARAGRAPH,
    rules: list[VerticalRule] | None = None,
    enclosures: list[BBox] | None = None,
    rules_across: list[BBox] | None = None,
    in_cells: set[TextLine] | None = None,
) -> Surroundings:
    return Surroundings(
        lines, rules or [], enclosures or [], rules_across or [], AREA, HEIGHT, frozenset(in_cells or ())
    )


def test_the_room_is_the_text_area_taken_alike_on_both_sides_of_the_axis() -> None:
    # 128 points to the area's left side, 340 to its right: twice the nearer.
    assert centred_room(PARAGRAPH, around()) == 256


def test_text_on_the_lines_rows_bounds_the_room_but_text_above_does_not() -> None:
    other_column = line(260, 500, 104)
    title_above = line(72, 540, 60)
    others = [*PARAGRAPH, other_column, title_above]

    assert centred_room(PARAGRAPH, around(others)) == 120


def test_a_vertical_rule_beside_the_lines_bounds_the_room_one_elsewhere_does_not() -> None:
    beside = VerticalRule(x=150, y0=HEIGHT - 130, y1=HEIGHT - 90)
    lower_down = VerticalRule(x=160, y0=100, y1=300)

    assert centred_room(PARAGRAPH, around(rules=[beside, lower_down])) == 100


def test_a_shape_around_the_lines_bounds_the_room_a_shape_beside_them_does_not() -> None:
    enclosing = BBox(x0=160, top=95, x1=250, bottom=130)
    beside = BBox(x0=235, top=95, x1=260, bottom=130)

    assert centred_room(PARAGRAPH, around(enclosures=[enclosing, beside])) == 80


def test_a_rule_right_above_or_below_bounds_the_room_a_rule_further_away_does_not() -> None:
    above = BBox(x0=175, top=95, x1=260, bottom=95)
    far_below = BBox(x0=190, top=200, x1=210, bottom=200)

    assert centred_room(PARAGRAPH, around(rules_across=[above, far_below])) == 50


def test_a_rule_right_below_bounds_the_room_too() -> None:
    # A ruled column head's rule under its last line (which ends at 122).
    below = BBox(x0=185, top=126, x1=230, bottom=126)

    assert centred_room(PARAGRAPH, around(rules_across=[below])) == 30


# A list set from the left at 100: "Soup of the day" over "Grilled fish", under a paragraph of prose that
# fills its column to 500.
MENU = [line(100, 180, 100), line(100, 160, 112)]
PROSE = [line(100, 500, 64), line(100, 420, 76)]


def test_a_list_set_from_the_left_has_the_room_up_to_its_columns_measure() -> None:
    assert flush_room(MENU, around([*PROSE, *MENU])) == 400
    # A line of code running past the column widens the text area, not the column, where it starts too.
    for x0 in (120, 100):
        overrun = line(x0, 540, 140, font="DejaVuSansMono")
        assert flush_room(MENU, around([*PROSE, *MENU, overrun])) == 400


def test_a_list_nothing_else_starts_beside_has_its_own_width() -> None:
    indented = [line(130, 500, 64), line(100, 130, 150)]

    assert flush_room(MENU, around([*indented, *MENU])) == 80


def test_text_on_a_list_rows_ends_its_room_where_it_starts_text_on_its_left_does_not() -> None:
    # A label's value on its row, and a line number before it.
    value, number = line(300, 330, 101), line(80, 90, 112)

    assert flush_room(MENU, around([*PROSE, *MENU, value, number])) == 200


def test_a_rule_right_under_a_list_from_its_left_edge_ends_its_room() -> None:
    # A signature's line drawn under the last line, from the list's left edge.
    under = BBox(x0=100, top=125, x1=260, bottom=125)

    assert flush_room(MENU, around([*PROSE, *MENU], rules_across=[under])) == 160


def test_a_list_set_from_the_right_has_the_room_leftwards_to_the_lines_ending_where_it_ends() -> None:
    # A sender's address at the right margin, over a letter's prose ending there too.
    address = [line(440, 540, 100), line(470, 540, 112)]
    letter = [line(72, 540, 150), line(72, 400, 162)]

    assert flush_room(address, around([*address, *letter]), from_right=True) == 468
    assert flush_room(address, around(address), from_right=True) == 100
    assert flush_room(address, around(address), from_right=True, measured=False) == 468


def test_a_list_starts_alone_where_no_other_line_starts() -> None:
    assert starts_alone(MENU, around(MENU))
    assert not starts_alone(MENU, around([*PROSE, *MENU]))


def test_a_footer_at_the_margin_is_flush_right_though_a_tables_column_starts_where_it_starts() -> None:
    # An invoice: prose ending at the margin (540), amounts in a table's column from 500 to 530, and a
    # "Page 1 of 1" from 500 to 540 at the foot of the page.
    prose = [line(72, 540, 100), line(72, 540, 112)]
    amounts = [line(500, 530, 200 + 12 * row, "£1.00") for row in range(3)]
    footer = line(500, 540, 700, "Page 1 of 1")
    lines = [*prose, *amounts, footer]

    assert flush_right_alone(footer, around(lines, in_cells=set(amounts)))
    # The same lines as a paragraph's, not a table's: they start where it starts and end short of the
    # margin, so it is set from the left.
    assert not flush_right_alone(footer, around(lines))
