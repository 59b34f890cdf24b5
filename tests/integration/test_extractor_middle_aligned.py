"""Cells set in the middle of their rows (HTML's default) beside a cell wrapped onto two lines or more: each
row is one row, its date and amount in it, on tables WeasyPrint typesets with and without rules.

A statement whose descriptions wrap had been no table at all (its dates and amounts stand between a
description's two lines, bands half a line apart), or its rows came apart: "Training workshop for the
support team," a row of its own, "two days on site" joining the next row's description.
"""

from collections.abc import Sequence
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
    " td, th {{ {rule} padding: {padding} 5pt; text-align: left; vertical-align: {align} }}"
    "</style></head><body><h2>Statement</h2>{body}</body></html>"
)
UNDER_ROWS = "border-bottom: 0.5pt solid #999;"

HEADS = ("Date", "Description", "Amount")
# In 55% of the page's width at 12 points the long descriptions wrap once, the short ones not.
BOOKINGS = [
    ("03/04/2024", "Training workshop for the support team, two days on site in Leeds", "1,200.00"),
    ("05/04/2024", "Travel expenses", "4,500.00"),
    ("09/04/2024", "Catering for the board meeting, lunch for twelve", "900.00"),
    ("12/04/2024", "Stationery", "320.00"),
    ("15/04/2024", "Hosting", "80.00"),
]
ALL_WRAPPED = [
    ("03/04/2024", "Training workshop for the support team, two days on site in Leeds", "1,200.00"),
    ("05/04/2024", "Licence renewal for the analytics platform", "4,500.00"),
    ("09/04/2024", "Catering for the board meeting, lunch for twelve", "900.00"),
    ("12/04/2024", "Office chairs with armrests, set of six", "320.00"),
]
# The first description wraps onto four lines: the date and amount stand between its second and third.
FOUR_LINES = [
    (
        "03/04/2024",
        "Licence renewal for the analytics platform for twelve months from the first of April, billed"
        " yearly in advance, with support by telephone and e-mail",
        "1,200.00",
    ),
    ("05/04/2024", "Travel expenses", "4,500.00"),
    ("09/04/2024", "Training workshop for the support team, two days on site in Leeds", "900.00"),
    ("12/04/2024", "Stationery", "320.00"),
]
SHARES = (20, 55, 25)


def _pdf(
    path: Path,
    heads: Sequence[str],
    rows: Sequence[Sequence[str]],
    rule: str = "",
    align: str = "middle",
    shares: Sequence[int] = SHARES,
    padding: str = "4pt",
) -> Path:
    body = html_table(heads, rows, shares)
    HTML(string=PAGE.format(body=body, rule=rule, align=align, padding=padding)).write_pdf(path)
    return path


def _expected(heads: Sequence[str], rows: Sequence[Sequence[str]]) -> list[list[str]]:
    return [list(heads), *map(list, rows)]


@pytest.mark.parametrize("align", ["middle", "top", "bottom"])
def test_a_statement_whose_descriptions_wrap_is_a_row_a_booking_however_its_cells_stand(
    tmp_path: Path, align: str
) -> None:
    source = _pdf(tmp_path / "statement.pdf", HEADS, BOOKINGS, align=align)

    assert _table_rows(source) == _expected(HEADS, BOOKINGS)


@pytest.mark.parametrize("rule", ["", UNDER_ROWS], ids=["no rules", "ruled under each row"])
def test_every_description_wrapped_beside_centred_dates_and_amounts_is_a_row_each(
    tmp_path: Path, rule: str
) -> None:
    source = _pdf(tmp_path / "statement.pdf", HEADS, ALL_WRAPPED, rule)

    assert _table_rows(source) == _expected(HEADS, ALL_WRAPPED)


def test_rows_set_close_under_a_centred_row_stay_rows_of_their_own(tmp_path: Path) -> None:
    """At 2.5 points of padding the next row's line ends 18 points under the wrapped description's last
    line: the row its centred cells tell ends at that last line."""
    source = _pdf(tmp_path / "statement.pdf", HEADS, ALL_WRAPPED, padding="2.5pt")

    assert _table_rows(source) == _expected(HEADS, ALL_WRAPPED)


