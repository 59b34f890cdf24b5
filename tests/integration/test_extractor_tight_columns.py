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
from tests.integration.test_extractor_table_rows import _table_rows
from tests.support.pdfs import saved_page, shown_text
from tests.support.tables import league_table

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
