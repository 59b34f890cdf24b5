"""Sentences stay whole: a paragraph whose lines pdfminer reads in pieces, or whose lines change to code
set inline, is one block, and its code is marked to be kept. On PDFs drawn word by word at known places."""

from pathlib import Path

import pikepdf
from pdfminer.fontmetrics import FONT_METRICS
from weasyprint import HTML

from docrelay_extractor.extract import extract_document
from tests.support.pdfs import add_page, shown_text

SIZE = 11.0
LEADING = 13.0
LEFT, RIGHT, INDENT = 72.0, 400.0, 18.0
# How much wider than a word space the space after a sentence's end is set, as TeX does in a loose line.
SENTENCE_SPACE = 2.5
ADVANCES = {"F1": FONT_METRICS["Helvetica"][1], "F2": FONT_METRICS["Courier"][1]}


def width(text: str, font: str = "F1") -> float:
    return sum(ADVANCES[font][char] for char in text) * SIZE / 1000


def justified(y: float, text: str, x0: float = LEFT) -> bytes:
    """`text` from x0 to RIGHT, each word drawn on its own, its spaces widened alike to fill the line and
    the space after a sentence's end SENTENCE_SPACE times as wide."""
    words = text.split()
    ends = [word.endswith(".") for word in words[:-1]]
    shares = [SENTENCE_SPACE if end else 1.0 for end in ends]
    space = (RIGHT - x0 - sum(map(width, words))) / sum(shares)
    content, x = [], x0
    for word, share in zip(words, [*shares, 0.0], strict=True):
        content.append(shown_text(x, y, word))
        x += width(word) + share * space
    return b"".join(content)


def spans(y: float, *parts: tuple[str, str]) -> bytes:
    """(font, text) parts one after the other from LEFT, a normal space apart."""
    content, x = [], LEFT
    for font, text in parts:
        content.append(shown_text(x, y, text, font=font))
        x += width(text, font) + width(" ")
    return b"".join(content)


def test_a_loose_line_under_an_indented_first_line_stays_in_its_paragraph(tmp_path: Path) -> None:
    # The second line's space after "raw." is wide enough for pdfminer to read two lines; R-intro's
    # "Vectors must have their values ..." came out as four blocks, the sentence cut in two.
    paragraph = [
        "Vectors must have their values all of the same mode, and so any",
        "given vector must be either logical, numeric or raw. (The only",
        "exception to this rule is the special value listed as missing for",
    ]
    last = "quantities not available.)"
    content = [justified(700, paragraph[0], LEFT + INDENT)]
    content += [justified(700 - LEADING * row, text) for row, text in enumerate(paragraph[1:], 1)]
    content.append(shown_text(LEFT, 700 - 3 * LEADING, last))
    source = tmp_path / "loose.pdf"
    with pikepdf.new() as pdf:
        add_page(pdf, b"".join(content))
        pdf.save(source)

    texts = [block.text for block in extract_document(source).pages[0].blocks]

    assert texts == [" ".join([*paragraph, last])]


def test_a_sentence_running_on_into_code_set_inline_stays_one_paragraph(tmp_path: Path) -> None:
    # R-intro: "In summary, ... To differentiate these," / "is.nan(xx) is only TRUE for NaNs.": the second
    # line, mostly in the monospaced face, was a paragraph of its own. The first line is indented.
    first = "values. To tell a missing value from one that is not a number,"
    code = [("F2", "is.nan(values)"), ("F1", "holds"), ("F2", "TRUE"), ("F1", "for"), ("F2", "x")]
    content = justified(700, first, LEFT + INDENT) + spans(700 - LEADING, *code, ("F1", "as TRUE."))
    # A line of code displayed on its own after an unfinished line stays apart: it is all code.
    content += justified(640, first) + spans(640 - LEADING, ("F2", "x <- is.nan(values)"))
    # Nor do an index's entries, short lines of terms in code and their pages.
    content += spans(580, ("F2", "else,"), ("F1", "57"), ("F2", "elseif,"), ("F1", "57"))
    content += spans(580 - LEADING, ("F2", "end,"), ("F1", "3, 5, 65"))
    source = tmp_path / "inline-code.pdf"
    with pikepdf.new() as pdf:
        add_page(pdf, content)
        pdf.save(source)

    blocks = extract_document(source).pages[0].blocks
    texts = [block.text for block in blocks]

    assert texts == [
        f"{first} is.nan(values) holds TRUE for x as TRUE.",
        first,
        "x <- is.nan(values)",
        "else, 57 elseif, 57",
        "end, 3, 5, 65",
    ]
    # What translation keeps as written: the paragraph's code and its lone letter (a variable), but not
    # "TRUE", also written in the text face; nothing of a line of code (kept whole, as code).
    assert blocks[0].code == ["is.nan(values)", "x"]
    assert blocks[2].code == []


