# Sample texts in Arabic, Greek and CJK scripts look like Latin letters to ruff's confusables check.
# ruff: noqa: RUF001
"""Translations into Japanese, Chinese, Russian, Greek and Arabic typeset over a real paper's first page:
every character is drawn (no missing-glyph box), Arabic runs right to left, and the text reads back.

The blocks are the extractor's paragraphs of naacl06-shinyama.pdf with their text replaced.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest

from docrelay_common.document import BBox, Document, Page, TextBlock, TextStyle
from docrelay_extractor.extract import extract_document
from docrelay_reconstructor.html import document_html
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_reconstructor.render import StoreOnlyFetcher, render_pdf
from docrelay_reconstructor.scripts import is_rtl

# Unvocalised, as translation engines write Arabic: WeasyPrint's ToUnicode maps a diacritic glyph shared
# by two clusters to the first cluster's text, so vocalised Arabic does not read back letter for letter.
SAMPLES = [
    "日本語の文章は、ひらがなとカタカナと漢字で書かれています。",
    "中文的句子使用汉字书写，词与词之间没有空格。",
    "Русский текст набран кириллицей и легко читается.",
    "Το ελληνικό κείμενο γράφεται με το ελληνικό αλφάβητο.",
    "السلام عليكم، الحمد لله رب العالمين في عام 2024.",
]
# CJK characters are about twice as wide as Latin ones: half as many fill the same box.
WIDE = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
ALIGNMENT_TOLERANCE = 1.0


def sample_text(index: int, source_length: int) -> str:
    sample = SAMPLES[index % len(SAMPLES)]
    per_char = 2 if WIDE.search(sample) else 1
    return " ".join([sample] * max(1, round(source_length / len(sample) / per_char)))


def translated(document: Document) -> Document:
    """The first page's blocks in the five scripts (one of them italic); the other pages untouched."""
    first = document.pages[0]
    blocks = [
        block.model_copy(
            update={
                "text": sample_text(index, len(block.source_text)),
                "translatable": True,
                # The samples hold none of the block's formulas.
                "math": [],
                "style": block.style.model_copy(update={"italic": index == 3}),
            }
        )
        for index, block in enumerate(first.blocks)
    ]
    pages = [first.model_copy(update={"blocks": blocks})]
    pages += [page.model_copy(update={"blocks": []}) for page in document.pages[1:]]
    return Document(pages=pages)


@pytest.fixture(scope="module")
def rendered(corpus, tmp_path_factory) -> tuple[Document, Path]:
    source = corpus("naacl06-shinyama.pdf")
    document = translated(extract_document(source))
    output = tmp_path_factory.mktemp("out") / "translated.pdf"
    output.write_bytes(reconstruct(source, document, output.parent))
    return document, output


def visible_chars(text: str) -> Counter[str]:
    return Counter(char for char in unicodedata.normalize("NFKC", text) if not char.isspace())


def chars_in(box: BBox, chars: list[dict]) -> list[dict]:
    middle = (box.top + box.bottom) / 2
    return [
        char
        for char in chars
        if box.top - 2 <= (char["top"] + char["bottom"]) / 2 <= box.bottom + 2
        or (char["top"] <= middle <= char["bottom"])
    ]


def test_every_character_of_the_translation_is_on_the_page(rendered: tuple[Document, Path]) -> None:
    document, output = rendered
    with pdfplumber.open(output) as pdf:
        drawn = visible_chars("".join(char["text"] for char in pdf.pages[0].chars))
    assert drawn == sum((visible_chars(block.text) for block in document.pages[0].blocks), Counter())


def test_no_glyph_is_drawn_as_a_missing_glyph_box(rendered: tuple[Document, Path]) -> None:
    with pikepdf.open(rendered[1]) as pdf:
        assert list(notdef_fonts(pdf)) == []


def test_a_character_no_font_has_would_be_seen_as_a_box(tmp_path: Path) -> None:
    """The check above can fail: a private-use character of plane 16 has no glyph anywhere."""
    box = BBox(x0=10, top=10, x1=200, bottom=24)
    block = TextBlock(id="b", bbox=box, text="abc \U0010fffd", source_text="x", style=TextStyle())
    pdf_bytes = render_pdf(
        document_html([Page(number=1, width=220, height=40, blocks=[block])]), StoreOnlyFetcher(tmp_path)
    )
    with pikepdf.open(BytesIO(pdf_bytes)) as pdf:
        assert list(notdef_fonts(pdf)) != []


def first_line_chars(chars: list[dict[str, Any]], block: TextBlock) -> list[dict[str, Any]]:
    """The rendered characters on the row of the block's first line."""
    return [char for char in chars if abs(char["top"] - block.bbox.top) < block.style.size / 2]


def run_around(chars: list[dict[str, Any]], x: float, size: float) -> list[dict[str, Any]]:
    """The characters of one row that run without a gap wider than two ems through the one nearest x."""
    ordered = sorted(chars, key=lambda char: char["x0"])
    runs: list[list[dict[str, Any]]] = []
    for char in ordered:
        if runs and char["x0"] - runs[-1][-1]["x1"] <= 2 * size:
            runs[-1].append(char)
        else:
            runs.append([char])
    return min(runs, key=lambda run: min(abs((char["x0"] + char["x1"]) / 2 - x) for char in run))


