# Mathematical symbols look like Latin letters to ruff's confusables check.
# ruff: noqa: RUF001, RUF003
"""Formulas through extract -> translate (Apertium en->es) -> reconstruct, on papers pdflatex typesets
from tests/data/math: display equations stay pixel for pixel, inline formulas are drawn from the source's
own glyphs where the Spanish line puts them, a paragraph whose formula cannot move keeps its drawing and
the job says so, and the text stays serif.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from redis import Redis

from bench.display_pixels import compare_displays
from bench.math_place import glyphs, math_in_place
from bench.typeface_check import typeface_kept
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.document import Document, TextBlock, is_formula_token
from docrelay_common.ledger import JobLedger
from docrelay_common.messages import JobOptions
from docrelay_common.stage import StageContext
from docrelay_common.stages import Stage
from docrelay_extractor.extract import extract_document
from docrelay_extractor.math_glyphs import is_math_font
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_reconstructor.render import ANCHOR_CLASS, StoreOnlyFetcher, render_pages
from docrelay_reconstructor.worker import work
from docrelay_translator.engines.base import Engine
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import translate_document
from tests.support.latex import PAPERS, pdflatex_missing, typeset
from tests.support.stage import RecordingTask, message_with_document, run_in_process

# The first paragraph's inline formulas, as pdfminer reads their glyphs (the hat is drawn before beta).
FIRST_PARAGRAPH = ["ˆβ=(X⊤ΩX)−1X⊤Ωy", "Ω", "n−1X⊤ΩX", "t=ˆβj/se(ˆβj)", "n−k", "ε>0"]
MATH_ITALIC = re.compile(r"\+(CMMI|LMMathItalic)")
# Points between a moved glyph's baseline and that of the Spanish words of its line.
SAME_BASELINE = 0.05


@dataclass(frozen=True)
class Run:
    base: Path
    result: Path
    document: Document
    translated: Document
    kept: list[int]


@pytest.fixture(scope="module")
def papers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    missing = pdflatex_missing()
    if missing is not None:
        pytest.skip(missing)
    out = tmp_path_factory.mktemp("tex")
    return {name: typeset(name, out) for name in PAPERS}


@pytest.fixture(scope="module", params=PAPERS)
def run(
    request: pytest.FixtureRequest,
    papers: dict[str, Path],
    apertium: Engine,
    tmp_path_factory: pytest.TempPathFactory,
) -> Run:
    work_dir = tmp_path_factory.mktemp("run")
    base = work_dir / "base.pdf"
    base.write_bytes(normalize_pdf(papers[request.param]).pdf)
    document = extract_document(base)
    translated = translate_document(document, direct_route(apertium, "en", "es"), lambda done, total: None)
    kept: list[int] = []
    result = work_dir / "result.pdf"
    result.write_bytes(reconstruct(base, translated, work_dir, on_kept=kept.extend))
    return Run(base, result, document, translated, kept)


def block_with(document: Document, words: str) -> TextBlock:
    return next(block for block in document.blocks() if block.source_text.startswith(words))


def test_display_equations_and_inline_formulas_are_found(run: Run) -> None:
    first = block_with(run.document, "The estimator")
    # pdfminer reads Computer Modern's Omega as the ohm sign, its compatibility twin.
    assert [unicodedata.normalize("NFKC", formula.text) for formula in first.math] == FIRST_PARAGRAPH
    assert all(formula.movable for formula in first.math)
    displays = [block for block in run.document.blocks() if block.kind == "math"]
    assert any(block.text.startswith("Pr") for block in displays)
    assert any(block.text == "exp" for block in displays)
    assert not any(block.translatable for block in displays)
    # The inline fraction a/b has a rule for its bar: it cannot move as its glyphs alone.
    assert any(not formula.movable for formula in block_with(run.document, "Equation").math)
    # Leaders of a table of contents and list bullets are text.
    assert not block_with(run.document, "Estimation of the variance").math
    assert block_with(run.document, "• The first item").source_text.startswith("• The first item holds")


def test_a_blocks_box_holds_its_inline_formulas(run: Run) -> None:
    """Marks set larger than the text do not make a block taller (test_oversized_marks), but a formula's
    glyphs (a big operator, a fraction) keep their full height in it."""
    for block in run.document.blocks():
        for formula in block.math:
            box = formula.bbox
            assert block.bbox.top - 0.5 <= box.top and box.bottom <= block.bbox.bottom + 0.5, block.id


def test_apertium_copies_every_formula_token_once(run: Run) -> None:
    spanish = block_with(run.translated, "The estimator")
    assert spanish.text.startswith("El estimador")
    assert [char for char in spanish.text if is_formula_token(char)] == [
        formula.token for formula in spanish.math
    ]


def test_display_equations_are_pixel_identical(run: Run) -> None:
    count = compare_displays(run.base, run.result, run.document.pages)
    assert count.displays >= 8
    assert count.identical == count.displays


def test_inline_formulas_are_drawn_in_the_source_fonts_at_their_new_place(run: Run) -> None:
    with pdfplumber.open(run.base) as source, pdfplumber.open(run.result) as output:
        source_chars, output_chars = source.pages[0].chars, output.pages[0].chars
        math = math_in_place(glyphs(source_chars), glyphs(output_chars), run.document.pages[0])
    assert math.glyphs >= 90
    assert math.in_place == math.glyphs  # every one, in its own font, moved with its whole formula
    assert math.fixed < math.glyphs - 20  # the inline ones did move
    # A moved formula sits on the baseline of the Spanish words of its line, in a gap of its own: its
    # letters in math italic (not its big operators, nor its scripts) stand on that baseline.
    placed = {(char["text"], char["fontname"], round(char["x0"], 2)) for char in source_chars}
    words = [
        char for char in output_chars if not is_math_font(char["fontname"]) and "Modern" in char["fontname"]
    ]
    moved = [
        char
        for char in output_chars
        if MATH_ITALIC.search(char["fontname"])
        and (char["text"], char["fontname"], round(char["x0"], 2)) not in placed
        and char["size"] > 10
    ]
    assert moved
    for char in moved:
        line = [word for word in words if abs(word["matrix"][5] - char["matrix"][5]) < SAME_BASELINE]
        assert line, char["text"]
        assert not any(word["x0"] < char["x1"] - 0.5 and char["x0"] + 0.5 < word["x1"] for word in line)


def test_a_paragraph_whose_formula_cannot_move_keeps_its_drawing(run: Run) -> None:
    assert run.kept == [1]
    kept = block_with(run.document, "Equation")
    with pdfplumber.open(run.base) as source, pdfplumber.open(run.result) as output:
        before = [word["text"] for word in source.pages[0].within_bbox(_box(kept)).extract_words()]
        after = [word["text"] for word in output.pages[0].within_bbox(_box(kept)).extract_words()]
    assert after == before and "running" in after


def test_a_paragraph_left_as_it_was_draws_its_formulas_once(run: Run, tmp_path: Path) -> None:
    # A translation that is its source text keeps the PDF's drawing, formulas and all: drawing its
    # formulas again (where no placeholder of it was laid out) would set each of their glyphs twice.
    index, block = next(
        (index, block)
        for index, block in enumerate(run.translated.pages[0].blocks)
        if block.source_text.startswith("The estimator")
    )
    as_it_was = block.model_copy(update={"text": block.source_text})
    blocks = [*run.translated.pages[0].blocks]
    blocks[index] = as_it_was
    page = run.translated.pages[0].model_copy(update={"blocks": blocks})
    document = run.translated.model_copy(update={"pages": [page, *run.translated.pages[1:]]})
    result = tmp_path / "result.pdf"
    result.write_bytes(reconstruct(run.base, document, tmp_path))
    with pdfplumber.open(run.base) as source, pdfplumber.open(result) as output:
        before = _chars_in(source.pages[0], as_it_was)
        after = _chars_in(output.pages[0], as_it_was)
    assert len(before) >= 100
    assert after == before


def _chars_in(page: pdfplumber.page.Page, block: TextBlock) -> list[tuple[str, float, float]]:
    return sorted(
        (char["text"], round(char["x0"], 1), round(char["top"], 1))
        for char in page.within_bbox(_box(block)).chars
    )


def test_translated_text_keeps_the_serif_face_of_its_source(run: Run) -> None:
    with pdfplumber.open(run.base) as source, pdfplumber.open(run.result) as output:
        source_fonts = {glyph.font for glyph in glyphs(source.pages[0].chars)}
        count = typeface_kept(run.translated.pages[0], glyphs(output.pages[0].chars), source_fonts)
    assert count.blocks >= 8
    assert count.same == count.blocks


def test_a_placeholder_is_read_back_at_the_pen_on_the_baseline(tmp_path: Path) -> None:
    """The walk of WeasyPrint's layout tree (a private API) finds each placeholder where it was set."""
    placeholder = (
        f'<span id="f" class="{ANCHOR_CLASS}" style="display: inline-block; width: 20pt; height: 0"></span>'
    )
    html = (
        "<!DOCTYPE html><html><head><style>@page { size: 300pt 200pt; margin: 0 } body { margin: 0 }"
        "</style></head><body><div style='position: absolute; left: 40pt; top: 50pt; font: 10pt/16pt "
        f'"DejaVu Sans"; white-space: nowrap\'>abc {placeholder}def</div></body></html>'
    )
    rendered = render_pages(html, StoreOnlyFetcher(tmp_path))
    anchor = rendered.anchors[0]["f"]
    with pdfplumber.open(BytesIO(rendered.pdf)) as pdf:
        d = next(char for char in pdf.pages[0].chars if char["text"] == "d")
    assert d["x0"] == pytest.approx(anchor.x + 20, abs=0.05)
    assert 200 - d["matrix"][5] == pytest.approx(anchor.y, abs=0.05)


