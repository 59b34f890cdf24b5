"""Table cells stay separate blocks: cell borders split pdfminer's lines and stop paragraphs."""

from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from docrelay_common.document import BBox
from docrelay_extractor.extract import extract_document
from tests.support.pdfs import add_page, saved_page, shown_text
from tests.support.tables import ruled_schedule
from tests.support.typeset import typeset_and_extract


def test_every_cell_of_a_ruled_table_is_its_own_block(sample_pdf: Path) -> None:
    texts = [block.text for block in extract_document(sample_pdf).pages[0].blocks]
    for cell in (
        "Day",
        "Morning",
        "Afternoon",
        "Monday to Friday",
        "9:00 to 13:00",
        "15:00 to 20:00",
        "Saturday",
        "10:00 to 14:00",
        "Sunday",
    ):
        assert cell in texts
    assert texts.count("closed") == 3


def test_prose_next_to_the_table_is_untouched(sample_pdf: Path) -> None:
    blocks = extract_document(sample_pdf).pages[0].blocks
    rules = next(block for block in blocks if block.text.startswith("Please speak quietly"))
    assert rules.line_count == 3 and rules.text.endswith("enjoy your visit.")


def test_the_rules_of_a_ruled_table_are_kept_on_its_page(tmp_path: Path) -> None:
    # A translation must not grow across them (free_space): the page keeps where they are drawn.
    table = ruled_schedule()
    source = tmp_path / "ruled.pdf"
    source.write_bytes(table.pdf())
    rules = extract_document(source).pages[0].rules
    left, first_row, _, _ = table.cell_box(0, 0)
    top = first_row - len(table.header) * table.pitch
    _, _, right, bottom = table.cell_box(len(table.rows) - 1, len(table.widths) - 1)
    # Above each row (the header's included) and below the last, rules run across the whole table;
    # left of each column and right of the last, down the whole table (drawn cell by cell, in pieces).
    for index in range(len(table.header) + len(table.rows) + 1):
        y = top + index * table.pitch
        pieces = [rule for rule in rules if rule.height == 0 and abs(rule.top - y) <= 1]
        assert _covered(pieces, "x", left, right), y
    for x in [left + sum(table.widths[:index]) for index in range(len(table.widths) + 1)]:
        pieces = [rule for rule in rules if rule.width == 0 and abs(rule.x0 - x) <= 1]
        assert _covered(pieces, "y", top, bottom), x
    # Each place once: the cells' shared borders, drawn twice, are not kept twice.
    places = [
        (round(rule.x0, 1), round(rule.top, 1), round(rule.x1, 1), round(rule.bottom, 1)) for rule in rules
    ]
    assert len(places) == len(set(places))


def _covered(pieces: list[BBox], axis: str, start: float, end: float) -> bool:
    """Do the pieces cover [start, end] along the axis, but for a point at each join?"""
    spans = sorted((rule.x0, rule.x1) if axis == "x" else (rule.top, rule.bottom) for rule in pieces)
    reached = start + 1
    for low, high in spans:
        if low <= reached:
            reached = max(reached, high)
    return reached >= end - 1


def test_spaces_drawn_on_their_own_stretch_no_block(tmp_path: Path) -> None:
    # The 1040-NR draws a lone space under a box's title, and spaces after a line's label: their glyph
    # boxes made the title's block reach across the rule under it, and the label's run to the next box.
    content = b"".join(
        [
            shown_text(72, 700, "Dependent's"),
            shown_text(72, 688, "identifying number"),
            shown_text(72, 676, " "),
            b"0 0 0 RG 0.5 w 60 683.5 m 300 683.5 l S\n",
            shown_text(72, 660, "Unemployment compensation" + " " * 40),
        ]
    )
    source = tmp_path / "spaces.pdf"
    with pikepdf.new() as pdf:
        add_page(pdf, content)
        pdf.save(source)

    blocks = {block.text: block.bbox for block in extract_document(source).pages[0].blocks}

    rule_top = 792 - 683.5
    assert blocks["Dependent\u2019s identifying number"].bottom < rule_top
    label = blocks["Unemployment compensation"]
    with pdfplumber.open(source) as pdf:
        last_glyph = max(char["x1"] for char in pdf.pages[0].chars if not char["text"].isspace())
    assert label.x1 == pytest.approx(last_glyph, abs=0.5)


