"""A sentence cut by the end of a column or a page is translated whole, and its translation shared out.

The extractor marks a block that goes on with the sentence of the block before it (`TextBlock.continues`:
"... specify arti-" / "cles and adjust ..."). Translated one by one, the two pieces give two fragments
("específica arti-" / "cles Y ajustar"). A chain of such blocks is one unit of translation: its text is
the pieces joined as the lines of a paragraph are, and its translation is cut at the word boundary
nearest the share of the source each piece held, so each block keeps its own box.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from docrelay_common.document import TextBlock
from docrelay_common.line_joins import CJK, join_lines


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
    # Only a link to an earlier block that no other block continues: a chain runs forwards, one way.
    earlier: dict[str, TextBlock] = {}
    following: dict[str, TextBlock] = {}
    for block in blocks:
        before = earlier.get(block.continues or "")
        if before is not None and before.id not in following and before.lang == block.lang:
            following[before.id] = block
        earlier[block.id] = block
    continuing = {block.id for block in following.values()}
    units: list[TextBlock | Chain] = []
    for block in blocks:
        if block.id in continuing:
            continue
        chain = [block]
        while chain[-1].id in following:
            chain.append(following[chain[-1].id])
        units.append(block if len(chain) == 1 else Chain(tuple(chain)))
    return units


def share_out(translation: str, shares: Sequence[int]) -> list[str]:
    """`translation` in len(shares) parts, cut at the word boundaries (around any CJK character) nearest
    the source's shares, each part a word at least while there are enough. Thai, Lao and Khmer, also
    written without spaces, give no boundary: their text goes to the first part."""
    text = translation.strip()
    words = _words(text)
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


def _words(text: str) -> list[str]:
    """The text as words, each with the spaces after it; each character of a script without spaces is a
    word of its own."""
    words: list[str] = []
    for char in text:
        if words and not _word_starts(words[-1], char):
            words[-1] += char
        else:
            words.append(char)
    return words


def _word_starts(before: str, char: str) -> bool:
    """Does `char` start a word after the word `before` (spaces go with the word they follow)?"""
    if char.isspace():
        return False
    return before[-1].isspace() or bool(CJK.match(char)) or bool(CJK.match(before[-1]))


def _before(ends: Sequence[int], end: int) -> int:
    """Characters in the first `end` words."""
    return ends[end - 1] if end else 0
