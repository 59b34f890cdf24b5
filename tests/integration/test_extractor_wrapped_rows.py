"""A row whose cells wrap onto a second line is one row, in a grid ruled round every cell, in a table
ruled under each row only, and in an invoice whose descriptions wrap; lines set one a line (a name over
its role, dates grouped between rules) stay apart. On tables WeasyPrint typesets.

A tenants' checklist whose every cell is a phrase over two lines had been read a row a line, each half of
a phrase translated alone ("Replace the filter in the" / "kitchen"), its last row's second line a
paragraph under the table; an invoice whose descriptions wrap was no table at all (its bands' steps
alternate, a row's and a wrapped line's).
"""

from collections.abc import Iterable, Sequence
from pathlib import Path

import pytest
from weasyprint import HTML

from docrelay_extractor.extract import extract_document
from tests.integration.test_extractor_table_rows import _table_rows
from tests.support.typeset import html_table

PAGE = (
    "<html><head><style>@page {{ size: A4; margin: 18mm }}"
    " body {{ font-family: 'DejaVu Sans'; font-size: 12pt }}"
    " table {{ border-collapse: collapse; width: 100% }}"
    " td, th {{ {rule} padding: 4pt 5pt; text-align: left; vertical-align: top }}"
    " {css}</style></head><body><h2>Checklist</h2>{body}</body></html>"
)
GRID = "border: 0.6pt solid #444;"
UNDER_ROWS = "border-bottom: 0.5pt solid #999;"
BOOKTABS = (
    "table { border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000 }"
    " th { border-bottom: 0.6pt solid #000 }"
)

HEADS = ("Task to be done by the tenant", "How often it should be done", "What to do before starting")
# Each phrase wraps once in a third of the page's width at 12 points.
CHECKLIST = [
    ("Replace the filter in the kitchen", "Every three months at least", "Call the landlord first"),
    ("Check the smoke alarms in the hall", "Once a month on a Sunday", "Press the test button"),
    ("Clean the gutters around the roof", "Twice a year in spring", "Hire a qualified roofer"),
]


def _pdf(
    path: Path,
    heads: Sequence[str],
    rows: Iterable[Sequence[str]],
    rule: str,
    css: str = "",
    shares: Sequence[int] = (),
    after: str = "",
) -> Path:
    """The table, its columns `shares` of the page's width in percent (as wide as their text if not given,
    in a table as wide as the page unless `css` says otherwise), and `after` (HTML) under it."""
    body = html_table(heads, rows, shares) + after
    HTML(string=PAGE.format(body=body, rule=rule, css=css)).write_pdf(path)
    return path


def _blocks(path: Path) -> list[str]:
    return [block.source_text for block in extract_document(path).pages[0].blocks]


def test_a_grid_whose_every_cell_wraps_is_a_row_a_box(tmp_path: Path) -> None:
    source = _pdf(tmp_path / "grid.pdf", HEADS, CHECKLIST, GRID, shares=(33, 33, 34))

    assert _table_rows(source) == [list(HEADS), *map(list, CHECKLIST)]


def test_rows_ruled_under_each_whose_cells_wrap_are_a_row_each_the_last_one_too(tmp_path: Path) -> None:
    source = _pdf(tmp_path / "under_rows.pdf", HEADS, CHECKLIST, UNDER_ROWS, shares=(33, 33, 34))

    assert _table_rows(source) == [list(HEADS), *map(list, CHECKLIST)]


def test_a_last_rows_wrapped_line_over_the_rule_closing_the_table_is_in_its_cell(tmp_path: Path) -> None:
    rows = [
        ("A1", "A sturdy oak desk with two drawers and a cable tray at the back", "420.00"),
        ("A2", "Desk lamp with a dimmer switch", "45.00"),
        ("A3", "A set of four storage boxes made of recycled cardboard for files", "28.00"),
    ]
    source = _pdf(
        tmp_path / "booktabs.pdf", ("Item", "Description", "Price"), rows, "", BOOKTABS, (15, 60, 25)
    )

    assert _table_rows(source)[-1] == list(rows[-1])


