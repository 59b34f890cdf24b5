# ruff: noqa: RUF001
"""Display equations and stacked formulas among the blocks of a page."""

from pdfminer.layout import LTRect

from docrelay_common.document import BBox, InlineMath, TextBlock, formula_token
from docrelay_extractor.math_blocks import mark_math

PAGE_HEIGHT = 842.0


def formula(
    k: int,
    text: str,
    x0: float,
    top: float,
    width: float,
    height: float = 10.0,
    baseline: float | None = None,
) -> InlineMath:
    box = BBox(x0=x0, top=top, x1=x0 + width, bottom=top + height)
    return InlineMath(
        token=formula_token(k),
        bbox=box,
        origin_x=x0,
        baseline=top + 0.75 * height if baseline is None else baseline,
        advance=width,
        glyphs=len(text),
        text=text,
    )


def block(
    block_id: str,
    text: str,
    x0: float,
    top: float,
    x1: float,
    math: list[InlineMath] | None = None,
    lines: int = 1,
) -> TextBlock:
    box = BBox(x0=x0, top=top, x1=x1, bottom=top + 10.0 * lines)
    return TextBlock(id=block_id, bbox=box, text=text, source_text=text, line_count=lines, math=math or [])


def test_a_line_of_formula_is_a_display_and_the_short_pieces_beside_it_too() -> None:
    display = block("eq", formula_token(0), 200, 300, 260, [formula(0, "|β−β|>ε", 200, 300, 60)])
    name = block("pr", "Pr", 180, 300, 195)
    label = block("as", f"as {formula_token(0)}", 290, 300, 330, [formula(0, "n→∞", 305, 300, 25)])
    number = block("no", "(1)", 500, 300, 515)  # an equation number, far to the right: no letters anyway
    prose = block("p", "The sum of squared residuals is small", 72, 320, 400)
    marked = {
        marked.id: marked for marked in mark_math([display, name, label, number, prose], [], PAGE_HEIGHT)
    }
    assert [marked[name].kind for name in ("eq", "pr", "as", "no", "p")] == [
        "math",
        "math",
        "math",
        "text",
        "text",
    ]
    assert not any(marked[name].translatable for name in ("eq", "pr", "as"))
    assert marked["p"].translatable


def test_prose_with_formulas_and_headings_beside_a_display_stay_text() -> None:
    tokens = " ".join(formula_token(k) for k in range(3))
    paragraph = block(
        "p",
        f"The estimator {tokens} is consistent when the weights are known",
        72,
        100,
        500,
        [formula(k, "β=Xy", 100 + 50 * k, 100, 30) for k in range(3)],
        lines=3,
    )
    display = block("eq", formula_token(0), 100, 200, 200, [formula(0, "S(β)=∑", 100, 200, 100)])
    heading = block("h", "In the following", 400, 200, 480)  # the other column, on the display's band
    kinds = [marked.kind for marked in mark_math([paragraph, display, heading], [], PAGE_HEIGHT)]
    assert kinds == ["text", "math", "text"]


def test_an_inline_fraction_cannot_move_as_its_glyphs_alone() -> None:
    fraction = formula(0, "ab", 300, 95, 5, height=18)
    ratio = block("p", f"A ratio such as {formula_token(0)} in text", 72, 100, 500, [fraction])
    bar = LTRect(
        0.4, (300, PAGE_HEIGHT - 104.2, 305, PAGE_HEIGHT - 103.8)
    )  # drawn across it, above the baseline
    underline = LTRect(0.4, (72, PAGE_HEIGHT - 111, 500, PAGE_HEIGHT - 110.6))  # under the whole line
    assert mark_math([ratio], [bar], PAGE_HEIGHT)[0].math[0].movable is False
    assert mark_math([ratio], [underline], PAGE_HEIGHT)[0].math[0].movable is True


def test_a_denominator_on_a_line_of_its_own_stacks_the_formula_above_it() -> None:
    # The line's baseline is at 102.5; the numerator is raised above it, the denominator hangs below it.
    numerator = formula(0, "a", 300, 93, 5, height=8, baseline=102.5)
    line = block("p", f"A ratio such as {formula_token(0)} in text", 72, 95, 500, [numerator])
    denominator = block("d", formula_token(0), 300, 99.6, 305, [formula(0, "b", 300, 101.2, 5, height=7)])
    marked = mark_math([line, denominator], [], PAGE_HEIGHT)
    assert marked[1].kind == "math"
    assert marked[0].math[0].movable is False


def test_code_whose_arguments_are_formulas_is_not_translated() -> None:
    text = f"ellheight{formula_token(0)} and more words of the card"
    code = block("c", text, 72, 300, 300, [formula(0, "(E,P)", 110, 300, 30)])
    code = code.model_copy(update={"style": code.style.model_copy(update={"font": "ABCDEF+CMTT8"})})
    prose = code.model_copy(update={"id": "p", "style": code.style.model_copy(update={"font": "CMR8"})})
    marked = mark_math([code, prose], [], PAGE_HEIGHT)
    assert [block.translatable for block in marked] == [False, True]