def test_a_glyph_reaching_over_the_rule_above_its_row_does_not_join_the_rows(tmp_path: Path) -> None:
    # camlidl's attribute table: "int_default ( camlint | nativeint ... )" draws TeX's "|", whose box
    # stands 2.4 points above its line's letters and over the rule parting its row from "in" | "function
    # parameter". The two rows had become one, its cells two lines each, translated together.
    rows = [
        ("abstract", "typedef"),
        ("bigarray", "array type"),
        ("camlint", "integer type"),
        ("in", "function parameter"),
        ('int_default ( camlint <span class="raised">|</span> nativeint )', "interface"),
        ("length_is", "array type"),
        ("managed", "array type with an attribute"),
        ("nativeint", "integer type"),
        ("object", "interface"),
    ]
    body = "".join(f"<tr><td>{left}</td><td>{right}</td></tr>" for left, right in rows)
    html = f"""<html><head><style>
    @page {{ size: 400pt 300pt; margin: 30pt }}
    table {{ border-collapse: collapse; font-family: 'Liberation Serif'; font-size: 10pt }}
    td {{ border-bottom: 0.4pt solid black; border-right: 0.4pt solid black; padding: 0 6pt;
          height: 12pt; line-height: 12pt; width: 150pt }}
    .raised {{ position: relative; top: -3pt }}
    </style></head><body><table><tr><td>Attribute</td><td>Context where it can appear</td></tr>
    {body}</table></body></html>"""
    base, document = typeset_and_extract(html, tmp_path)
    with pdfplumber.open(base) as pdf:
        bar = next(char for char in pdf.pages[0].chars if char["text"] == "|")
        rule_above = max(line["top"] for line in pdf.pages[0].lines if line["top"] < bar["bottom"] - 5)
    assert bar["top"] < rule_above  # the glyph's box crosses the rule above its row
    rows_of: dict[int, list[str]] = {}
    for block in document.blocks():
        if block.cell is not None:
            rows_of.setdefault(block.cell.row, []).append(block.source_text)
    row_in = next(row for row, texts in rows_of.items() if "in" in texts)

    assert sorted(rows_of[row_in]) == ["function parameter", "in"]
    below = rows_of[row_in + 1]
    assert len(below) == 2 and "interface" in below and any("int_default" in text for text in below)


def test_a_rule_under_a_spanning_head_parts_it_from_the_column_heads_below(tmp_path: Path) -> None:
    # mpman-ru's operator tables: "Аргумент/типы результата" spans "Левый", "Правый", "Результат", a
    # rule under it only. The heads' boxes stand at their font's ascent, 1.7 points over that rule, so
    # it was not seen as parting the two header rows, and the spanning head and "Левый" became one cell.
    rows = [
        ("and", "boolean", "boolean", "boolean", "12"),
        ("div", "numeric", "numeric", "numeric", "14"),
        ("length", "string", "none", "numeric", "21"),
        ("point", "numeric", "path", "pair", "30"),
        ("scaled", "picture", "numeric", "picture", "40"),
    ]
    body = "".join("<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>" for row in rows)
    html = f"""<html><head><style>
    @page {{ size: 420pt 300pt; margin: 30pt }}
    table {{ border-collapse: collapse; font-family: 'Liberation Serif'; font-size: 10pt }}
    td {{ border-bottom: 0.4pt solid black; padding: 2pt 8pt; vertical-align: top; width: 60pt }}
    .spanning {{ border-bottom: 0.4pt solid black; padding: 2pt 8pt 4pt 8pt; text-align: center }}
    .heads td {{ border-bottom: 0.4pt solid black; padding: 0 8pt 4pt 8pt }}
    .heads span {{ position: relative; top: -3pt }}
    .open {{ border-bottom: none }}
    </style></head><body><table>
    <tr><td class="open">Name</td><td class="spanning" colspan="3">Argument and result types</td>
    <td class="open">Page</td></tr>
    <tr class="heads"><td></td><td><span>Left</span></td><td><span>Right</span></td>
    <td><span>Result</span></td><td></td></tr>
    {body}</table></body></html>"""
    base, document = typeset_and_extract(html, tmp_path)
    with pdfplumber.open(base) as pdf:
        page = pdf.pages[0]
        left = next(word for word in page.extract_words() if word["text"] == "Left")
        rule = min((line for line in page.lines if line["x0"] > 60), key=lambda line: line["top"])
    assert left["top"] + 1 < rule["bottom"] < left["top"] + 2.5  # the rule reaches into the head's box
    cells = {block.source_text: block.cell for block in document.blocks() if block.cell is not None}

    assert "Argument and result types" in cells and "Left" in cells
    spanning, head = cells["Argument and result types"], cells["Left"]
    assert spanning is not None and head is not None
    assert head.row == spanning.row + 1
    assert cells["Right"] is not None and cells["Right"].row == head.row


