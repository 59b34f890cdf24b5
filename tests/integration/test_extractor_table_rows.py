# The Japanese dates below are written with full-width brackets on purpose; ruff's confusables check
# takes them for ASCII.
# ruff: noqa: RUF001, RUF003
"""A line alone in its column of a table is a row of its own unless it goes on with a cell (a group's
heading, a day with nothing filled in), and a group's heading across the columns keeps them apart. On
tables drawn word by word at known places.

A heading alone in the first column after a blank row ("Operations", "Sales") looked like the wrapped
part of a name: it went up into the last name of the group before ("Li Wei Operations"), or down into
the name under it. A timesheet's
weekend days, their hours empty, went up into Friday's cell ("Fri 8 Mar Sat 9 Mar Sun 10 Mar"). A
programme's day set across its columns closed the gap between times and talks: every time came back in
one cell with its talk ("09:30 Workshop: cleaning messy tables").
"""

from collections.abc import Sequence
from pathlib import Path

import pytest
from weasyprint import HTML

from docrelay_extractor.extract import extract_document
from tests.support.pdfs import saved_page, shown_text

LEADING = 14.0
COLUMNS = (72.0, 200.0, 400.0)
HEADS = ("Name", "Role", "Extension")
# None: a blank row. A row of one text: a group's heading.
DIRECTORY: list[tuple[str, ...] | None] = [
    ("Ann Bell", "Accounts manager", "2210"),
    ("Raj Singh", "Payroll", "2211"),
    ("Li Wei", "Purchasing", "2214"),
    None,
    ("Operations",),
    ("Marco Bianchi", "Head of logistics and", "2301"),
    ("", "warehousing", ""),
    ("Sara Nowak", "Fleet coordinator", "2305"),
    None,
    ("Sales",),
    ("Kate Moss", "Key accounts", "2401"),
    ("Ben Yu", "Inside sales", "2402"),
]

TIMESHEET_COLUMNS = (72.0, 160.0, 230.0, 300.0)
TIMESHEET_HEADS = ("Day", "Start", "Finish", "Hours")
TIMESHEET: list[tuple[str, ...] | None] = [
    ("Wed 6 Mar", "09:00", "18:30", "9:00"),
    ("Thu 7 Mar", "08:30", "16:30", "7:30"),
    ("Fri 8 Mar", "08:00", "14:00", "6:00"),
    ("Sat 9 Mar",),
    ("Sun 10 Mar",),
    ("Total", "", "", "30:15"),
]


def _table(
    path: Path,
    columns: Sequence[float],
    heads: Sequence[str],
    rows: Sequence[Sequence[str] | None],
    bold_headings: bool = False,
    head_gap: float = LEADING,
) -> Path:
    """The table drawn with its column heads in bold, `head_gap` over its first row, each row a line under
    the last (a row of one text in bold too with `bold_headings`)."""
    content = b"".join(shown_text(x, 700, text, font="F3") for x, text in zip(columns, heads, strict=True))
    for index, row in enumerate(rows):
        font = "F3" if bold_headings and row is not None and len(row) == 1 else "F1"
        for x, text in zip(columns, row or (), strict=False):
            if text:
                content += shown_text(x, 700 - head_gap - LEADING * index, text, font=font)
    return saved_page(path, content)


def _table_rows(path: Path) -> list[list[str]]:
    """The texts of each row of the page's one table, left to right (see _table_cells)."""
    rows: dict[int, list[str]] = {}
    for (row, _), text in sorted(_table_cells(path).items()):
        rows.setdefault(row, []).append(text)
    return [rows[row] for row in sorted(rows)]


def _table_cells(path: Path) -> dict[tuple[int, int], str]:
    """The text of each cell of the page's one table by its row and column (see _tables_cells)."""
    [cells] = _tables_cells(path)
    return cells


def _tables_cells(path: Path) -> list[dict[tuple[int, int], str]]:
    """The text of each cell of each of the first page's tables by its row and column, the tables in the
    page's order; a cell of parts (cell_parts: a label over its e-mail address) reads as its parts top to
    bottom."""
    page = extract_document(path).pages[0]
    cells: dict[str, dict[tuple[int, int], list[str]]] = {table.id: {} for table in page.tables}
    for block in sorted(page.blocks, key=lambda block: block.bbox.top):
        if block.cell:
            cells[block.cell.table].setdefault((block.cell.row, block.cell.column), []).append(
                block.source_text
            )
    return [{place: " ".join(texts) for place, texts in cells[table.id].items()} for table in page.tables]


