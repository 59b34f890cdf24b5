"""Two tables one above the other are two grids, and a ledger's sparse columns stay its columns. On PDFs
drawn word by word at known places.

A form's labels over an expense table's first two columns ran across the gap between its dates and its
categories: read as one region, the two tables kept only the gaps both leave free, and each date came
back in one cell with its category. A ledger's "Charges" and "Credits" hold an amount in turn, each row
one of them: few rows had words on both sides of the gap between them, which told two columns of the
page apart, and the ledger was cut there.
"""

from collections.abc import Sequence
from pathlib import Path

import pytest
from pdfminer.fontmetrics import FONT_METRICS
from weasyprint import HTML

from docrelay_extractor.extract import extract_document
from tests.support.pdfs import saved_page, shown_text

LEADING = 16.0
ADVANCES = FONT_METRICS["Helvetica"][1]
FORM = [("Employee name", "Sofia Martinez"), ("Department", "Field Engineering"), ("Cost centre", "CC-4410")]
FORM_COLUMNS = (72.0, 190.0)
EXPENSES = [
    ("Date", "Category", "Details", "Amount"),
    ("11/03", "Airfare", "Return flight, economy", "312.40"),
    ("11/03", "Taxi", "Airport to hotel", "38.00"),
    ("12/03", "Meals", "Dinner with the client team", "187.60"),
    ("13/03", "Car hire", "Compact car, three days", "164.25"),
]
EXPENSE_COLUMNS = (72.0, 120.0, 200.0, 420.0)
# A receipt: two lines of a label and a value over its items, a little apart. Two lines are no table of
# their own: parted from the items, they would run into one paragraph.
RECEIPT_HEAD = [("Receipt: 000418-22", "2024-04-06 08:41"), ("Cashier: Priya", "Table: 7")]
# Its items' counts stand apart from their names (a monospaced face's space is wider than a river).
RECEIPT_ITEMS = [
    ("2", "x Cappuccino large", "9.90"),
    ("1", "x Almond croissant", "4.25"),
    ("1", "x Breakfast sandwich", "8.75"),
    ("1", "x Fresh orange juice", "5.50"),
]
COUNT_GAP = 8.0
RECEIPT_RIGHT = 300.0
# An invoice's items (a header of two lines, a description wrapped, totals under the amounts) over a travel
# plan of two-line rows, as a browser prints them. Read as one region, the gap between quantities and
# prices is shared by few rows (a lane); but half the items' rows run across it, no columns of the page.
PRINTED = """<html><head><style>
@page { size: A4; margin: 2cm }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt }
table { border-collapse: collapse; width: 100% }
td, th { padding: 3pt 5pt; text-align: left; vertical-align: top }
tr.item td, tr.head th { border-bottom: 0.5pt solid #000 }
td.r, th.r { text-align: right }
</style></head><body>
<h3>Invoice INV-2024-0042</h3>
<table>
<tr class="head"><th>Description</th>
  <th class="r">Qty</th>
  <th class="r">Unit price</th>
  <th class="r">Amount</th></tr>
<tr class="item"><td>Sourdough loaves</td>
  <td class="r">40</td>
  <td class="r">£3.20</td>
  <td class="r">£128.00</td></tr>
<tr class="item"><td>Croissants, box of twelve, delivered to the Leeds depot every Monday morning</td>
  <td class="r">25</td>
  <td class="r">£14.50</td>
  <td class="r">£362.50</td></tr>
<tr class="item"><td>Delivery charge</td>
  <td class="r">1</td>
  <td class="r">£290.20</td>
  <td class="r">£290.20</td></tr>
<tr><td></td><td></td><td class="r">Subtotal</td><td class="r">£780.70</td></tr>
<tr><td></td><td></td><td class="r">VAT 20%</td><td class="r">£156.14</td></tr>
<tr><td></td><td></td><td class="r"><b>Total due</b></td><td class="r"><b>£936.84</b></td></tr>
</table>
<h3>Travel plan</h3>
<table>
<tr class="head"><th>Flight</th><th>Departure</th><th>Fare</th></tr>
<tr class="item"><td>Flight BA 2490<br>London to Paris</td>
  <td>12 Mar 2024<br>10:45</td>
  <td>£120.00<br>£24.00 tax</td></tr>
<tr class="item"><td>Flight AF 1081<br>Paris to Rome</td>
  <td>15 Mar 2024<br>08:10</td>
  <td>£95.00<br>£19.00 tax</td></tr>
<tr class="item"><td>Hotel Roma Centrale<br>Three nights with breakfast</td>
  <td>15 Mar 2024<br>18 Mar 2024</td>
  <td>£360.00<br>£36.00 tax</td></tr>
</table>
</body></html>"""
# Each row has a charge or a credit, never both, and always a date and a balance.
LEDGER = [
    ("Date", "Transaction", "Charges", "Credits", "Balance"),
    ("06/01", "Opening balance", "", "", "4,210.00"),
    ("06/03", "Invoice 88120", "1,845.60", "", "6,055.60"),
    ("06/07", "Payment received", "", "4,210.00", "1,845.60"),
    ("06/12", "Invoice 88177", "612.35", "", "2,457.95"),
    ("06/15", "Credit note 0412", "", "96.20", "2,361.75"),
    ("06/21", "Invoice 88260", "1,130.90", "", "3,492.65"),
    ("06/28", "Invoice 88301", "2,784.00", "", "6,276.65"),
]
LEDGER_COLUMNS = (72.0, 130.0, 300.0, 370.0, 440.0)
# An invoice's items, and under them, a gap apart, its totals: their labels, set flush right to the
# rates' column, reach left past the middle of the gap between hours and rates, but a river is left
# there (the totals belong to the items' table).
ITEMS = [
    ("Description", "Hours", "Rate", "Amount"),
    ("Logo design, three concepts", "14", "120.00", "1,680.00"),
    ("Website design and build", "22", "110.00", "2,420.00"),
    ("Front-end development", "30", "95.00", "2,850.00"),
]
ITEM_COLUMNS = (72.0, 300.0, 360.0, 440.0)
TOTALS = [("Net amount", "6,950.00"), ("VAT 19%", "1,320.50"), ("Total", "8,270.50")]
RATES_END = 400.0
# A price list over a summary of two columns whose labels run across the list's first gaps: here it is
# the table above whose columns the one below crosses.
PRICES = [
    ("Item", "Qty", "Unit", "Amount"),
    ("Paint", "4", "12.50", "50.00"),
    ("Brushes", "6", "3.20", "19.20"),
    ("Tape", "10", "1.10", "11.00"),
]
PRICE_COLUMNS = (72.0, 200.0, 300.0, 420.0)
SUMMARY = [
    ("Materials before any discount or delivery", "80.20"),
    ("Delivery to the site on the agreed day", "15.00"),
    ("Discount for settlement within ten days", "-4.01"),
]
SUMMARY_COLUMNS = (72.0, 420.0)