def test_a_table_beside_the_other_columns_prose_leaves_the_prose_whole(tmp_path: Path) -> None:
    # naacl06 p6: Table 2 (label | number), indented in the right column, beside the left column's prose
    # at the same pitch. The page's gutter was the region's only river, and a footnote mark standing in
    # the strip between the prose and the indented table hid it: each prose line became a cell.
    prose = (
        "based on their tags and obtain parameterized patterns for every cluster of the news "
        "articles that were collected over two months, and after taking all the basic patterns from "
        "every basic cluster we compute the inverse cluster frequency of each unique pattern, which is "
        "similar to the inverse document frequency of words used to weigh them."
    )
    rows = [("Source articles", "28,009"), ("Basic clusters", "5,543"), ("Basic patterns", "643,767")]
    rows += [("Metaclusters", "302"), ("Metaclusters with rows", "101")]
    table = "".join(f"<tr><td>{label}</td><td class='n'>{number}</td></tr>" for label, number in rows)
    right = (
        "We evaluated the obtained tables as follows. For each row in a table, we added a summary of "
        "the source articles that were used to extract the relation, and an evaluator looked into "
        "every row and its source article to come up with a sentence that explains the relation."
    )
    html = f"""<html><head><style>
    @page {{ size: 612pt 500pt; margin: 0 }}
    body {{ font-family: 'Liberation Serif'; font-size: 10pt; line-height: 13.6pt }}
    div {{ position: absolute; text-align: justify }}
    table {{ border-collapse: collapse; font-size: 10pt }}
    td {{ padding: 0; height: 13.6pt; line-height: 13.6pt }}
    td.n {{ text-align: right; padding-left: 30pt }}
    </style></head><body>
    <div style="left: 72pt; top: 72pt; width: 227pt">{prose}</div>
    <div style="left: 331pt; top: 72pt; width: 180pt"><table>{table}</table></div>
    <div style="left: 313pt; top: 200pt; width: 227pt">{right}</div>
    <div style="left: 313pt; top: 300pt; width: 227pt; text-indent: 13pt"><sup>3</sup>Katrina is not
    included in this table, since it appeared before this period of the newspapers.</div>
    <div style="left: 72pt; top: 300pt; width: 227pt">{prose}</div>
    </body></html>"""
    base, document = typeset_and_extract(html, tmp_path)
    with pdfplumber.open(base) as pdf:
        mark = next(char for char in pdf.pages[0].chars if char["text"] == "3" and char["x0"] < 331)
    assert mark["x0"] < 331  # the footnote's mark stands in the strip left of the indented table
    cells = {block.source_text: block.cell for block in document.blocks()}

    assert cells[prose] is None  # both copies of the paragraph are whole blocks, neither a cell
    assert sum(1 for block in document.blocks() if block.source_text == prose) == 2
    for label, number in rows:
        label_cell, number_cell = cells[label], cells[number]
        assert label_cell is not None and number_cell is not None
        assert label_cell.row == number_cell.row and label_cell.column + 1 == number_cell.column


def _invoice_row(*cells: str) -> str:
    item, description, quantity, amount = cells
    return (
        f'<tr><td>{item}</td><td>{description}</td><td class="amount">{quantity}</td>'
        f'<td class="amount">{amount}</td></tr>'
    )


INVOICE = f"""<html><head><style>
@page {{ size: 420pt 400pt; margin: 30pt }}
body {{ font-family: 'Liberation Sans'; font-size: 9pt }}
table {{ border-collapse: collapse; width: 100% }}
td {{ padding: 4pt 6pt; vertical-align: top }} .amount {{ text-align: right }}
thead td, tbody td {{ border-bottom: 0.6pt solid black }}
tfoot tr:last-child td {{ border-bottom: 0.6pt solid }}
</style></head><body><table>
<thead>{_invoice_row("Item", "Description", "Qty", "Amount")}</thead>
<tbody>
{_invoice_row("A-100", "Steel shelving unit,<br>five shelves", "2", "£310.00")}
{_invoice_row("B-220", "Cable ties, pack of 100", "5", "£42.50")}
{_invoice_row("C-310", "Safety goggles", "12", "£428.20")}
{_invoice_row("D-400", "Work gloves, large", "0", "£0.00")}
{_invoice_row("E-510", "First aid kit", "0", "£0.00")}
{_invoice_row("F-620", "Ear defenders", "0", "£0.00")}
{_invoice_row("G-700", "Mixed parts: bolts,<br>nuts and washers", "3<br>4", "£9.00<br>£8.00")}
</tbody>
<tfoot>
{_invoice_row("", "", "Subtotal", "£780.70")}
{_invoice_row("", "", "VAT 20%", "£156.14")}
{_invoice_row("", "", "Total due", "£936.84")}
</tfoot></table></body></html>"""