def test_group_headings_are_rows_of_their_own_and_a_wrapped_cell_one_cell(tmp_path: Path) -> None:
    source = _table(tmp_path / "directory.pdf", COLUMNS, HEADS, DIRECTORY)

    assert _table_rows(source) == [
        ["Name", "Role", "Extension"],
        ["Ann Bell", "Accounts manager", "2210"],
        ["Raj Singh", "Payroll", "2211"],
        ["Li Wei", "Purchasing", "2214"],
        ["Operations"],
        ["Marco Bianchi", "Head of logistics and warehousing", "2301"],
        ["Sara Nowak", "Fleet coordinator", "2305"],
        ["Sales"],
        ["Kate Moss", "Key accounts", "2401"],
        ["Ben Yu", "Inside sales", "2402"],
    ]


def test_a_day_with_its_hours_left_empty_is_a_row_not_part_of_the_day_above(tmp_path: Path) -> None:
    source = _table(tmp_path / "timesheet.pdf", TIMESHEET_COLUMNS, TIMESHEET_HEADS, TIMESHEET)

    assert _table_rows(source) == [list(TIMESHEET_HEADS)] + [
        [text for text in row or () if text] for row in TIMESHEET
    ]


def test_days_with_nothing_filled_in_after_the_last_row_stay_lines_of_their_own(tmp_path: Path) -> None:
    # Without a row under them they are no part of the table: they must not run into one paragraph.
    source = _table(tmp_path / "timesheet.pdf", TIMESHEET_COLUMNS, TIMESHEET_HEADS, TIMESHEET[:-1])

    texts = [block.source_text for block in extract_document(source).pages[0].blocks]

    assert "Sat 9 Mar" in texts and "Sun 10 Mar" in texts, texts


EQUITY = [("Retained earnings", "5,678", "5,000"), ("Share capital", "900", "900"), ("Reserves", "10", "12")]
COURSES = [
    ("2 Apr 2024", "Course B", "Room 2"),
    ("3 May 2024", "Course C", "Room 3"),
    ("4 Jun 2024", "Course D", "Room 4"),
]
SERVICES = [
    ("Standard", "Two visits a month.", "70.00"),
    ("Premium", "Weekly visits.", "150.00"),
    ("Custom", "By arrangement.", "POA"),
]
STATEMENT = [
    ("04.03.2024", "Transfer", "50.00"),
    ("05.03.2024",),
    ("06.03.2024", "Rent", "900.00"),
    ("07.03.2024",),
    ("08.03.2024", "Refund", "30.00"),
    ("09.03.2024",),
]
SITES = [
    ("Depot", "+44 161 496 0000", "Leeds"),
    ("Store", "+44 113 496 0001", "York"),
    ("Lab", "+44 117 496 0002", "Hull"),
]

PROGRAMME_COLUMNS = (72.0, 120.0, 400.0)
PROGRAMME_HEADS = ("Time", "Talk", "Room")
# "Friday 15 November" reaches across the gap between times and talks.
PROGRAMME = [
    ("09:00", "Registration and coffee", "Foyer"),
    ("10:00", "Opening keynote", "Main hall"),
    ("13:00", "Lunch", "Restaurant"),
    ("Friday 15 November",),
    ("09:30", "Workshop: cleaning messy tables", "Room 3"),
    ("11:00", "Panel: who pays for public data?", "Main hall"),
    ("12:30", "Closing remarks", "Main hall"),
]


@pytest.mark.parametrize(
    ("blank_row", "bold"), [(True, False), (False, True)], ids=["after a blank row", "in bold"]
)
def test_a_heading_across_the_columns_keeps_them_apart(tmp_path: Path, blank_row: bool, bold: bool) -> None:
    rows: list[tuple[str, ...] | None] = list(PROGRAMME)
    if blank_row:
        rows.insert(3, None)
    source = _table(tmp_path / "programme.pdf", PROGRAMME_COLUMNS, PROGRAMME_HEADS, rows, bold)

    assert _table_rows(source) == [list(PROGRAMME_HEADS)] + [list(row) for row in PROGRAMME]


PAGE = (
    "<html><head><style>@page { size: A4; margin: 0 } body { margin: 0; font-family: 'DejaVu Sans' }"
    "</style></head><body>BODY</body></html>"
)


def _at(x: float, top: float, text: str, size: float = 8, bold: bool = False) -> str:
    weight = "bold" if bold else "normal"
    return (
        f'<div style="position: absolute; left: {x}pt; top: {top}pt; font-size: {size}pt; '
        f'font-weight: {weight}; white-space: nowrap">{text}</div>'
    )


