"""A table drawn as a grid of rules round every cell is read as drawn (drawn_grids): the text alone had
found no table in a programme whose cells wrap unevenly, a calendar or a questionnaire, and had read two
columns as one under a heading across both. Where the grid is not drawn between the rows, or its boxes
hold paragraphs, the text's rows stand.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path

import pikepdf
import pytest
from weasyprint import HTML

from docrelay_extractor.extract import extract_document
from tests.integration.test_extractor_table_rows import _table_cells, _table_rows, _tables_cells

PAGE = (
    "<html><head><style>@page {{ size: A4; margin: 18mm }}"
    " body {{ font-family: 'DejaVu Sans'; font-size: {size}pt; line-height: 1.3 }}"
    " table {{ border-collapse: collapse; {width} }}"
    " td, th {{ border: 0.6pt solid #333; padding: 3pt 4pt; text-align: left; vertical-align: top }}"
    " {css}</style></head><body>{body}</body></html>"
)


def _pdf(path: Path, body: str, size: float = 8.5, width: str = "width: 100%", css: str = "") -> Path:
    HTML(string=PAGE.format(body=body, size=size, width=width, css=css)).write_pdf(path)
    return path


def _rows(rows: Iterable[Sequence[str]], style: str = "") -> str:
    """The rows as HTML table rows, each cell in `style` (inline CSS) if given."""
    attribute = f" style='{style}'" if style else ""
    return "".join("<tr>" + "".join(f"<td{attribute}>{cell}</td>" for cell in row) + "</tr>" for row in rows)


# Rules under a group's last row only (`_in_groups`), down the columns and round the head.
GROUP_RULES = "td { border-top: none; border-bottom: none } tr.last td { border-bottom: 0.6pt solid #333 }"


def _in_groups(rows: Iterable[Sequence[str]], size: int) -> str:
    """The rows as HTML table rows, every `size`th one the last of its group (GROUP_RULES rule it)."""
    return "".join(
        f"<tr{' class=last' if index % size == size - 1 else ''}>"
        + "".join(f"<td>{cell}</td>" for cell in row)
        + "</tr>"
        for index, row in enumerate(rows)
    )


def test_a_programme_whose_cells_wrap_unevenly_is_its_grid(tmp_path: Path) -> None:
    source = _pdf(
        tmp_path / "programme.pdf",
        "<table><tr><th>Time</th><th>Room A</th><th>Room B</th><th>Room C</th></tr>"
        "<tr><td>09:00</td><td colspan=3>Opening keynote: the future of open source software</td></tr>"
        "<tr><td>10:00</td><td>Read the summary in<br><i>Annual Review of Tables</i></td>"
        "<td>All amounts are given<br>in thousands of euros</td>"
        "<td>Taken from <i>The Book of</i><br><i>Tables</i> by Ann Bell</td></tr>"
        "<tr><td>11:00</td><td>Every office of the company<br>worldwide since the first of May</td>"
        "<td>Passwordless login in practice</td><td>Design systems for government services</td></tr>"
        "<tr><td>12:00</td><td colspan=3><i>Lunch break in the main hall</i></td></tr></table>",
    )

    assert _table_rows(source) == [
        ["Time", "Room A", "Room B", "Room C"],
        ["09:00", "Opening keynote: the future of open source software"],
        [
            "10:00",
            "Read the summary in Annual Review of Tables",
            "All amounts are given in thousands of euros",
            "Taken from The Book of Tables by Ann Bell",
        ],
        [
            "11:00",
            "Every office of the company worldwide since the first of May",
            "Passwordless login in practice",
            "Design systems for government services",
        ],
        ["12:00", "Lunch break in the main hall"],
    ]


def test_a_timetable_whose_subjects_wrap_in_some_boxes_is_its_grid(tmp_path: Path) -> None:
    # Every box a subject over its teacher, "Further Mathematics" wrapped where its box is narrow, the box
    # over the times empty. The text had read a row a line ("Further" a row, "Mathematics" and "Mrs
    # Okafor-Smith" the next), the times left out of the table: its boxes hold lines level with each
    # other, as rows of values would, but not as many in each, nor in most rows.
    days = ["Monday", "Tuesday", "Wednesday", "Thursday"]
    further, literature = "Further Mathematics<br>Mrs Okafor-Smith", "English Literature<br>Mr Harrington"
    science, history = "Combined Science<br>Dr Wilkinson", "Modern History<br>Ms Fitzgerald"
    lessons = [
        ["09:00", further, literature, science, history],
        [
            "10:30",
            "Religious Studies<br>Mr Abernethy",
            further,
            "Physical Education<br>Mr Cunningham",
            literature,
        ],
        ["13:00", science, "Modern Languages<br>Mme Beauregard", history, "Design Technology<br>Mr Oyelaran"],
    ]
    widths = "".join(f"<col style='width: {share}%'>" for share in (12, 22, 22, 22, 22))
    source = _pdf(
        tmp_path / "timetable.pdf",
        f"<h2>Class 9B timetable</h2><table style='width: 150mm'>{widths}"
        f"<tr><th></th>{''.join(f'<th>{day}</th>' for day in days)}</tr>{_rows(lessons)}</table>",
        size=9,
    )

    cells = _table_cells(source)
    assert [cells[0, column] for column in range(1, 5)] == days and (0, 0) not in cells
    for number, lesson in enumerate(lessons, start=1):
        assert [cells[number, column] for column in range(5)] == [
            text.replace("<br>", " ") for text in lesson
        ]
    assert len(cells) == 4 + 3 * 5


def test_rows_ruled_in_groups_are_the_texts_rows(tmp_path: Path) -> None:
    # A statement ruled under every third booking: each box holds three rows' values, its debits and
    # credits only some (a box of two debits beside boxes of three dates). Read as boxes, each group's
    # descriptions had been one cell ("Opening balance Salary Electricity").
    bookings = [
        ("02/01", "Opening balance", "", "", "1,250.00"),
        ("03/01", "Salary", "", "2,310.00", "3,560.00"),
        ("05/01", "Electricity", "112.40", "", "3,447.60"),
        ("07/01", "Bakery", "6.80", "", "3,440.80"),
        ("10/01", "Cash withdrawal", "60.00", "", "3,380.80"),
        ("12/01", "Refund", "", "24.99", "3,405.79"),
        ("15/01", "Rent", "950.00", "", "2,455.79"),
        ("18/01", "Cheque deposit", "", "120.00", "2,575.79"),
        ("20/01", "Phone bill", "39.99", "", "2,535.80"),
    ]
    rows = _in_groups(bookings, 3)
    heads = "".join(f"<th>{head}</th>" for head in ("Date", "Description", "Debit", "Credit", "Balance"))
    source = _pdf(
        tmp_path / "statement.pdf",
        f"<table><tr>{heads}</tr>{rows}</table>",
        size=9,
        width="",
        css=GROUP_RULES,
    )

    assert _table_rows(source) == [
        ["Date", "Description", "Debit", "Credit", "Balance"],
        *[[value for value in booking if value] for booking in bookings],
    ]


def test_rows_not_ruled_apart_over_a_total_are_the_texts_rows(tmp_path: Path) -> None:
    # Ruled under the head, down the columns and over the total only: the body's boxes hold every item,
    # its descriptions wrapped onto two lines (more lines than in any other box).
    items = [
        ("Website redesign, discovery workshops and wireframes for the customer portal", "1", "2,400.00"),
        ("Hosting (12 months)", "12", "300.00"),
        ("Content migration of 400 legacy pages including their images and redirects", "40", "1,800.00"),
        ("Support hours", "8", "480.00"),
    ]
    css = "td { border-top: none; border-bottom: none } tr.total td { border-top: 0.6pt solid #333 }"
    css += " table { border: 0.6pt solid #333 }"
    source = _pdf(
        tmp_path / "invoice.pdf",
        "<table><col style='width: 60%'><col><col><tr><th>Description</th><th>Qty</th><th>Amount</th></tr>"
        f"{_rows(items)}<tr class=total><td>Total</td><td></td><td>4,980.00</td></tr></table>",
        size=10,
        css=css,
    )

    assert _table_rows(source) == [
        ["Description", "Qty", "Amount"],
        *[list(item) for item in items],
        ["Total", "4,980.00"],
    ]


def test_a_grid_is_judged_by_its_lines_split_at_its_boxes_sides(tmp_path: Path) -> None:
    # No padding: a row's figures are read as one line across their boxes, so each box seems to hold
    # fewer lines than it does. Judged on those lines, the grid would be taken, then found no table once
    # they are split at its boxes' sides (five lines a box, as boxes round paragraphs), and the text's
    # table lost with it.
    branches = [("North", "Alder", "1,204", "1,310", "8.8%"), ("North", "Birch", "980", "1,022", "4.3%")]
    branches += [
        ("North", "Cedar", "1,530", "1,498", "-2.1%"),
        ("South", "Dogwood", "2,210", "2,305", "4.3%"),
    ]
    branches += [("South", "Elm", "760", "812", "6.8%"), ("South", "Fir", "1,105", "1,190", "7.7%")]
    branches += [("East", "Ginkgo", "640", "701", "9.5%"), ("East", "Hazel", "1,880", "1,902", "1.2%")]
    branches += [("East", "Ivy", "920", "899", "-2.3%"), ("West", "Juniper", "1,450", "1,511", "4.2%")]
    css = f"{GROUP_RULES} body {{ line-height: 1.1 }} td, th {{ padding: 0 1pt }}"
    rows = _in_groups(branches, 5)
    heads = "".join(f"<th>{head}</th>" for head in ("Region", "Branch", "2023", "2024", "Change"))
    source = _pdf(
        tmp_path / "branches.pdf", f"<table><tr>{heads}</tr>{rows}</table>", size=8, width="", css=css
    )

    blocks = extract_document(source).pages[0].blocks
    figures = [block for block in blocks if any(char.isdigit() for char in block.source_text)]
    assert figures and all(block.cell is not None for block in figures)


def test_a_column_of_labels_set_once_a_group_is_a_column_of_its_grid(tmp_path: Path) -> None:
    # Each region's name in the first of its three rows, a rule under each group: few rows have words on
    # both sides of the gap after the names, as between two columns of a page. The grid's rule down that
    # gap says it is a column of the table; the names and the head's "Region" had been left out of it
    # ("Region Branch" one paragraph).
    sales = [("North", "Alder", "1,204"), ("", "Birch", "980"), ("", "Cedar", "1,530")]
    sales += [("South", "Dogwood", "2,210"), ("", "Elm", "760"), ("", "Fir", "1,105")]
    sales += [("East", "Ginkgo", "640"), ("", "Hazel", "1,880"), ("", "Ivy", "920")]
    sales += [("West", "Juniper", "1,450"), ("", "Kauri", "300"), ("", "Larch", "1,020")]
    rows = _in_groups(sales, 3)
    heads = "".join(f"<th>{head}</th>" for head in ("Region", "Branch", "2023"))
    source = _pdf(
        tmp_path / "sales.pdf", f"<table><tr>{heads}</tr>{rows}</table>", size=10, width="", css=GROUP_RULES
    )

    assert _table_rows(source) == [
        ["Region", "Branch", "2023"],
        *[[value for value in row if value] for row in sales],
    ]


def test_a_grid_the_page_cut_open_at_its_top_is_closed_where_its_column_rules_end(tmp_path: Path) -> None:
    # A grid over three pages: a row after a page break has its top rule at the foot of the page before,
    # and its column rules run up to the text's top with no rule across them. Its boxes were no lattice
    # there, and the row was left out of the page's table.
    rows = [
        (
            f"Replace the filter number {number} in the kitchen",
            f"Every {number} months at least",
            "Call the landlord",
        )
        for number in range(1, 31)
    ]
    widths = "<col style='width: 33%'><col style='width: 33%'><col style='width: 34%'>"
    heads = "<tr><th>Task</th><th>How often</th><th>Before</th></tr>"
    source = _pdf(
        tmp_path / "checklist.pdf", f"<h2>Checklist</h2><table>{widths}{heads}{_rows(rows)}</table>", size=10
    )

    pages = extract_document(source).pages
    assert len(pages) > 1
    for page in pages:
        [table] = page.tables
        tasks = [block for block in page.blocks if block.source_text.startswith(("Replace", "Every"))]
        assert tasks and all(block.cell is not None and block.cell.table == table.id for block in tasks)


def test_a_frame_round_two_columns_of_the_page_says_nothing_of_a_tables_columns(tmp_path: Path) -> None:
    # Two price lists, set at their own line heights, in a frame with a rule down between them: boxes of
    # many lines, no table. Its rule had been taken for one table's column border, which the lists' rows,
    # each at its own heights, then made no table at all.
    terms = [
        "Accrual",
        "Asset",
        "Budget",
        "Capital",
        "Debit",
        "Equity",
        "Ledger",
        "Margin",
        "Overhead",
        "Revenue",
    ]

    def price_list(count: int, line_height: float) -> str:
        return "".join(
            f"<div style='display: flex; justify-content: space-between; line-height: {line_height}'>"
            f"<span>{terms[index % len(terms)]}</span><span>{index + 10}.{index + 20}</span></div>"
            for index in range(count)
        )

    side = "<div style='width: 50%; padding: 4pt 8pt{}'>{}</div>"
    source = _pdf(
        tmp_path / "framed.pdf",
        "<h2>Price list</h2><div style='display: flex; border: 0.8pt solid black'>"
        + side.format("", price_list(30, 1.2))
        + side.format("; border-left: 0.8pt solid black", price_list(24, 1.5))
        + "</div>",
        size=10,
    )

    page = extract_document(source).pages[0]
    assert len(page.tables) == 2
    assert all(block.cell is not None for block in page.blocks if block.source_text in terms)


STOCK = [
    ("Fruit", "Boxes", "Price"),
    ("Apples", "120", "1.20"),
    ("Pears", "80", "1.50"),
    ("Plums", "45", "2.10"),
    ("Cherries", "30", "4.00"),
    ("Grapes", "64", "2.80"),
]
MANAGERS = [("Region", "Manager"), ("North", "Alice Grant"), ("South", "Tom Baker")]


def _side_by_side(tables: Sequence[str], gap: str = "24pt") -> str:
    """The tables (HTML) set side by side, their tops level."""
    cells = "".join(f"<div>{table}</div>" for table in tables)
    return f"<div style='display: flex; gap: {gap}; align-items: flex-start'>{cells}</div>"


def _cells(rows: Sequence[Sequence[str]]) -> dict[tuple[int, int], str]:
    return {(row, column): text for row, texts in enumerate(rows) for column, text in enumerate(texts)}


def test_tables_side_by_side_each_in_its_own_grid_are_two_tables(tmp_path: Path) -> None:
    # The text reads rows level across both grids as one table's: five columns, the shorter table's rows
    # beside the taller one's first rows, the captions over them a head row of two cells, the note under
    # the shorter one a cell.
    source = _pdf(
        tmp_path / "side_by_side.pdf",
        "<p>The tables below give the stock and the regional managers.</p>"
        + _side_by_side(
            [
                f"<b>Stock</b><table>{_rows(STOCK)}</table>",
                f"<b>Managers</b><table>{_rows(MANAGERS)}</table><p>Managers as of 1 March.</p>",
            ]
        ),
        width="width: auto",
    )

    assert _tables_cells(source) == [_cells(STOCK), _cells(MANAGERS)]


@pytest.mark.parametrize("tile", ["a grid of its label over its figure", "a box round both"])
def test_tables_side_by_side_under_a_dashboards_tiles_are_two_tables_and_the_tiles_no_table(
    tmp_path: Path, tile: str
) -> None:
    # Each tile a grid that is no table or a box drawn alone, whose lines had made rows of one table
    # with the captions and both grids under them ("Avg. basket Returns", two tiles' labels, one cell,
    # translated as one sentence across both boxes; the labels of tiles drawn as boxes 4 points tall).
    tiles = [("Sales", "€1.24m"), ("Orders", "8,412"), ("Avg. basket", "€147"), ("Returns", "3.1%")]
    box = "width: 90pt; border: 0.8pt solid #333; padding: 4pt"
    boxes = [
        f"<table style='width: 90pt'>{_rows([(label,), (figure,)])}</table>"
        if tile.startswith("a grid")
        else f"<div style='{box}'>{label}<div style='font-size: 14pt'><b>{figure}</b></div></div>"
        for label, figure in tiles
    ]
    products = [
        ("Product", "Units", "Revenue"),
        ("Trail shoe", "1,204", "€144,480"),
        ("Day pack", "1,530", "€68,850"),
    ]
    regions = [("Region", "Share"), ("Bavaria", "22%"), ("Tyrol", "17%"), ("Zurich", "12%")]
    source = _pdf(
        tmp_path / "dashboard.pdf",
        _side_by_side(boxes)
        + _side_by_side(
            [
                f"<b>Top products</b><table>{_rows(products)}</table>",
                f"<b>Top regions</b><table>{_rows(regions)}</table>",
            ],
            gap="30pt",
        ),
        width="width: auto",
    )

    assert _tables_cells(source) == [_cells(products), _cells(regions)]
    in_tiles = {text for label in tiles for text in label}
    loose = [block.source_text for block in extract_document(source).pages[0].blocks if block.cell is None]
    assert set(loose) >= in_tiles


@pytest.mark.parametrize("first", [False, True])
def test_tables_side_by_side_ruled_at_the_same_levels_are_two_tables(tmp_path: Path, first: bool) -> None:
    # Each names its rows: the right one is no rest of the left one's table (see the test below), though
    # one of its items looks like a value ("Nut M8", as "12 kg" would), first or last.
    fasteners = [("Hex bolt", "200"), ("Washer", "100"), ("Nut M8", "500")]
    fasteners = [("Item", "Pack"), *(fasteners[::-1] if first else fasteners)]
    tables = [f"<table>{_rows(STOCK[:4])}</table>", f"<table>{_rows(fasteners)}</table>"]
    source = _pdf(tmp_path / "level.pdf", _side_by_side(tables), width="width: auto")

    assert _tables_cells(source) == [_cells(STOCK[:4]), _cells(fasteners)]


def test_figures_beside_a_list_ruled_at_other_levels_are_a_table_of_their_own(tmp_path: Path) -> None:
    figures = [("Year", "Total"), ("2021", "100"), ("2022", "120"), ("2023", "130")]
    tables = [f"<table>{_rows(STOCK)}</table>", f"<table>{_rows(figures)}</table>"]
    source = _pdf(tmp_path / "figures.pdf", _side_by_side(tables), width="width: auto")

    assert _tables_cells(source) == [_cells(STOCK), _cells(figures)]


def test_tables_side_by_side_in_two_columns_of_the_page_are_tables_of_their_own(tmp_path: Path) -> None:
    # Three rooms' programmes a column, under their names: the text read them as one table of five columns.
    programme = [("Time", "Event"), ("9:00", "Talk"), ("10:30", "Workshop"), ("13:00", "Panel")]
    rooms = [f"<p><b>Room {number}</b></p><table>{_rows(programme)}</table>" for number in range(1, 7)]
    source = _pdf(
        tmp_path / "rooms.pdf",
        _side_by_side(["".join(rooms[:3]), "".join(rooms[3:])], gap="80pt"),
        width="width: auto",
    )

    assert _tables_cells(source) == [_cells(programme)] * 6


@pytest.mark.parametrize("repeated_head", [False, True])
def test_grids_one_under_another_ruled_down_alike_are_one_table_unless_each_has_its_head(
    tmp_path: Path, repeated_head: bool
) -> None:
    # An expense list parted by a gap into two grids is one table; a rota's two weeks, each under its
    # head, are two.
    head = ("Date", "Item", "Amount")
    first = [head, ("02/06", "Taxi", "18.00"), ("03/06", "Hotel", "140.00")]
    second = [("05/06", "Train", "42.00"), ("06/06", "Lunch", "12.50")]
    if repeated_head:
        second.insert(0, head)
    grids = "".join(
        f"<table style='table-layout: fixed; width: 240pt; margin-bottom: 6pt'>{_rows(rows)}</table>"
        for rows in (first, second)
    )
    source = _pdf(tmp_path / "parted.pdf", grids, width="width: 240pt")

    expected = [_cells(first), _cells(second)] if repeated_head else [_cells(first + second)]
    assert _tables_cells(source) == expected


def test_grids_one_under_another_in_a_box_of_a_grid_are_the_tables(tmp_path: Path) -> None:
    # The outer grid holds them: it is no table of its own, and had kept the text's one table of both.
    stock, managers = STOCK[:3], MANAGERS
    inner = f"<table style='margin-bottom: 4pt'>{_rows(stock)}</table><table>{_rows(managers)}</table>"
    source = _pdf(
        tmp_path / "nested.pdf",
        "<table class=outer><tr><td>Stock and managers</td><td>Notes</td></tr>"
        f"<tr><td>{inner}</td><td>See page 2</td></tr></table>",
        width="width: auto",
        css="table.outer td { padding: 6pt }",
    )

    assert _tables_cells(source) == [_cells(stock), _cells(managers)]


def test_tables_one_under_another_each_in_its_own_grid_are_tables_of_their_own(tmp_path: Path) -> None:
    # A payslip's grid of its employee over its payments, their columns aligned, 4 points apart: the text
    # read them as one table of three columns, the employee's values beside the payments' amounts.
    employee = [("Employee", "Sarah Collins"), ("Number", "E-1042"), ("Period", "March 2025")]
    payments = [
        ("Payment", "Hours", "Amount"),
        ("Basic pay", "160", "3,200.00"),
        ("Overtime", "12", "360.00"),
    ]
    source = _pdf(
        tmp_path / "stacked.pdf",
        f"<table style='margin-bottom: 4pt'>{_rows(employee)}</table><table>{_rows(payments)}</table>",
        width="width: 300pt",
    )

    assert _tables_cells(source) == [_cells(employee), _cells(payments)]


@pytest.mark.parametrize(
    "layout",
    [
        "heads left unboxed",
        "heads left unboxed over wide grids",
        "a table without rules beside them",
        "a row without rules under one",
        "a row without rules under one, captions over both",
        "a column left unboxed beside boxed ones",
    ],
)
def test_rows_over_or_beside_grids_side_by_side_stay_in_a_table(tmp_path: Path, layout: str) -> None:
    # Rows of the text's table that the grids do not hold: taking the grids made them loose lines
    # ("Boxes Price", "North South" one block each), and taking one grid of two made the other's rows
    # loose. Nothing else is on the page but the captions.
    tables = [f"<table>{_rows(STOCK)}</table>", f"<table>{_rows(MANAGERS)}</table>"]
    css = ""
    if layout.startswith("heads left unboxed"):
        css = "tr:first-child td { border: none }"
        if layout.endswith("wide grids"):
            # Heads so far apart that each is a line of its own.
            tables = [f"<table style='width: 220pt'>{_rows(rows)}</table>" for rows in (STOCK, MANAGERS)]
    elif layout == "a table without rules beside them":
        tables.append(f"<table>{_rows(MANAGERS, style='border: none')}</table>")
    elif layout.startswith("a row without rules under one"):
        mangoes = f"<table>{_rows([('Mangoes', '12', '3.00')], style='border: none')}</table>"
        tables[0] += mangoes
        if layout.endswith("captions over both"):
            # The text's tables: the captions and the grids' first rows, and the stock's other rows
            # down to the unruled one. Taking the managers' grid for the first had left the stock's first
            # rows loose.
            stock = [*STOCK, ("Kiwis", "20", "3.10"), ("Limes", "50", "0.90")]
            tables = [
                f"<b>Managers</b><table>{_rows(MANAGERS)}</table>",
                f"<b>Stock</b><table>{_rows(stock)}</table>{mangoes}",
            ]
    else:
        # One table: its descriptions unboxed, its quantities and prices boxed, a gap, its tax and totals.
        rows = [("Item", "Qty", "Price", "", "VAT", "Total"), ("Paper", "10", "4.50", "", "9.00", "54.00")]
        rows += [
            ("Toner", "2", "61.00", "", "24.40", "146.40"),
            ("Stapler", "1", "12.00", "", "2.40", "14.40"),
        ]
        css = "td:first-child, td:nth-child(4) { border: none } td:nth-child(4) { width: 14pt }"
        tables = [f"<table>{_rows(rows)}</table>"]
    source = _pdf(tmp_path / "beside.pdf", _side_by_side(tables), width="width: auto", css=css)

    blocks = extract_document(source).pages[0].blocks
    assert all(block.cell is not None for block in blocks if block.source_text not in ("Stock", "Managers"))


WEEKS = [
    ("Week", "Orders", "Returns", "Region", "Lead"),
    ("1", "41", "2", "North", "Alice"),
    ("2", "38", "1", "South", "Tom"),
    ("3", "45", "4", "East", "Maria"),
]


def test_a_table_without_rules_headed_in_bold_under_grids_is_a_table_of_its_own(tmp_path: Path) -> None:
    # Read as one table with the grids over it, it had their columns: "Week Orders Returns" under the
    # fruit, "Region Lead" one cell.
    head = "".join(f"<th style='border: none'>{text}</th>" for text in WEEKS[0])
    source = _pdf(
        tmp_path / "under.pdf",
        _side_by_side([f"<table>{_rows(STOCK)}</table>", f"<table>{_rows(MANAGERS)}</table>"])
        + f"<table><tr>{head}</tr>{_rows(WEEKS[1:], style='border: none')}</table>",
        width="width: auto",
    )

    assert _tables_cells(source) == [_cells(STOCK), _cells(MANAGERS), _cells(WEEKS)]


def test_a_table_without_rules_under_a_grid_is_parted_from_it_as_tables_one_over_the_other(
    tmp_path: Path,
) -> None:
    # Looked at alone, not with the grid's lines: the gap between the grid's labels and values had run
    # on down the page as a gutter, and the table's locations had been left out of it.
    details = [("Report", "Stock count"), ("Date", "30/06/2024")]
    counts = [
        ("Location", "Item", "Counted", "System"),
        ("A-01", "Tea bowls", "120", "124"),
        ("A-02", "Plates", "88", "88"),
        ("B-07", "Vases", "31", "30"),
        ("B-09", "Mugs", "240", "236"),
    ]
    grid = "".join(f"<tr><td><b>{label}</b></td><td>{value}</td></tr>" for label, value in details)
    head = "".join(f"<th style='border: none'>{text}</th>" for text in counts[0])
    source = _pdf(
        tmp_path / "counts.pdf",
        f"<table style='width: 260pt'>{grid}</table><div style='height: 8pt'></div>"
        f"<table><tr>{head}</tr>{_rows(counts[1:], style='border: none')}</table>",
        css="td:nth-child(n+3), th:nth-child(n+3) { text-align: right }",
    )

    assert _tables_cells(source) == [_cells(details), _cells(counts)]


@pytest.mark.parametrize("bold", [False, True])
def test_totals_without_rules_under_a_grid_stay_rows_of_its_table(tmp_path: Path, bold: bool) -> None:
    # Rows under a grid, not a head in bold over rows not in bold (a subtotal and a total in bold), are
    # the rest of its table.
    items = [
        ("Paper", "10", "4.50", "45.00"),
        ("Toner", "2", "61.00", "122.00"),
        ("Stapler", "1", "12.00", "12.00"),
    ]
    totals = [("Subtotal", "179.00"), ("VAT 20%", "35.80"), ("Total", "214.80")]
    bolded = {"Subtotal", "Total"} if bold else set()
    rows = "".join(
        "<tr><td></td><td></td>"
        + "".join(f"<td>{f'<b>{text}</b>' if label in bolded else text}</td>" for text in (label, amount))
        + "</tr>"
        for label, amount in totals
    )
    head = "".join(f"<th>{text}</th>" for text in ("Item", "Qty", "Price", "Amount"))
    source = _pdf(
        tmp_path / "totals.pdf",
        f"<table><tr>{head}</tr>{_rows(items)}{rows}</table>",
        width="width: auto",
        css="tr:nth-child(n+5) td { border: none }",
    )

    page = extract_document(source).pages[0]
    assert len(page.tables) == 1
    assert all(block.cell is not None for block in page.blocks)


@pytest.mark.parametrize("heads", [1, 2])
def test_a_table_drawn_as_two_grids_a_column_apart_is_one_table(tmp_path: Path, heads: int) -> None:
    # The quarters after the branches' names and an unruled gap: the right grid names no rows of its own,
    # its head of words over its values ("Second half" over "Third" and "Fourth").
    quarters = [("Branch", "Q1", "Q2"), ("Leeds", "120", "131"), ("York", "88", "92"), ("Hull", "61", "70")]
    rest = [("Third", "Fourth"), ("140", "152"), ("97", "101"), ("66", "58")]
    if heads == 2:
        quarters.insert(0, ("", "First half", ""))
        rest.insert(0, ("Second half", ""))
    source = _pdf(
        tmp_path / "spacer.pdf",
        _side_by_side([f"<table>{_rows(quarters)}</table>", f"<table>{_rows(rest)}</table>"], gap="30pt"),
        width="width: auto",
    )

    [cells] = _tables_cells(source)
    rows = [left + right for left, right in zip(quarters, rest, strict=True)]
    assert {text for text in cells.values()} == {text for row in rows for text in row if text}
    assert [cells[row, 0] for row in range(heads, len(rows))] == [row[0] for row in rows[heads:]]


def test_a_calendar_is_a_table_of_its_days_and_each_event_a_part_under_its_day(tmp_path: Path) -> None:
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    weeks = [["", "", "", "", "", "1", "2"], ["3", "4", "5", "6", "7", "8", "9"]]
    weeks += [["10", "11", "12", "13", "14", "15", "16"]]
    # Two events in one week: their days' boxes hold lines level with each other, among days alone.
    events = {"3": "Staff meeting", "5": "Dentist", "14": "Pi day"}
    body = "<table><tr>" + "".join(f"<th>{day}</th>" for day in days) + "</tr>"
    body += "".join(
        "<tr>"
        + "".join(f"<td>{day}<br>{events[day]}</td>" if day in events else f"<td>{day}</td>" for day in week)
        + "</tr>"
        for week in weeks
    )
    source = _pdf(
        tmp_path / "calendar.pdf", f"<h2>March</h2>{body}</table>", size=10, css="td { height: 30pt }"
    )

    blocks = [block for block in extract_document(source).pages[0].blocks if block.cell is not None]
    cells: dict[tuple[int, int], list[str]] = {}
    for block in sorted(blocks, key=lambda block: block.bbox.top):
        assert block.cell is not None
        cells.setdefault((block.cell.row, block.cell.column), []).append(block.source_text)
    assert [cells[0, column] for column in range(7)] == [[day] for day in days]
    assert cells[1, 5] == ["1"] and cells[3, 6] == ["16"]
    # The day's number kept as data, its event translated: one sentence before ("3 reunión de personal").
    assert cells[2, 0] == ["3", "Staff meeting"] and cells[2, 2] == ["5", "Dentist"]
    assert cells[3, 4] == ["14", "Pi day"]
    kept = {block.source_text for block in blocks if not block.translatable}
    assert {"3", "14"} <= kept and not {"Staff meeting", "Pi day"} & kept


def test_labels_beside_empty_boxes_to_fill_in_are_no_table(tmp_path: Path) -> None:
    # Under "Full name" the labels had been read as a column of names, and kept in English.
    labels = ("Full name", "Date of birth", "Address", "Telephone", "Email", "Signature")
    rows = "".join(f"<tr><td>{label}</td><td style='width: 250pt'></td></tr>" for label in labels)
    source = _pdf(tmp_path / "form.pdf", f"<h2>Application</h2><table>{rows}</table>", size=10, width="")

    page = extract_document(source).pages[0]
    assert page.tables == []
    assert all(block.translatable for block in page.blocks)


def test_answers_after_their_checkboxes_are_apart(tmp_path: Path) -> None:
    box = "<span style='display: inline-block; width: 7pt; height: 7pt; border: 0.7pt solid #000'></span>"
    rows = "".join(
        f"<tr><td>{question}</td><td>{box} Yes &nbsp; {box} No</td></tr>"
        for question in ("Do you hold a driving licence?", "Have you lived abroad?", "Do you need parking?")
    )
    source = _pdf(
        tmp_path / "questions.pdf", f"<table><tr><th>Question</th><th>Answer</th></tr>{rows}</table>", 10
    )

    answers = sorted(
        (block.cell.row, block.bbox.x0, block.source_text)
        for block in extract_document(source).pages[0].blocks
        if block.cell is not None and block.cell.column == 1 and block.cell.row > 0
    )
    # Two parts of the one answer cell of each row, "Yes" left of "No", each in its own box.
    assert [text for _, _, text in answers] == ["Yes", "No"] * 3


def _reportlab_invoice(path: Path) -> Path:
    """An invoice's grid as reportlab's Table draws it (GRID, a dark head band in Helvetica-Bold): each
    cell's text on its own, the rules drawn last."""
    rows = [("Item", "Qty", "Unit", "Total"), ("Paper A4, box of 5 reams", "4", "21.90", "87.60")]
    rows += [("Toner", "2", "64.00", "128.00"), ("Stapler", "1", "18.50", "18.50")]
    lefts, tops = (6, 131.39, 160.06, 197.08), (59, 41, 23, 5)
    text = [
        f"BT /F{2 if row == 0 else 1} 10 Tf 1 0 0 1 {left} {tops[row]} Tm ({cell}) Tj ET".encode()
        for row, cells in enumerate(rows)
        for left, cell in zip(lefts, cells, strict=True)
    ]
    rules = [b"n 0 %d m 233.66 %d l S" % (y, y) for y in (72, 54, 36, 18, 0)]
    rules += [b"n %s 0 m %s 72 l S" % (x, x) for x in (b"0", b"125.39", b"154.06", b"191.08", b"233.66")]
    band = [b"q 1 0 0 1 180.8 691.9 cm", b".13 .2 .33 rg n 0 72 233.66 -18 re f", b"1 1 1 rg"]
    content = b"\n".join([*band, *text[:4], b"0 0 0 rg", *text[4:], b"0 0 0 RG .5 w", *rules, b"Q"])
    with pikepdf.new() as pdf:
        fonts = {
            name: pdf.make_indirect(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name(base)
                )
            )
            for name, base in (("F1", "/Helvetica"), ("F2", "/Helvetica-Bold"))
        }
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 595.28, 841.89],
            Contents=pdf.make_indirect(pikepdf.Stream(pdf, content)),
            Resources=pikepdf.Dictionary(
                Font=pikepdf.Dictionary({f"/{name}": font for name, font in fonts.items()})
            ),
        )
        pdf.pages.append(pikepdf.Page(page))
        pdf.save(path)
    return path