@pytest.fixture
def ledger(redis: Redis) -> Iterator[JobLedger]:
    yield JobLedger(redis, ttl_seconds=600)


def test_the_job_says_which_paragraphs_kept_their_formulas(
    run: Run, ledger: JobLedger, tmp_path: Path
) -> None:
    store = LocalArtifactStore(tmp_path)
    store.write_file("jobs/j-math/base.pdf", run.base)
    message = message_with_document(
        store,
        "toned",
        run.translated,
        JobOptions(target_lang="es"),
        "j-math",
        artifacts={"base": "jobs/j-math/base.pdf"},
    )
    context = StageContext(Stage.RECONSTRUCT, store, RecordingTask(), job_id="j-math", ledger=ledger)
    ledger.info("j-math", notices=["an earlier stage's notice"])

    run_in_process(work, message, context)

    snapshot = ledger.read("j-math")
    assert snapshot is not None
    earlier, formulas = snapshot.info["notices"]
    assert earlier == "an earlier stage's notice"
    assert formulas.startswith("1 paragraph with formulas (page 1) kept in the original language")


def _box(block: TextBlock) -> tuple[float, float, float, float]:
    return block.bbox.x0, block.bbox.top, block.bbox.x1, block.bbox.bottom


def test_numbers_set_in_math_are_a_tables_values(tmp_path: Path) -> None:
    # dcolumn sets a column's numbers in math mode, the point in math italic. Read as formulas, the
    # readings were tokens no table holds as values: the sites ran together as one paragraph.
    missing = pdflatex_missing()
    if missing:
        pytest.skip(missing)
    document = extract_document(typeset("readings-dcolumn.tex", tmp_path))

    blocks = document.pages[0].blocks
    cells = {(block.cell.row, block.cell.column): block.text for block in blocks if block.cell is not None}
    assert [cells[row, 0] for row in range(1, 6)] == [
        "Upper bridge",
        "Mill weir",
        "Town centre",
        "Sewage outfall",
        "Estuary",
    ]
    assert [cells[row, 1] for row in range(1, 6)] == ["7.42", "7.38", "7.15", "6.92", "7.80"]
    assert cells[4, 2] == "\u221263.9" and cells[5, 3] == "0.003"
    assert not any(block.math for block in blocks)


