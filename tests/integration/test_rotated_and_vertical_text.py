# The Japanese phrases hold full-width brackets, which ruff's confusables check takes for ASCII ones.
# ruff: noqa: RUF001
"""Turned text is translated where it stands, and vertical Japanese is read in the order it is written.

The turned labels are made here: WeasyPrint sets a page with a label turned by CSS. The vertical text is
the corpus's kampo-ja.pdf, a page of Japan's official gazette set in columns read top to bottom, the
columns from right to left, in two tiers. Each goes through the real extractor; the labels are
"translated" by upper-casing and rebuilt by the reconstructor, and the result is read back with pdfplumber.
"""

import math
from pathlib import Path

import pdfplumber
import pytest
from weasyprint import HTML

from docrelay_common.document import BBox, Document, TextBlock
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.reconstruct import reconstruct

Chars = list[dict]

LABELLED_PAGE = """<html><head><style>
@page {{ size: 400pt 300pt; margin: 0 }}
body {{ margin: 0; font-family: 'DejaVu Sans'; font-size: 11pt }}
p {{ position: absolute; left: 80pt; top: 40pt; width: 260pt; margin: 0 }}
.label {{ position: absolute; left: {left}pt; top: {top}pt; white-space: nowrap;
          transform: rotate({turn}deg); transform-origin: left top }}
</style></head><body>
<p>Rainfall in the valley was measured every morning at the old station by the river.</p>
<div class="label">{label}</div>
</body></html>"""
LABEL = "Figure three, monthly totals"
# Where each label is turned about (its top-left corner before turning): on the page once turned.
TURNS = [(90, 40, 60), (180, 300, 285), (270, 20, 260)]

# Phrases of kampo-ja.pdf in the order a Japanese reader meets them: down the columns, the columns from
# right to left, the upper tier before the lower one. Some run on from one column into the next.
KAMPO_PHRASES = [
    "政令第百四十九号",
    "道路交通法施行令の一部を改正する政令",
    "内閣は、道路交通法の一部を改正する法律（平成十九年法律第九十号）の一部の施行に伴い、",
    "この政令を制定する。",
    "道路交通法施行令（昭和三十五年政令第二百七十号）の一部を次のように改正する。",
    "医療機関が、傷病者の緊急搬送をしようとする都道府県又は市町村の要請を受けて、",
    "（委託することのできない事務）",
    "（普通自転車により歩道を通行することができる者）",
    "児童及び幼児",
]
# The typeface of the gazette's body text.
KAMPO_FONT = "Ryumin-Light"


def labelled_page(directory: Path, turn: int, left: float, top: float) -> Path:
    path = directory / f"label-{turn}.pdf"
    page = LABELLED_PAGE.format(turn=turn, left=left, top=top, label=LABEL)
    path.write_bytes(HTML(string=page).write_pdf())
    return path


def normalized(source: Path, directory: Path) -> Path:
    base = directory / "base.pdf"
    base.write_bytes(normalize_pdf(source).pdf)
    return base


def rebuilt(base: Path, document: Document, directory: Path) -> Path:
    result = directory / "result.pdf"
    result.write_bytes(reconstruct(base, document, directory))
    return result


def chars(path: Path) -> Chars:
    with pdfplumber.open(path) as pdf:
        return list(pdf.pages[0].chars)


def turn_of(char: dict) -> int:
    """Degrees clockwise the glyph is turned on the page, to the nearest quarter turn."""
    a, b = char["matrix"][:2]
    return round(math.degrees(math.atan2(-b, a)) / 90) * 90 % 360


def box_of(found: Chars) -> BBox:
    return BBox(
        x0=min(char["x0"] for char in found),
        top=min(char["top"] for char in found),
        x1=max(char["x1"] for char in found),
        bottom=max(char["bottom"] for char in found),
    )


