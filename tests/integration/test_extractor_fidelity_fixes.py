# Arabic text and the misread symbols look like Latin letters to ruff's confusables check.
# ruff: noqa: RUF001
"""The extractor on real PDFs that once came out broken: Arabic lines in pieces, misread digits, alignment."""

import unicodedata
from collections import defaultdict
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from weasyprint import HTML

from docrelay_common.document import Document, Page, TextBlock
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf

Extract = Callable[[str], Document]

# What the ToUnicode map of kampo-ja.pdf's digit font makes of its digits.
MISREAD_DIGITS = set("™—›œŸ˜")

ALIGNED_PARAGRAPHS = """<html><head><style>
@page { size: 420pt 600pt; margin: 40pt }
body { font-family: 'DejaVu Serif'; font-size: 10pt; line-height: 13pt; margin: 0 }
h1 { font-size: 18pt; text-align: center; margin: 0 0 24pt }
p { margin: 0 0 24pt }
</style></head><body>
<h1>Annual Report</h1>
<p style="text-align: center">Prepared for the members of the board<br>and the public<br>in spring</p>
<p style="text-align: right">Office of the Secretary<br>North Building, Room 12<br>River Street</p>
<p style="text-align: justify">The committee met four times during the year to review the accounts, to
plan the work of the coming seasons and to answer the letters sent by members who wished to know how the
money they gave had been spent, which projects were finished and which ones were still waiting for
volunteers and for the materials that had been promised by the suppliers of the region</p>
<p>Members who want to help<br>may write to the office<br>at any time of the year</p>
</body></html>"""


@pytest.fixture(scope="module")
def extracted(corpus, tmp_path_factory) -> Extract:
    directory = tmp_path_factory.mktemp("normalized")

    @cache
    def extract(name: str) -> Document:
        path = directory / name
        path.write_bytes(normalize_pdf(corpus(name)).pdf)
        return extract_document(path)

    return extract


def innermost_block(page: Page, x: float, y: float) -> TextBlock | None:
    around = [
        block
        for block in page.blocks
        if block.bbox.x0 <= x <= block.bbox.x1 and block.bbox.top <= y <= block.bbox.bottom
    ]
    return min(around, key=lambda block: block.bbox.width * block.bbox.height, default=None)


def arabic_lines(pdf_page: pdfplumber.page.Page) -> list[list[dict]]:
    """The page's Arabic letters grouped by baseline: its visual lines."""
    lines: dict[float, list[dict]] = defaultdict(list)
    for char in pdf_page.chars:
        first = char["text"][:1]
        if first and unicodedata.bidirectional(first) == "AL" and unicodedata.category(first).startswith("L"):
            lines[round(char["matrix"][5], 1)].append(char)
    return list(lines.values())


def test_each_arabic_line_is_one_block(extracted, corpus):
    document = extracted("quran-test2.pdf")
    with pdfplumber.open(corpus("quran-test2.pdf")) as pdf:
        checked = 0
        for pdf_page, page in zip(pdf.pages, document.pages, strict=True):
            for line in arabic_lines(pdf_page):
                owners = {
                    id(
                        innermost_block(
                            page, (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
                        )
                    )
                    for char in line
                }
                assert len(owners) == 1, "".join(char["text"] for char in line)
                checked += 1
    assert checked >= 80


def test_joined_arabic_pieces_read_in_logical_order(extracted):
    first = extracted("quran-test2.pdf").pages[0].blocks[0]
    assert first.text.startswith("بِسمِ اللَّهِ الرَّحمٰنِ الرَّحيمِ ﴿١﴾ الحَمدُ لِلَّهِ رَبِّ العالَمينَ")
    assert first.translatable


def test_digits_of_a_misnamed_font_are_not_read_nor_translated(extracted):
    document = extracted("kampo-ja.pdf")
    blocks = document.blocks()
    assert not any(MISREAD_DIGITS & set(block.text) for block in blocks)
    date = next(block for block in blocks if block.text.startswith("平成"))
    assert (date.text, date.translatable) == ("平成年月日金曜日", False)
    # The body, set in fonts whose glyphs are named honestly, still goes to the translator: nearly all of
    # the page's 2,600 characters.
    assert sum(len(block.text) for block in blocks if block.translatable) >= 2500


def test_alignment_of_paragraphs_is_told_from_their_lines(tmp_path):
    path = tmp_path / "aligned.pdf"
    path.write_bytes(HTML(string=ALIGNED_PARAGRAPHS).write_pdf())

    (page,) = extract_document(Path(path)).pages

    assert [(block.text.split()[0], block.align) for block in page.blocks] == [
        ("Annual", "center"),
        ("Prepared", "center"),
        # An address set from the right: a block a line (block_lines._list_room).
        ("Office", "right"),
        ("North", "right"),
        ("River", "right"),
        ("The", "justify"),
        ("Members", "left"),
    ]
    assert [block.line_count for block in page.blocks][:5] == [1, 3, 1, 1, 1]