def test_an_invoice_whose_descriptions_wrap_is_a_table_of_its_rows(tmp_path: Path) -> None:
    rows = [
        (
            "Consulting services for the migration of the customer database to the new platform",
            "12",
            "1,200.00",
        ),
        ("Licence renewal for the analytics platform, twelve months from April", "1", "4,500.00"),
        ("Training workshop for the support team, two days on site", "2", "900.00"),
        ("Travel expenses", "1", "320.00"),
    ]
    source = _pdf(
        tmp_path / "invoice.pdf", ("Description", "Qty", "Total"), rows, UNDER_ROWS, "", (60, 15, 25)
    )

    assert _table_rows(source) == [["Description", "Qty", "Total"], *map(list, rows)]


STAFF = [
    ("Ann Bell<br>Head of Finance", "Finance team<br>London office"),
    ("Tom Price<br>Chief accountant", "Finance team<br>Leeds office"),
    ("Sara Lee<br>Payroll officer", "People team<br>London office"),
]
# Columns as wide as their widest line: every line but the widest looks as if the next word would not fit.
FITTED = [
    ("Christopher Williams<br>Elizabeth Montgomery", "Finance Department<br>Marketing Division"),
    ("Alexander Robertson<br>Catherine Pemberton", "Procurement Office<br>Logistics Division"),
    ("Nathaniel Fairbanks<br>Josephine Castellano", "Customer Services<br>Technical Support"),
]
TIMES = [
    ("09:00 \u2013 10:30<br>10:45 \u2013 12:15", "Room A12<br>Room B07"),
    ("13:00 \u2013 14:30<br>14:45 \u2013 16:15", "Room C03<br>Room D11"),
    ("16:30 \u2013 18:00<br>18:15 \u2013 19:45", "Room E05<br>Room F09"),
]
OPTIONS = [
    ("plus sign<br>equals sign", "add to the list<br>replace the list"),
    ("minus sign<br>star sign", "take from the list<br>empty the list"),
    ("hash sign<br>dot sign", "sort the list<br>count the list"),
]
PHRASES = [
    (
        "read from the cache<br>skip it for writes",
        "unless the file has changed<br>otherwise writes go missing",
    ),
    ("empty the cache<br>fill it at start", "whenever memory runs short<br>before the first request"),
    ("check the cache<br>log every miss", "once an hour at most<br>into the usual log"),
]
CENTRED = "table { width: auto; margin: 0 auto } td, th { text-align: center }"
RIGHT = "td, th { text-align: right }"
# A page-wide rule under the page's title, far above the table: no rule of the table's.
TITLE_RULE = "h2 { border-bottom: 0.6pt solid #000 }"


@pytest.mark.parametrize(
    ("rows", "rule", "css", "shares"),
    [
        (STAFF, UNDER_ROWS, "", (50, 50)),
        (STAFF, GRID, "", (50, 50)),
        (FITTED, UNDER_ROWS, "table { width: auto }", ()),
        (FITTED, GRID, "table { width: auto }", ()),
        (TIMES, UNDER_ROWS, "table { width: auto }", ()),
        (TIMES, GRID, "table { width: auto }", ()),
        (OPTIONS, UNDER_ROWS, "table { width: auto }", ()),
        (PHRASES, UNDER_ROWS, "", (50, 50)),
        (STAFF, UNDER_ROWS, f"{CENTRED} {TITLE_RULE}", ()),
        (STAFF, GRID, CENTRED, ()),
        (STAFF, GRID, RIGHT, (50, 50)),
    ],
    ids=[
        "staff-under-rows",
        "staff-grid",
        "fitted-names-under-rows",
        "fitted-names-grid",
        "times-under-rows",
        "times-grid",
        "lower-case-options-under-rows",
        "lower-case-phrases-in-wide-columns",
        "centred-under-a-title-rule",
        "centred-grid",
        "right-aligned-grid",
    ],
)
def test_lines_set_one_a_line_between_rules_stay_apart(
    tmp_path: Path, rows: list[tuple[str, str]], rule: str, css: str, shares: tuple[int, ...]
) -> None:
    # Each line ends where the next one's first word would have fit, or where no sentence goes on:
    # neither rules under each row nor boxes round each cell make two of them one sentence.
    blocks = _blocks(_pdf(tmp_path / "list.pdf", ("Name", "Team"), rows, rule, css, shares))

    lines = [line for row in rows for cell in row for line in cell.split("<br>")]
    assert set(lines) <= set(blocks)


