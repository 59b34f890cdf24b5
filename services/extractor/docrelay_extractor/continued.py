"""Sentences cut by the end of a column or a page: the block that goes on with one says so.

A paragraph that runs past the foot of a column goes on at the head of the next, or of the next page:
two blocks, each a piece of one sentence ("... specify arti-" / "cles and adjust its patterns ..."),
which translated one by one give two fragments. A block continues the one before when
- the one before, a paragraph of two lines or more, ends without a sentence's end or a dash, and this
  one starts in lower case;
- it is the next block in reading order in the same font and size, with no display equation or code
  between (what lies between is another style: a page's footer, number and header, footnotes, a figure);
- it starts on the next page, or higher up the same page (the next column);
- both are prose: translatable text in a text face, no table cell. Inline formulas and code may be in
  either: the translator keeps each formula's token in its own block's part.
"""

import itertools
from collections.abc import Sequence

from docrelay_common.document import Page, TextBlock
from docrelay_extractor.style import is_monospace
from docrelay_extractor.text import ends_sentence

# A paragraph cut at a column's foot fills its lines to there; a lone line is a caption or a label.
MIN_LINES = 2
# A text ending in a dash is a heading over what follows ("But not over —"), not a sentence cut short.
DASHES = ("\u2013", "\u2014")


def link_continued(pages: Sequence[Page]) -> list[Page]:
    """The pages with each block that goes on with the sentence of an earlier one marked (`continues`)."""
    placed = [(page.number, block) for page in pages for block in page.blocks]
    links: dict[str, str] = {}
    for index, (number, block) in enumerate(placed):
        ending = block.text.rstrip()
        if block.line_count < MIN_LINES or not _prose(block) or ends_sentence(ending):
            continue
        if ending.endswith(DASHES):
            continue
        following = _next_in_style(placed, index)
        if following is None:
            continue
        next_number, next_block = following
        # On the next page (never further: _next_in_style), or higher up this one, in the next column.
        moved_on = next_number > number or next_block.bbox.top < block.bbox.top
        if moved_on and _prose(next_block) and next_block.text.lstrip()[:1].islower():
            links[next_block.id] = block.id
    if not links:
        return list(pages)
    return [
        page.model_copy(
            update={
                "blocks": [
                    block.model_copy(update={"continues": links[block.id]}) if block.id in links else block
                    for block in page.blocks
                ]
            }
        )
        for page in pages
    ]


def _prose(block: TextBlock) -> bool:
    # A display equation is never translatable.
    return block.translatable and block.cell is None and not is_monospace(block.style.font)


def _next_in_style(placed: Sequence[tuple[int, TextBlock]], index: int) -> tuple[int, TextBlock] | None:
    """The next block after `placed[index]` in its font and size, on its page or the next, unless a
    display equation or a display of code (a block in a monospaced face) comes first."""
    number, block = placed[index]
    for other_number, other in itertools.islice(placed, index + 1, None):
        # A display, of an equation or of code, is part of the sentence: it is not cut by a column's end.
        if other.kind == "math" or is_monospace(other.style.font) or other_number > number + 1:
            return None
        if (other.style.font, other.style.size) == (block.style.font, block.style.size):
            return other_number, other
    return None
