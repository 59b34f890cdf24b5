"""A table's group headings are rows of their own, and a wrapped cell stays one cell. On a staff
directory drawn word by word at known places.

A heading alone in the first column ("Finance", "Operations") looked like the wrapped part of a name:
the first, under the column heads, went down into the row below ("Finance Ann Bell"); the others, after
a blank row, went up into the last name of the group before ("Li Wei Operations").
"""

from pathlib import Path

import pikepdf

from docrelay_extractor.extract import extract_document
from tests.support.pdfs import add_page, shown_text

LEADING = 14.0
COLUMNS = (72.0, 200.0, 400.0)
HEADS = ("Name", "Role", "Extension")
# None: a blank row. A row of one text: a group's heading.
DIRECTORY: list[tuple[str, ...] | None] = [
    ("Finance",),
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


def _directory(path: Path) -> Path:
    content = b"".join(shown_text(x, 700, text, font="F3") for x, text in zip(COLUMNS, HEADS, strict=True))
    for index, row in enumerate(DIRECTORY, start=1):
        for x, text in zip(COLUMNS, row or (), strict=False):
            if text:
                content += shown_text(x, 700 - LEADING * index, text)
    with pikepdf.new() as pdf:
        add_page(pdf, content)
        pdf.save(path)
    return path


def test_group_headings_are_rows_of_their_own_and_a_wrapped_cell_one_cell(tmp_path: Path) -> None:
    page = extract_document(_directory(tmp_path / "directory.pdf")).pages[0]
    [table] = page.tables
    cells = {
        (block.cell.row, block.cell.column): block.source_text
        for block in page.blocks
        if block.cell and block.cell.table == table.id
    }

    rows = _rows(cells)
    expected = [
        ["Name", "Role", "Extension"],
        ["Finance"],
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
    assert [rows[row] for row in sorted(rows)] == expected


def _rows(cells: dict[tuple[int, int], str]) -> dict[int, list[str]]:
    """Each row's texts, left to right."""
    rows: dict[int, list[str]] = {}
    for row, column in sorted(cells):
        rows.setdefault(row, []).append(cells[row, column])
    return rows
