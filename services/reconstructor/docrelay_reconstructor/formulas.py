"""Inline formulas drawn from the source's own glyphs at the place the translated line gives them.

A translated block's formula is found again as the glyphs inside its box, exactly as many as the
extractor counted, each with a drawing (its code in its own font). When one of its formulas cannot be
found so, or cannot move alone (its fraction bar is a rule), the block keeps the source's drawing
(kept_math.py).
"""

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from docrelay_common.document import FORMULA_TOKEN_BASE, InlineMath, TextBlock, is_formula_token
from docrelay_reconstructor.glyph_replay import Move
from docrelay_reconstructor.render import Anchor
from docrelay_reconstructor.strip_text import Glyph

logger = logging.getLogger(__name__)

# Glyph centres this far (points) outside a formula's box still belong to it.
_GLYPH_SLACK = 0.3


@dataclass(frozen=True)
class FormulaGlyphs:
    """One inline formula of a block drawn anew: where its placeholder is, and what to draw there."""

    anchor: str
    formula: InlineMath
    # Its glyphs, each with a drawing.
    glyphs: tuple[Glyph, ...]


@dataclass(frozen=True)
class PageFormulas:
    # Per block index: the formulas of the blocks whose text is drawn anew with their formulas in it.
    movable: Mapping[int, list[FormulaGlyphs]]
    # Blocks to translate whose formulas cannot move: they keep the source's drawing.
    kept: frozenset[int]


NO_FORMULAS = PageFormulas({}, frozenset())


def anchor_id(block: TextBlock, formula: InlineMath) -> str:
    """The id of the formula's placeholder in the HTML: unique on the page, as block ids are."""
    return f"m-{block.id}-{ord(formula.token) - FORMULA_TOKEN_BASE}"


def page_formulas(blocks: Sequence[TextBlock], owned: Sequence[Sequence[Glyph]]) -> PageFormulas:
    """Which translated blocks can draw their formulas again, and with which glyphs."""
    shared_ids = {block_id for block_id, count in Counter(block.id for block in blocks).items() if count > 1}
    movable: dict[int, list[FormulaGlyphs]] = {}
    kept: set[int] = set()
    for index, block in enumerate(blocks):
        if not block.translatable or not block.math:
            continue
        found = None if block.id in shared_ids else _formula_glyphs(block, owned[index])
        if found is None:
            kept.add(index)
        else:
            movable[index] = found
    return PageFormulas(movable, frozenset(kept))


def _formula_glyphs(block: TextBlock, owned: Sequence[Glyph]) -> list[FormulaGlyphs] | None:
    """The glyphs of each formula, or None when one of them cannot be drawn again at another place."""
    if block.rotation or block.vertical or not _tokens_once(block):
        return None
    found: list[FormulaGlyphs] = []
    for formula in block.math:
        glyphs = tuple(glyph for glyph in owned if _inside(glyph, formula))
        if (
            not formula.movable
            or len(glyphs) != formula.glyphs
            or any(glyph.drawing is None for glyph in glyphs)
        ):
            return None
        found.append(FormulaGlyphs(anchor_id(block, formula), formula, glyphs))
    return found


def _tokens_once(block: TextBlock) -> bool:
    """Does the text hold each formula's token once? An engine may drop or repeat what it copies."""
    tokens = [char for char in block.text if is_formula_token(char)]
    return sorted(tokens) == sorted(formula.token for formula in block.math)


def _inside(glyph: Glyph, formula: InlineMath) -> bool:
    box = formula.bbox
    return (
        box.x0 - _GLYPH_SLACK <= glyph.x <= box.x1 + _GLYPH_SLACK
        and box.top - _GLYPH_SLACK <= glyph.y <= box.bottom + _GLYPH_SLACK
    )


def formula_moves(
    page_number: int, formulas: Sequence[FormulaGlyphs], anchors: Mapping[str, Anchor]
) -> list[Move]:
    """Each formula's glyphs moved from their place to their placeholder's: its pen to the placeholder's
    left edge, its line's baseline to the placeholder's baseline."""
    moves: list[Move] = []
    for placed in formulas:
        anchor = anchors.get(placed.anchor)
        if anchor is None:
            # Cannot happen while every token is placed in the HTML; the formula then stays where it was.
            logger.warning(
                "page %d: formula %r was not laid out; drawn where it was", page_number, placed.formula.text
            )
            dx = dy = 0.0
        else:
            dx, dy = anchor.x - placed.formula.origin_x, anchor.y - placed.formula.baseline
        moves += [Move(drawing, dx, dy) for glyph in placed.glyphs if (drawing := glyph.drawing) is not None]
    return moves
