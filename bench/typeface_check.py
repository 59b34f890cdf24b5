"""Typeface class kept: is each translated block drawn in a serif, sans-serif or monospace face like its
source font?

The output's class of a block is the most common class among the font names of the characters drawn in
its box, leaving out those in the source's own fonts (formulas drawn from the source's glyphs, text
kept as drawn). A block none of whose characters can be found there is not counted.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bench.math_place import Glyph
from docrelay_common.document import Page, TextBlock, Typeface
from docrelay_common.typeface import typeface_from_name

# Characters this far (points) outside a block's box still belong to it.
MARGIN = 1.0


@dataclass(frozen=True)
class TypefaceCount:
    blocks: int = 0
    same: int = 0

    def __add__(self, other: "TypefaceCount") -> "TypefaceCount":
        return TypefaceCount(self.blocks + other.blocks, self.same + other.same)


def typeface_kept(page: Page, output: Sequence[Glyph], source_fonts: Iterable[str]) -> TypefaceCount:
    """The translated blocks of the page, and those drawn in their source's class."""
    known = set(source_fonts)
    drawn = [glyph for glyph in output if glyph.font not in known and not glyph.text.isspace()]
    total = TypefaceCount()
    for block in page.blocks:
        if not _translated(block):
            continue
        classes = Counter(_class(glyph.font) for glyph in drawn if _inside(glyph, block))
        if classes:
            total += TypefaceCount(1, int(classes.most_common(1)[0][0] == source_class(block)))
    return total


def source_class(block: TextBlock) -> Typeface:
    return block.style.typeface or typeface_from_name(block.style.font) or "sans"


def _class(font: str) -> Typeface:
    return typeface_from_name(font) or "sans"


def _translated(block: TextBlock) -> bool:
    return block.translatable and block.text != block.source_text


def _inside(glyph: Glyph, block: TextBlock) -> bool:
    box = block.bbox
    return (
        box.x0 - MARGIN <= glyph.x <= box.x1 + MARGIN and box.top - MARGIN <= glyph.y <= box.bottom + MARGIN
    )
