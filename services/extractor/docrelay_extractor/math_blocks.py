"""Display equations and stacked formulas, found among the blocks of a page.

A display equation is set apart on lines of its own, so the extractor makes it one or more short blocks
that are mostly formula: those are its seeds. The short blocks beside them on the same band (an operator
name like "Pr" or "exp", a numerator, "as n → ∞") belong to it too. They all become blocks of kind
"math", which are never translated: they stay as the source draws them. An inline formula crossed by a
rule (the bar of an inline fraction, a root's vinculum), or stacked over a piece of formula pdfminer
put on a line of its own (a denominator), cannot travel as its glyphs alone. Code whose arguments are
set as formulas (`ellj(E)` in a reference card: the name in typewriter, `(E)` in math italic) is not
translated either.
"""

from collections.abc import Sequence

from pdfminer.layout import LTCurve

from docrelay_common.document import BBox, InlineMath, TextBlock, is_formula_token
from docrelay_extractor.data_cells import is_code
from docrelay_extractor.geometry import from_bottom_left, x_overlap, y_overlap

# A display block holds this share of formula glyphs at least, and few words.
DISPLAY_SHARE = 0.4
MAX_WORDS = 3
MIN_WORD_LETTERS = 2
# The short blocks beside one hold an operator name or a word ("as n → ∞") at most.
MAX_NEIGHBOUR_WORDS = 1
# Blocks beside a display this close (ems) on its band are pieces of it; an equation number is further.
NEIGHBOUR_GAP_EM = 3.0
# Strokes thinner than this (points) are fraction bars and rules.
BAR_THICKNESS = 1.0
# A fraction bar or a root's vinculum lies at least this far (points) above the baseline; underlines and
# table rules lie below it.
BAR_RISE = 0.5
# A denominator set on a line of its own hangs this far (ems) below the baseline at most.
PIECE_DROP_EM = 0.3


def mark_math(blocks: Sequence[TextBlock], shapes: Sequence[LTCurve], page_height: float) -> list[TextBlock]:
    """The page's blocks with display equations of kind "math" and stacked formulas not movable."""
    bars = [from_bottom_left(*shape.bbox, page_height) for shape in shapes if shape.height < BAR_THICKNESS]
    displays = _displays(blocks)
    pieces = [blocks[index].bbox for index in displays]
    return [
        _as_display(block) if index in displays else _with_stacked_formulas(_code_kept(block), bars, pieces)
        for index, block in enumerate(blocks)
    ]


def _code_kept(block: TextBlock) -> TextBlock:
    return block.model_copy(update={"translatable": False}) if block.math and is_code(block) else block


def _displays(blocks: Sequence[TextBlock]) -> set[int]:
    """The display equations (seeds) and the short one-line blocks beside them, beside those, and so on.
    Each block is asked about the blocks found in the round before only: one beside a block found earlier
    was found then (a page of thousands of glyph lines, a damaged font's, had asked every block about
    every block found, round after round: 9 s)."""
    found = {index for index, block in enumerate(blocks) if _is_seed(block)}
    candidates = {
        index
        for index, block in enumerate(blocks)
        if index not in found and block.line_count == 1 and _words(block) <= MAX_NEIGHBOUR_WORDS
    }
    newest = found
    while newest:
        newest = {
            index for index in candidates if any(_beside(blocks[index], blocks[other]) for other in newest)
        }
        candidates -= newest
        found |= newest
    return found


def _is_seed(block: TextBlock) -> bool:
    if not block.math or _words(block) > MAX_WORDS:
        return False
    formula_glyphs = sum(formula.glyphs for formula in block.math)
    other = sum(1 for char in block.text if not char.isspace() and not is_formula_token(char))
    return formula_glyphs >= DISPLAY_SHARE * (formula_glyphs + other)


def _words(block: TextBlock) -> int:
    return sum(sum(char.isalpha() for char in word) >= MIN_WORD_LETTERS for word in block.text.split())


def _beside(block: TextBlock, display: TextBlock) -> bool:
    em = max(block.style.size, display.style.size)
    gap = max(block.bbox.x0 - display.bbox.x1, display.bbox.x0 - block.bbox.x1)
    return y_overlap(block.bbox, display.bbox) > 0 and gap <= NEIGHBOUR_GAP_EM * em


def _as_display(block: TextBlock) -> TextBlock:
    return block.model_copy(update={"kind": "math", "translatable": False})


def _with_stacked_formulas(block: TextBlock, bars: Sequence[BBox], pieces: Sequence[BBox]) -> TextBlock:
    """The block with its formulas that a rule or a piece of formula crosses marked not movable."""
    stacked = [_stacked(formula, bars, pieces, block.style.size) for formula in block.math]
    if not any(stacked):
        return block
    formulas = [
        formula.model_copy(update={"movable": False}) if crossed else formula
        for formula, crossed in zip(block.math, stacked, strict=True)
    ]
    return block.model_copy(update={"math": formulas})


def _stacked(formula: InlineMath, bars: Sequence[BBox], pieces: Sequence[BBox], size: float) -> bool:
    """Is a bar drawn across the formula above its baseline (a fraction's, a root's; an underline is
    below it), or a piece of formula on a line of its own under it, within its line?"""
    box = formula.bbox

    def across(other: BBox, lowest: float) -> bool:
        middle = (other.top + other.bottom) / 2
        return box.top - BAR_THICKNESS <= middle <= lowest and x_overlap(other, box) >= 0.5 * min(
            other.width, box.width
        )

    return any(across(bar, formula.baseline - BAR_RISE) for bar in bars) or any(
        across(piece, formula.baseline + PIECE_DROP_EM * size) for piece in pieces
    )
