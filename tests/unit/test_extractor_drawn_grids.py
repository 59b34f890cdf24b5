"""A grid of rules as a table (drawn_grids), on synthetic grids of 10-point lines: the lattice pdfplumber
finds among the rules, and which lattices are tables and how their boxes become cells."""

from itertools import pairwise

from docrelay_common.document import BBox, TextStyle
from docrelay_extractor.drawn_grids import MAX_RULES, Lattice, drawn_table, lattices
from docrelay_extractor.lines import TextLine
from docrelay_extractor.tables import find_tables

SIZE = 10.0


def box(x0: float, top: float, x1: float, bottom: float) -> BBox:
    return BBox(x0=x0, top=top, x1=x1, bottom=bottom)


def line(text: str, x0: float, top: float) -> TextLine:
    return TextLine(
        bbox=box(x0, top, x0 + 5.0 * len(text), top + SIZE),
        text=text,
        style=TextStyle(font="DejaVuSans", size=SIZE),
        glyphs=len(text),
    )


def grid(columns: list[float], rows: list[float]) -> Lattice:
    """The boxes between each two borders."""
    return Lattice(
        [box(left, top, right, bottom) for top, bottom in pairwise(rows) for left, right in pairwise(columns)]
    )


def cells_of(lattice: Lattice, lines: list[TextLine]) -> list[tuple[int, int, int, str]]:
    table = drawn_table(lattice, lines)
    assert table is not None
    return sorted(
        (cell.row, cell.column, cell.column_span, " ".join(line.text for line in cell.lines))
        for cell in table.cells
    )


def test_rules_across_and_down_meet_as_a_lattice_of_boxes() -> None:
    across = [box(50, y, 250, y) for y in (100, 120, 140)]
    down = [box(x, 100, x, 140) for x in (50, 150, 250)]
    [found] = lattices(across, down)
    assert sorted((cell.x0, cell.top, cell.x1, cell.bottom) for cell in found.boxes) == [
        (50, 100, 150, 120),
        (50, 120, 150, 140),
        (150, 100, 250, 120),
        (150, 120, 250, 140),
    ]
    # A page of strokes (a chart) is not searched; rules one way only draw no box.
    many = [box(50, 100 + index * 5.0, 250, 100 + index * 5.0) for index in range(MAX_RULES - 1)]
    tall = [box(x, 100, x, 100 + 5.0 * MAX_RULES) for x in (50, 250)]
    assert lattices(many, tall) == []
    assert lattices(many[:100], tall) != []
    assert lattices(across, []) == []
    # Graph paper: few rules, but more corners than are worth searching for boxes.
    paper = [box(50, 100 + 5.0 * index, 350, 100 + 5.0 * index) for index in range(60)]
    paper_down = [box(50 + 5.0 * index, 100, 50 + 5.0 * index, 400) for index in range(60)]
    assert len(paper) + len(paper_down) < MAX_RULES
    assert lattices(paper, paper_down) == []
    assert lattices(paper[:20], paper_down[:20]) != []


def test_a_grid_open_where_its_column_rules_end_level_is_closed_there() -> None:
    def boxes(found: Lattice) -> list[tuple[float, float, float, float]]:
        return sorted((cell.x0, cell.top, cell.x1, cell.bottom) for cell in found.boxes)

    # A row after a page break: no rule across the column rules' tops at 100.
    down = [box(x, 100, x, 140) for x in (50, 150, 250)]
    [found] = lattices([box(50, y, 250, y) for y in (120, 140)], down)
    assert boxes(found) == [
        (50, 100, 150, 120),
        (50, 120, 150, 140),
        (150, 100, 250, 120),
        (150, 120, 250, 140),
    ]
    # Where a rule is drawn, the rules down end at its edge, off its middle: no box of the sliver between.
    [found] = lattices([box(50, y, 250, y) for y in (100.4, 120, 140)], down)
    assert len(found.boxes) == 4
    # Two grids side by side open level, and one beside another whose top is drawn: each closed on its own.
    right = [box(x, 100, x, 140) for x in (300, 400, 500)]
    across = [box(x0, y, x1, y) for x0, x1 in ((50, 250), (300, 500)) for y in (120, 140)]
    for drawn in ([], [box(50, 100, 250, 100)]):
        assert sorted(len(found.boxes) for found in lattices(across + drawn, down + right)) == [4, 4]
    # Two rules down that no rule across joins are no grid; a dashed rule ends only at its ends.
    assert lattices([box(50, 140, 60, 140)], [box(x, 100, x, 140) for x in (50, 150)]) == []
    dashed = [box(x, top, x, top + 4) for x in (50, 150, 250) for top in range(100, 140, 8)]
    assert lattices([box(50, y, 250, y) for y in (120, 140)], dashed) == []


def test_rows_of_values_in_boxes_are_counted_by_bands_not_lines() -> None:
    # A head and two groups of two rows, a rule under each group; one value read as two parts side by side.
    ruled = grid([50, 150, 250, 350], [100, 115, 160, 205])
    lines = [line(head, x, 102) for head, x in (("Date", 55), ("Item", 155), ("Amount", 255))]
    for top in (117, 162):
        lines += [line(text, x, y) for y in (top, top + 13) for text, x in (("02/01", 55), ("Rent", 155))]
        lines += [line("950.00", 255, top), line("12.00", 255, top + 13)]
    lines.append(line("EUR", 300, 117))
    assert ruled.rows_in_boxes(lines)
    # A cell wrapped onto a third line in each group: its cells' lines.
    wrapped = [*lines, line("monthly", 155, 143), line("monthly", 155, 188)]
    assert not ruled.rows_in_boxes(wrapped)


