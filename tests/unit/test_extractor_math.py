# Mathematical symbols look like Latin letters to ruff's confusables check.
# ruff: noqa: RUF001
"""Finding formulas in a line of glyphs: which glyphs are math, where a formula starts and ends, and what
is no math though TeX sets it in math fonts (leader dots, bullets).

The glyphs are pdfminer's own LTChar objects, laid out on a baseline as a PDF would draw them.
"""

import pytest

from docrelay_common.document import formula_token
from docrelay_extractor.glyph_text import run_text
from docrelay_extractor.line_math import line_math, numbered_lines
from docrelay_extractor.math_glyphs import is_math_char, is_math_font, math_flags
from tests.support.glyph_lines import BASELINE, MATH, PAGE_HEIGHT, SYMBOLS, Line


def formulas(line: Line) -> list[str]:
    return [formula.text for formula in line_math(line.items, PAGE_HEIGHT).formulas]


def test_math_fonts_and_math_characters() -> None:
    assert is_math_font("ABCDEF+CMMI10") and is_math_font("CMSY8") and is_math_font("LMMathItalic10-Regular")
    assert is_math_font("STIXTwoMath") and is_math_font("Symbol") and is_math_font("MSBM10")
    # Typewriter, italic and sans faces are text, however often code or emphasis stands beside formulas.
    assert not any(map(is_math_font, ["CMTT10", "CMTI10", "CMSS10", "LMMono10-Regular", "Times-Italic"]))
    assert is_math_char("∑") and is_math_char("→") and is_math_char("ℝ") and is_math_char("𝑥")
    assert not any(map(is_math_char, ["+", "=", "<", "×", "™", "№", "a", "é"]))


def test_a_symbol_between_words_is_a_formula_of_its_own() -> None:
    line = Line().add("the weights ").add("Ω").add(" are known")  # upright Greek from the text font
    assert formulas(line) == ["Ω"]
    assert run_text(line_math(line.items, PAGE_HEIGHT).items) == f"the weights {formula_token(0)} are known"


def test_operators_digits_and_scripts_join_the_math_around_them() -> None:
    line = Line().add("For every ").add("ε", MATH).add(" ").add(">", MATH).add(" 0 we have")
    assert formulas(line) == ["ε>0"]
    scripted = Line().add("mean ").add("µ", MATH).add("i", MATH, size=7, rise=-2).add(" of group")
    assert formulas(scripted) == ["µi"]


def test_a_short_name_glued_between_math_glyphs_belongs_to_the_formula() -> None:
    line = Line().add("statistic ").add("t", MATH).add("=").add("β", MATH).add("/", MATH).add("se(")
    line.add("β", MATH).add(") follows")
    assert formulas(line) == ["t=β/se(β)"]
    # A longer word touching math-font braces is text: an e-mail address set in a symbol font's braces.
    address = Line().add("{", SYMBOLS).add("yusuke,sekine", "NimbusMonL").add("}", SYMBOLS).add("@nyu.edu")
    assert "yusuke" not in "".join(formulas(address))


def test_punctuation_of_the_text_stays_out_and_brackets_balance() -> None:
    line = Line().add("an ").add("n", MATH).add("-by-").add("p", MATH).add(" matrix")
    assert formulas(line) == ["n", "p"]
    operands = Line().add("threshold (").add("p", MATH).add("<0").add(".", MATH).add("05 in this test)")
    assert formulas(operands) == ["p<0.05"]


def test_a_number_set_in_math_is_a_number() -> None:
    # "$0.65$" in prose, a dcolumn cell's "7.42", a signed one: the point in math italic, the digits and
    # the minus of the text's size on its baseline. As formulas they were tokens no table read as values.
    prose = Line().add("threshold (0").add(".", MATH).add("65 in this experiment)")
    cell = Line().add("7").add(".", MATH).add("42")
    signed = Line().add("\u2212", SYMBOLS).add("3").add(".", MATH).add("0")
    assert formulas(prose) == formulas(cell) == formulas(signed) == []
    assert run_text(line_math(signed.items, PAGE_HEIGHT).items) == "\u22123.0"
    # A number as a power or an index is the formula's, not the text's: "A^{-1}", "x_{1.5}".
    power = Line().add("A", MATH).add("\u2212", SYMBOLS, size=7, rise=4).add("1", size=7, rise=4)
    assert formulas(power) == ["A\u22121"]
    raised = Line().add("the inverse ").add("\u2212", SYMBOLS, size=7, rise=4).add("1", size=7, rise=4)
    assert formulas(raised) == ["\u22121"]


def test_leader_dots_and_bullets_are_no_math() -> None:
    toc = Line().add("Introduction ")
    for _ in range(8):
        toc.add(".", MATH).add(" ")
    toc.add("5")
    assert not any(math_flags(toc.items)) and formulas(toc) == []
    short = Line().add("Grouping and loops ").add(".", MATH).add(" ").add(".", MATH).add(" 43")
    assert formulas(short) == []
    bullet = Line().add("•", SYMBOLS).add(" The first item holds ").add("x", MATH)
    assert formulas(bullet) == ["x"]
    assert run_text(line_math(bullet.items, PAGE_HEIGHT).items).startswith("• The first")
    # Beamer's items open with a triangle drawn from the AMS symbols: a bullet, no formula token.
    triangle = Line().add("\u25b6", "STUVWX+MSAM10").add(" Revenue grew by 12%")
    assert formulas(triangle) == []
    assert run_text(line_math(triangle.items, PAGE_HEIGHT).items) == "\u25b6 Revenue grew by 12%"


def test_greek_words_and_units_are_text() -> None:
    assert formulas(Line().add("Το ελληνικό κείμενο γράφεται")) == []
    assert formulas(Line().add("a wavelength of 5 µm")) == []


def test_a_wide_gap_ends_a_formula() -> None:
    line = Line().add("as ").add("n", MATH).add("→", SYMBOLS).add("∞", SYMBOLS).gap(140).add("(1)")
    assert formulas(line) == ["n→∞"]


def test_formula_places_and_the_tokens_numbered_through_a_block() -> None:
    line = Line().add("By ").add("x", MATH).add("2", size=7, rise=3).add(" and ").add("y", MATH)
    found = line_math(line.items, PAGE_HEIGHT).formulas
    first = found[0]
    assert first.origin_x == pytest.approx(72.0 + 2 * 5 + 3.3)
    assert first.baseline == PAGE_HEIGHT - BASELINE  # the line's, not the raised script's
    assert first.advance == pytest.approx(5 + 3.5) and first.glyphs == 2 and first.movable

    class Lined:
        def __init__(self, text: str, count: int) -> None:
            self.text, self.formulas = text, tuple(found[:count])

    texts = numbered_lines(
        [Lined(f"a {formula_token(0)} b {formula_token(1)}", 2), Lined(f"c {formula_token(0)}", 1)]
    )
    assert texts == [f"a {formula_token(0)} b {formula_token(1)}", f"c {formula_token(2)}"]