def test_heads_read_as_one_line_across_their_boxes_are_parted_at_the_boxes_sides(tmp_path: Path) -> None:
    # pdfminer read "Qty Unit Total" (white on the dark band, 12 points apart) as one line.
    assert _table_rows(_reportlab_invoice(tmp_path / "invoice.pdf")) == [
        ["Item", "Qty", "Unit", "Total"],
        ["Paper A4, box of 5 reams", "4", "21.90", "87.60"],
        ["Toner", "2", "64.00", "128.00"],
        ["Stapler", "1", "18.50", "18.50"],
    ]


def test_cells_a_word_space_apart_across_a_boxs_side_are_apart(tmp_path: Path) -> None:
    # A tight invoice: 1 point inside each box, numbers flush right, two amounts 2 points apart.
    items = [
        ("Website redesign and wireframes", "1", "2,400.00", "2,400.00"),
        ("Hosting (12 months)", "12", "25.00", "300.00"),
    ]
    items += [("Domain renewal", "2", "15.00", "30.00"), ("Content migration", "40", "45.00", "1,800.00")]
    rows = "".join(
        f"<tr><td>{name}</td><td class=n>{qty}</td><td class=n>{unit}</td><td class=n>{amount}</td></tr>"
        for name, qty, unit, amount in items
    )
    heads = "<tr><td>Description</td><td class=n>Qty</td><td class=n>Unit</td><td class=n>Amount</td></tr>"
    css = "td { padding: 0 1pt; white-space: nowrap } .n { text-align: right }"
    source = _pdf(tmp_path / "invoice.pdf", f"<table>{heads}{rows}</table>", 10, "", css)

    assert _table_rows(source) == [["Description", "Qty", "Unit", "Amount"], *map(list, items)]


