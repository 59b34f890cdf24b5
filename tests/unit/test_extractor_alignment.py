"""Telling a paragraph's alignment from where its lines start and end."""

import pytest

from docrelay_common.document import BBox
from docrelay_extractor.alignment import centred_alone, column_alignment, line_alignment

SIZE = 10.0
AREA = BBox(x0=72, top=72, x1=540, bottom=720)


def lines(*spans: tuple[float, float]) -> list[BBox]:
    """Lines 12 pt apart, each given as (x0, x1)."""
    return [
        BBox(x0=x0, top=100 + 12 * row, x1=x1, bottom=110 + 12 * row) for row, (x0, x1) in enumerate(spans)
    ]


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # Ragged right, including a first-line indent and a short last line.
        ([(72, 530), (72, 498), (72, 540), (72, 300)], "left"),
        ([(90, 530), (72, 498), (72, 300)], "left"),
        # Both edges over three lines, the last one short; the first may be indented.
        ([(72, 540), (72, 540.4), (72, 539.8), (72, 310)], "justify"),
        ([(92, 540), (72, 540), (72, 540), (72, 200)], "justify"),
        # Each line centred on x = 300.
        ([(200, 400), (150, 450), (250, 350)], "center"),
        ([(180, 420), (260.5, 339.5)], "center"),
        # A common right edge, ragged left.
        ([(300, 540), (420, 540), (350, 540.5)], "right"),
        ([(300, 540), (420, 540)], "right"),
        # Nothing shared but an indent: the first line alone starting further right is not a ragged edge.
        ([(110, 540), (72, 540)], "left"),
        # Neither edge nor axis in common.
        ([(72, 300), (150, 500), (100, 420)], "left"),
        # A hanging first line (a list item's bullet, a reference) over lines justified or flush left.
        ([(60, 540), (72, 540), (72, 540), (72, 300)], "justify"),
        ([(60, 500), (72, 530), (72, 300)], "left"),
        # Two lines flush right, the first longer; a column of figures flush right, its first one
        # longer, is narrow: no hanging line.
        ([(300, 540), (320, 540)], "right"),
        ([(279, 295), (284, 295), (284, 295)], "right"),
    ],
)
def test_line_alignment(spans: list[tuple[float, float]], expected: str) -> None:
    assert line_alignment(lines(*spans), SIZE) == expected


def test_two_full_lines_are_too_few_to_call_justified() -> None:
    assert line_alignment(lines((72, 540), (72, 540), (72, 400)), SIZE) == "left"


def test_a_single_line_has_no_alignment_of_its_own() -> None:
    assert line_alignment(lines((200, 400)), SIZE) == "left"


def test_a_lone_line_centred_in_the_text_area_is_centred() -> None:
    (title,) = lines((206, 406))
    assert centred_alone(title, AREA, SIZE, body_size=SIZE)


@pytest.mark.parametrize(
    "span",
    [
        (72, 300),  # flush left
        (300, 540),  # flush right
        (80, 532),  # centred, but as wide as the text: an ordinary line
        (260, 420),  # off the axis
    ],
)
def test_other_lone_lines_are_not_centred(span: tuple[float, float]) -> None:
    (line,) = lines(span)
    assert not centred_alone(line, AREA, SIZE, body_size=SIZE)


def test_a_lone_line_centred_on_the_page_is_centred_where_the_text_area_is_not() -> None:
    # dmca's date under its title: a heading set out into the left margin moves the text area's middle
    # 18 points left of the page's.
    area = AREA.model_copy(update={"x0": 36.0})
    (date,) = lines((274, 338))
    assert not centred_alone(date, area, SIZE, body_size=SIZE)
    assert centred_alone(date, area, SIZE, body_size=SIZE, page_width=612)
    # Off both axes, or too close to a side of the text area: not centred.
    (off,) = lines((260, 330))
    assert not centred_alone(off, area, SIZE, body_size=SIZE, page_width=612)
    (wide,) = lines((80, 532))
    assert not centred_alone(wide, AREA, SIZE, body_size=SIZE, page_width=612)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        # A head centred over four figures set right (the head had made them a column set from the left).
        ([(199.3, 210.6), (204.4, 233.4), (210.0, 233.4), (210.0, 233.4), (204.4, 233.4)], "right"),
        # Names set from the left under a head set right; words centred under a head set from the left.
        ([(120, 160), (90, 150), (90, 131), (90, 160), (90, 122)], "left"),
        ([(90, 130), (100, 140), (95, 145), (110, 130), (104, 136)], "center"),
        # Codes as wide as each other under a head ending where they end, or starting where they start.
        ([(57.0, 80.8), (65.1, 80.6), (65.1, 80.6), (65.1, 80.6)], "right"),
        ([(65.1, 95.0), (65.1, 80.6), (65.1, 80.6), (65.1, 80.6)], "left"),
        # Two names set from the left, a code set right between them: the names' middles are close too.
        ([(196.5, 249.7), (308.6, 325.0), (196.5, 248.9)], "left"),
        # Ends within a point of each other are one edge.
        ([(40.0, 60.0), (40.0, 60.5), (47.0, 60.9), (55.0, 60.3)], "right"),
        # Amounts as wide as each other under a head sharing none of their edges: left, as drawn alike.
        ([(50.0, 78.0), (65.1, 80.0), (65.1, 80.0), (65.1, 80.0)], "left"),
        # As many share the right edge as the middle, more than the left one: the right.
        ([(10.0, 30.0), (20.0, 30.0), (5.0, 35.0)], "right"),
        # As wide as each other, and nothing else: no edge is shared more than the left one.
        ([(65.1, 80.6), (65.1, 80.6), (65.1, 80.6)], "left"),
        ([], "left"),
    ],
)
def test_a_table_column_takes_the_edge_most_of_its_texts_share(
    spans: list[tuple[float, float]], expected: str
) -> None:
    assert column_alignment(lines(*spans)) == expected