def test_values_grouped_between_rules_stay_a_row_each(tmp_path: Path) -> None:
    rows = [
        (
            "01/03/2025<br>02/03/2025<br>03/03/2025",
            "Coffee beans<br>Milk delivery<br>Paper cups",
            "45.00<br>12.50<br>8.20",
        ),
        (
            "04/03/2025<br>05/03/2025<br>06/03/2025",
            "Sugar sachets<br>Cleaning supplies<br>Window repair",
            "6.10<br>22.00<br>150.00",
        ),
        (
            "07/03/2025<br>08/03/2025<br>09/03/2025",
            "Tea selection<br>Biscuits<br>Napkins",
            "18.40<br>9.90<br>4.30",
        ),
    ]
    source = _pdf(tmp_path / "ledger.pdf", ("Date", "Description", "Amount"), rows, UNDER_ROWS)

    table_rows = _table_rows(source)

    assert ["02/03/2025", "Milk delivery", "12.50"] in table_rows
    assert len(table_rows) == 10


def test_a_last_row_of_one_short_cell_is_not_the_wrapped_line_of_the_row_above(tmp_path: Path) -> None:
    # Rows set without padding, as close as a cell's wrapped lines.
    rows = [("string", "picture"), ("path", "numeric"), ("pen", "")]
    css = BOOKTABS + " td, th { padding: 0 5pt }"
    source = _pdf(tmp_path / "types.pdf", ("Type", "Result"), rows, "", css, (50, 50))

    assert "path pen" not in _blocks(source)


def test_a_last_row_of_a_short_item_in_the_last_column_is_not_the_wrapped_line_of_the_row_above(
    tmp_path: Path,
) -> None:
    # The last column's text is as wide as its widest line; its cells, as the rules across the table.
    rows = [("The first entry of the table", "text"), ("The second entry of the table", "path value")]
    rows.append(("", "pen value"))
    css = BOOKTABS + " td, th { padding: 0 5pt }"
    source = _pdf(tmp_path / "types.pdf", ("Order", "Result"), rows, "", css, (50, 50))

    assert "path value pen value" not in _blocks(source)


def test_a_line_set_close_under_a_table_without_a_rule_under_it_is_no_wrapped_line_of_it(
    tmp_path: Path,
) -> None:
    # The last row's line is its column's widest: the note's first word would not have fit after it.
    rows = [("Travel expenses", "320.00"), ("Licence renewal for the analytics platform", "4,500.00")]
    note = "<p style='margin: 0; padding-left: 5pt'>delivered and invoiced</p>"
    css = "table { width: auto } td, th { padding: 0 5pt }"
    source = _pdf(tmp_path / "note.pdf", ("Description", "Total"), rows, "", css, (), note)

    assert "delivered and invoiced" in _blocks(source)


def test_a_row_of_its_own_under_a_rule_is_no_wrapped_line_of_the_row_above(tmp_path: Path) -> None:
    rows = [("Travel expenses", "320.00"), ("Licence renewal for the analytics platform", "4,500.00")]
    rows.append(("and the support hours", ""))
    css = "table { width: auto } td, th { padding: 0 5pt }"
    source = _pdf(tmp_path / "rows.pdf", ("Description", "Total"), rows, UNDER_ROWS, css)

    assert "Licence renewal for the analytics platform and the support hours" not in _blocks(source)


def test_a_note_across_a_tables_columns_is_no_wrapped_line_of_its_last_row(tmp_path: Path) -> None:
    rows = [
        ("A1", "Oak desk with two drawers", "420.00"),
        ("A2", "Storage boxes made of recycled card", "28.00"),
    ]
    note = (
        "<p style='margin: 0; padding-left: 5pt'>delivered within ten days of the order</p>"
        "<hr style='margin: 2pt 0 0 0; border: 0; border-top: 0.6pt solid #000'>"
    )
    css = "table { width: auto } td, th { padding: 0 5pt }"
    source = _pdf(tmp_path / "note.pdf", ("Code", "Description", "Price"), rows, "", css, (), note)

    assert "delivered within ten days of the order" in _blocks(source)