# A payslip's title over its details, each drawn where ReportLab put it: the first row, a little apart
# from the title, has a value wider than the one under it.
PAYSLIP = [
    ("Employee", "Daniel O'Connor", "Employer: Meridian Freight Services Ltd"),
    ("Employee no.", "E-20931", "PAYE ref: 120/AB45678"),
    ("NI number", "QQ 12 34 56 C", ""),
    ("Tax code", "1257L", ""),
    ("Department", "Logistics", ""),
]


def test_a_row_under_a_gap_with_a_wide_cell_is_no_heading(tmp_path: Path) -> None:
    parts = [_at(52, 52, "PAYSLIP", 14, bold=True), _at(387, 56, "Pay date: 28/03/2024", 9)]
    for index, (label, value, employer) in enumerate(PAYSLIP):
        top = 84 + 12 * index
        parts += [_at(52, top, label), _at(140, top, value, bold=True), _at(320, top, employer)]
    source = tmp_path / "payslip.pdf"
    HTML(string=PAGE.replace("BODY", "".join(parts))).write_pdf(source)

    page = extract_document(source).pages[0]

    cells = {block.source_text: block.cell for block in page.blocks}
    assert cells["Employee"] is not None and cells["Daniel O'Connor"] is not None, cells


@pytest.mark.parametrize(
    ("heads", "rows", "whole"),
    [
        # A spreadsheet's wrapped label set at its row's foot: its first line alone over the amounts.
        (
            ("Equity", "2024", "2023"),
            [("Accumulated Other",), ("Comprehensive Income", "1,234", "1,100"), *EQUITY],
            ["Accumulated Other Comprehensive Income", "1,234", "1,100"],
        ),
        # A range broken after its "to", in the column that names the rows.
        (
            ("Dates", "Course", "Room"),
            [("1 Mar 2024 to", "Course A", "Room 1"), ("31 Mar 2024",), *COURSES],
            ["1 Mar 2024 to 31 Mar 2024", "Course A", "Room 1"],
        ),
        (
            ("Dates", "Course", "Room"),
            [("1 Mar 2024", "Course A", "Room 1"), ("to 31 Mar 2024",), *COURSES],
            ["1 Mar 2024 to 31 Mar 2024", "Course A", "Room 1"],
        ),
        # A statement's booking date over its value date, in every row: each row's cell holds two.
        (
            ("Date", "Details", "Amount"),
            [("01.03.2024", "Card payment", "12.00"), ("02.03.2024",), *STATEMENT],
            ["01.03.2024 02.03.2024", "Card payment", "12.00"],
        ),
        # Two numbers in one cell of a later column.
        (
            ("Site", "Phone", "City"),
            [("Main office", "+44 20 7946 0958", "London"), ("", "+44 20 7946 0959", ""), *SITES],
            ["Main office", "+44 20 7946 0958 +44 20 7946 0959", "London"],
        ),
        # A later column's cell of two paragraphs, a blank line between them.
        (
            ("Service", "Description", "Price"),
            [
                ("Basic", "One visit a month.", "40.00"),
                None,
                ("", "Includes a written report.", ""),
                *SERVICES,
            ],
            ["Basic", "One visit a month. Includes a written report.", "40.00"],
        ),
    ],
    ids=[
        "bottom-aligned label",
        "range",
        "range going on",
        "booking and value dates",
        "two phone numbers",
        "two paragraphs",
    ],
)
def test_a_cell_wrapped_onto_a_line_alone_stays_one_cell(
    tmp_path: Path, heads: tuple[str, ...], rows: list[tuple[str, ...] | None], whole: list[str]
) -> None:
    source = _table(tmp_path / "table.pdf", (72.0, 250.0, 400.0), heads, rows)

    assert _table_rows(source)[1] == whole


def test_a_bottom_aligned_label_further_under_the_heads_stays_one_cell(tmp_path: Path) -> None:
    # 1.6 row steps under the heads: the head stands apart from the body, no blank row over the label.
    rows: list[tuple[str, ...] | None] = [
        ("Accumulated Other",),
        ("Comprehensive Income", "1,234", "1,100"),
        *EQUITY,
    ]
    heads = ("Equity", "2024", "2023")
    source = _table(tmp_path / "equity.pdf", (72.0, 250.0, 400.0), heads, rows, head_gap=1.6 * LEADING)

    assert _table_rows(source)[1] == ["Accumulated Other Comprehensive Income", "1,234", "1,100"]


# Parts, each row a line of the page (their columns are too close for pdfminer to part them).
PARTS = [
    ("Code", "Description", "Qty", "Price"),
    ("A-100", "Bolt M8", "40", "0.20"),
    ("A-101", "Nut M8", "40", "0.10"),
    ("A-102", "Washer, zinc plated steel, M8", "80", "0.05"),
    ("A-103", "Spring", "10", "1.10"),
    ("A-104", "Pin", "5", "0.30"),
    ("A-105", "Cap", "5", "0.40"),
]


