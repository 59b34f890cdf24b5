"""A paragraph whose first line follows a run-in heading is one block, its first line indented past the
heading; a paragraph's own first-line indent is kept the same way.

The US 1040-NR instructions open their paragraphs with a bold heading on the first line ("IRA deduction
expanded. If you were" over "covered by a retirement plan, ..."). The heading's line stopped the
paragraph below from taking its first line in, so "If you were" was translated alone. The source PDFs
are set here by WeasyPrint, go through the real extractor and the real reconstructor, and the result is
read back with pdfplumber.
"""

from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.document import BBox, Document, TextBlock
from docrelay_reconstructor.fit import fit_text, wrap
from docrelay_reconstructor.free_space import free_rooms
from docrelay_reconstructor.html import leaders
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_reconstructor.sizing import first_indent, setting
from docrelay_reconstructor.turned import in_frame
from tests.support.typeset import typeset_and_extract

HEADING = "IRA deduction expanded."
PARAGRAPH = (
    "If you were covered by a retirement plan, you may be able to take an IRA deduction if your "
    "modified adjusted gross income is less than the amount shown for your filing status."
)
TRANSLATION = (
    "Si estuviste cubierto por un plan de jubilación, puedes deducir una aportación a tu cuenta si tus "
    "ingresos brutos ajustados modificados son menores que la cantidad de tu estado civil."
)
# The heading and its paragraph's first line, an em space and more apart, as the 1040-NR sets them:
# two lines side by side for pdfminer.
RUN_IN = f'<p><b>{HEADING}</b><span style="margin-left: 12pt"></span> {PARAGRAPH}</p>'
# Points by which positions read back from a PDF may differ.
TOLERANCE = 1.0


def page(body: str) -> str:
    return f"""<html><head><style>
    @page {{ size: 300pt 300pt; margin: 0 }}
    body {{ margin: 0; position: absolute; left: 40pt; top: 40pt; width: 170pt;
            font-family: 'Liberation Sans'; font-size: 9.5pt; line-height: 10pt }}
    p {{ margin: 0 0 6pt 0 }}
    b {{ font-weight: bold }}
    </style></head><body>{body}</body></html>"""


def extracted(body: str, directory: Path) -> tuple[Path, Document]:
    return typeset_and_extract(page(body), directory)


def first_words(pdf_path: Path) -> dict[str, tuple[float, float]]:
    """Each word's left edge and top, by text (the first of each)."""
    with pdfplumber.open(pdf_path) as pdf:
        words = pdf.pages[0].extract_words()
    found: dict[str, tuple[float, float]] = {}
    for word in words:
        found.setdefault(word["text"], (word["x0"], word["top"]))
    return found


@pytest.fixture
def run_in(tmp_path: Path) -> tuple[Path, Document]:
    return extracted(RUN_IN, tmp_path)


def blocks_by_text(document: Document) -> dict[str, TextBlock]:
    return {block.source_text: block for block in document.blocks()}


def test_the_paragraph_after_a_run_in_heading_is_one_block_indented_past_it(
    run_in: tuple[Path, Document],
) -> None:
    base, document = run_in
    blocks = blocks_by_text(document)
    heading, paragraph = blocks[HEADING], blocks[PARAGRAPH]
    source = first_words(base)

    assert paragraph.line_count > 2
    assert paragraph.bbox.x0 == pytest.approx(heading.bbox.x0, abs=TOLERANCE)
    # Its first line starts where "If" stood, right of the heading.
    assert paragraph.bbox.x0 + paragraph.indent == pytest.approx(source["If"][0], abs=TOLERANCE)
    assert paragraph.indent > heading.bbox.width


def test_the_translation_starts_past_the_heading_and_goes_on_below_it(
    run_in: tuple[Path, Document], tmp_path: Path
) -> None:
    base, document = run_in
    blocks = blocks_by_text(document)
    blocks[PARAGRAPH].text = TRANSLATION
    heading = blocks[HEADING]

    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, document, tmp_path))
    drawn = first_words(result)

    first_x, first_top = drawn["Si"]
    # On the heading's line, right of it; the next line starts at the paragraph's left edge.
    assert first_x >= heading.bbox.x1
    assert abs(first_top - drawn[HEADING.split()[0]][1]) < TOLERANCE
    second_line = [word for word, (x, top) in drawn.items() if top > first_top + 5 and x < heading.bbox.x1]
    assert second_line
    with pdfplumber.open(result) as pdf:
        text = " ".join(word["text"] for word in pdf.pages[0].extract_words())
    assert all(word in text for word in TRANSLATION.split())