def test_each_box_is_a_cell_and_a_box_across_two_columns_spans_them() -> None:
    lattice = Lattice(
        [
            box(50, 100, 150, 120),
            box(150, 100, 250, 120),
            box(50, 120, 250, 140),  # across both columns
            box(50, 140, 150, 160),
            box(150, 140, 250, 160),
        ]
    )
    lines = [line("Day", 55, 105), line("Room", 155, 105), line("Lunch in the hall", 80, 125)]
    lines += [line("Monday", 55, 145), line("Hall A", 155, 145)]
    assert cells_of(lattice, lines) == [
        (0, 0, 1, "Day"),
        (0, 1, 1, "Room"),
        (1, 0, 2, "Lunch in the hall"),
        (2, 0, 1, "Monday"),
        (2, 1, 1, "Hall A"),
    ]


def test_words_standing_apart_in_a_box_across_two_columns_are_a_cell_each() -> None:
    lattice = Lattice([box(50, 100, 250, 120), box(50, 120, 150, 140), box(150, 120, 250, 140)])
    lines = [
        line("Reception", 55, 105),
        line("Anna", 155, 105),
        line("Kitchen", 55, 125),
        line("Mark", 155, 125),
    ]
    assert cells_of(lattice, lines) == [
        (0, 0, 1, "Reception"),
        (0, 1, 1, "Anna"),
        (1, 0, 1, "Kitchen"),
        (1, 1, 1, "Mark"),
    ]


def test_lines_side_by_side_in_one_box_are_parts_only_an_em_apart_or_more() -> None:
    lattice = grid([50, 150, 300], [100, 120, 140])
    # "Yes" and "No" after their checkboxes, 20 points apart: two parts, halfway between them.
    answers = [line("Question", 55, 105), line("Yes", 160, 105), line("No", 195, 105)]
    answers += [line("Parking?", 55, 125), line("Yes", 160, 125), line("No", 195, 125)]
    table = drawn_table(lattice, answers)
    assert table is not None
    parts = sorted((cell.row, cell.box.x0, cell.box.x1) for cell in table.cells if cell.column == 1)
    assert parts == [(0, 150, 185), (0, 185, 300), (1, 150, 185), (1, 185, 300)]
    # A word in another font read apart by a word space: one cell.
    sentence = [line("Note", 55, 105), line("set the", 160, 105), line("prologues", 198, 105)]
    sentence += [line("Other", 55, 125), line("none", 160, 125)]
    assert cells_of(lattice, sentence) == [
        (0, 0, 1, "Note"),
        (0, 1, 1, "set the prologues"),
        (1, 0, 1, "Other"),
        (1, 1, 1, "none"),
    ]


def test_a_lattice_of_one_row_or_one_column_is_no_table() -> None:
    assert drawn_table(grid([50, 150, 250], [100, 120]), [line("A", 55, 105), line("B", 155, 105)]) is None
    assert drawn_table(grid([50, 150], [100, 120, 140]), [line("A", 55, 105), line("B", 55, 125)]) is None


def test_a_lattice_of_empty_boxes_is_no_table() -> None:
    # A chart's grid with its caption in one box of nine.
    lattice = grid([50, 100, 150, 200], [100, 150, 200, 250])
    assert drawn_table(lattice, [line("Sales", 55, 110), line("2024", 105, 110)]) is None
    assert (
        drawn_table(
            lattice, [line(str(index), 55 + 50 * (index % 3), 110 + 50 * (index // 3)) for index in range(5)]
        )
        is not None
    )


def test_boxes_round_paragraphs_are_no_table() -> None:
    lattice = grid([50, 250, 450], [100, 200, 300])
    lines = [
        line("words of prose", x, top + 12 * index)
        for x in (55, 255)
        for top in (105, 205)
        for index in range(5)
    ]
    assert drawn_table(lattice, lines) is None


def test_of_a_grid_inside_another_grids_box_the_inner_is_the_table_and_tables_go_down_the_page() -> None:
    # A form's 2 x 2 boxes, a 2 x 2 grid of fruit in its first; under it, a grid of rooms.
    form = grid([0, 300, 600], [0, 200, 260])
    fruit = grid([10, 100, 200], [10, 40, 70])
    rooms = grid([0, 100, 200], [300, 320, 340])
    lines = [line("Apples", 15, 15), line("Pears", 105, 15), line("Figs", 15, 45), line("Plums", 105, 45)]
    lines += [line("Notes", 305, 5), line("Signed", 5, 205), line("Place", 305, 205)]
    lines += [line("Room", 5, 305), line("Hall", 105, 305), line("A1", 5, 325), line("Main", 105, 325)]
    for grids in ([form, fruit, rooms], [rooms, fruit, form]):
        _, tables = find_tables(lines, [], [], lambda _: lines, 800.0, grids)
        texts = [[line.text for cell in table.cells for line in cell.lines] for table in tables]
        assert texts == [["Apples", "Pears", "Figs", "Plums"], ["Room", "Hall", "A1", "Main"]], grids
