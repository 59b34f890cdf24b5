"""Words in bold or italics inside a paragraph keep their weight and slant through translation.

A block had one style, so R-intro's terms in italics and the tax instructions' "Form 1040" in bold came
back in the paragraph's regular face. The source PDFs are set here by WeasyPrint and go through the real
extractor, the real Apertium (which moves a style with its word: "the red car" -> "el coche rojo") and the
real reconstructor; the result is read back with pdfplumber.
"""

from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.document import Document, Emphasis, TextBlock
from docrelay_common.emphasis import Face, opening, without_marks
from docrelay_reconstructor.chain_cuts import balanced_cuts
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_reconstructor.sizing import block_measure, setting
from docrelay_translator.engines.apertium import ApertiumEngine
from docrelay_translator.engines.pseudo import PseudoEngine
from docrelay_translator.routing import direct_route
from docrelay_translator.settings import TranslatorSettings
from docrelay_translator.translate import translate_document
from tests.support.typeset import typeset_and_extract

PARAGRAPH = (
    "<p>Park the <b>red</b> car behind the <i>small house</i> near the river, call "
    "<code>is.nan(x)</code> and read the notes.</p>"
)
HEADING = "<h1>Getting started</h1>"


def page(body: str) -> str:
    return f"""<html><head><style>
    @page {{ size: 320pt 240pt; margin: 0 }}
    body {{ margin: 0; position: absolute; left: 30pt; top: 30pt; width: 240pt;
            font-family: 'Liberation Serif'; font-size: 11pt; line-height: 13pt }}
    h1 {{ font-size: 14pt; margin: 0 0 8pt 0 }}
    p {{ margin: 0 }}
    code {{ font-family: 'Liberation Mono' }}
    </style></head><body>{body}</body></html>"""


@pytest.fixture
def source(tmp_path: Path) -> tuple[Path, Document]:
    return typeset_and_extract(page(HEADING + PARAGRAPH), tmp_path)


def emphasised(block: TextBlock) -> list[tuple[str, tuple[bool, bool]]]:
    return [(block.text[run.start : run.end], (run.bold, run.italic)) for run in block.emphasis]


def paragraph_of(document: Document) -> TextBlock:
    return max(document.blocks(), key=lambda block: len(block.text))


def apertium() -> ApertiumEngine:
    settings = TranslatorSettings()
    engine = ApertiumEngine(settings.apertium_bin, settings.apertium_data_dir, settings.apertium_timeout)
    if not engine.supports("en", "es"):
        pytest.skip("apertium-eng-spa is not installed")
    return engine


def faces_of_words(pdf_path: Path) -> dict[str, set[str]]:
    """Each word's text, with the fonts its characters are drawn in."""
    with pdfplumber.open(pdf_path) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["fontname"], x_tolerance=1)
    fonts: dict[str, set[str]] = {}
    for word in words:
        fonts.setdefault(word["text"].strip(".,"), set()).add(word["fontname"])
    return fonts


def test_words_in_another_face_than_their_paragraph_are_its_emphasis(source: tuple[Path, Document]) -> None:
    _, document = source
    paragraph = paragraph_of(document)
    heading = next(block for block in document.blocks() if block.text == "Getting started")

    assert emphasised(paragraph) == [("red", (True, False)), ("small house", (False, True))]
    # Code keeps its own face (TextBlock.code); a heading all in bold is in its style, with no emphasis.
    assert paragraph.code == ["is.nan(x)"] and heading.style.bold and heading.emphasis == []


def test_apertium_moves_the_emphasis_with_its_words_and_the_result_draws_them_so(
    source: tuple[Path, Document], tmp_path: Path
) -> None:
    base, document = source
    translated = translate_document(document, direct_route(apertium(), "en", "es"), lambda done, total: None)
    paragraph = paragraph_of(translated)

    # "the red car" -> "el coche rojo": the bold follows "rojo", after the noun.
    assert emphasised(paragraph) == [("rojo", (True, False)), ("casa pequeña", (False, True))]
    assert "coche rojo" in paragraph.text
    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, translated, tmp_path))
    fonts = faces_of_words(result)
    assert all("Bold" in font for font in fonts["rojo"]) and all("Italic" in font for font in fonts["casa"])
    assert all("Italic" in font for font in fonts["pequeña"])
    for word in ("coche", "Parque", "río"):
        assert all("Bold" not in font and "Italic" not in font for font in fonts[word]), (word, fonts[word])


def test_pseudo_localization_keeps_the_emphasis_on_its_words(source: tuple[Path, Document]) -> None:
    _, document = source
    translated = translate_document(document, direct_route(PseudoEngine(), "en", "en-XA"), lambda d, t: None)

    assert emphasised(paragraph_of(translated)) == [("ŕéð", (True, False)), ("šḿåļļ ĥöûšé", (False, True))]


def test_a_bold_word_is_measured_wider_than_in_the_regular_face(source: tuple[Path, Document]) -> None:
    _, document = source
    paragraph = paragraph_of(document)
    chosen = setting(paragraph, paragraph.bbox, "en")
    plain = paragraph.model_copy(update={"emphasis": []})
    regular, _ = block_measure(plain, chosen.font_choice)
    measured, _ = block_measure(paragraph, chosen.font_choice)
    [first] = [line for line in chosen.fit.lines if opening(Face(True, False)) in line]

    # Liberation Serif Bold's "red" is wider than its regular one: the fit's lines are measured so.
    assert measured(first) > regular(without_marks(first))
    assert measured("red") == regular("red")


def test_words_moved_between_the_blocks_of_a_sentence_keep_their_emphasis(
    source: tuple[Path, Document],
) -> None:
    _, document = source
    paragraph = paragraph_of(document).model_copy(update={"code": [], "emphasis": []})
    # The head of a sentence too long for its room (the paragraph four times, then words whose last two
    # are in italics), going on in a roomy block below whose text is one word: the cut moves words down.
    text = " ".join([paragraph.text] * 4) + " and then the small house"
    italic = Emphasis(start=text.rindex("small house"), end=len(text), bold=False, italic=True)
    head = paragraph.model_copy(update={"text": text, "source_text": "x", "emphasis": [italic]})
    tail = paragraph.model_copy(
        update={
            "id": "tail",
            "text": "fin.",
            "source_text": "end.",
            "bbox": paragraph.bbox.model_copy(update={"top": 150, "bottom": 175}),
            "continues": head.id,
        }
    )
    pages = [document.pages[0].model_copy(update={"blocks": [head, tail]})]
    new_head, new_tail = balanced_cuts(document.model_copy(update={"pages": pages}), {0}).pages[0].blocks

    assert f"{new_head.text} {new_tail.text}" == f"{text} fin." and len(new_tail.text.split()) > 3
    # The italic words went down with the words around them, still in italics.
    assert new_head.emphasis == [] and emphasised(new_tail) == [("small house", (False, True))]