def test_rows_of_phrases_in_a_table_ruled_under_its_head_only_stay_rows(tmp_path: Path) -> None:
    # Columns as wide as their widest phrase, each row's phrases in lower case: only the rules would tell.
    rows = [
        ("read from the cache first", "unless the file has changed"),
        ("skip the cache for writes", "otherwise writes go missing"),
        ("empty the cache at night", "whenever memory runs short"),
    ]
    css = BOOKTABS + " table { width: auto } td, th { padding: 0 5pt }"
    source = _pdf(tmp_path / "cache.pdf", ("Rule", "Why"), rows, "", css)

    assert _table_rows(source)[1:] == list(map(list, rows))


def test_phrases_a_line_each_in_a_grid_not_ruled_between_its_rows_stay_rows(tmp_path: Path) -> None:
    # Rules under the head and down the columns only: each box of the body holds three rows, phrases
    # that start in lower case and fill their columns as a wrapped paragraph would.
    css = "td, th { border: none; border-left: 0.6pt solid #333; border-right: 0.6pt solid #333 }"
    css += " th { border-bottom: 0.6pt solid #333 } table { border: 0.6pt solid #333; width: auto }"
    rows = [
        (
            "plus sign<br>equals sign<br>minus sign",
            "extend the font list, ignoring repeats<br>extend the font list, replacing repeats"
            "<br>remove all matching fonts from the list",
        )
    ]
    source = _pdf(tmp_path / "options.pdf", ("Option", "Meaning"), rows, "", css)

    assert _table_rows(source)[1:] == [
        ["plus sign", "extend the font list, ignoring repeats"],
        ["equals sign", "extend the font list, replacing repeats"],
        ["minus sign", "remove all matching fonts from the list"],
    ]


def test_a_word_over_a_name_centred_in_a_grid_are_two_lines_of_their_own(tmp_path: Path) -> None:
    # Centred, each line keeps as much room on its right as on its left: the box seems as narrow as its
    # widest line, so that no next word would have fit; a line of one word is no wrapped line all the same.
    rows = [
        ("Mathematics<br>Mr Patel", "Geography<br>Mr Walsh"),
        ("Chemistry<br>Dr Kim", "Literature<br>Ms Rossi"),
        ("Philosophy<br>Dr Hughes", "Economics<br>Ms Novak"),
    ]
    css = "td, th { text-align: center }"
    blocks = _blocks(_pdf(tmp_path / "timetable.pdf", ("Monday", "Tuesday"), rows, GRID, css, (50, 50)))

    assert {"Mathematics", "Mr Patel", "Geography", "Mr Walsh"} <= set(blocks)


def test_a_note_set_close_under_a_table_over_a_rule_stays_out_of_it(tmp_path: Path) -> None:
    # Across the table's columns, in no column of its own, and no sentence going on into it.
    rows = [("A1", "Oak desk with drawers", "420.00"), ("A2", "Storage boxes, recycled", "28.00")]
    note = (
        "<p style='margin: 0; padding-left: 5pt'>Deliveries within ten days</p>"
        "<hr style='margin: 2pt 0 0 0; border: 0; border-top: 0.6pt solid #000'>"
    )
    css = "table { width: auto } td, th { padding: 0 5pt }"
    source = _pdf(tmp_path / "note.pdf", ("Code", "Description", "Price"), rows, "", css, (), note)

    assert "Deliveries within ten days" in _blocks(source)


def test_a_last_rows_wrapped_line_is_in_its_cell_though_the_rule_under_it_lies_a_line_lower(
    tmp_path: Path,
) -> None:
    # Roomy cells: 10 points of padding under the text, lines 1.5 apart.
    css = "td, th { padding: 4pt 5pt 10pt 5pt } body { line-height: 1.5 }"
    source = _pdf(tmp_path / "roomy.pdf", HEADS, CHECKLIST, UNDER_ROWS, css, (33, 33, 34))

    assert _table_rows(source) == [list(HEADS), *map(list, CHECKLIST)]