def rows(top: float, table: Sequence[Sequence[str]], columns: Sequence[float]) -> bytes:
    return b"".join(
        shown_text(x, top - LEADING * row, text)
        for row, texts in enumerate(table)
        for x, text in zip(columns, texts, strict=True)
        if text
    )


def flush_right(x1: float, y: float, text: str) -> bytes:
    return shown_text(x1 - sum(ADVANCES[char] for char in text) * 11 / 1000, y, text)


def cells_of(path: Path) -> list[dict[tuple[int, int], str]]:
    """Each table's cells of the page, by (row, column)."""
    page = extract_document(path).pages[0]
    return [
        {
            (block.cell.row, block.cell.column): block.source_text
            for block in page.blocks
            if block.cell and block.cell.table == table.id
        }
        for table in page.tables
    ]


def grid(table: Sequence[Sequence[str]]) -> dict[tuple[int, int], str]:
    """The table's texts by (row, column), empty cells left out."""
    return {
        (row, column): text for row, texts in enumerate(table) for column, text in enumerate(texts) if text
    }


@pytest.mark.parametrize(
    ("upper", "upper_columns", "lower", "lower_columns"),
    [
        # A form's labels run across the gap between the table's dates and categories.
        (FORM, FORM_COLUMNS, EXPENSES, EXPENSE_COLUMNS),
        # Here it is the table below whose labels cross the columns of the one above.
        (PRICES, PRICE_COLUMNS, SUMMARY, SUMMARY_COLUMNS),
    ],
    ids=["form over expenses", "prices over summary"],
)
def test_a_table_over_another_whose_cells_cross_its_columns_is_two_tables(
    tmp_path: Path,
    upper: Sequence[Sequence[str]],
    upper_columns: Sequence[float],
    lower: Sequence[Sequence[str]],
    lower_columns: Sequence[float],
) -> None:
    # A gap of two lines parts them.
    content = rows(700, upper, upper_columns) + rows(700 - LEADING * (len(upper) + 1), lower, lower_columns)
    source = saved_page(tmp_path / "stacked.pdf", content)

    assert cells_of(source) == [grid(upper), grid(lower)]


