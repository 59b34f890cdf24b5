"""A narrow justified column spreads its words wider than pdfminer's line gap, so each of its lines came
as two or three pieces side by side, and its paragraph as a column of fragments ("sources within" and
"the United" of the US 1040-NR's sidebar; sentences of naacl06's and camlidl's justified columns). The
pieces of one line are one line again where the lines around it span the column; a table's columns,
whose rows all leave the same gaps, stay apart."""

from pathlib import Path

import pikepdf
from pdfminer.fontmetrics import FONT_METRICS

from docrelay_extractor.extract import extract_document
from tests.support.pdfs import add_page

SIZE = 7
LEFT, RIGHT = 72.0, 227.0
# Set as the 1040-NR's sidebar is: each line but the last spread to the column's width, its words 8 to
# 13 pt (over an em) apart, wider than pdfminer's line gap in places.
PARAGRAPH = [
    "Enter only the capital gains and losses",
    "from property sales or exchanges that",
    "are from sources within the United",
    "States and not effectively connected",
    "with a trade or business in the United",
    "States during the tax year, and report",
    "them on the schedule for this return.",
]
# Amounts set right against the column's edge: each row spans the table's width, as a justified line
# would, but its label's words are closer than the amount is to them.
TABLE = [
    ("Total wages paid", "1,200"),
    ("Interest earned", "8.50"),
    ("Ordinary dividends", "45"),
    ("Pension payments", "3,900"),
]
AMOUNTS_RIGHT = LEFT + 85


def _width(text: str) -> float:
    widths = FONT_METRICS["Helvetica"][1]
    return sum(widths[char] for char in text) * SIZE / 1000


def _justified(text: str, y: float, last: bool) -> bytes:
    """The line set from LEFT to RIGHT by its word spacing (Tw), as a typesetter justifies it."""
    spacing = 0.0 if last else (RIGHT - LEFT - _width(text)) / text.count(" ")
    return f"BT /F1 {SIZE} Tf {spacing:.3f} Tw {LEFT} {y} Td ({text}) Tj ET\n".encode()


def test_a_justified_column_set_wide_is_one_paragraph_and_a_table_stays_a_table(tmp_path: Path) -> None:
    lines = [
        _justified(text, 700 - 9 * index, index == len(PARAGRAPH) - 1) for index, text in enumerate(PARAGRAPH)
    ]
    cells = [
        f"BT /F1 {SIZE} Tf {x} {600 - 9 * index} Td ({text}) Tj ET\n".encode()
        for index, (label, amount) in enumerate(TABLE)
        for x, text in ((LEFT, label), (AMOUNTS_RIGHT - _width(amount), amount))
    ]
    with pikepdf.new() as pdf:
        add_page(pdf, b"".join(lines + cells))
        pdf.save(tmp_path / "justified.pdf")
    (page,) = extract_document(tmp_path / "justified.pdf").pages
    texts = [block.source_text for block in page.blocks]
    assert " ".join(PARAGRAPH) in texts
    assert all(label in texts and amount in texts for label, amount in TABLE)


def test_a_line_read_across_the_gutter_is_split_there(tmp_path: Path) -> None:
    # Two justified columns 10 pt apart; on one row pdfminer reads the left line and the right column's
    # line as one (drawn as one string): the paragraph grew over the right column and took its lines.
    right_column = RIGHT + 10
    lines = []
    for index, text in enumerate(PARAGRAPH):
        y = 700 - 9 * index
        last = index == len(PARAGRAPH) - 1
        lines.append(_justified(text, y, last))
        spacing = 0.0 if last else (RIGHT - LEFT - _width(text)) / text.count(" ")
        if index == 2:  # the left line's end and the right one's start in one TJ, the gutter a kern
            gap = right_column - (LEFT + _width(text) + spacing * text.count(" "))
            lines[-1] = (
                f"BT /F1 {SIZE} Tf {spacing:.3f} Tw {LEFT} {y} Td "
                f"[({text}) {-gap * 1000 / SIZE:.1f} ({text})] TJ ET\n"
            ).encode()
        else:
            lines.append(f"BT /F1 {SIZE} Tf {spacing:.3f} Tw {right_column} {y} Td ({text}) Tj ET\n".encode())
    with pikepdf.new() as pdf:
        add_page(pdf, b"".join(lines))
        pdf.save(tmp_path / "columns.pdf")
    (page,) = extract_document(tmp_path / "columns.pdf").pages
    assert all(block.bbox.x1 <= RIGHT + 1 or block.bbox.x0 >= right_column - 1 for block in page.blocks)
    assert [block.source_text for block in page.blocks].count(" ".join(PARAGRAPH)) == 2