def iou(a: BBox, b: BBox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    shared = max(0.0, width) * max(0.0, height)
    return shared / (a.width * a.height + b.width * b.height - shared)


def letters(found: Chars) -> str:
    return "".join(char["text"] for char in found).replace(" ", "")


@pytest.mark.parametrize(("turn", "left", "top"), TURNS)
def test_a_turned_label_is_a_block_turned_like_it(tmp_path: Path, turn: int, left: float, top: float) -> None:
    source = labelled_page(tmp_path, turn, left, top)
    glyphs = [char for char in chars(source) if turn_of(char) == turn]

    (page,) = extract_document(normalized(source, tmp_path)).pages

    label = next(block for block in page.blocks if block.rotation)
    assert (label.text, label.rotation, label.vertical, label.translatable) == (LABEL, turn, False, True)
    # Its box is the box the turned glyphs cover on the page.
    expected = box_of(glyphs)
    assert (label.bbox.x0, label.bbox.top, label.bbox.x1, label.bbox.bottom) == pytest.approx(
        (expected.x0, expected.top, expected.x1, expected.bottom), abs=0.5
    )
    assert [block.text.split()[0] for block in page.blocks if not block.rotation] == ["Rainfall"]


@pytest.mark.parametrize(("turn", "left", "top"), TURNS)
def test_a_translated_label_is_drawn_turned_in_its_place_instead_of_the_old_one(
    tmp_path: Path, turn: int, left: float, top: float
) -> None:
    source = labelled_page(tmp_path, turn, left, top)
    base = normalized(source, tmp_path)
    document = extract_document(base)
    for block in document.blocks():
        block.text = block.text.upper()

    result = chars(rebuilt(base, document, tmp_path))

    label_before = [char for char in chars(source) if turn_of(char) == turn]
    label_after = [char for char in result if turn_of(char) == turn]
    assert letters(label_after) == LABEL.upper().replace(" ", "")
    assert iou(box_of(label_after), box_of(label_before)) >= 0.5
    upright = [char for char in result if turn_of(char) == 0]
    assert letters(upright).startswith("RAINFALLINTHEVALLEY")
    assert {turn_of(char) for char in result} == {0, turn}


@pytest.fixture(scope="module")
def kampo(corpus, tmp_path_factory) -> tuple[Path, Document]:
    base = normalized(corpus("kampo-ja.pdf"), tmp_path_factory.mktemp("kampo"))
    return base, extract_document(base)


def test_vertical_japanese_is_read_down_its_columns_from_right_to_left(kampo: tuple[Path, Document]) -> None:
    _, document = kampo
    text = "".join(block.text for block in document.blocks())
    positions = [text.find(phrase) for phrase in KAMPO_PHRASES]
    assert -1 not in positions, [phrase for phrase in KAMPO_PHRASES if phrase not in text]
    assert positions == sorted(positions)
    body = [block for block in document.blocks() if block.style.font == KAMPO_FONT]
    # All but a few brackets, alone in table cells or out of their columns, are in vertical blocks.
    vertical = sum(len(block.text) for block in body if block.vertical and block.rotation == 0)
    assert vertical >= 0.98 * sum(len(block.text) for block in body)
    # A paragraph of several columns is one block, its columns its lines.
    assert max(block.line_count for block in body) >= 10
    # Its columns start where they start: no first-line indent, which is set along an upright line.
    assert all(block.indent == 0 for block in document.blocks() if block.vertical or block.rotation)


def columns_read(found: Chars, size: float) -> str:
    """The glyphs read as vertical text: by columns from right to left, each from top to bottom."""
    columns: list[Chars] = []
    for char in sorted(found, key=lambda char: -(char["x0"] + char["x1"])):
        middle = (char["x0"] + char["x1"]) / 2
        if columns and abs(middle - (columns[-1][0]["x0"] + columns[-1][0]["x1"]) / 2) <= size / 2:
            columns[-1].append(char)
        else:
            columns.append([char])
    return "".join(letters(sorted(column, key=lambda char: char["top"])) for column in columns)


def inside(found: Chars, box: BBox) -> Chars:
    """The glyphs whose centre lies in the box."""
    return [
        char
        for char in found
        if box.x0 <= (char["x0"] + char["x1"]) / 2 <= box.x1
        and box.top <= (char["top"] + char["bottom"]) / 2 <= box.bottom
    ]


def first_paragraph(document: Document) -> TextBlock:
    return next(block for block in document.blocks() if block.vertical and block.line_count >= 5)


def test_vertical_japanese_is_redrawn_in_columns_with_upright_ideographs(
    kampo: tuple[Path, Document], tmp_path: Path
) -> None:
    base, document = kampo
    translation = document.model_copy(deep=True)
    paragraph = first_paragraph(translation)
    # A Japanese "translation" other than the source (the text less its first character): a block whose
    # text is the source's keeps the PDF's own glyphs.
    paragraph.text = paragraph.text[1:]

    result = chars(rebuilt(base, translation, tmp_path))

    drawn = inside(result, paragraph.bbox)
    assert KAMPO_FONT not in {char["fontname"] for char in drawn}, "the source glyphs are gone"
    assert columns_read(drawn, paragraph.style.size) == paragraph.text
    ideographs = [char for char in drawn if "\u4e00" <= char["text"] <= "\u9fff"]
    assert ideographs and all(turn_of(char) == 0 for char in ideographs)


def test_a_latin_translation_of_vertical_text_runs_down_its_columns_sideways(
    kampo: tuple[Path, Document], tmp_path: Path
) -> None:
    base, document = kampo
    translation = document.model_copy(deep=True)
    paragraph = first_paragraph(translation)
    paragraph.text = "Cabinet order amending the road traffic act, made under the act of the same year."

    result = chars(rebuilt(base, translation, tmp_path))

    drawn = inside(result, paragraph.bbox)
    assert letters(drawn) == paragraph.text.replace(" ", "")
    assert {turn_of(char) for char in drawn} == {90}