def test_totals_under_ruled_items_are_a_row_each_and_a_wrapped_item_stays_one_cell(tmp_path: Path) -> None:
    _, document = typeset_and_extract(INVOICE, tmp_path)
    cells = {block.source_text: block.cell for block in document.blocks() if block.cell is not None}

    # No rule parts the totals, but each pairs its label with its amount: a row each, side by side.
    for label, amount in (("Subtotal", "£780.70"), ("VAT 20%", "£156.14"), ("Total due", "£936.84")):
        assert label in cells and amount in cells, sorted(cells)
        assert cells[label].row == cells[amount].row
    assert len({cells[label].row for label in ("Subtotal", "VAT 20%", "Total due")}) == 3
    # A description wrapped onto a second line beside its one amount is still one cell, and so is one
    # wrapped beside amounts one under the other.
    assert "Steel shelving unit, five shelves" in cells
    assert "Mixed parts: bolts, nuts and washers" in cells


# A payslip's details in three columns under its title and date, which share one line over them: that
# line has text on both sides of the gap between labels and values and nothing across it, as the page's
# other column would, and the labels came back parted from their values ("Employee Staff no." one block).
PAYSLIP_DETAILS = [
    ("Employee", "Daniel Okafor", "Employer"),
    ("Staff no.", "E-20931", "Meridian"),
    ("NI number", "QQ 12 34", "Leeds"),
    ("Tax code", "1257L", "PAYE 120"),
]


def test_a_title_and_a_date_over_a_form_part_no_columns_of_the_page(tmp_path: Path) -> None:
    content = shown_text(72, 700, "PAYSLIP", font="F3") + shown_text(400, 700, "Pay date: 28/03/2024")
    for index, row in enumerate(PAYSLIP_DETAILS):
        content += b"".join(
            shown_text(x, 665 - 14 * index, text) for x, text in zip((72, 150, 320), row, strict=True)
        )
    page = extract_document(saved_page(tmp_path / "payslip.pdf", content)).pages[0]

    cells = {block.source_text: block.cell for block in page.blocks if block.cell is not None}
    for row in PAYSLIP_DETAILS:
        assert all(text in cells for text in row), sorted(cells)
        assert len({(cells[text].table, cells[text].row) for text in row}) == 1
        assert [cells[text].column for text in row] == [0, 1, 2]


@pytest.mark.parametrize(
    ("align", "shares", "columns"),
    [
        ("top", (55, 10, 17, 18), ("Qty", "Unit price", "Total")),
        ("middle", (55, 10, 17, 18), ("Qty", "Unit price", "Total")),
        # "Total" stands nearer the quantities than its amounts, beside "Quantity" over them.
        ("top", (60, 15, 25), ("Quantity", "Total")),
    ],
)
def test_heads_set_from_the_left_over_amounts_set_from_the_right_are_the_tables_first_row(
    tmp_path: Path, align: str, shares: tuple[int, ...], columns: tuple[str, ...]
) -> None:
    """ "Qty" starts at its cell's left over quantities set at its right: it lies wholly in the gap between
    the descriptions and the quantities, and had counted as the first column's, its row left out of the
    table as a stray edge. "Total" beside "Quantity" stands nearer the quantities than its amounts, and
    goes to the column no other head reaches."""
    rows = [
        ["Consulting services for the migration of the customer database", "12", "100.00", "1,200.00"],
        ["Licence renewal for the analytics platform, twelve months", "1", "4,500.00", "4,500.00"],
        ["Training workshop for the support team, two days on site", "2", "450.00", "900.00"],
        ["Travel expenses", "1", "320.00", "320.00"],
    ]
    if len(columns) == 2:
        rows = [[text, f"{quantity} h", total] for text, quantity, _, total in rows]
    css = (
        "@page { size: A4; margin: 18mm } body { font-family: 'DejaVu Sans'; font-size: 10pt }"
        " table { border-collapse: collapse; width: 100% }"
        f" td, th {{ border-bottom: 0.5pt solid #999; padding: 4pt 5pt; vertical-align: {align};"
        " text-align: left } td.amount { text-align: right }"
    )
    widths = "".join(f"<col style='width: {share}%'>" for share in shares)
    body = "".join(
        f"<tr><td>{text}</td>" + "".join(f"<td class='amount'>{value}</td>" for value in values) + "</tr>"
        for text, *values in rows
    )
    heads = "".join(f"<th>{head}</th>" for head in ("Description", *columns))
    _, document = typeset_and_extract(
        f"<html><head><style>{css}</style></head><body><h2>Invoice</h2><table>{widths}<tr>{heads}</tr>"
        f"{body}</table></body></html>",
        tmp_path,
    )
    page = document.pages[0]

    [table] = page.tables
    head_cells = {
        block.source_text: block.cell for block in page.blocks if block.cell and block.cell.row == 0
    }
    assert list(head_cells) == ["Description", *columns]
    assert [cell.column for cell in head_cells.values() if cell] == list(range(len(columns) + 1))
    assert all(cell and cell.table == table.id for cell in head_cells.values())
