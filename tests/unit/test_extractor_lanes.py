"""Whether a region's river is the gutter between two columns of the page (table_lanes.gutter), on
synthetic lines: 9-point text, half an em a character, rows 15 points apart."""

from docrelay_common.document import BBox, TextStyle
from docrelay_extractor.lines import TextLine, Word
from docrelay_extractor.table_bands import Band, Region, Span
from docrelay_extractor.table_lanes import gutter

SIZE = 9.0
CHAR = 4.5
PITCH = 15.0


def line(x: float, top: float, *texts: str, right: bool = False) -> TextLine:
    """Words a space apart from x (or ending at x when set from the right)."""
    width = CHAR * len(" ".join(texts))
    start = x - width if right else x
    words, at = [], start
    for text in texts:
        words.append(Word(at, at + CHAR * len(text), text))
        at += CHAR * (len(text) + 1)
    return TextLine(
        bbox=BBox(x0=start, top=top, x1=start + width, bottom=top + SIZE),
        text=" ".join(texts),
        style=TextStyle(size=SIZE),
        glyphs=len("".join(texts)),
        words=tuple(words),
    )


def region(rows: list[list[TextLine]], rivers: list[Span]) -> Region:
    return Region(tuple(Band(tuple(row)) for row in rows), tuple(rivers))


# Lines over and under the region on both sides of its river at 200-300: an address and a title over it,
# a paragraph's lines and totals under it.
BEYOND = [
    line(50, 40, "Greenleaf", "Foods"),
    line(50, 55, "12", "Elm", "Road"),
    line(50, 250, "Payment", "within", "30", "days"),
    line(50, 265, "Sort", "code"),
    line(400, 40, "INVOICE", right=True),
    line(400, 250, "171.00", right=True),
    line(400, 265, "34.20", right=True),
    line(400, 280, "205.20", right=True),
]
LABELS = ["Invoice no.", "Date", "Due date"]


def rows_of(values: list[str], right: bool = True) -> list[list[TextLine]]:
    return [
        [
            line(150, 100 + PITCH * index, *label.split()),
            line(400 if right else 300, 100 + PITCH * index, value, right=right),
        ]
        for index, (label, value) in enumerate(zip(LABELS, values, strict=True))
    ]


def test_values_with_figures_set_flush_right_after_their_labels_are_no_gutter() -> None:
    rows = rows_of(["INV-2025-0142", "14/03/2025", "13/04/2025"])
    assert gutter(region(rows, [(199.5, 341.5)]), [*BEYOND, *(cell for row in rows for cell in row)]) is None


def test_words_or_values_set_from_the_left_part_two_columns_of_the_page() -> None:
    worded = rows_of(["Pending", "Tomorrow", "Unknown"])
    assert (
        gutter(region(worded, [(199.5, 341.5)]), [*BEYOND, *(cell for row in worded for cell in row)])
        is not None
    )
    left = rows_of(["INV-2025-0142", "14/03/2025", "3/4/2025"], right=False)
    assert (
        gutter(region(left, [(199.5, 300.0)]), [*BEYOND, *(cell for row in left for cell in row)]) is not None
    )


def test_a_river_before_another_is_judged_by_the_rows_on_both_sides_of_it_only() -> None:
    # An address beside the labels: its river has the labels and their values after it, flush right.
    rows = [
        [line(50, 100 + PITCH * index, *address.split()), *cells]
        for index, (address, cells) in enumerate(
            zip(
                ["Bath BA1", "United Kingdom", "Europe"],
                rows_of(["INV-2025-0142", "14/03/2025", "13/04/2025"]),
                strict=True,
            )
        )
    ]
    found = gutter(
        region(rows, [(117.5, 150.0), (199.5, 341.5)]), [*BEYOND, *(cell for row in rows for cell in row)]
    )
    assert found == (117.5, 150.0)


def test_page_numbers_down_a_table_of_contents_may_stand_beside_a_gutter() -> None:
    # Titles and their page numbers set so for more rows than an invoice's details run to.
    rows = [
        [
            line(150, 100 + PITCH * index, "Section", "ABCDEFG"[index]),
            line(400, 100 + PITCH * index, str(3 * index + 1), right=True),
        ]
        for index in range(7)
    ]
    beyond = [
        line(50, 40, "Contents"),
        line(50, 250, "Index"),
        line(50, 265, "Notes"),
        line(400, 40, "iii", right=True),
    ]
    beyond += [line(400, 250, "iv", right=True), line(400, 265, "v", right=True)]
    assert gutter(region(rows, [(200.0, 390.0)]), [*beyond, *(cell for row in rows for cell in row)]) == (
        200.0,
        390.0,
    )