def test_a_description_wrapped_beside_right_aligned_numbers_is_one_cell(tmp_path: Path) -> None:
    # The gap to the numbers reaches across the empty left of their column: far wider than the padding.
    rows = [
        ("P-201", "Samsung Galaxy Tab S9 Ultra Graphite Edition With Keyboard Cover", "2", "2,398.00"),
        ("P-202", "Apple MacBook Pro Sixteen Inch Space Black Apple Silicon M3 Max", "1", "3,999.00"),
        ("P-203", "Logitech MX Master Three Wireless Mouse Pale Grey Business Edition", "12", "1,188.00"),
        ("P-204", "Dell UltraSharp Thirty Two Inch Monitor With USB Hub And Stand", "4", "2,796.00"),
    ]
    css = "body { font-size: 10pt } td + td + td, th + th + th { text-align: right }"
    source = _pdf(
        tmp_path / "invoice.pdf", ("Code", "Description", "Qty", "Amount"), rows, "", css, (10, 50, 15, 25)
    )

    # (The last row's second line, no rule under it, is left out of the table: a paragraph of its own.)
    assert {description for _, description, _, _ in rows[:3]} <= set(_blocks(source))


@pytest.mark.parametrize("align", ["top", "bottom"])
def test_cells_in_lower_case_wrapped_beside_one_line_cells_stay_in_their_rows(
    tmp_path: Path, align: str
) -> None:
    # Set against the top, a cell's second line stands a line under its first and a row's gap over the next
    # row; set against the bottom, its first line a row's gap under the row above and a line over its second.
    rows = [
        ("ls", "list the files in the current directory with their sizes and dates", "coreutils"),
        ("cp", "copy the files to the target directory, keeping their permissions", "coreutils"),
        ("grep", "print the lines of the files that match the given pattern", "grep"),
        ("sed", "edit the stream of text with the given script of commands", "sed"),
    ]
    css = f"body {{ font-size: 10pt }} td {{ vertical-align: {align} }}"
    source = _pdf(
        tmp_path / "commands.pdf", ("command", "what it does", "package"), rows, "", css, (20, 50, 30)
    )

    assert [row[-2:] for row in _table_rows(source)[1:4]] == [
        [does, package] for _, does, package in rows[:3]
    ]


def test_two_paragraphs_in_one_style_in_a_cell_found_by_its_text_are_two_blocks(tmp_path: Path) -> None:
    # A statement's booking over its standing order's name: "Monthly" would have fit after "account".
    rows = [
        ("03 Mar", "Card payment to Green Grocers Ltd", "-42.10"),
        ("12 Mar", "Transfer to savings account<br>Monthly standing order", "-200.00"),
        ("28 Mar", "Interest paid", "1.35"),
        ("31 Mar", "Salary from Northwind Trading for February", "2,410.00"),
    ]
    source = _pdf(tmp_path / "statement.pdf", ("Date", "Description", "Amount"), rows, "", "", (20, 60, 20))

    assert {"Transfer to savings account", "Monthly standing order"} <= set(_blocks(source))


def test_a_last_rows_wrapped_description_beside_right_aligned_amounts_is_in_its_cell(tmp_path: Path) -> None:
    # The gap to the amounts reaches across the empty left of their column: a description wraps no wider
    # than its column's widest line.
    rows = [
        ("A-101", "Replacement parts for the Bosch drill, model 2024 with the long battery", "12", "240.00"),
        ("A-102", "Annual maintenance contract for the office building, blocks C and D", "1", "1,800.00"),
        ("A-103", "Shipping via DHL Express to Hamburg, Germany, including the insurance", "10", "85.00"),
        ("A-104", "Licence for Microsoft 365 Business Premium, for all of the users", "1", "6,600.00"),
    ]
    css = "body { font-size: 10pt } td + td + td, th + th + th { text-align: right }"
    heads = ("Code", "Description", "Qty", "Amount")
    source = _pdf(tmp_path / "invoice.pdf", heads, rows, UNDER_ROWS, css, (10, 50, 15, 25))

    assert _table_rows(source)[-1] == list(rows[-1])


def test_a_last_rows_wrapped_line_in_its_last_column_is_in_its_cell(tmp_path: Path) -> None:
    rows = [*CHECKLIST[:2], ("Clean the gutters", "Twice a year", "Hire a qualified roofer with insurance")]
    source = _pdf(tmp_path / "checklist.pdf", HEADS, rows, UNDER_ROWS, "", (33, 33, 34))

    assert _table_rows(source)[-1][-1] == "Hire a qualified roofer with insurance"