def test_a_table_set_in_bold_reads_as_the_same_table_set_plain(tmp_path: Path) -> None:
    # Its rows are no group headings: they are not set apart from the rows around them.
    read = []
    for bold in (False, True):
        parts = [
            _at(x, 60 + 12 * index, text, 9, bold)
            for index, row in enumerate(PARTS)
            for x, text in zip((60, 100, 190, 215), row, strict=True)
        ]
        source = tmp_path / f"parts-{bold}.pdf"
        HTML(string=PAGE.replace("BODY", "".join(parts))).write_pdf(source)
        read.append(_table_rows(source))

    assert read[0] == read[1]


def test_a_row_of_one_cell_under_a_wrapped_cell_is_a_row(tmp_path: Path) -> None:
    # "Vacant" has no row ending above it to be the foot of: the line above is a wrapped description.
    rows: list[tuple[str, ...] | None] = [
        ("Ann Bell", "Accounts manager", "2210"),
        ("Raj Singh", "Head of logistics and", "2211"),
        ("", "warehousing", ""),
        ("Vacant",),
        ("Li Wei", "Purchasing", "2214"),
        ("Sam Ray", "Sales", "2215"),
    ]
    source = _table(tmp_path / "directory.pdf", COLUMNS, HEADS, rows)

    assert ["Vacant"] in _table_rows(source)


# A staff directory as a web page sets it (WeasyPrint): each department's name a row of its own, in the
# column of names, spaced from the rows around it as they are from each other, with nothing to set it
# apart: no blank row, no bold. It went up into the name over it ("Tom Price Human resources"), the first
# down into the column heads' row, and "Human resources", wider than the names, closed the gap between
# names and roles: every name came back in one cell with its role ("Finance Ann Bell Accountant").
STAFF = [
    ("Finance",),
    ("Ann Bell", "Accountant", "2214"),
    ("Tom Price", "Payroll clerk", "2215"),
    ("Human resources",),
    ("Mary Stone", "Recruiter", "2301"),
    ("Paul Green", "Training officer", "2302"),
    ("Maintenance",),
    ("John Smith", "Electrician", "2410"),
    ("Lisa Brown", "Plumber", "2411"),
]

REGIONS = [
    ("Europe",),
    ("France",),
    ("Anne Roux", "Sales", "3101"),
    ("Paul Morel", "Support", "3102"),
    ("Marc Blanc", "Finance", "3103"),
    ("Germany",),
    ("Eva Braun", "Sales", "3201"),
    ("Jan Koch", "Support", "3202"),
    ("Uwe Lang", "Finance", "3203"),
]


def _web_table(
    path: Path,
    rows: Sequence[Sequence[str]],
    padding: float = 1.5,
    line_height: float = 1.25,
    heading_style: str = "",
    name_width: str = "auto",
    foot: str = "",
    css: str = "",
    heads: Sequence[str] = ("Name", "Role", "Phone"),
) -> Path:
    """The rows under the `heads` as an HTML table: a row of one text spans the table (in
    `heading_style`), cells `padding` points over and under their text, the first column `name_width`
    wide; `foot`: HTML after its last row, `css`: more style rules."""
    cells = "".join(
        f'<tr><td colspan="{len(heads)}" style="{heading_style}">{row[0]}</td></tr>'
        if len(row) == 1
        else "<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>"
        for row in rows
    )
    html = (
        "<html><head><style>@page { size: A4; margin: 2cm } body { font-family: 'DejaVu Sans'; "
        f"font-size: 9pt; line-height: {line_height} }} table {{ border-collapse: collapse }} "
        f"td, th {{ padding: {padding}pt 4pt; text-align: left; vertical-align: top }} "
        f"td:first-child {{ width: {name_width} }} {css}</style></head><body><table>"
        f"<tr>{''.join(f'<th>{head}</th>' for head in heads)}</tr>{cells}{foot}</table></body></html>"
    )
    HTML(string=html).write_pdf(path)
    return path


