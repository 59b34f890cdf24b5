"""A table column's cells take the edge most of them share (table_grid.aligned_cells), but a cell off that
edge keeps its own: a head set from the left, or centred, over amounts set right. "Amount" at its box's
left had been set right, and its translation "Cantidad" had grown left into the rule."""

from pathlib import Path

import pytest
from weasyprint import HTML

from docrelay_extractor.extract import extract_document

PAGE = (
    "<html><head><style>@page {{ size: A4; margin: 18mm }}"
    " body {{ font-family: 'DejaVu Sans'; font-size: 9pt }} table {{ border-collapse: collapse }}"
    " td, th {{ padding: 3pt 6pt; text-align: left }} .n {{ text-align: right }} .c {{ text-align: center }}"
    " {css}</style></head><body>{body}</body></html>"
)
RULED = "td, th { border: 0.6pt solid #333 }"
HEADS = "<tr><th>Payments</th><th>Paid by</th><th class=c>Hours</th><th class=n>Rate</th><th>Amount</th></tr>"
ROWS = [
    ("Basic pay", "Transfer", "160", "17.00", "2,720.00"),
    ("Overtime", "Transfer", "12", "25.50", "306.00"),
    ("Holiday pay", "12/06/2024", "8", "17.00", "136.00"),
    ("Night shift", "Cash", "24", "5.10", "122.40"),
]


def _payments_pdf(path: Path, css: str) -> Path:
    rows = "".join(
        "<tr>"
        + "".join(
            f"<td class={'n' if index in (2, 3, 4) else 'l'}>{text}</td>" for index, text in enumerate(row)
        )
        + "</tr>"
        for row in ROWS
    )
    HTML(string=PAGE.format(css=css, body=f"<table style='width: 420pt'>{HEADS}{rows}</table>")).write_pdf(
        path
    )
    return path


# Without rules a cell's box reaches halfway across the gaps beside it, not to where its column's border
# was: a head centred in it is told by starting left of every value, as one set from the left is.
@pytest.mark.parametrize(("css", "centred_head"), [(RULED, "center"), ("", "left")], ids=["ruled", "unruled"])
def test_heads_off_their_column_s_edge_keep_their_own_alignment(
    tmp_path: Path, css: str, centred_head: str
) -> None:
    page = extract_document(_payments_pdf(tmp_path / "payments.pdf", css)).pages[0]
    assert len(page.tables) == 1
    aligns = {block.source_text: block.align for block in page.blocks if block.cell is not None}
    # Set from the left, centred and set right over amounts set right.
    assert (aligns["Amount"], aligns["Hours"], aligns["Rate"]) == ("left", centred_head, "right")
    assert {aligns[row[column]] for row in ROWS for column in (2, 3, 4)} == {"right"}
    # A column of words with one value set right among them is the words' (a date, here, set left too).
    assert {aligns[row[1]] for row in ROWS} | {aligns["Payments"], aligns["Paid by"]} == {"left"}


def test_a_head_starting_in_the_gap_before_its_amounts_is_outside_the_box_of_the_column_on_its_left(
    tmp_path: Path,
) -> None:
    # A statement without rules: "Paid in" set from its box's left starts in the gap between the amounts
    # paid out and those paid in. It had been inside the box of the column on its left, whose head's
    # translation "Pagado fuera" ran up to "Pagado en".
    rows = [
        ("01 Mar", "Cash withdrawal", "12.50", "", "1,507.90"),
        ("06 Mar", "Card payment", "45.99", "250.00", "1,463.16"),
    ]
    rows += [(f"{day:02d} Mar", "Standing order rent", "120.00", "", "1,343.16") for day in range(7, 12)]
    heads = (
        "<tr>"
        + "".join(f"<th>{head}</th>" for head in ("Date", "Details", "Paid out", "Paid in", "Balance"))
        + "</tr>"
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td class={'n' if index > 1 else 'l'}>{text}</td>" for index, text in enumerate(row))
        + "</tr>"
        for row in rows
    )
    columns = "".join(f"<col style='width: {width}pt'>" for width in (50, 200, 60, 60, 70))
    path = tmp_path / "statement.pdf"
    HTML(
        string=PAGE.format(css="", body=f"<table><colgroup>{columns}</colgroup>{heads}{body}</table>")
    ).write_pdf(path)

    page = extract_document(path).pages[0]

    cells = {block.source_text: block for block in page.blocks if block.cell is not None}
    paid_out, paid_in = cells["Paid out"], cells["Paid in"]
    assert paid_out.cell is not None and paid_in.cell is not None
    assert paid_out.cell.bbox.x1 < paid_in.bbox.x0 - 1 and paid_in.cell.bbox.x0 < paid_in.bbox.x0
    # The box of every cell holds its text.
    assert all(
        block.cell.bbox.x0 <= block.bbox.x0 and block.bbox.x1 <= block.cell.bbox.x1
        for block in cells.values()
        if block.cell
    )
