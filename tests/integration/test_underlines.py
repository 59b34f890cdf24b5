"""Underlined words keep their underline through translation, under their translation, and the line the
source drew under them goes.

The source had its underlines drawn as lines: kept where they were, they sat under other words once the
text around them was translated ("tiempo seguro"), and the translated words had none. The source PDFs are
set here by WeasyPrint and go through the real extractor, the real Apertium and the real reconstructor;
the result is read back with pdfplumber.
"""

from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.document import BBox, Document, TextBlock
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_translator.engines.base import Engine
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import translate_document
from tests.support.typeset import typeset_and_extract

UNDERLINED = """<html><head><style>
@page { size: 420pt 420pt; margin: 30pt }
body { font-family: 'Liberation Serif'; font-size: 11pt; line-height: 14pt }
p { margin: 0 0 10pt 0 } h2 { font-size: 14pt; margin: 0 0 8pt 0 }
.fill { display: inline-block; width: 120pt; border-bottom: 0.8pt solid black }
.box { background: #ffee88 }
td { border-bottom: 0.8pt solid black; padding: 0 } table { border-collapse: collapse }
</style></head><body>
<p>The committee agreed that <u>the same event</u> must be reported in every article.</p>
<h2><u>Terms and Conditions</u></h2>
<p>Please read the <b><u>whole contract</u></b> and the <s>old rules</s> before you sign.</p>
<p style="line-height: 1.15">Please read the notes first.<br><u>Send the form back every month</u> to the
office<br>now.</p>
<p>Name: <span class="fill">&nbsp;</span> and a <span class="box">marked word</span> here.</p>
<table><tr><td>Apples</td><td>Pears</td></tr></table>
<table style="width: 100%; margin-top: 10pt"><tr><td>Section heading</td></tr></table>
<table style="margin-top: 6pt"><tr><td style="text-align: center">clusters that include p</td></tr>
<tr><td style="text-align: center; border-top: 0.6pt solid black">all clusters</td></tr></table>
<p style="text-align: center; margin: 10pt 0 0 0; line-height: 12pt">Table 1: Yearly energy use by heating
system.</p>
<table style="margin: 0 auto"><tr><td style="border-top: 0.8pt solid black; border-bottom: none;
padding-top: 8pt; width: 93pt">Gas boiler 212</td></tr></table>
</body></html>"""


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document]:
    return typeset_and_extract(UNDERLINED, tmp_path_factory.mktemp("underlined"))


def underlined(block: TextBlock) -> list[tuple[str, bool]]:
    """The underlined runs' words, and whether they are bold."""
    return [(block.text[run.start : run.end], run.bold) for run in block.emphasis if run.underline]


def block_with(document: Document, words: str) -> TextBlock:
    return next(block for block in document.blocks() if words in block.source_text)


def test_the_words_a_line_is_drawn_under_are_underlined(source: tuple[Path, Document]) -> None:
    _, document = source

    sentence = block_with(document, "The committee")
    assert underlined(sentence) == [("the same event", False)]
    (rule,) = sentence.underlines
    assert sentence.bbox.x0 < rule.x0 < rule.x1 < sentence.bbox.x1
    # A heading underlined whole, in its own weight: the run is bold, as the heading is.
    assert underlined(block_with(document, "Terms and")) == [("Terms and Conditions", True)]
    assert underlined(block_with(document, "Please read the whole")) == [("whole contract", True)]
    # Its paragraph's short last line, set tight under it, is no fraction's denominator.
    assert underlined(block_with(document, "Send the form")) == [("Send the form back every month", False)]


def test_struck_through_words_a_fill_in_line_a_marked_box_rules_and_a_bar_are_not_underlines(
    source: tuple[Path, Document],
) -> None:
    _, document = source

    assert underlined(block_with(document, "old rules")) == [("whole contract", True)]
    # Nor is a fraction's bar, over its denominator, nor a table's top rule under the middle of a caption
    # wider than the table ("ble 1: Yearly ... syste"): an underline ends where words do.
    for words in ("Name:", "Apples", "Pears", "Section heading", "clusters that include", "Table 1:"):
        block = block_with(document, words)
        assert (underlined(block), block.underlines) == ([], []), words


def horizontal_lines(pdf_path: Path) -> list[BBox]:
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[0]
        shapes = page.lines + [rect for rect in page.rects if rect["height"] <= 2]
        return [
            BBox(x0=shape["x0"], top=shape["top"], x1=shape["x1"], bottom=shape["bottom"]) for shape in shapes
        ]


def words_above(line: BBox, pdf_path: Path) -> str:
    """The words whose middles the line runs under, on the text line right above it."""
    with pdfplumber.open(pdf_path) as pdf:
        words = pdf.pages[0].extract_words()
    return " ".join(
        word["text"]
        for word in words
        if line.x0 <= (word["x0"] + word["x1"]) / 2 <= line.x1 and 0 <= line.top - word["top"] <= 14
    )


def test_a_translation_is_underlined_where_its_words_are_and_the_source_lines_go(
    source: tuple[Path, Document], tmp_path: Path, apertium: Engine
) -> None:
    base, document = source
    translated = translate_document(document, direct_route(apertium, "en", "es"), lambda d, t: None)
    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, translated, tmp_path))

    def places(lines: list[BBox]) -> set[tuple[int, int, int]]:
        return {(round(line.x0), round(line.top), round(line.x1)) for line in lines}

    underlines = places([rule for block in document.blocks() for rule in block.underlines])
    before, after = places(horizontal_lines(base)), places(horizontal_lines(result))
    # The source's underlines are gone, its other lines (the fill-in line, the cells' rules) stay.
    assert underlines and underlines <= before
    assert not after & underlines
    assert before - underlines <= after
    # The new lines underline the translations of the source's underlined words.
    new = [BBox(x0=x0, top=top, x1=x1, bottom=top) for x0, top, x1 in after - before]
    assert sorted(words_above(line, result) for line in new) == [
        "Enviar la forma recula cada mes",
        "Plazos y Afecciones",
        "contrato entero",
        "el caso mismo",
    ]