def test_cells_between_the_second_and_third_lines_of_a_description_of_four_are_its_row(
    tmp_path: Path,
) -> None:
    source = _pdf(tmp_path / "statement.pdf", HEADS, FOUR_LINES)

    assert _table_rows(source) == _expected(HEADS, FOUR_LINES)


@pytest.mark.parametrize("rule", ["", UNDER_ROWS], ids=["no rules", "ruled under each row"])
def test_a_last_rows_wrapped_line_beside_a_centred_cell_is_in_its_row(tmp_path: Path, rule: str) -> None:
    """A table's region ends at its last band with text in two columns; the row's cell set in its middle
    tells how far down the row reaches, with or without a rule under it."""
    rows = [
        ("Replace the filter in the kitchen every three months", "Tenant"),
        ("Check the smoke alarms in the hall once a month", "Landlord"),
        ("Clean the gutters", "Tenant"),
        ("Paint the window frames on the outside every five years", "Landlord"),
    ]
    source = _pdf(tmp_path / "tasks.pdf", ("Task", "Who"), rows, rule, shares=(60, 40))

    assert _table_rows(source) == _expected(("Task", "Who"), rows)


def test_a_phone_number_centred_beside_names_over_their_roles_stays_in_its_row(tmp_path: Path) -> None:
    rows = [
        ("Ann Bell<br>Head of Finance", "Finance<br>London office", "020 7946 0001"),
        ("Tom Price<br>Accountant", "Finance<br>Leeds office", "0113 496 0002"),
        ("Sara Lee<br>Payroll officer", "People<br>London office", "020 7946 0003"),
    ]
    source = _pdf(tmp_path / "staff.pdf", ("Name", "Team", "Phone"), rows, shares=(35, 35, 30))

    found = _table_rows(source)

    assert [row[-1] for row in found] == ["Phone", *(phone for _, _, phone in rows)]
    assert [" ".join(row[:-1]) for row in found[1:]] == [
        f"{name} {team}".replace("<br>", " ") for name, team, _ in rows
    ]


def test_the_centred_cells_keep_their_place_their_blocks_where_their_lines_are(tmp_path: Path) -> None:
    """Banded level with the description's first line, a date is still drawn where it was: its block's
    box is its own line's, half a line under the row's top."""
    source = _pdf(tmp_path / "statement.pdf", HEADS, ALL_WRAPPED)
    page = extract_document(source).pages[0]
    blocks = {block.source_text: block for block in page.blocks}

    date, description = blocks["03/04/2024"], blocks[ALL_WRAPPED[0][1]]
    assert date.cell is not None and description.cell is not None
    assert date.cell.row == description.cell.row
    middle = (date.bbox.top + date.bbox.bottom) / 2
    assert middle == pytest.approx((description.bbox.top + description.bbox.bottom) / 2, abs=1.0)


def test_a_contents_page_of_two_columns_keeps_each_entry_whole(tmp_path: Path) -> None:
    """Page numbers centred beside their entries (a flex box's `align-items: center`), in two columns of
    the page whose entries wrap at other heights: an entry wrapped in one column stands beside two of the
    other, which no row of a table does. Its wrapped halves had been split across rows of one table read
    across both columns ("4. Paying by direct debit, card or bank" / "transfer from abroad")."""
    css = (
        "@page { size: A4; margin: 18mm }"
        " body { font-family: 'DejaVu Sans'; font-size: 10pt; line-height: 1.25 }"
        " h1 { font-size: 16pt; margin: 0 0 6pt }"
        " .toc { column-count: 2; column-gap: 24pt }"
        " .entry { display: flex; align-items: center; margin-bottom: 3pt }"
        " .entry span:first-child { flex: 1 } .entry span:last-child { width: 22pt; text-align: right }"
    )
    entries = [
        "Introduction",
        "Getting started with your new account and setting up two-factor authentication",
        "Invoices",
        "Paying by direct debit, card or bank transfer from abroad",
        "Refunds",
        "Changing your plan",
        "Moving house: what to do when you change your address",
        "Complaints",
        "Accessibility",
        "Glossary",
    ]
    items = "".join(
        f"<div class='entry'><span>{index}. {entry}</span><span>{4 * index - 1}</span></div>"
        for index, entry in enumerate(entries, 1)
    )
    source = tmp_path / "contents.pdf"
    HTML(
        string=f"<html><head><style>{css}</style></head><body><h1>Contents</h1>"
        f"<div class='toc'>{items}</div></body></html>"
    ).write_pdf(source)

    texts = [block.source_text for block in extract_document(source).pages[0].blocks]

    # Whole, if maybe joined to the next ("... two-factor authentication 3. Invoices", as before).
    for index, entry in enumerate(entries, 1):
        assert any(f"{index}. {entry}" in text for text in texts), entry


