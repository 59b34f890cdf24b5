"""A list whose bullets are set larger than its text keeps its lines apart once translated.

The US 1040-NR instructions set 11.4-point Symbol bullets before 9.5-point text: each bullet's box stood
3.9 points above its text, so each item's block started that much too high, its lines were set at too
wide a pitch, and the translated items were drawn over one another. The source PDF is set here by
WeasyPrint (a heading over three items, their bullets larger than their text), goes through the real
extractor and the real reconstructor, and the result is read back with pdfplumber.
"""

from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from docrelay_common.document import Document
from docrelay_reconstructor.reconstruct import reconstruct
from tests.support.typeset import typeset_and_extract

HEADING = "Contributions you cannot deduct."
ITEMS = [
    "Travel expenses while away from home, unless the travel is a benefit",
    "Political contributions",
    "Dues paid to country clubs, lodges or similar groups of people",
]
TRANSLATIONS = [
    "Gastos de viaje mientras estás fuera de casa, a no ser que el viaje sea un beneficio",
    "Contribuciones políticas",
    "Cuotas pagadas a clubes de campo, logias o grupos similares de personas",
]
TEXT_SIZE, BULLET_SIZE = 9.5, 14.0
# Points by which positions read back from a PDF may differ.
TOLERANCE = 0.3


def bulleted_list() -> str:
    items = "".join(f'<p><span class="bullet">•</span> {item}</p>' for item in ITEMS)
    return f"""<html><head><style>
    @page {{ size: 300pt 300pt; margin: 0 }}
    body {{ margin: 0; position: absolute; left: 40pt; top: 40pt; width: 160pt;
            font-family: 'Liberation Sans'; font-size: {TEXT_SIZE}pt; line-height: 10pt }}
    h2, p {{ margin: 0; font-size: {TEXT_SIZE}pt; font-weight: normal }}
    .bullet {{ font-family: 'DejaVu Sans'; font-size: {BULLET_SIZE}pt; line-height: 0 }}
    </style></head><body><h2>{HEADING}</h2>{items}</body></html>"""


@pytest.fixture
def extracted(tmp_path: Path) -> tuple[Path, Document]:
    return typeset_and_extract(bulleted_list(), tmp_path)


def first_text_tops(pdf_path: Path) -> list[float]:
    """The top of each item's first line of text (its first letter, the bullet aside)."""
    with pdfplumber.open(pdf_path) as pdf:
        chars = pdf.pages[0].chars
    return [next(char["top"] for char in chars if char["text"] == item[0]) for item in ITEMS]


def test_an_items_box_starts_at_its_text_not_at_its_bigger_bullet(extracted: tuple[Path, Document]) -> None:
    base, document = extracted
    blocks = {block.source_text.lstrip("• "): block for block in document.blocks()}
    items = [blocks[item] for item in ITEMS]
    with pdfplumber.open(base) as pdf:
        bullet_tops = [char["top"] for char in pdf.pages[0].chars if char["text"] == "•"]

    # The bullets' boxes reach well above the text's.
    assert all(bullet < text - 2 for bullet, text in zip(bullet_tops, first_text_tops(base), strict=True))
    for item, text_top in zip(items, first_text_tops(base), strict=True):
        assert abs(item.bbox.top - text_top) < TOLERANCE
    # So no item's box reaches into the line above it.
    boxes = [blocks[HEADING].bbox, *(item.bbox for item in items)]
    assert all(above.bottom <= below.top + TOLERANCE for above, below in pairwise(boxes))


def test_translated_items_are_drawn_apart(extracted: tuple[Path, Document], tmp_path: Path) -> None:
    base, document = extracted
    blocks = {block.source_text.lstrip("• "): block for block in document.blocks()}
    for item, translation in zip(ITEMS, TRANSLATIONS, strict=True):
        blocks[item].text = f"• {translation}"

    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, document, tmp_path))
    with pdfplumber.open(result) as pdf:
        words = pdf.pages[0].extract_words()

    overlapping = [
        (first["text"], second["text"])
        for index, first in enumerate(words)
        for second in words[index + 1 :]
        if min(first["bottom"], second["bottom"]) - max(first["top"], second["top"]) > 1
        and min(first["x1"], second["x1"]) - max(first["x0"], second["x0"]) > 1
    ]
    assert overlapping == []
    # Every word of the translations is drawn.
    drawn = " ".join(word["text"] for word in words)
    assert all(word in drawn for translation in TRANSLATIONS for word in translation.split())


def one_paragraph(body: str, tmp_path: Path) -> tuple[Document, list[dict[str, Any]]]:
    """The blocks of a page with one paragraph (`body`: HTML) set in 10-point serif, and its glyphs."""
    page = f"""<html><head><style>
    @page {{ size: 300pt 200pt; margin: 0 }}
    body {{ margin: 0; position: absolute; left: 40pt; top: 40pt; width: 200pt;
            font-family: 'Liberation Serif'; font-size: 10pt; line-height: 14pt }}
    .big {{ font-size: 16pt; line-height: 0 }}
    .math {{ font-family: 'Latin Modern Math' }}
    </style></head><body><p>{body}</p></body></html>"""
    base, document = typeset_and_extract(page, tmp_path)
    with pdfplumber.open(base) as pdf:
        chars = pdf.pages[0].chars
    return document, chars


def test_a_formula_set_larger_than_the_text_keeps_its_height(tmp_path: Path) -> None:
    document, chars = one_paragraph(
        'The total is the sum <span class="math big">∑</span> over all of the items we counted today.',
        tmp_path,
    )
    (block,) = document.blocks()
    (formula,) = block.math
    sigma = next(char for char in chars if char["text"] == "∑")

    assert formula.text == "∑"
    assert abs(block.bbox.top - sigma["top"]) < TOLERANCE


def test_a_letter_set_larger_than_the_text_keeps_its_height(tmp_path: Path) -> None:
    document, chars = one_paragraph(
        '<span class="big">W</span>e open the chapter with a larger first letter, as books do.', tmp_path
    )
    (block,) = document.blocks()
    initial = next(char for char in chars if char["text"] == "W")

    assert abs(block.bbox.top - initial["top"]) < TOLERANCE
