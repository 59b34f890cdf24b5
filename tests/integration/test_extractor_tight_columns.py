"""A row whose cell runs up close to the next column stays a row of its table, its cells apart.

A table set with little padding (a league table) leaves its longest team name a little more than a word
space short of the next column: narrower than a column gap, so the gap closed at that row, and the two
columns were one everywhere ("Riverside United Mill Lane", translated as one phrase), or the table ended
above the row and the rows under it ran on as paragraphs ("Castle Wanderers 12 2 3 7 10 21 -11", the
numbers re-set out of their columns). A cell may now run into a column gap from one side where the next
column's cell still stands at the gap's edge, more than half an em after it (table_bands.reached_gap,
whose unit tests cover its limits), in a row with cells on both sides of another gap; a line of prose
under or inside a table leaves such a gap at a column's edge only by chance, and it stays a paragraph.
"""

from pathlib import Path

from pdfminer.fontmetrics import FONT_METRICS

from docrelay_extractor.extract import extract_document
from tests.integration.test_extractor_table_rows import _table_rows, _tables_cells
from tests.support.pdfs import saved_page, shown_text
from tests.support.tables import league_table
from tests.support.typeset import typeset_and_extract

# Helvetica 11, drawn word by word: labels and values, and a line of prose across them whose first word
# ends 6 points short of the values (more than a word space, less than a column gap).
SIZE = 11.0
ADVANCES = FONT_METRICS["Helvetica"][1]
LEADING = 16.0
LABELS = [("Team", "Riverside"), ("Ground", "Mill Lane"), ("Colours", "Blue and white"), ("Founded", "1898")]
PROSE = ["Reconciliations", "in", "the", "spring"]
VALUES_X = 72.0 + sum(ADVANCES[char] for char in PROSE[0]) * SIZE / 1000 + 6


def test_a_long_team_name_close_to_the_next_column_keeps_the_columns_apart(tmp_path: Path) -> None:
    table = league_table()
    source = tmp_path / "league.pdf"
    source.write_bytes(table.pdf())

    assert _table_rows(source) == [*table.header, *table.rows]
    # The name's cell holds it: its box reaches past the name, short of the ground.
    page = extract_document(source).pages[0]
    [name] = [block for block in page.blocks if block.source_text == "Castle Wanderers Athletic"]
    [ground] = [block for block in page.blocks if block.source_text == "Castle Road"]
    assert name.cell is not None
    assert name.bbox.x1 <= name.cell.bbox.x1 <= ground.bbox.x0


def _prose(y: float, second_word_x: float, lead: str = "") -> tuple[bytes, str]:
    """The line of prose at `y`, its second word at `second_word_x`, the others a word space apart;
    `lead`: a word before it all, set left of x=72 a word space away."""
    space = ADVANCES[" "] * SIZE / 1000
    content, x = shown_text(72, y, PROSE[0]), second_word_x
    for word in PROSE[1:]:
        content += shown_text(x, y, word)
        x += sum(ADVANCES[char] for char in word) * SIZE / 1000 + space
    if lead:
        content += shown_text(72 - space - sum(ADVANCES[char] for char in lead) * SIZE / 1000, y, lead)
    return content, " ".join([lead, *PROSE] if lead else PROSE)


def _labels(y: float, pairs: list[tuple[str, str]]) -> bytes:
    return b"".join(
        shown_text(72, y - LEADING * row, label) + shown_text(VALUES_X, y - LEADING * row, value)
        for row, (label, value) in enumerate(pairs)
    )


def _blocks(path: Path) -> list[str]:
    return [block.source_text for block in extract_document(path).pages[0].blocks]


def test_a_line_of_prose_under_a_table_starting_a_word_at_its_column_stays_a_paragraph(
    tmp_path: Path,
) -> None:
    # The prose's second word starts where the values do: the last line of a region is never such a row.
    prose, text = _prose(700 - LEADING * len(LABELS), VALUES_X)
    source = saved_page(tmp_path / "club.pdf", _labels(700, LABELS) + prose)

    assert text in _blocks(source)


def test_a_line_of_prose_between_rows_not_at_a_columns_edge_parts_them(tmp_path: Path) -> None:
    # The prose's second word starts 3 points past where the values do: no cell of the value column.
    prose, text = _prose(700 - LEADING * 3, VALUES_X + 3)
    content = _labels(700, LABELS[:3]) + prose + _labels(700 - LEADING * 4, LABELS)
    source = saved_page(tmp_path / "club.pdf", content)

    assert text in _blocks(source)


def test_a_note_under_a_table_of_two_columns_starting_a_word_at_its_column_stays_a_paragraph(
    tmp_path: Path,
) -> None:
    # "All" stands wholly left of the gap, as a label would: only the gap itself, a wide word space where
    # the values start, would tell it a row. In a table of two columns that is not enough.
    note, text = _prose(700 - LEADING * len(LABELS), VALUES_X, lead="All")
    source = saved_page(tmp_path / "club.pdf", _labels(700, LABELS) + note)

    assert text in _blocks(source)