@pytest.mark.parametrize(
    "body",
    [
        # Not bold: a label beside a value, the next row's label under it.
        f'<p>Name:<span style="margin-left: 12pt"></span> {PARAGRAPH}</p>',
        # A bold label that does not end as a heading does.
        f'<p><b>Deduction</b><span style="margin-left: 12pt"></span> {PARAGRAPH}</p>',
        # A heading far from the text beside it: a column of labels.
        f'<p><b>{HEADING}</b><span style="margin-left: 40pt"></span> {PARAGRAPH}</p>',
    ],
)
def test_what_is_no_run_in_heading_keeps_the_lines_apart(body: str, tmp_path: Path) -> None:
    _, document = extracted(body, tmp_path)

    # The line after the label or heading stays a block of its own: no paragraph takes it in.
    assert all(block.indent == 0.0 for block in document.blocks())
    assert any(block.source_text.startswith("If") and block.line_count == 1 for block in document.blocks())


def test_a_paragraphs_own_first_line_indent_is_kept(tmp_path: Path) -> None:
    base, document = extracted(f'<p style="text-indent: 60pt">{PARAGRAPH}</p>', tmp_path)
    (paragraph,) = document.blocks()
    assert paragraph.indent == pytest.approx(60, abs=TOLERANCE)
    paragraph.text = TRANSLATION

    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(base, document, tmp_path))
    drawn = first_words(result)

    assert drawn["Si"][0] == pytest.approx(paragraph.bbox.x0 + 60, abs=TOLERANCE)
    lefts = {round(x) for word, (x, top) in drawn.items() if top > drawn["Si"][1] + 5}
    assert min(lefts) == pytest.approx(paragraph.bbox.x0, abs=TOLERANCE)
    # The first line was broken for the room its indent leaves: the lines drawn are the fit's, none
    # wrapped again, and no word runs past the room's right edge.
    room = free_rooms(document.pages[0])[paragraph.id]
    fit = setting(paragraph, room, None).fit
    with pdfplumber.open(result) as pdf:
        words = pdf.pages[0].extract_words()
    assert len({round(word["top"]) for word in words}) == len(fit.lines)
    assert max(word["x1"] for word in words) <= room.x1 + TOLERANCE


def test_the_first_line_takes_fewer_words_by_its_indent() -> None:
    words = ["aa", "bb", "cc", "dd", "ee", "ff"]

    def measure(text: str) -> float:
        return float(len(text))

    assert wrap(words, 5, measure) == ["aa bb", "cc dd", "ee ff"]
    assert wrap(words, 5, measure, indent=3) == ["aa", "bb cc", "dd ee", "ff"]


def test_a_first_line_no_size_fits_with_its_indent_shrinks() -> None:
    # One word 8 ems wide in a box 100 points wide and a line high: at 10 points it fits alone, not 30
    # points in, and there is no second line to start it on.
    fit = fit_text("abcdefgh", 100, 12, 10.0, 1.2, lambda text: float(len(text)), indent=30)

    assert fit.fits and fit.size < 10.0
    assert fit.lines == ("abcdefgh",)


def test_a_first_line_too_short_for_the_first_word_is_left_empty() -> None:
    # A heading that leaves 4 ems of a 10-em line: the text starts on the next line, at full size.
    def measure(text: str) -> float:
        return float(len(text))

    assert wrap(["abcdefgh", "ok"], 10, measure, indent=6) == ["", "abcdefgh", "ok"]
    fit = fit_text("abcdefgh ok", 100, 100, 10.0, 1.2, measure, indent=60)
    assert (fit.size, fit.lines) == (10.0, ("", "abcdefgh", "ok"))


def test_the_indent_is_for_upright_left_to_right_text() -> None:
    block = TextBlock(id="b", bbox=BBox(x0=0, top=0, x1=100, bottom=30), text="Texto", source_text="Text")
    indented = block.model_copy(update={"indent": 12.0})

    assert first_indent(indented) == 12.0
    assert first_indent(indented.model_copy(update={"text": "نص مترجم"})) == 0.0
    assert first_indent(indented.model_copy(update={"rotation": 90})) == 0.0
    # Set upright in its frame before it is turned, it has no indent either.
    assert first_indent(in_frame(indented.model_copy(update={"rotation": 90}))) == 0.0


def test_dot_leaders_after_a_first_line_that_is_also_the_last_leave_its_indent(tmp_path: Path) -> None:
    _, document = extracted(f'<p style="text-indent: 18pt">{PARAGRAPH}</p>', tmp_path)
    (paragraph,) = document.blocks()
    short = paragraph.model_copy(update={"text": "Resumen", "leader": "."})
    chosen = setting(short, short.bbox, None)
    unindented = short.model_copy(update={"indent": 0.0})

    assert len(chosen.fit.lines) == 1
    assert len(leaders(short, chosen)) < len(leaders(unindented, chosen))
