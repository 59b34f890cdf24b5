"""Mathematics that keeps the source's drawing: display equations and kept pieces of formulas whose
operators go anyway are drawn again where they were; formulas that can be neither moved nor drawn again
are typed; the job is told of the blocks kept untranslated for their formulas.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docrelay_common.document import TextBlock
from docrelay_common.emphasis import marked, unmarked
from docrelay_reconstructor.drawings import Drawing
from docrelay_reconstructor.formulas import PageFormulas
from docrelay_reconstructor.strip_text import Glyph

# The job info field (one per page range) of the pages of blocks kept for their formulas.
KEPT_FOR_FORMULAS = "kept_for_formulas"
# pdfminer's reading of a glyph without a Unicode mapping.
_UNMAPPED = re.compile(r"\(cid:\d+\)")


@dataclass(frozen=True)
class InPlace:
    """Kept blocks with mathematics whose operators go, drawn again where they were from their glyphs."""

    blocks: frozenset[int]
    # Their glyphs' drawings, each glyph once, those of formulas that move left out.
    drawings: tuple[Drawing, ...]


def in_place(
    blocks: Sequence[TextBlock],
    owned: Sequence[Sequence[Glyph]],
    candidates: Iterable[int],
    formulas: PageFormulas,
) -> InPlace:
    """Which of the candidate blocks (kept, but their operators go) can be drawn again from their own
    glyphs: those holding mathematics whose every glyph has a drawing. Other text is typeset as before."""
    moving = {
        id(glyph) for found in formulas.movable.values() for formula in found for glyph in formula.glyphs
    }
    staying = [[glyph for glyph in glyphs if id(glyph) not in moving] for glyphs in owned]
    chosen = frozenset(
        index
        for index in candidates
        if (blocks[index].kind == "math" or blocks[index].math)
        and staying[index]
        and all(glyph.drawing for glyph in staying[index])
    )
    # A glyph in two blocks' boxes is drawn once, in the order the page drew it.
    glyphs = {id(glyph): glyph for index in sorted(chosen) for glyph in staying[index]}
    return InPlace(
        chosen, tuple(drawing for glyph in glyphs.values() if (drawing := glyph.drawing) is not None)
    )


def showing(block: TextBlock, translated: bool) -> TextBlock:
    """The block set in its translation, or in its source text when kept for its formulas: then the
    emphasis of its translation does not fit the text it shows, which is drawn in its own style."""
    kept_source = not translated and block.text != block.source_text
    return block.model_copy(
        update={"translatable": translated, "emphasis": [] if kept_source else block.emphasis}
    )


def typed(block: TextBlock) -> TextBlock:
    """The block with its formulas typed as text, for when their glyphs cannot be drawn again."""
    if not block.math:
        return block
    # Glyphs without a Unicode mapping cannot be typed.
    readings = {formula.token: _UNMAPPED.sub("", formula.text) for formula in block.math}

    def spelled(text: str) -> str:
        return "".join(readings.get(char, char) for char in text)

    # Spelled marked, so that the emphasis after a formula moves with its words.
    text, emphasis = unmarked(spelled(marked(block.text, block.emphasis)))
    return block.model_copy(
        update={"text": text, "source_text": spelled(block.source_text), "math": [], "emphasis": emphasis}
    )


def formulas_notice(pages: Sequence[int]) -> str:
    """What the job tells its user of the blocks kept in the source's language for their formulas."""
    numbers = ", ".join(str(page) for page in sorted(set(pages)))
    blocks = f"{len(pages)} paragraph{'s' if len(pages) > 1 else ''}"
    return (
        f"{blocks} with formulas (page{'s' if len(set(pages)) > 1 else ''} {numbers}) kept in the original "
        "language: their formulas could not be moved with the translated text (an inline fraction, a root "
        "or a formula drawn in a way that cannot be redrawn elsewhere)"
    )