def test_a_box_across_two_columns_whose_words_stand_apart_is_two_cells(tmp_path: Path) -> None:
    # The shift's heading spans its two columns; the text had read "Reception Anna" as one cell.
    source = _pdf(
        tmp_path / "shifts.pdf",
        "<table><tr><td colspan=2><b>Morning shift</b></td><td colspan=2><b>Evening shift</b></td></tr>"
        "<tr><td>Reception</td><td>Anna</td><td>Reception</td><td>Paul</td></tr>"
        "<tr><td>Kitchen</td><td>Mark</td><td>Kitchen</td><td>Lucy</td></tr></table>",
        size=9,
        width="",
    )

    assert _table_rows(source) == [
        ["Morning shift", "Evening shift"],
        ["Reception", "Anna", "Reception", "Paul"],
        ["Kitchen", "Mark", "Kitchen", "Lucy"],
    ]


def test_rows_not_ruled_apart_are_the_texts_rows(tmp_path: Path) -> None:
    # Rules down the columns and under the head only: each box of the body holds rows of values.
    css = "td, th { border: none; border-left: 0.6pt solid #333; border-right: 0.6pt solid #333 }"
    css += " th { border-bottom: 0.6pt solid #333 } table { border: 0.6pt solid #333 }"
    rows = _rows(
        [
            ("[string] char []", "string"),
            ("[string] unsigned char []", "string"),
            ("[string] signed char []", "string"),
            ("[string] byte []", "string"),
        ]
    )
    source = _pdf(
        tmp_path / "types.pdf",
        f"<table><tr><th>IDL type</th><th>Caml type</th></tr>{rows}</table>",
        width="",
        css=css,
    )

    assert _table_rows(source) == [
        ["IDL type", "Caml type"],
        ["[string] char []", "string"],
        ["[string] unsigned char []", "string"],
        ["[string] signed char []", "string"],
        ["[string] byte []", "string"],
    ]


