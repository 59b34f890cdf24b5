"""Inline formulas in the HTML: each token becomes an empty box as wide as its formula, whose place after
layout is where the formula's glyphs are drawn again.

The box is an inline-block of no height. It then never changes the height of its line, and its top-left
corner is where the pen stands on the line's baseline: the formula's own origin.
"""

import html
from collections.abc import Callable

from docrelay_common.document import TextBlock, is_formula_token, without_formula_tokens
from docrelay_reconstructor.fit import FixedWidth, Measure
from docrelay_reconstructor.formulas import anchor_id
from docrelay_reconstructor.render import ANCHOR_CLASS

_PLACEHOLDER = (
    '<span id="{id}" class="'
    + ANCHOR_CLASS
    + '" style="display: inline-block; width: {width:.3f}pt; height: 0; '
    'vertical-align: baseline"></span>'
)


def formula_markup(block: TextBlock) -> Callable[[str], str]:
    """A line of the block's text escaped, with a placeholder for each formula token."""
    placeholders = {
        formula.token: _PLACEHOLDER.format(id=html.escape(anchor_id(block, formula)), width=formula.advance)
        for formula in block.math
    }

    def markup(line: str) -> str:
        return "".join(placeholders.get(char) or html.escape(char) for char in line)

    return markup


def formula_measure(block: TextBlock, measure: Measure) -> tuple[Measure, FixedWidth | None]:
    """How wide the block's text is without its formulas (ems), and how wide its formulas are (points)."""
    if not block.math:
        return measure, None
    advances = {formula.token: formula.advance for formula in block.math}

    def text_only(text: str) -> float:
        return measure(without_formula_tokens(text))

    def formulas(text: str) -> float:
        return sum(advances.get(char, 0.0) for char in text if is_formula_token(char))

    return text_only, formulas