def test_letters_tex_accents_in_its_default_encoding_read_as_accented_letters(tmp_path: Path) -> None:
    # OT1 fonts have no accented letters: "\'o" draws an acute over an "o", which read as "regi´on".
    missing = pdflatex_missing()
    if missing:
        pytest.skip(missing)
    document = extract_document(typeset("accents-ot1.tex", tmp_path))

    text = " ".join(block.text for block in document.pages[0].blocks)
    for word in ("región", "registró", "François", "solución", "naïve", "Gödel", "Erdős", "diseñó", "Bogotá"):
        assert word in text, (word, text)
    assert not any(accent in text for accent in "´¨˝˜¸")


def test_texs_bitmap_fonts_read_as_their_text(tmp_path: Path) -> None:
    # Without outline fonts for T1, pdfTeX embeds bitmaps as Type 3 fonts mapping nothing to Unicode:
    # the ligatures were dropped ("ve times", "benets"), the accented letters too ("regin").
    missing = pdflatex_missing()
    if missing:
        pytest.skip(missing)
    source = typeset("bitmap-t1.tex", tmp_path)
    with pikepdf.open(source) as pdf:
        fonts = pdf.pages[0].Resources.Font.values()
        if not all(font.Subtype == "/Type3" and "/ToUnicode" not in font for font in fonts):
            pytest.skip("outline fonts for T1 are installed here (cm-super): pdfTeX embeds no bitmaps")
    base = tmp_path / "base.pdf"
    base.write_bytes(normalize_pdf(source).pdf)

    blocks = extract_document(base).pages[0].blocks
    text = " ".join(block.text for block in blocks)
    for words in ("five", "effect", "benefits", "\u201cQuoted\u201d", "región", "registró"):
        assert words in text, (words, text)
    # Nameless, they are METAFONT's roman: the translation is set in a serif face, not the default sans.
    assert {block.style.typeface for block in blocks} == {"serif"}