def test_a_table_only_part_of_which_is_boxed_is_the_texts(tmp_path: Path) -> None:
    # Orders and their notes unruled, their codes and amounts in a grid beside them: one table of four.
    unruled = "<table style='border: none'>{}</table>"
    rows = [("Order", "Notes", "Code", "Amount"), ("1001", "send by post", "A", "12.00")]
    rows += [("1002", "gift wrap", "B", "8.50"), ("1003", "call first", "C", "3.20")]
    left = _rows([row[:2] for row in rows], "border: none")
    right = _rows([row[2:] for row in rows])
    source = _pdf(
        tmp_path / "orders.pdf",
        f"<div style='display: flex; gap: 10pt'><div>{unruled.format(left)}</div>"
        f"<div><table>{right}</table></div></div>",
        size=9,
        width="",
    )

    assert _table_rows(source) == [list(row) for row in rows]


def test_a_table_in_a_box_of_a_grid_and_a_table_without_rules_keep_every_line_once(tmp_path: Path) -> None:
    inner = "<table><tr><td>Apples</td><td>Pears</td></tr><tr><td>Figs</td><td>Plums</td></tr></table>"
    grid = (
        "<table><tr><td>Order</td><td>1001</td></tr><tr><td>Fruit</td><td>" + inner + "</td></tr>"
        "<tr><td>Paid</td><td>Yes</td></tr></table>"
    )
    days = [("Monday", "Hall A"), ("Tuesday", "Hall B"), ("Wednesday", "Hall C"), ("Thursday", "Hall D")]
    plain = _rows(days, "border: none")
    source = _pdf(
        tmp_path / "nested.pdf", f"{grid}<p>Rooms</p><table style='border: none'>{plain}</table>", 10, ""
    )

    page = extract_document(source).pages[0]
    texts = [block.source_text for block in page.blocks]
    assert len(texts) == len(set(texts)), texts
    table_of = {block.source_text: block.cell.table for block in page.blocks if block.cell is not None}
    # The grid inside the box is the table, not the form round it; the rooms are a table of the text's.
    fruit = {table_of[name] for name in ("Apples", "Pears", "Figs", "Plums")}
    rooms = {table_of[day] for day in ("Monday", "Tuesday", "Wednesday")}
    assert len(fruit) == 1 and len(rooms) == 1 and fruit != rooms
    assert [table.id for table in page.tables] == sorted(table.id for table in page.tables)
    assert [table.bbox.top for table in page.tables] == sorted(table.bbox.top for table in page.tables)


def test_boxes_round_paragraphs_are_no_table(tmp_path: Path) -> None:
    prose = (
        "The committee met on Tuesday to discuss the new budget for the coming year. Several members raised"
        " concerns about the increase in costs for the library and the gardens, and asked for a report on"
        " the options before the next meeting, which will be held in the main hall in the first week of May."
    )
    cells = f"<td>{prose}</td><td>{prose}</td>"
    source = _pdf(tmp_path / "boxes.pdf", f"<table><tr>{cells}</tr><tr>{cells}</tr></table>", size=10)

    # Four boxes of six lines each: paragraphs, not cells.
    page = extract_document(source).pages[0]
    assert page.tables == []
    assert all(block.cell is None for block in page.blocks)