# A spreadsheet's look: cells padded by a point or two, numbers and dates set from the right, text from
# the left.
SHEET_STYLE = (
    "<style>@page{size:A4;margin:2cm} body{font:9pt 'DejaVu Sans'} table{border-collapse:collapse}"
    " td,th{padding:0 %(padding)s;white-space:nowrap;height:15pt} th{text-align:left} .r{text-align:right}"
    "</style>"
)
ORDERS = [
    ["1", "Linda Price", "2025-01-03", "Shipped", "166.83", "+44 20 7946 6572"],
    ["2", "Owen Day", "2025-01-04", "On hold", "441.62", "+44 20 7946 8474"],
    ["9", "Ana Lopez", "2025-01-05", "Cancelled", "13.64", "+44 20 7946 2126"],
    ["10", "Tom Gale", "2025-01-06", "Shipped", "514.04", "+44 20 7946 2533"],
    ["11", "Maria Fox", "2025-01-07", "Delivered", "810.58", "+44 20 7946 5422"],
]


def sheet_table(heads: list[str], rows: list[list[str]], widths: list[int], right: set[int]) -> str:
    """A table of heads over rows, its columns `widths` points wide, those of `right` set from the right."""

    def row(cells: list[str], tag: str) -> str:
        return (
            "<tr>"
            + "".join(
                f"<{tag} class={'r' if index in right else 'l'} style='width:{width}pt'>{cell}</{tag}>"
                for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
            )
            + "</tr>"
        )

    return "<table>" + row(heads, "th") + "".join(row(cells, "td") for cells in rows) + "</table>"


def test_columns_set_from_the_right_and_the_left_closer_than_a_word_space_are_apart(tmp_path: Path) -> None:
    # A number 2 points from a name, a date from a status: closer than a word space, the two columns had
    # been one ("10 Tom Gale" translated as a name, "Order date Status" one head). A telephone number's
    # figures stand one under the other too, but spaced: it stays one cell.
    heads = ["No.", "Customer", "Order date", "Status", "Amount", "Phone"]
    table = sheet_table(heads, ORDERS, [22, 80, 60, 50, 40, 80], right={0, 2, 4})
    html = f"<html><head>{SHEET_STYLE % {'padding': '1pt'}}</head><body>{table}</body></html>"
    base, _ = typeset_and_extract(html, tmp_path)

    assert _table_rows(base) == [heads, *ORDERS]


def test_an_invoices_details_and_totals_over_and_under_its_prices_part_no_columns_of_the_page(
    tmp_path: Path,
) -> None:
    # Set from a spreadsheet: the details over the items and the totals under them start 2 points past the
    # quantities, short of the unit prices, as a column of the page would; the unit prices and amounts
    # had been left out of the table, loose blocks. The details' and totals' labels had been a sentence
    # each ("Invoice no. Date", "Subtotal VAT 20%"), their values set from the right lines apart.
    heads = ["Item", "Description", "Qty", "Unit price", "Amount"]
    items = [
        ["P-100", "Paper towels, case of 24 rolls", "4", "18.50", "74.00"],
        ["P-220", "Hand soap refill, 5 litres", "2", "12.75", "25.50"],
        ["P-310", "Nitrile gloves, box of 100", "10", "6.20", "62.00"],
        ["S-010", "Delivery", "1", "9.50", "9.50"],
    ]
    table = sheet_table(heads, items, [50, 180, 40, 70, 70], right={2, 3, 4})
    style = SHEET_STYLE % {"padding": "2pt"} + (
        "<style>body{position:relative} table{position:absolute;top:150pt;left:0}"
        " .abs{position:absolute;line-height:15pt}</style>"
    )
    # The quantities end 280 points from the table's left; the labels start at 282.
    blocks = [
        ("top:0;left:0", "Greenleaf Foods Ltd<br>12 Elm Road<br>Bath BA1 2AB<br>United Kingdom"),
        ("top:30pt;left:282pt", "Invoice no.<br>Date<br>Due date"),
        ("top:30pt;left:342pt;width:90pt;text-align:right", "INV-2025-0142<br>14/03/2025<br>13/04/2025"),
        ("top:250pt;left:282pt", "Subtotal<br>VAT 20%<br>Total due"),
        ("top:250pt;left:342pt;width:90pt;text-align:right", "171.00<br>34.20<br>205.20"),
        (
            "top:320pt;left:0",
            "Payment by bank transfer within 30 days, quote our number.<br>Sort code: 30-94-57",
        ),
    ]
    placed = "".join(f"<div class=abs style='{place}'>{text}</div>" for place, text in blocks)
    base, _ = typeset_and_extract(f"<html><head>{style}</head><body>{placed}{table}</body></html>", tmp_path)

    tables = _tables_cells(base)
    [items_table] = [cells for cells in tables if cells.get((0, 0)) == "Item"]
    assert [[items_table[(row, column)] for column in range(5)] for row in range(5)] == [heads, *items]
    pairs = [
        [
            [cells[(row, column)] for column in sorted(c for r, c in cells if r == row)][-2:]
            for row in range(3)
        ]
        for cells in tables
        if cells is not items_table
    ]
    assert pairs == [
        [["Invoice no.", "INV-2025-0142"], ["Date", "14/03/2025"], ["Due date", "13/04/2025"]],
        [["Subtotal", "171.00"], ["VAT 20%", "34.20"], ["Total due", "205.20"]],
    ]
