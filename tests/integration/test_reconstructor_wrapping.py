"""A translated title longer than its source wraps into the free space below it instead of shrinking.

The source PDF is set here by WeasyPrint: a one-line title over a paragraph. It goes through the real
extractor, its title is "translated" to a text 2.5 times as long, and the reconstructor rebuilds it; the
result is read back with pdfplumber.
"""

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from weasyprint import HTML

from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.reconstruct import reconstruct

TITLE = "Annual report"
TRANSLATION = "Rapport annuel de la société mère"  # 33 characters for 13: 2.5 times as long
TITLE_SIZE = 20.0
PARAGRAPH = "The quick brown fox jumps over the lazy dog near the river bank every morning and evening."
# How far font sizes and positions read back from a PDF may drift, in points.
TOLERANCE = 0.1


def titled_page(gap: float, between: str) -> str:
    """A title and, `gap` points under its line, a paragraph; `between` is set a little under the title."""
    return f"""<html><head><style>
    @page {{ size: 400pt 300pt; margin: 0 }}
    body {{ margin: 0; font-family: 'DejaVu Serif' }}
    h1, p, div {{ position: absolute; left: 40pt; margin: 0; font-weight: normal }}
    h1 {{ top: 40pt; font-size: {TITLE_SIZE}pt; line-height: {TITLE_SIZE}pt }}
    p {{ top: {40 + TITLE_SIZE + gap}pt; width: 320pt; font-size: 11pt }}
    div {{ top: {40 + TITLE_SIZE + 12}pt; font-size: 11pt }}
    </style></head><body><h1>{TITLE}</h1><div>{between}</div><p>{PARAGRAPH}</p></body></html>"""


@dataclass(frozen=True)
class Word:
    text: str
    top: float
    bottom: float
    size: float


def translated_words(gap: float, directory: Path, between: str = "") -> list[Word]:
    """The words of the page after extraction, translation of the title and reconstruction."""
    source = directory / "titled.pdf"
    source.write_bytes(HTML(string=titled_page(gap, between)).write_pdf())
    base = directory / "base.pdf"
    base.write_bytes(normalize_pdf(source).pdf)
    document = extract_document(base)
    (title,) = [block for block in document.blocks() if block.source_text == TITLE]
    assert title.style.size == TITLE_SIZE
    title.text = TRANSLATION
    result = directory / "result.pdf"
    result.write_bytes(reconstruct(base, document, directory))
    with pdfplumber.open(result) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size"])
    return [Word(word["text"], word["top"], word["bottom"], word["size"]) for word in words]


def split(words: list[Word]) -> tuple[list[Word], list[Word]]:
    """The title's words and the paragraph's."""
    title = [word for word in words if word.text in TRANSLATION.split()]
    paragraph = [word for word in words if word.text in PARAGRAPH.split()]
    assert " ".join(word.text for word in title) == TRANSLATION
    assert " ".join(word.text for word in paragraph) == PARAGRAPH
    return title, paragraph


def line_count(words: list[Word]) -> int:
    return len({round(word.top) for word in words})


def test_a_longer_title_keeps_its_size_on_two_lines_when_there_is_room_below(tmp_path: Path) -> None:
    title, paragraph = split(translated_words(gap=60, directory=tmp_path))

    assert all(abs(word.size - TITLE_SIZE) < TOLERANCE for word in title)
    assert line_count(title) == 2
    assert max(word.bottom for word in title) < min(word.top for word in paragraph)


def test_a_longer_title_with_no_room_below_still_shrinks_to_stay_above_the_paragraph(tmp_path: Path) -> None:
    title, paragraph = split(translated_words(gap=3, directory=tmp_path))

    assert all(word.size < TITLE_SIZE - 1 for word in title)
    assert max(word.bottom for word in title) < min(word.top for word in paragraph)


def test_a_longer_title_does_not_grow_over_a_number_the_pdf_still_draws(tmp_path: Path) -> None:
    words = translated_words(gap=60, directory=tmp_path, between="2024")
    title, _ = split(words)
    (number,) = [word for word in words if word.text == "2024"]

    assert max(word.bottom for word in title) < number.top
