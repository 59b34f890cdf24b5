"""A sentence cut by the end of a column or a page is translated whole, and its translation shared out.

The extractor marks a block that goes on with the sentence of the block before it (`TextBlock.continues`:
"... specify arti-" / "cles and adjust ..."). Translated one by one, the two pieces give two fragments
("específica arti-" / "cles Y ajustar"). A chain of such blocks is one unit of translation: its text is
the pieces joined as the lines of a paragraph are, and its translation is cut at the word boundary
nearest the share of the source each piece held, so each block keeps its own box. (The reconstructor
may move a cut where one block would have to shrink and the other has room to spare: chain_cuts.)

A piece's inline formulas are placed by their tokens in its own text (`formula_token(i)` for its `i`th
formula), and its inline code is drawn as code where its own `code` says. In the chain's text the tokens
are numbered on from one piece to the next, the pieces' code is kept (but a word another piece writes
as a word), and a cut puts the fewest tokens on the wrong side of it, then falls nearest the share: each
token goes back to its own block. An engine that moved a token across a cut (or lost it: `restore`
puts it at the end) leaves it out of the other piece, and its block, missing a formula, is drawn as the
source drew it.
"""

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from docrelay_common.document import TextBlock, code_occurrences, formula_token, renumbered_formulas
from docrelay_common.line_joins import join_lines
from docrelay_common.sentence_chains import chains
from docrelay_common.sentence_chains import words as split_words

# Runs of spaces a dropped token leaves.
_SPACES = re.compile(r" {2,}")


@dataclass
class Chain:
    """The blocks one sentence runs through, in order; reads and writes `text` as one block would."""

    blocks: tuple[TextBlock, ...]

    @property
    def text(self) -> str:
        return join_lines(
            renumbered_formulas(block.text, numbers)
            for block, numbers in zip(self.blocks, self._chain_tokens(), strict=True)
        )

    @text.setter
    def text(self, translation: str) -> None:
        shares = [len(block.text) for block in self.blocks]
        tokens = self._chain_tokens()
        owners = {token: piece for piece, numbers in enumerate(tokens) for token in numbers.values()}
        parts = share_out(translation, shares, owners)
        for piece, (block, part, numbers) in enumerate(zip(self.blocks, parts, tokens, strict=True)):
            # Another piece's token (moved or repeated by the engine) leaves its block missing it.
            own = "".join(char for char in part if owners.get(char, piece) == piece)
            back = {chained: token for token, chained in numbers.items()}
            block.text = _SPACES.sub(" ", renumbered_formulas(own, back)).strip()

    @property
    def code(self) -> list[str]:
        """The pieces' inline code that is code wherever it stands in the chain's text: a word one piece
        sets as code and another writes as a word ("list") is translated, as a block's own would be."""
        text = self.text
        candidates = dict.fromkeys(word for block in self.blocks for word in block.code)
        return [
            word
            for word in candidates
            if code_occurrences(word, text)
            == sum(code_occurrences(word, block.text) for block in self.blocks if word in block.code)
        ]

    @property
    def lang(self) -> str | None:
        return self.blocks[0].lang

    def _chain_tokens(self) -> list[dict[str, str]]:
        """For each piece, its formulas' tokens and the tokens they are in the chain's text: numbered on
        from piece to piece."""
        tokens: list[dict[str, str]] = []
        first = 0
        for block in self.blocks:
            tokens.append(
                {formula.token: formula_token(first + index) for index, formula in enumerate(block.math)}
            )
            first += len(block.math)
        return tokens


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


def share_out(translation: str, shares: Sequence[int], owners: Mapping[str, int] | None = None) -> list[str]:
    """`translation` in len(shares) parts, cut at the word boundaries (around any CJK character) nearest
    the source's shares, each part a word at least while there are enough. Thai, Lao and Khmer, also
    written without spaces, give no boundary: their text goes to the first part.

    `owners` gives the part that characters of the translation (formula tokens) belong in: a cut falls
    after the words holding those of the parts before it and before those of the parts after it, where
    the translation's order allows.
    """
    text = translation.strip()
    words = split_words(text)
    ends = list(itertools.accumulate(len(word) for word in words))
    goals = list(itertools.accumulate(shares[:-1]))
    total = sum(shares) or 1
    held = _held_by(words, owners or {})
    cuts: list[int] = []
    start = 0
    for index, share in enumerate(goals):
        goal = len(text) * share / total
        later = len(goals) - index  # parts still to come after this one
        lowest, highest = min(start + 1, len(words)), max(start, len(words) - later)
        # Fewest words holding another side's characters on the wrong side, then nearest the share.
        cut = min(
            range(lowest, max(lowest, highest) + 1),
            key=lambda end: (_misplaced(held, index, end), abs(_before(ends, end) - goal)),
        )
        cuts.append(cut)
        start = cut
    bounds = [0, *cuts, len(words)]
    return ["".join(words[begin:end]).strip() for begin, end in itertools.pairwise(bounds)]


def _held_by(words: Sequence[str], owners: Mapping[str, int]) -> list[set[int]]:
    """The parts each word holds characters of."""
    return [{owners[char] for char in word if char in owners} for word in words]


def _misplaced(held: Sequence[set[int]], index: int, cut: int) -> int:
    """Words a cut after `cut` words puts on the wrong side of the boundary after part `index`."""
    before = sum(1 for parts in held[:cut] if any(part > index for part in parts))
    after = sum(1 for parts in held[cut:] if any(part <= index for part in parts))
    return before + after


def _before(ends: Sequence[int], end: int) -> int:
    """Characters in the first `end` words."""
    return ends[end - 1] if end else 0
