"""The bilingual output modes on a real PDF: originals beside or before their translated pages.

The translated PDF is made by the reconstructor from a document with one Spanish block per page, so
the words of the original and of the translation never coincide. The second page is turned by
/Rotate 90, as a viewer would show a landscape page.
"""

from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from docrelay_common.constants import OutputMode
from docrelay_common.document import BBox, Document, Page, TextBlock
from docrelay_reconstructor.bilingual import arrange_output
from docrelay_reconstructor.reconstruct import reconstruct
from tests.support.pdfs import pages_of

POSITION_TOLERANCE = 0.5
TRANSLATION = "Traducción de la página"


@dataclass(frozen=True)
class Pair:
    original: Path
    translated: bytes


@pytest.fixture(scope="module")
def pair(corpus: Callable[[str], Path], tmp_path_factory: pytest.TempPathFactory) -> Pair:
    original = tmp_path_factory.mktemp("bilingual") / "original.pdf"
    source = corpus("camlidl-manual.pdf")
    original.write_bytes(pages_of((source, 0), (source, 1)))
    with pikepdf.open(original, allow_overwriting_input=True) as pdf:
        pdf.pages[1].rotate(90, relative=False)
        pdf.save(original)
    translated = reconstruct(original, translated_document(original), original.parent)
    return Pair(original, translated)


def translated_document(pdf_path: Path) -> Document:
    """One Spanish block at the top of every page, sized to the page as it is displayed."""
    with pdfplumber.open(pdf_path) as pdf:
        return Document(
            pages=[
                Page(
                    number=page.page_number,
                    width=float(page.width),
                    height=float(page.height),
                    rotation=page.rotation,
                    blocks=[
                        TextBlock(
                            id=f"p{page.page_number}",
                            bbox=BBox(x0=60, top=60, x1=400, bottom=80),
                            text=f"{TRANSLATION} {page.page_number}",
                            source_text="x",
                        )
                    ],
                )
                for page in pdf.pages
            ]
        )


Word = tuple[str, float, float]


def words(page: pdfplumber.page.Page, shift: float = 0.0) -> list[Word]:
    """(text, x0, top) of every word, x0 moved left by `shift`, in reading order."""
    return [(w["text"], w["x0"] - shift, w["top"]) for w in page.extract_words()]


def assert_same_words(actual: list[Word], expected: list[Word]) -> None:
    assert [text for text, _, _ in actual] == [text for text, _, _ in expected]
    for (_, x0, top), (_, want_x0, want_top) in zip(actual, expected, strict=True):
        assert abs(x0 - want_x0) <= POSITION_TOLERANCE and abs(top - want_top) <= POSITION_TOLERANCE


def open_pdfs(pair: Pair, result: bytes) -> tuple[pdfplumber.PDF, pdfplumber.PDF, pdfplumber.PDF]:
    return (
        pdfplumber.open(pair.original),
        pdfplumber.open(BytesIO(pair.translated)),
        pdfplumber.open(BytesIO(result)),
    )


def test_side_by_side_puts_the_original_left_and_the_translation_right(pair: Pair) -> None:
    result = arrange_output(pair.original, pair.translated, OutputMode.BILINGUAL)
    original, translated, combined = open_pdfs(pair, result)
    with original, translated, combined:
        assert len(combined.pages) == len(original.pages) == 2
        for page, source, translation in zip(combined.pages, original.pages, translated.pages, strict=True):
            assert (page.width, page.height) == pytest.approx((2 * source.width, source.height))
            left = page.within_bbox((0, 0, source.width, page.height))
            right = page.within_bbox((source.width, 0, page.width, page.height))
            assert_same_words(words(left), words(source))
            assert_same_words(words(right, shift=float(source.width)), words(translation))
            assert TRANSLATION.split()[0] in right.extract_text()
            assert TRANSLATION.split()[0] not in left.extract_text()
            assert len(words(left)) > 20


def test_the_rotated_page_is_shown_upright_as_a_viewer_shows_it(pair: Pair) -> None:
    result = arrange_output(pair.original, pair.translated, OutputMode.BILINGUAL)
    with pikepdf.open(pair.original) as original, pikepdf.open(BytesIO(result)) as combined:
        x0, y0, x1, y1 = (float(value) for value in original.pages[1].mediabox)
        assert original.pages[1].rotation == 90
        assert [float(value) for value in combined.pages[1].mediabox] == pytest.approx(
            [0, 0, 2 * (y1 - y0), x1 - x0]
        )
        assert combined.pages[1].rotation == 0


def test_alternating_puts_each_original_page_before_its_translation(pair: Pair) -> None:
    result = arrange_output(pair.original, pair.translated, OutputMode.ALTERNATING)
    original, translated, combined = open_pdfs(pair, result)
    with original, translated, combined:
        assert len(combined.pages) == 2 * len(original.pages)
        for index, (source, translation) in enumerate(zip(original.pages, translated.pages, strict=True)):
            first, second = combined.pages[2 * index], combined.pages[2 * index + 1]
            assert (
                (first.width, first.height) == (second.width, second.height) == (source.width, source.height)
            )
            assert_same_words(words(first), words(source))
            assert_same_words(words(second), words(translation))
            assert f"{TRANSLATION} {index + 1}" in second.extract_text()


def test_translated_output_is_the_translated_pdf_itself(pair: Pair) -> None:
    assert arrange_output(pair.original, pair.translated, OutputMode.TRANSLATED) == pair.translated