def test_rows_ruled_apart_beside_a_cell_spanning_them_stay_rows(tmp_path: Path) -> None:
    """A day spanning two rows (`rowspan`) in their middle, the rows ruled apart without padding: each
    column's two lines look like a cell wrapped beside the day centred on it, but the rule between them
    parts the rows ("Welcome Keynote" had been one phrase)."""
    css = (
        "@page { size: A4; margin: 18mm } body { font-family: 'DejaVu Sans'; font-size: 10pt }"
        " table { border-collapse: collapse; width: 100% }"
        " td, th { border-bottom: 0.5pt solid #000; padding: 0 4pt; line-height: 1.2; text-align: left;"
        " vertical-align: middle } th { padding: 6pt 4pt } tr.gap td { padding-top: 6pt }"
    )
    rows = (
        "<tr><td rowspan='2'>Monday</td><td>09:00</td><td>A1</td><td>Welcome</td></tr>"
        "<tr><td>11:00</td><td>A2</td><td>Keynote</td></tr>"
        "<tr class='gap'><td rowspan='2'>Tuesday</td><td>09:00</td><td>B1</td><td>Workshop</td></tr>"
        "<tr><td>11:00</td><td>B2</td><td>Panel</td></tr>"
        "<tr class='gap'><td>Wednesday</td><td>09:00</td><td>C1</td><td>Closing</td></tr>"
    )
    source = tmp_path / "schedule.pdf"
    HTML(
        string=f"<html><head><style>{css}</style></head><body><h2>Schedule</h2><table>"
        f"<tr><th>Day</th><th>Time</th><th>Room</th><th>Topic</th></tr>{rows}</table></body></html>"
    ).write_pdf(source)

    assert _table_rows(source) == [
        ["Day", "Time", "Room", "Topic"],
        ["Monday", "09:00", "A1", "Welcome"],
        ["11:00", "A2", "Keynote"],
        ["Tuesday", "09:00", "B1", "Workshop"],
        ["11:00", "B2", "Panel"],
        ["Wednesday", "09:00", "C1", "Closing"],
    ]


def test_label_value_rows_of_one_to_four_lines_are_a_table(tmp_path: Path) -> None:
    """A spec sheet's labels in the middle of values of one, two and four lines: its rows step 18, 30 and
    54 points, its bands by a line within a row and by a row's gap between rows, and neither is regular;
    the gaps between its rows are (table_checks: it had been no table)."""
    specs = [
        ("Model", "NW-4000 X"),
        ("Dimensions", "420 x 180 x 365 mm"),
        ("Weight", "7.4 kg without accessories"),
        ("Power supply", "100-240 V AC, 50/60 Hz,<br>external adapter included"),
        ("Power consumption", "Typical 35 W, standby below 0.5 W,<br>maximum 120 W during start-up"),
        (
            "Interfaces",
            "2 x USB-C (10 Gbit/s)<br>1 x HDMI 2.1<br>1 x Ethernet 2.5 Gbit/s<br>Audio jack 3.5 mm",
        ),
        ("Operating temperature", "5-35 C"),
        ("Warranty", "3 years, on-site service"),
    ]
    rows = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in specs)
    css = (
        "@page { size: A4; margin: 18mm } body { font-family: 'DejaVu Sans'; font-size: 10pt }"
        " table { border-collapse: collapse; width: 100% }"
        " td { border-bottom: 0.5pt solid #999; padding: 3pt 5pt; text-align: left }"
    )
    source = tmp_path / "specs.pdf"
    HTML(
        string=f"<html><head><style>{css}</style></head><body><h1>Technical data</h1>"
        f"<table><col style='width: 35%'><col style='width: 65%'>{rows}</table>"
        "<p>Specifications are subject to change without notice.</p></body></html>"
    ).write_pdf(source)

    found = _table_rows(source)

    assert [row[0] for row in found] == [label for label, _ in specs]
    assert [" ".join(row[1:]) for row in found] == [value.replace("<br>", " ") for _, value in specs]