# Days named in full, one with its hours left empty: "Wednesday 3 April" went up into Tuesday's cell where
# the rows stand close ("Tuesday 2 April Wednesday 3 April"), since only a day of three letters or a date
# with its year was a value.
DAYS = [
    ("Monday 1 April", "09:00", "17:00", "8:00"),
    ("Tuesday 2 April", "09:00", "17:00", "8:00"),
    ("Wednesday 3 April", "", "", ""),
    ("Thursday 4 April", "08:00", "12:00", "4:00"),
    ("Friday 5 April", "08:00", "13:00", "5:00"),
]
# Days as French writes them, in lower case: "mercredi 3 avril" joined "jeudi 4 avril" under it, its
# lower case taken for a sentence going on.
FRENCH_DAYS = [
    ("lundi 1er avril", "09:00", "17:00", "8:00"),
    ("mardi 2 avril", "09:00", "17:00", "8:00"),
    ("mercredi 3 avril", "", "", ""),
    ("jeudi 4 avril", "08:00", "12:00", "4:00"),
    ("vendredi 5 avril", "08:00", "13:00", "5:00"),
]
# Addresses, one with the rest of its row empty (a team's mailbox): "t.price@example.org" went down into
# the next row's cell, its lower case taken for a sentence going on.
MAILBOXES = [
    ("a.bell@example.org", "Ann Bell", "2210"),
    ("t.price@example.org", "", ""),
    ("m.stone@example.org", "Mary Stone", "2211"),
    ("l.wei@example.org", "Li Wei", "2214"),
    ("k.moss@example.org", "Kate Moss", "2301"),
    ("b.yu@example.org", "Ben Yu", "2302"),
]


# Japanese dates, one "word" each: they joined ("3月2日（火）3月3日（水）").
JAPANESE_DAYS = [
    ("3月1日（月）", "9:00", "17:00", "8:00"),
    ("3月2日（火）", "9:00", "17:00", "8:00"),
    ("3月3日（水）", "", "", ""),
    ("3月4日（木）", "8:00", "12:00", "4:00"),
    ("3月5日（金）", "8:00", "13:00", "5:00"),
]
CJK_FONT = "body { font-family: 'Noto Sans CJK JP', 'Noto Sans CJK SC', sans-serif }"


@pytest.mark.parametrize(
    ("heads", "rows", "css"),
    [
        (("Day", "Start", "Finish", "Hours"), DAYS, ""),
        (("Jour", "Début", "Fin", "Heures"), FRENCH_DAYS, ""),
        (("E-mail", "Name", "Phone"), MAILBOXES, ""),
        (("日付", "開始", "終了", "時間"), JAPANESE_DAYS, CJK_FONT),
    ],
    ids=["days named in full", "French days", "e-mail addresses", "Japanese dates"],
)
@pytest.mark.parametrize(("padding", "line_height"), [(0.5, 1.15), (1.5, 1.25)], ids=["tight", "padded"])
def test_a_value_under_another_with_the_rest_of_its_row_empty_is_a_row_of_its_own(
    tmp_path: Path,
    heads: tuple[str, ...],
    rows: list[tuple[str, ...]],
    css: str,
    padding: float,
    line_height: float,
) -> None:
    source = _web_table(tmp_path / "values.pdf", rows, padding, line_height, css=css, heads=heads)

    assert _table_rows(source) == [list(heads)] + [[text for text in row if text] for row in rows]


STAFF_CONTACTS = [
    ("Raj Singh", "Payroll", "2211"),
    ("Li Wei", "Purchasing", "2214"),
    ("Kate Moss", "Sales", "2401"),
]


@pytest.mark.parametrize(
    "cell", ["Accounts desk<br>a.bell@example.org", "Our shop<br>www.example.org"], ids=["e-mail", "web"]
)
def test_a_cell_set_at_its_rows_foot_ending_in_an_address_stays_one_cell(tmp_path: Path, cell: str) -> None:
    # Set at its row's foot (a spreadsheet's default), the cell's first line stands alone over its row:
    # the address under it does not go on from it as lower case would, yet the two are one cell.
    rows = [*STAFF_CONTACTS[:2], ("Ann Bell", cell, "2210"), *STAFF_CONTACTS[2:]]
    source = _web_table(tmp_path / "contacts.pdf", rows, css="td { vertical-align: bottom }")

    assert ["Ann Bell", cell.replace("<br>", " "), "2210"] in _table_rows(source)


@pytest.mark.parametrize(
    "label",
    ["Model 3 Standard<br>Range 2 Plus", "Chapter 3 Results<br>Part 2 Analysis"],
    ids=["model", "chapter"],
)
def test_a_label_of_words_beside_numbers_wrapped_in_the_first_column_stays_one_cell(
    tmp_path: Path, label: str
) -> None:
    # Shaped as days ("Wednesday 3 April"), but no word names a weekday or a month.
    rows = [
        (label, "Sedan", "2211"),
        ("Model S", "Sedan", "2210"),
        ("Model X", "SUV", "2214"),
        ("Model Y", "SUV", "2215"),
    ]
    source = _web_table(tmp_path / "models.pdf", rows)

    assert [label.replace("<br>", " "), "Sedan", "2211"] in _table_rows(source)