def test_arabic_blocks_are_right_aligned_and_the_others_as_their_source(
    rendered: tuple[Document, Path],
) -> None:
    document, output = rendered
    with pdfplumber.open(output) as pdf:
        chars = pdf.pages[0].chars
    for block in document.pages[0].blocks:
        first_line = first_line_chars(chars, block)
        letters = [
            char for char in first_line if block.bbox.x0 - 2 <= char["x0"] and char["x1"] <= block.bbox.x1 + 2
        ]
        assert letters, block.id
        if is_rtl(block.text):
            assert max(char["x1"] for char in letters) == pytest.approx(
                block.bbox.x1, abs=ALIGNMENT_TOLERANCE
            )
        elif block.align == "center":
            # A centred line wider than its source grows to both sides: the whole run of the line's
            # characters around the box's middle, not those inside the box.
            axis = (block.bbox.x0 + block.bbox.x1) / 2
            line = run_around(first_line, axis, block.style.size)
            middle = (min(char["x0"] for char in line) + max(char["x1"] for char in line)) / 2
            assert middle == pytest.approx(axis, abs=ALIGNMENT_TOLERANCE)
        else:
            # From the left edge, or as far in as the source's first line was (its indent).
            assert min(char["x0"] for char in letters) == pytest.approx(
                block.bbox.x0 + block.indent, abs=ALIGNMENT_TOLERANCE
            )


def test_bold_and_italic_blocks_are_set_in_bold_and_italic_faces(rendered: tuple[Document, Path]) -> None:
    document, output = rendered
    with pdfplumber.open(output) as pdf:
        chars = pdf.pages[0].chars
    for block in document.pages[0].blocks:
        first_line = first_line_chars(chars, block)
        fonts = {char["fontname"] for char in first_line if block.bbox.x0 - 2 <= char["x0"] <= block.bbox.x1}
        assert fonts, block.id
        assert all(("Bold" in font) == block.style.bold for font in fonts), (block.id, fonts)
        slanted = [font for font in fonts if "Italic" in font or "Oblique" in font]
        assert bool(slanted) == block.style.italic, (block.id, fonts)


def test_the_extractor_reads_each_translation_back_in_reading_order(rendered: tuple[Document, Path]) -> None:
    """Arabic comes back in logical order, CJK without spaces, from what WeasyPrint drew left to right."""
    text = " ".join(block.text for block in extract_document(rendered[1]).pages[0].blocks)
    for sample in SAMPLES:
        assert sample in text


def notdef_fonts(pdf: pikepdf.Pdf) -> Iterator[str]:
    """Names of the fonts that draw glyph 0 (.notdef, shown as a box) anywhere in the PDF's pages."""
    for page in pdf.pages:
        yield from _notdef_in(page.obj, page.obj.get("/Resources", pikepdf.Dictionary()))


def _notdef_in(content: pikepdf.Object, resources: pikepdf.Object) -> Iterator[str]:
    fonts = resources.get("/Font", pikepdf.Dictionary())
    font: pikepdf.Object | None = None
    for instruction in pikepdf.parse_content_stream(content):
        operands, operator = instruction.operands, instruction.operator
        if operator == pikepdf.Operator("Tf"):
            font = fonts[str(operands[0])]
        elif operator == pikepdf.Operator("Do"):
            xobject = resources["/XObject"][str(operands[0])]
            if xobject.get("/Subtype") == "/Form":
                yield from _notdef_in(xobject, xobject.get("/Resources", resources))
        elif operator in (pikepdf.Operator("Tj"), pikepdf.Operator("TJ")) and font is not None:
            if not _is_composite(font):
                continue
            strings = operands[0] if operator == pikepdf.Operator("TJ") else [operands[0]]
            shown = b"".join(bytes(item) for item in strings if isinstance(item, pikepdf.String))
            if 0 in _cids(font, shown):
                yield str(font.BaseFont)


def _is_composite(font: pikepdf.Object) -> bool:
    """Type0 fonts are the ones WeasyPrint writes; the source pages' simple fonts are not checked."""
    return bool(font.get("/Subtype") == "/Type0")


def _cids(font: pikepdf.Object, shown: bytes) -> list[int]:
    """The CIDs of two-byte codes under Identity-H or an embedded CMap (WeasyPrint's encodings)."""
    codes = [int.from_bytes(shown[index : index + 2], "big") for index in range(0, len(shown) - 1, 2)]
    if font.get("/Encoding") == "/Identity-H":
        return codes
    mapping = _cmap(font.Encoding.read_bytes().decode("latin-1"))
    return [mapping.get(code, code) for code in codes]


def _cmap(source: str) -> dict[int, int]:
    mapping = {int(code, 16): int(cid) for code, cid in re.findall(r"<([0-9a-fA-F]+)>\s+(\d+)\s*\n", source)}
    for first, last, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s+(\d+)", source):
        for offset, code in enumerate(range(int(first, 16), int(last, 16) + 1)):
            mapping[code] = int(cid) + offset
    return mapping
