"""The "math in place" measure of the fidelity report: glyphs in math fonts fixed, or moved with the whole
of their formula."""

from bench.math_place import Glyph, MathCount, math_in_place
from docrelay_common.document import BBox, InlineMath, Page, TextBlock, formula_token


def glyph(text: str, x: float, y: float = 100.0, font: str = "CMMI10") -> Glyph:
    return Glyph(text, font, x, y, 10.0)


FORMULA = [glyph("x", 100), glyph("=", 106, font="CMR10"), glyph("y", 112)]
LATER = [glyph("z", 200)]


def moved(glyphs: list[Glyph], dx: float, dy: float) -> list[Glyph]:
    return [Glyph(g.text, g.font, g.x + dx, g.y + dy, g.size) for g in glyphs]


def test_math_font_glyphs_at_their_place_or_moved_together_are_in_place() -> None:
    source = FORMULA + LATER
    assert math_in_place(source, source) == MathCount(glyphs=3, fixed=3, in_place=3)
    assert math_in_place(source, moved(FORMULA, 40, 13.5) + LATER) == MathCount(glyphs=3, fixed=1, in_place=3)


def test_glyphs_moved_apart_or_redrawn_in_another_font_are_not() -> None:
    scattered = [*moved(FORMULA[:2], 40, 0), *moved(FORMULA[2:], -30, 12), *LATER]
    assert math_in_place(FORMULA + LATER, scattered).in_place == 2
    retyped = [Glyph(g.text, "DejaVuSerif", g.x, g.y, g.size) for g in FORMULA + LATER]
    assert math_in_place(FORMULA + LATER, retyped) == MathCount(glyphs=3)


def test_leaders_and_bullets_are_no_math_and_extracted_formulas_are_measured_apart() -> None:
    leaders = [glyph(".", 300 + 5 * k) for k in range(6)] + [glyph("7", 335, font="CMR10")]
    short_leader = [glyph(".", 300 + 5 * k, y=120) for k in range(2)] + [glyph("8", 312, y=120, font="CMR10")]
    bullet = [glyph("•", 60, font="CMSY10")]
    assert math_in_place(leaders + short_leader + bullet, []).glyphs == 0
    # "x" and "y" are two formulas of the extracted document: each may travel with its own words.
    boxes = [BBox(x0=95, top=95, x1=104, bottom=105), BBox(x0=108, top=95, x1=118, bottom=105)]
    math = [
        InlineMath(
            token=formula_token(k), bbox=box, origin_x=box.x0, baseline=104, advance=9, glyphs=1, text=t
        )
        for k, (box, t) in enumerate(zip(boxes, "xy", strict=True))
    ]
    page = Page(
        number=1,
        width=600,
        height=800,
        blocks=[TextBlock(id="b", bbox=boxes[0], text="", source_text="", math=math)],
    )
    apart = [*moved(FORMULA[:1], 40, 0), *moved(FORMULA[2:], 55, 0)]
    assert math_in_place(FORMULA, apart).in_place == 1
    assert math_in_place(FORMULA, apart, page).in_place == 2