@pytest.mark.parametrize(
    ("heading_style", "padding", "line_height", "name_width", "rows"),
    [
        ("", 1.5, 1.25, "auto", STAFF),
        ("font-style: italic", 1.5, 1.25, "auto", STAFF),
        ("font-weight: bold", 1.5, 1.25, "auto", STAFF),
        # A region's heading over its country's.
        ("", 1.5, 1.25, "auto", REGIONS),
    ],
    ids=["plain", "italic", "bold under bold heads", "nested"],
)
def test_a_group_heading_spaced_as_the_rows_around_it_is_a_row_of_its_own(
    tmp_path: Path,
    heading_style: str,
    padding: float,
    line_height: float,
    name_width: str,
    rows: list[tuple[str, ...]],
) -> None:
    source = _web_table(tmp_path / "staff.pdf", rows, padding, line_height, heading_style, name_width)

    assert _table_rows(source) == [["Name", "Role", "Phone"]] + [list(row) for row in rows]


def test_a_group_heading_spans_its_row_and_is_translated_among_names_kept(tmp_path: Path) -> None:
    source = _web_table(tmp_path / "staff.pdf", STAFF)

    page = extract_document(source).pages[0]

    [table] = page.tables
    cells = {block.source_text: block for block in page.blocks if block.cell}
    for heading in ("Finance", "Human resources", "Maintenance"):
        cell = cells[heading].cell
        assert cell is not None and cell.column_span == table.columns, (heading, cell)
        assert cells[heading].translatable, heading
    assert not cells["Ann Bell"].translatable and cells["Accountant"].translatable


def test_a_surname_in_capitals_alone_in_its_row_stays_kept(tmp_path: Path) -> None:
    # Set as a group's heading would be, but a name in capitals in a column of names in capitals.
    rows = [
        ("GARCIA LOPEZ", "Donor", "1200"),
        ("MENA",),
        ("TORRES RUIZ", "Donor", "300"),
        ("VIDAL", "Donor", "50"),
    ]
    source = _web_table(tmp_path / "donors.pdf", rows)

    page = extract_document(source).pages[0]

    cells = {block.source_text: block for block in page.blocks if block.cell}
    assert not cells["MENA"].translatable and not cells["VIDAL"].translatable


@pytest.mark.parametrize(
    ("css", "empty_cells", "span"),
    [
        # Rules under every row (rules say which lines make a row): the heading spans its row.
        ("td, th { border-bottom: 0.75pt solid black }", False, 3),
        # A grid, the heading's row drawn with its empty cells: it keeps its cell in its column.
        ("td, th { border: 0.75pt solid black }", True, 1),
    ],
    ids=["rules under the rows", "a grid"],
)
def test_a_heading_in_a_ruled_table_spans_its_row_unless_a_rule_crosses_it(
    tmp_path: Path, css: str, empty_cells: bool, span: int
) -> None:
    rows = [(*row, "", "") if empty_cells and len(row) == 1 else row for row in STAFF]
    source = _web_table(tmp_path / "ruled.pdf", rows, css=css)

    page = extract_document(source).pages[0]

    cells = {block.source_text: block.cell for block in page.blocks if block.cell}
    assert cells["Finance"] is not None and cells["Finance"].column_span == span, cells["Finance"]


# Names wrapped in their narrow column: a second line alone in it, over the next row.
WRAPPED_NAMES = [
    ("Johann Sebastian Bach", "Composer", "1685"),
    ("Ann Bell", "Accountant", "1980"),
    ("Clara Schumann", "Pianist", "1819"),
    ("Head of Human Resources", "Director", "1970"),
    ("Tom Price", "Clerk", "1990"),
]


@pytest.mark.parametrize(
    ("padding", "line_height"),
    [(1.5, 1.25), (1.5, 1.5), (0.5, 1.5), (0, 1.2), (0, 1.4)],
    ids=["padded", "padded, wide lines", "little padding, wide lines", "no padding", "no padding, 1.4"],
)
def test_a_name_wrapped_in_its_cell_stays_one_cell(
    tmp_path: Path, padding: float, line_height: float
) -> None:
    # A wrapped line follows the line over it closer than the next row follows it (the cell's padding);
    # without padding its first word would not have fit over it, and it stands less than a row's step away.
    source = _web_table(tmp_path / "names.pdf", WRAPPED_NAMES, padding, line_height, name_width="62pt")

    assert _table_rows(source) == [["Name", "Role", "Phone"]] + [list(row) for row in WRAPPED_NAMES]


