"""Which cells are set in the middle of their row (middle_aligned.centred_cells), on synthetic 10-point
lines 12 points apart: a cell whose middle is the middle of a taller cell beside it, standing between that
cell's lines, is banded level with its first line; a line level with a line of the taller cell, or with a
line that stays, is left alone."""

from dataclasses import replace

from docrelay_common.document import TextStyle
from docrelay_extractor.lines import Centred, TextLine
from docrelay_extractor.middle_aligned import centred_cells
from docrelay_extractor.table_bands import row_bands
from tests.unit.test_extractor_cell_parts import line as synthetic_line

SIZE = 10.0
PITCH = 12.0
STYLE = TextStyle(font="DejaVuSans", size=SIZE)


def line(text: str, top: float, x0: float) -> TextLine:
    """A line of `text` at `top`, 5 points a character from `x0`."""
    return synthetic_line(text, top, STYLE, x0)


def cell(x0: float, top: float, *texts: str) -> list[TextLine]:
    """A cell's lines one under the other from `top`, a line's pitch apart."""
    return [line(text, top + PITCH * index, x0) for index, text in enumerate(texts)]


def with_centred(lines: list[TextLine]) -> list[TextLine]:
    """The lines, those of cells set in the middle of their row told so, as the extractor builds them."""
    centred = centred_cells(lines)
    return [replace(one, centred=centred.get(one)) for one in lines]


def test_a_date_and_an_amount_centred_beside_a_wrapped_description_are_banded_with_its_first_line() -> None:
    description = cell(100.0, 100.0, "Training workshop for the", "support team, on site")
    date, amount = line("03/04/2024", 106.0, 20.0), line("1,200.00", 106.0, 250.0)

    centred = centred_cells([date, *description, amount])

    assert centred == {date: Centred(-6.0, 122.0), amount: Centred(-6.0, 122.0)}
    bands = row_bands(with_centred([date, *description, amount]))
    assert [[one.text for one in band.lines] for band in bands] == [
        ["03/04/2024", "Training workshop for the", "1,200.00"],
        ["support team, on site"],
    ]


def test_a_cell_of_two_lines_centred_on_one_of_three_moves_with_its_lines() -> None:
    description = cell(100.0, 100.0, "Licence renewal for the", "analytics platform for", "twelve months")
    team = cell(20.0, 106.0, "Finance", "London")

    centred = centred_cells([*team, *description])

    assert centred == {team[0]: Centred(-6.0, 134.0), team[1]: Centred(-6.0, 134.0)}


def test_a_line_centred_on_cells_of_four_lines_and_of_two_is_banded_with_the_tallest() -> None:
    """A phone number centred beside a team of two lines and a description of four: the row's first line
    is the description's (the team's lines stand level with its second and third)."""
    description = cell(100.0, 100.0, "a", "b", "c", "d")
    team = cell(20.0, 112.0, "Finance", "London")
    phone = line("020 7946 0001", 118.0, 250.0)

    centred = centred_cells([*team, *description, phone])

    assert centred == {phone: Centred(-18.0, 146.0)}


def test_cells_of_as_many_lines_side_by_side_are_not_centred() -> None:
    """Two columns of a table without padding, a line a row: each column one run, neither centred on the
    other (their rows would all have been one)."""
    names, phones = cell(20.0, 100.0, "Ann", "Tom", "Sara"), cell(100.0, 100.0, "2210", "2211", "2212")

    assert centred_cells([*names, *phones]) == {}


def test_a_smaller_note_under_a_wrapped_cell_is_not_one_of_its_lines() -> None:
    description = cell(100.0, 100.0, "Training workshop for the", "support team, on site")
    note = replace(line("* VAT included", 122.5, 100.0), style=TextStyle(font="DejaVuSans", size=7.0))
    date = line("03/04/2024", 106.0, 20.0)

    assert set(centred_cells([date, *description, note])) == {date}


