"""Inline formulas in the reconstructor: they keep their size when the text around them shrinks, become
empty placeholder boxes in the HTML, are typed when their glyphs cannot be drawn again, and are drawn
again with one TJ per run of glyphs."""

from docrelay_common.document import (
    BBox,
    Emphasis,
    InlineMath,
    TextBlock,
    TextStyle,
    formula_token,
    without_formula_tokens,
)
from docrelay_reconstructor.drawings import Drawing
from docrelay_reconstructor.fit import fit_text
from docrelay_reconstructor.fonts import Face, metrics
from docrelay_reconstructor.formula_html import formula_markup, formula_measure
from docrelay_reconstructor.formulas import anchor_id
from docrelay_reconstructor.glyph_replay import Move, shown_runs
from docrelay_reconstructor.kept_math import formulas_notice, showing, typed
from docrelay_reconstructor.sizing import formula_drop

TOKEN = formula_token(0)


def formula(advance: float = 30.0, text: str = "x+y") -> InlineMath:
    box = BBox(x0=100, top=90, x1=100 + advance, bottom=102)
    return InlineMath(token=TOKEN, bbox=box, origin_x=100, baseline=100, advance=advance, glyphs=3, text=text)


def block_with(text: str, math: list[InlineMath]) -> TextBlock:
    box = BBox(x0=72, top=90, x1=300, bottom=102)
    return TextBlock(id="p1-b3", bbox=box, text=text, source_text=text, math=math)


def half_em(text: str) -> float:
    return 0.5 * len(text)


def test_a_formula_keeps_its_width_in_points_when_the_text_shrinks() -> None:
    block = block_with(f"longer translated words around {TOKEN} here", [formula(40.0)])
    measure, fixed = formula_measure(block, half_em)
    assert measure(f"ab {TOKEN}") == half_em("ab ") and fixed is not None and fixed(f"ab {TOKEN}") == 40.0
    fit = fit_text(block.text, width=150, height=12, size=10, ratio=1.2, measure=measure, fixed=fixed)
    # At 10 pt the text takes 5 pt a character and the formula 40 pt: 195 pt, too wide for one line of 150.
    assert fit.fits and fit.size < 10
    widths = [half_em(without_formula_tokens(line)) * fit.size + fixed(line) for line in fit.lines]
    assert max(widths) <= 150 + 0.5


def test_a_token_becomes_an_empty_box_as_wide_as_its_formula() -> None:
    block = block_with(f"a <b> {TOKEN} & c", [formula(12.5)])
    markup = formula_markup(block)(block.text)
    assert markup.startswith("a &lt;b&gt; <span id=") and markup.endswith("</span> &amp; c")
    assert f'id="{anchor_id(block, block.math[0])}"' in markup and "width: 12.500pt; height: 0" in markup


def test_formulas_that_cannot_be_drawn_again_are_typed_without_unmapped_glyphs() -> None:
    block = block_with(f"is {TOKEN} small", [formula(text="(cid:16)x+y(cid:17)")])
    assert (typed(block).text, typed(block).math) == ("is x+y small", [])


def test_a_block_kept_in_its_source_text_for_its_formulas_drops_its_translations_emphasis() -> None:
    source = f"is {TOKEN} small"
    translation = f"es {TOKEN} muy pequeño"
    italic = Emphasis(start=translation.index("muy"), end=len(translation), bold=False, italic=True)
    block = block_with(translation, [formula(text="x+y")]).model_copy(
        update={"source_text": source, "emphasis": [italic]}
    )

    assert showing(block, translated=False).emphasis == [] and not showing(block, False).translatable
    assert showing(block, translated=True).emphasis == [italic]
    # Never translated: its emphasis is its source's.
    untouched = block.model_copy(update={"text": source, "emphasis": [italic.model_copy(update={"end": 8})]})
    assert showing(untouched, translated=False).emphasis == untouched.emphasis


def test_words_emphasised_after_a_typed_formula_keep_their_emphasis() -> None:
    text = f"is {TOKEN} small"
    italic = Emphasis(start=text.index("small"), end=len(text), bold=False, italic=True)
    block = block_with(text, [formula(text="x+y")]).model_copy(update={"emphasis": [italic]})

    spelled = typed(block)

    assert [spelled.text[run.start : run.end] for run in spelled.emphasis] == ["small"]


def test_the_notice_names_the_pages() -> None:
    assert formulas_notice([3]).startswith("1 paragraph with formulas (page 3) kept in the original language")
    assert formulas_notice([7, 3, 3]).startswith("3 paragraphs with formulas (pages 3, 7)")


def drawing(x: float, code: int, advance: float = 5.0, font: str = "F1", y: float = 700.0) -> Drawing:
    return Drawing(0, font, bytes([code]), 10.0, 1.0, 0.0, (1.0, 0.0, 0.0, 1.0, x, y), advance, (0.0,))


def test_glyphs_of_a_run_go_into_one_tj_with_kerns_for_their_distances() -> None:
    moves = [Move(drawing(100, 0x61), 5, 2), Move(drawing(105, 0x62), 5, 2), Move(drawing(112, 0x63), 5, 2)]
    (run,) = shown_runs(moves)
    # The second glyph starts where the first one's advance ends; the third 2 pt further: -200/1000 em.
    assert run.endswith("105.0000 698.0000 Tm [<61> <62> -200.0000 <63>] TJ ET")
    other_font = [*moves, Move(drawing(120, 0x64, font="F2"), 5, 2)]
    other_line = [*moves, Move(drawing(120, 0x64, y=688), 5, 2)]
    moved_apart = [*moves, Move(drawing(120, 0x64), 0, 0)]
    assert len(shown_runs(other_font)) == len(shown_runs(other_line)) == len(shown_runs(moved_apart)) == 2


def test_a_line_with_a_formula_is_set_on_the_formulas_baseline_at_any_size() -> None:
    # The source's line box starts 10 pt above its baseline (the formula's glyph boxes are tall), not
    # at the top of the text face's em box: the drop brings the first line down to that baseline.
    font = metrics((Face("serif", False, False),))
    block = block_with(f"a {TOKEN} b", [formula()]).model_copy(update={"style": TextStyle(size=10.0)})
    for size in (10.0, 8.0, 6.0):
        drop = formula_drop(block, size, font)
        assert abs(block.bbox.top + drop + (1 - font.descent) * size - 100) < 1e-6


def test_without_a_formula_on_its_first_line_a_block_drops_by_what_its_smaller_type_leaves() -> None:
    font = metrics((Face("serif", False, False),))
    below = formula().model_copy(update={"baseline": 114.0})
    block = block_with(f"a b {TOKEN}", [below]).model_copy(update={"style": TextStyle(size=10.0)})

    assert formula_drop(block, 10.0, font) == 0.0
    assert abs(formula_drop(block, 8.0, font) - 2 * (1 - font.descent)) < 1e-6
