"""The mathematics of one line of glyphs: its formulas, and its items with a token in place of each."""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from pdfminer.layout import LTAnno, LTChar

from docrelay_common.document import InlineMath, formula_token, is_formula_token, renumbered_formulas
from docrelay_extractor.footnote_marks import mark_spans
from docrelay_extractor.formula_edges import Span
from docrelay_extractor.geometry import from_bottom_left
from docrelay_extractor.glyph_text import Item, is_letter
from docrelay_extractor.inline_math import formula_spans
from docrelay_extractor.math_glyphs import is_math_font, math_flags


class _Lined(Protocol):
    """A line of text (lines.TextLine, which imports this module)."""

    @property
    def text(self) -> str: ...

    @property
    def formulas(self) -> tuple[InlineMath, ...]: ...


@dataclass(frozen=True)
class LineMath:
    # The line's items, each formula's glyphs replaced by its token.
    items: list[Item]
    formulas: tuple[InlineMath, ...]
    # ids of the glyphs that are no text: a formula's, or those of math fonts (leader dots, bullets).
    not_text: frozenset[int]


def line_math(items: Sequence[Item], page_height: float) -> LineMath:
    """The formulas of a line of items (stream order) on a page `page_height` high."""
    spans = formula_spans(items, math_flags(items))
    # Footnote marks travel as formulas do, each its own.
    spans = sorted([*spans, *mark_spans(items, spans)], key=lambda span: span.start)
    not_text = {id(item) for item in items if isinstance(item, LTChar) and is_math_font(item.fontname)}
    if not spans:
        return LineMath(list(items), (), frozenset(not_text))
    baseline = page_height - _baseline(items)
    formulas = tuple(
        line_formula(items, span, index, baseline, page_height) for index, span in enumerate(spans)
    )
    not_text |= {id(item) for span in spans for item in items[span.start : span.end + 1]}
    return LineMath(with_tokens(items, spans), formulas, frozenset(not_text))


def line_formula(items: Sequence[Item], span: Span, index: int, baseline: float, height: float) -> InlineMath:
    """The formula of `span` as the line's `index`th; `baseline` from the top of a page `height` high."""
    chars = [item for item in items[span.start : span.end + 1] if isinstance(item, LTChar)]
    x0 = min(char.x0 for char in chars)
    box = from_bottom_left(
        x0,
        min(char.y0 for char in chars),
        max(char.x1 for char in chars),
        max(char.y1 for char in chars),
        height,
    )
    return InlineMath(
        token=formula_token(index),
        bbox=box,
        origin_x=x0,
        baseline=baseline,
        advance=box.x1 - x0,
        glyphs=len(chars),
        text="".join(char.get_text() for char in chars),
        movable=all(char.upright for char in chars),
    )


def with_tokens(items: Sequence[Item], spans: Sequence[Span]) -> list[Item]:
    """The items with each formula's replaced by its token, the line's `index`th formula's token."""
    replaced: list[Item] = []
    previous = 0
    for index, span in enumerate(spans):
        replaced += items[previous : span.start]
        replaced.append(LTAnno(formula_token(index)))
        previous = span.end + 1
    return replaced + list(items[previous:])


def _baseline(items: Sequence[Item]) -> float:
    """The baseline (pdfminer's y) of the line's body text: scripts and big operators sit off it."""
    letters = [item for item in items if is_letter(item)] or [
        item for item in items if isinstance(item, LTChar)
    ]
    body = statistics.mode(round(letter.size, 1) for letter in letters)
    return statistics.median(letter.matrix[5] for letter in letters if round(letter.size, 1) == body)


def numbered_lines(lines: Sequence[_Lined]) -> list[str]:
    """The lines' texts with their formula tokens numbered through the block, first line first."""
    texts: list[str] = []
    first = 0
    for line in lines:
        numbers = {formula_token(k): formula_token(first + k) for k in range(len(line.formulas))}
        texts.append(renumbered_formulas(line.text, numbers))
        first += len(line.formulas)
    return texts


def block_formulas(lines: Sequence[_Lined], text: str) -> list[InlineMath]:
    """The formulas of the block's `text` (tokens numbered as `numbered_lines` does), in its order."""
    formulas = [formula for line in lines for formula in line.formulas]
    return [
        formulas[index].model_copy(update={"token": char})
        for char in text
        if is_formula_token(char) and (index := ord(char) - ord(formula_token(0))) < len(formulas)
    ]