def test_two_lines_over_a_table_stay_its_rows_not_a_paragraph(tmp_path: Path) -> None:
    content = b""
    for row, (label, value) in enumerate(RECEIPT_HEAD):
        content += shown_text(72, 700 - LEADING * row, label) + flush_right(
            RECEIPT_RIGHT, 700 - LEADING * row, value
        )
    for row, (count, name, price) in enumerate(RECEIPT_ITEMS):
        y = 700 - LEADING * (row + len(RECEIPT_HEAD) + 1)
        content += (
            shown_text(72, y, count)
            + shown_text(72 + COUNT_GAP + 6, y, name)
            + flush_right(RECEIPT_RIGHT, y, price)
        )
    source = saved_page(tmp_path / "receipt.pdf", content)

    texts = [block.source_text for block in extract_document(source).pages[0].blocks]

    for label, value in RECEIPT_HEAD:
        assert label in texts and value in texts, texts


def test_a_tables_wrapped_line_and_totals_do_not_make_it_two_columns_of_the_page(tmp_path: Path) -> None:
    source = tmp_path / "printed.pdf"
    HTML(string=PRINTED).write_pdf(source)

    items, travel = cells_of(source)

    assert {"Sourdough loaves", "40", "£128.00", "Total due", "£936.84"} <= set(items.values()), items
    assert {"Departure", "12 Mar 2024", "£120.00"} <= set(travel.values()), travel


def test_a_ledgers_charges_and_credits_held_in_turn_stay_two_columns_of_it(tmp_path: Path) -> None:
    source = saved_page(tmp_path / "ledger.pdf", rows(700, LEDGER, LEDGER_COLUMNS))

    assert cells_of(source) == [grid(LEDGER)]


def test_an_invoices_totals_a_gap_under_its_items_stay_rows_of_its_table(tmp_path: Path) -> None:
    content = rows(700, ITEMS, ITEM_COLUMNS)
    top = 700 - LEADING * (len(ITEMS) + 1)
    for row, (label, amount) in enumerate(TOTALS):
        content += flush_right(RATES_END, top - LEADING * row, label)
        content += shown_text(ITEM_COLUMNS[-1], top - LEADING * row, amount)
    source = saved_page(tmp_path / "invoice.pdf", content)

    (invoice,) = cells_of(source)

    assert [invoice[row, 0] for row in range(len(ITEMS))] == [texts[0] for texts in ITEMS]
    assert [text for text in invoice.values() if text in dict(TOTALS)] == [label for label, _ in TOTALS]