def test_a_date_beside_a_column_run_down_a_table_without_padding_is_left_alone() -> None:
    """In a table without padding a column's cells chain into one run down the table: a date centred
    beside the second of four rows' supplier, wrapped onto two lines, shares by chance the middle of the
    suppliers' run (head to foot), but the dates over and under it share its column within that run's
    height."""
    suppliers = cell(
        100.0, 100.0, "Supplier", "Zoom", "Hays: fee for the", "new officer", "Royal Mail", "Post"
    )
    dates = [line(text, top, 20.0) for text, top in (("Date", 100.0), ("15/01", 112.0), ("22/01", 130.0))]
    dates += [line("30/01", 148.0, 20.0), line("31/01", 160.0, 20.0)]

    assert centred_cells([*dates, *suppliers]) == {}


def test_a_line_level_with_the_middle_line_of_three_is_left_alone() -> None:
    """In a table without padding a column may have a cell only in its second row, beside a column of
    three: set at the top of its row or in the middle of a cell of three, it looks the same."""
    column = cell(100.0, 100.0, "[1,] 1", "[2,] 2", "[3,] 3")

    assert centred_cells([line("2", 112.0, 20.0), *column]) == {}


def test_a_line_level_with_the_top_line_of_a_wrapped_cell_is_left_alone() -> None:
    description = cell(100.0, 100.0, "Training workshop for the", "support team, on site")

    assert centred_cells([line("03/04/2024", 100.0, 20.0), *description]) == {}


def test_a_number_beside_its_entry_stays_though_its_middle_is_an_entry_wrapped_in_the_next_column() -> None:
    """A contents page's page number, a line of its own beside its entry (one of a column of entries),
    shares its middle by chance with an entry of the page's other column wrapped over two lines: it stays
    with its entry."""
    entries = cell(20.0, 94.0, "4.3 Full path syntax", "5 Linear equations", "5.1 Pairs", "5.2 Unknowns")
    number = line("15", 106.0, 150.0)
    wrapped = cell(200.0, 100.0, "10.3 Suffix and text para-", "meters ........ 59")

    assert centred_cells([*entries, number, *wrapped]) == {}


def test_lines_over_each_other_are_no_cells_side_by_side() -> None:
    """A smaller line in a wrapped cell's column (its lines run on past it) is no cell beside it."""
    description = cell(100.0, 100.0, "Training workshop for the", "support team, on site")
    note = replace(line("Total", 107.0, 180.0), style=TextStyle(font="DejaVuSans", size=8.0))
    note = replace(note, bbox=note.bbox.model_copy(update={"bottom": 115.0}))

    assert centred_cells([*description, note]) == {}


def test_a_line_taller_than_the_cell_it_is_centred_on_is_no_cell_in_its_row() -> None:
    """A title set large beside an address of two lines, their middles level: the title is no cell in the
    address's row."""
    address = cell(300.0, 100.0, "12 High Street", "Leeds LS1 4AB")
    title = replace(line("Invoice", 99.0, 20.0), style=TextStyle(font="DejaVuSans", size=24.0))
    title = replace(title, bbox=title.bbox.model_copy(update={"bottom": 123.0}))

    assert centred_cells([title, *address]) == {}


def test_a_run_of_prose_is_no_cell() -> None:
    paragraph = cell(100.0, 100.0, *(f"line {index} of a paragraph" for index in range(10)))

    assert centred_cells([*paragraph, line("Note", 100.0 + 4.5 * PITCH, 20.0)]) == {}


def test_rows_apart_are_no_cell_of_two_lines() -> None:
    """Two one-line cells of a padded table stand more than half a line apart: no cell of two lines
    between whose lines the next column's line could be centred."""
    rows = [line("Ann Bell", 100.0, 100.0), line("Tom Price", 118.0, 100.0)]

    assert centred_cells([*rows, line("x", 109.0, 20.0)]) == {}
