"""Gutters between a page's columns, found from pdfminer's lines: on glyphs with known places."""

from pdfminer.layout import LTChar

from docrelay_extractor.gutters import gutter_rules

SIZE = 8.0


def glyph(x0: float, y0: float, text: str = "x", width: float = 4.0) -> LTChar:
    """A glyph as pdfminer makes one, with only what gutter_rules reads."""
    char = LTChar.__new__(LTChar)
    char._text = text
    char.x0, char.x1, char.y0, char.y1 = x0, x0 + width, y0, y0 + SIZE
    char.size = SIZE
    return char


def line(x0: float, x1: float, y0: float, gap_at: float | None = None) -> list[LTChar]:
    """Glyphs from x0 to x1, 4 pt apart edge to edge... but for a gap from `gap_at` to the next 16 pt."""
    glyphs, x = [], x0
    while x + 4 <= x1:
        glyphs.append(glyph(x, y0))
        x += 20 if gap_at is not None and abs(x + 4 - gap_at) < 2 else 4
    return glyphs


def test_a_line_across_the_gutter_of_two_columns_is_cut_there() -> None:
    # Two columns: the left to 200, the right from 216; on the last row one line runs across.
    rows = [line(72, 200, 700 - 10 * row) for row in range(4)] + [
        line(216, 340, 700 - 10 * row) for row in range(4)
    ]
    across = line(72, 340, 660, gap_at=200)
    # A title across both columns, its glyphs close over the gutter: no cut.
    title = line(72, 340, 720)
    (rule,) = gutter_rules([*rows, across, title])
    assert 200 <= rule.x <= 216


def test_a_wide_gap_at_an_indent_is_no_gutter() -> None:
    # Lines indented to 92 with nothing beside them, and a line whose gap happens to end there.
    indented = [line(92, 300, 700 - 10 * row) for row in range(4)]
    loose = line(72, 300, 660, gap_at=76)
    assert gutter_rules([*indented, loose]) == []