def test_code_followed_by_punctuation_in_the_text_face_is_kept_without_it(tmp_path: Path) -> None:
    # LaTeX's "\\texttt{FALSE}," sets the comma in the text face, touching the word; "\\texttt{NaN}s" is
    # a word of both faces, no code.
    parts = (("F1", "It returns", True), ("F2", "FALSE", False), ("F1", ", never", True))
    content, x = [], LEFT
    for font, text, space in (*parts, ("F2", "NaN", False), ("F1", "s.", False)):
        content.append(shown_text(x, 700, text, font=font))
        x += width(text, font) + (width(" ") if space else 0.0)
    source = tmp_path / "code-comma.pdf"
    with pikepdf.new() as pdf:
        add_page(pdf, b"".join(content))
        pdf.save(source)

    [block] = extract_document(source).pages[0].blocks

    assert block.text == "It returns FALSE, never NaNs." and block.code == ["FALSE"]


def test_a_loose_first_line_under_the_last_paragraphs_short_last_line_is_one_line(tmp_path: Path) -> None:
    # A newsletter's "Residents   who   attended   the   meeting" came as two pieces, each a block of its
    # own: the line above it, the last one of the paragraph before, ends short of the column's edge.
    before = ["The city council approved a new plan on Tuesday to expand the", "library network."]
    paragraph = [
        "Residents who attended the meeting spoke warmly",
        "in favour of the proposal, although several raised concerns about",
        "parking, opening hours and the cost of maintaining the buildings.",
    ]
    content = [justified(700, before[0]), shown_text(LEFT, 700 - LEADING, before[1])]
    top = 700 - 2 * LEADING - 6  # a little space between paragraphs, less than a line
    content += [justified(top - LEADING * row, text) for row, text in enumerate(paragraph[:-1])]
    content.append(shown_text(LEFT, top - 2 * LEADING, paragraph[-1]))
    source = tmp_path / "loose-first.pdf"
    with pikepdf.new() as pdf:
        add_page(pdf, b"".join(content))
        pdf.save(source)

    texts = [block.text for block in extract_document(source).pages[0].blocks]

    assert texts == [" ".join(before), " ".join(paragraph)]


def test_a_loose_line_whose_spaces_are_drawn_as_glyphs_stays_in_its_paragraph(tmp_path: Path) -> None:
    # WeasyPrint draws a justified line's word spaces as glyphs; a narrow column's loose line ("every
    # twenty minutes", 17 pt between its words) came as pieces whose boxes reach to the next piece, and
    # was a block of its own.
    text = (
        "The new bus timetable starts on the first of june, and most routes will run every twenty minutes "
        "during the day. Evening services on the number four will stop at the hospital, after many "
        "requests from staff and visitors."
    )
    css = "body { font-family: 'DejaVu Serif'; font-size: 8pt; line-height: 10pt }"
    css += " p { width: 116pt; text-align: justify; margin: 0 }"
    source = tmp_path / "loose.pdf"
    HTML(string=f"<style>@page {{ size: A5; margin: 20mm }} {css}</style><p>{text}</p>").write_pdf(source)

    texts = [" ".join(block.text.split()) for block in extract_document(source).pages[0].blocks]

    assert texts == [text], texts
