"""A sentence cut by the end of a column or a page is translated whole, and its translation shared out.

The extractor marks a block that goes on with the sentence of the block before it (`TextBlock.continues`:
"... specify arti-" / "cles and adjust ..."). Translated one by one, the two pieces give two fragments
("específica arti-" / "cles Y ajustar"). A chain of such blocks is one unit of translation: its text is
the pieces joined as the lines of a paragraph are, and its translation is cut at the word boundary
nearest the share of the source each piece held, so each block keeps its own box. (The reconstructor
may move a cut where one block would have to shrink and the other has room to spare: chain_cuts.)
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from docrelay_common.document import TextBlock
from docrelay_common.line_joins import join_lines
from docrelay_common.sentence_chains import chains
from docrelay_common.sentence_chains import words as split_words


@dataclass
class Chain:
    """The blocks one sentence runs through, in order; reads and writes `text` as one block would."""

    blocks: tuple[TextBlock, ...]

    @property
    def text(self) -> str:
        return join_lines(block.text for block in self.blocks)

    @text.setter
    def text(self, translation: str) -> None:
        shares = [len(block.text) for block in self.blocks]
        for block, part in zip(self.blocks, share_out(translation, shares), strict=True):
            block.text = part

    @property
    def lang(self) -> str | None:
        return self.blocks[0].lang


def with_chains(blocks: Sequence[TextBlock]) -> list[TextBlock | Chain]:
    """The blocks, each chain of blocks that continue one another (in one language) standing in the
    place of its first block."""
    found = {chain[0].id: chain for chain in chains(blocks)}
    continuing = {block.id for chain in found.values() for block in chain[1:]}
    return [
        Chain(found[block.id]) if block.id in found else block
        for block in blocks
        if block.id not in continuing
    ]


def share_out(translation: str, shares: Sequence[int]) -> list[str]:
    """`translation` in len(shares) parts, cut at the word boundaries (around any CJK character) nearest
    the source's shares, each part a word at least while there are enough. Thai, Lao and Khmer, also
    written without spaces, give no boundary: their text goes to the first part."""
    text = translation.strip()
    words = split_words(text)
    ends = list(itertools.accumulate(len(word) for word in words))
    goals = list(itertools.accumulate(shares[:-1]))
    total = sum(shares) or 1
    cuts: list[int] = []
    start = 0
    for index, held in enumerate(goals):
        goal = len(text) * held / total
        later = len(goals) - index  # parts still to come after this one
        lowest, highest = min(start + 1, len(words)), max(start, len(words) - later)
        cut = min(range(lowest, max(lowest, highest) + 1), key=lambda end: abs(_before(ends, end) - goal))
        cuts.append(cut)
        start = cut
    bounds = [0, *cuts, len(words)]
    return ["".join(words[begin:end]).strip() for begin, end in itertools.pairwise(bounds)]


def _before(ends: Sequence[int], end: int) -> int:
    """Characters in the first `end` words."""
    return ends[end - 1] if end else 0
