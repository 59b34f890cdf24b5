"""A drop cap goes back into its paragraph: the large first letter and the lines indented beside it are
the start of one block with the lines below. On PDFs drawn word by word at known places."""

from pathlib import Path

import pikepdf
import pytest
from pdfminer.fontmetrics import FONT_METRICS

from docrelay_extractor.extract import extract_document
from tests.support.pdfs import add_page, shown_text

LEADING = 13.0
LEFT, TOP, RIGHT, INDENT = 72.0, 700.0, 260.0, 30.0
ADVANCES = FONT_METRICS["Helvetica"][1]
# Justified lines: the lines beside the letter from its indent, the others from the column's edge, all to
# its right edge; the last line as long as it is.
BESIDE = ["he city council approved a new", "plan on Tuesday to expand the", "public library network, adding"]
BELOW = ["three branches in neighbourhoods", "that have no easy access to books", "or study space."]
PARAGRAPH = (
    "The city council approved a new plan on Tuesday to expand the public library network, adding "
    + ("three branches in neighbourhoods that have no easy access to books or study space.")
)
# An indented quote further down, right of where the letter stands: no line beside it.
QUOTE = "A quote set in from the column."


def justified(x0: float, y: float, text: str, last: bool = False) -> bytes:
    words = text.split()
    widths = [sum(ADVANCES[char] for char in word) * 11 / 1000 for word in words]
    space = 3.06 if last else (RIGHT - x0 - sum(widths)) / (len(words) - 1)
    content, x = b"", x0
    for word, width in zip(words, widths, strict=True):
        content += shown_text(x, y, word)
        x += width + space
    return content


def large(x: float, y: float, letter: str, size: float) -> bytes:
    return f"BT /F1 {size} Tf {x} {y} Td ({letter}) Tj ET\n".encode()


def page(
    path: Path,
    letter_size: float,
    beside_from: int = 0,
    beside: list[str] = BESIDE,
    letter: str = "T",
    indent: float = INDENT,
) -> Path:
    """The letter at the paragraph's top left, on the third line's baseline, `beside` indented right of it
    (starting `beside_from` lines down), the rest of the paragraph under them from the column's edge.
    The letter is drawn last, as a browser draws it."""
    content = b""
    for row, text in enumerate(beside, beside_from):
        content += justified(LEFT + indent, TOP - LEADING * row, text)
    below = beside_from + len(beside)
    for row, text in enumerate(BELOW, below):
        content += justified(LEFT, TOP - LEADING * row, text, last=row == below + len(BELOW) - 1)
    content += shown_text(LEFT + INDENT, TOP - LEADING * (below + len(BELOW) + 2), QUOTE)
    content += large(LEFT, TOP - 2 * LEADING, letter, letter_size)
    with pikepdf.new() as pdf:
        add_page(pdf, content)
        pdf.save(path)
    return path


def test_a_drop_cap_and_the_lines_beside_it_start_their_paragraph(tmp_path: Path) -> None:
    source = page(tmp_path / "drop-cap.pdf", letter_size=36)

    paragraph, quote = extract_document(source).pages[0].blocks

    assert paragraph.text == PARAGRAPH
    # It is set again from the column's edge, justified as its lines were.
    assert paragraph.bbox.x0 == pytest.approx(LEFT, abs=1.0) and paragraph.align == "justify"
    assert quote.text == QUOTE and quote.bbox.x0 == pytest.approx(LEFT + INDENT, abs=1.0)


@pytest.mark.parametrize(
    ("why", "letter", "letter_size", "beside_from", "beside", "indent"),
    [
        ("a letter not twice their size", "W", 21, 0, BESIDE, INDENT),
        ("lines starting a line below its top", "T", 48, 1, BESIDE, INDENT),
        ("lines beside its upper half only", "T", 48, 0, BESIDE[:2], INDENT),
        ("one line beside it", "T", 36, 0, BESIDE[:1], INDENT),
        ("no letter after it", "T", 36, 0, ["(1) the council approved a new", *BESIDE[1:]], INDENT),
        ("lines too far right of it", "T", 36, 0, BESIDE, 3 * INDENT),
        ("a step's number set large", "1", 36, 0, BESIDE, INDENT),
    ],
)
def test_a_large_letter_is_no_drop_cap_beside(
    tmp_path: Path,
    why: str,
    letter: str,
    letter_size: float,
    beside_from: int,
    beside: list[str],
    indent: float,
) -> None:
    source = page(tmp_path / "letter.pdf", letter_size, beside_from, beside, letter, indent)

    texts = [block.text for block in extract_document(source).pages[0].blocks]

    assert letter in texts, (why, texts)