def test_a_table_with_generous_padding_is_a_table(tmp_path: Path) -> None:
    # 9 points over and under each cell's text: rows 2.8 lines apart (a web page's roomy table). Up to
    # 2.5 lines the first rows had to follow each other; its cells came back as lines of their own.
    rows = [row for row in STAFF if len(row) > 1]
    source = _web_table(tmp_path / "roomy.pdf", rows, padding=9)

    assert _table_rows(source) == [["Name", "Role", "Phone"]] + [list(row) for row in rows]


@pytest.mark.parametrize(
    ("padding", "line_height", "css"),
    [
        # The middle line of three is as far from the line over it as from the line under it, but
        # rows follow each other farther apart (the padding).
        (1.5, 1.5, ""),
        # No padding, lines 1.3 sizes apart: the room before the next cell, centred or set from the
        # right, is wider than the column's text; the names' own column is not.
        (0, 1.3, "td:nth-child(2) { text-align: center } td:nth-child(3) { text-align: right }"),
    ],
    ids=["three lines", "centred and right-aligned neighbours"],
)
def test_a_name_wrapped_among_names_that_are_not_stays_one_cell(
    tmp_path: Path, padding: float, line_height: float, css: str
) -> None:
    rows = [
        ("Ann Bell", "Accountant", "2214"),
        ("Tom Price", "Payroll clerk", "2215"),
        ("Maria Fernanda Gonzalez Rodriguez", "Recruiter", "2301"),
        ("Paul Green", "Trainer", "2302"),
        ("John Smith", "Electrician", "2410"),
        ("Lisa Brown", "Plumber", "2411"),
    ]
    source = _web_table(tmp_path / "names.pdf", rows, padding, line_height, name_width="70pt", css=css)

    assert _table_rows(source) == [["Name", "Role", "Phone"]] + [list(row) for row in rows]


@pytest.mark.parametrize(
    ("name", "lines"),
    [
        ("Sales and Marketing", ["Sales and", "Marketing"]),
        ("Planning department", ["Planning", "department"]),
    ],
    ids=["after a little word", "in lower case"],
)
def test_a_wrapped_line_spaced_as_rows_that_goes_on_stays_in_its_cell(
    tmp_path: Path, name: str, lines: list[str]
) -> None:
    # No padding, lines 1.5 sizes apart: a cell's second line stands as far under its first as rows
    # follow each other, but it goes on from it.
    rows = [("Ann Bell", "Clerk", "2214"), (name, "Director", "2215"), *STAFF[4:6], *STAFF[7:9]]
    source = _web_table(tmp_path / "teams.pdf", rows, 0, 1.5, name_width="62pt")

    page = extract_document(source).pages[0]

    texts = [block.source_text for block in page.blocks]
    assert name in texts and not set(lines) & set(texts), texts


def test_a_label_wrapped_at_its_rows_foot_in_a_padded_table_is_no_row_of_its_own(tmp_path: Path) -> None:
    # Its first line stands a row's step under the row above, but its second follows it a line's step
    # under, with the row's other cells.
    rows = [
        ("Net Promoter Score", "31", "28"),
        ("Average First Response Time in Hours", "4.2", "5.1"),
        ("Tickets Resolved", "1,204", "1,150"),
        ("Training Hours", "640", "512"),
        ("Staff Turnover Rate", "11%", "13%"),
    ]
    css = "td { vertical-align: bottom }"
    source = _web_table(tmp_path / "kpi.pdf", rows, padding=3, name_width="120pt", css=css)

    # (It joins the row above: a label set at its row's foot in a later row is read as the wrapped part
    # of the cell over it, README's limits.)
    assert ["Average First Response"] not in _table_rows(source)


def test_a_heading_a_row_step_of_exactly_1_45_sizes_away_is_a_row(tmp_path: Path) -> None:
    # 8-point text, lines 1.2 sizes apart and a point of padding over and under: rows 11.6 points apart,
    # 1.45 sizes, which the PDF's numbers put a hair either side. The headings are longer than the names
    # their first words would have to fit after.
    rows = [
        ("Ann Bell", "Clerk", "2214"),
        ("Information technology",),
        ("Tom Price", "Analyst", "2215"),
        ("Raj Singh", "Support", "2216"),
        ("Facilities management",),
        ("Li Wei", "Porter", "2217"),
        ("Sam Ray", "Cleaner", "2218"),
    ]
    css = "body { font-size: 8pt } td, th { padding: 1pt 8pt }"
    source = _web_table(tmp_path / "staff.pdf", rows, 1, 1.2, css=css)

    assert _table_rows(source) == [["Name", "Role", "Phone"]] + [list(row) for row in rows]


def test_names_wrapped_in_most_rows_stay_one_cell_each(tmp_path: Path) -> None:
    # Most steps down the table are a wrapped name's lines, 1.5 sizes apart: the rows, padded, are
    # farther apart, and a second line stands a line's step under its first, not a row's.
    rows = [
        ("Johann Sebastian Bach", "Composer", "1685"),
        ("Wolfgang Amadeus Mozart", "Composer", "1756"),
        ("Ann Bell", "Accountant", "1980"),
        ("Office Manager Regional Director", "Manager", "1975"),
        ("Clara Schumann", "Pianist", "1819"),
        ("Head of Human Resources", "Director", "1970"),
        ("Tom Price", "Clerk", "1990"),
    ]
    source = _web_table(tmp_path / "people.pdf", rows, 1.5, 1.5, name_width="70pt")

    assert _table_rows(source) == [["Name", "Role", "Phone"]] + [list(row) for row in rows]


def test_a_cell_wrapped_in_a_script_without_spaces_stays_one_cell(tmp_path: Path) -> None:
    # Japanese set without padding at a line-height of 1.7, as word processors set it: a cell's second
    # line stands as far under its first as rows follow each other, and nothing tells a word's end.
    rows = [
        ("山田太郎", "営業部", "2214"),
        ("人事部採用育成担当課長", "人事部", "2215"),
        ("佐藤花子", "経理部", "2216"),
        ("鈴木一郎", "総務部", "2217"),
        ("高橋次郎", "製造部", "2218"),
    ]
    css = CJK_FONT
    source = _web_table(tmp_path / "staff.pdf", rows, 0, 1.7, name_width="50pt", css=css)

    rows_read = _table_rows(source)

    assert ["人事部採用育成担当課長", "人事部", "2215"] in rows_read, rows_read


def test_a_heading_under_the_heads_of_a_striped_table_is_a_row_of_its_own(tmp_path: Path) -> None:
    # Stripes say which lines make a row; the first stripe starts under "Finance", none parts it from
    # the column heads over it (it had joined them: "Name Finance").
    css = "tr:nth-child(odd) td { background: #dde4ee }"
    source = _web_table(tmp_path / "striped.pdf", STAFF, padding=2, css=css)

    assert _table_rows(source) == [["Name", "Role", "Phone"]] + [list(row) for row in STAFF]


def test_headings_in_bold_over_tables_ruled_under_each_row_are_a_row_of_their_own(tmp_path: Path) -> None:
    # Two small tables side by side, read as one, each under its heading in bold; rules under each row
    # only, none under the headings: "Opening hours" had joined "Monday", "Overdue fines" "Books, per day".
    def table(rows: list[tuple[str, str]]) -> str:
        return (
            "<table>"
            + "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in rows)
            + "</table>"
        )

    hours = [
        ("Monday", "9:00 - 19:00"),
        ("Tuesday", "9:00 - 19:00"),
        ("Wednesday", "Closed"),
        ("Thursday", "9:00 - 20:00"),
    ]
    fines = [
        ("Books, per day", "0.20"),
        ("DVDs, per day", "1.00"),
        ("Lost library card", "2.50"),
        ("Damaged book", "9.00"),
    ]
    html = (
        "<html><head><style>@page { size: A4; margin: 2cm }"
        " body { font-family: 'DejaVu Sans'; font-size: 9pt; line-height: 1.3 }"
        " .col { width: 48%; display: inline-block; vertical-align: top }"
        " table { border-collapse: collapse; width: 100% }"
        " td { border-bottom: 0.4pt solid #999; padding: 2pt 4pt } td + td { text-align: right }"
        "</style></head><body>"
        f"<div class=col><h4>Opening hours</h4>{table(hours)}</div>"
        f"<div class=col style='margin-left: 3%'><h4>Overdue fines</h4>{table(fines)}</div></body></html>"
    )
    source = tmp_path / "library.pdf"
    HTML(string=html).write_pdf(source)

    rows = _table_rows(source)

    assert rows[0] == ["Opening hours", "Overdue fines"], rows
    assert rows[1][0] == "Monday" and "Books, per day" in rows[1], rows


def test_a_wrapped_head_in_bold_over_a_body_in_bold_stays_one_cell(tmp_path: Path) -> None:
    # All in bold, ruled under each row: the heads' second line is no row of its own.
    source = _web_table(
        tmp_path / "bold.pdf",
        STAFF[1:3] + STAFF[4:6],
        css="td, th { border-bottom: 0.5pt solid #999 } table { font-weight: bold }"
        " th:first-child { width: 30pt }",
        heads=("Staff member", "Role", "Phone"),
    )

    assert _table_rows(source)[0] == ["Staff member", "Role", "Phone"]
