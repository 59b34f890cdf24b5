"""Blocks that one sentence runs through, and the words their text is cut between.

The extractor marks a block that goes on with the sentence of the block before it (`TextBlock.continues`:
a sentence cut by the end of a column or a page). The translator translates such a chain of blocks as
one text and shares the translation out between them; the reconstructor may move the cut between two of
them where one has room to spare and the other would have to shrink. Both find the chains and the words
here, so they agree on both.
"""

from collections.abc import Sequence

from docrelay_common.document import TextBlock
from docrelay_common.line_joins import CJK, spaced
from docrelay_common.marks import CLOSE, OPENINGS, unmarked_end


def following_blocks(blocks: Sequence[TextBlock]) -> dict[str, TextBlock]:
    """The block that goes on with each block's sentence, by the id of the block it continues.

    Only a link to an earlier block that no other block continues, in the same language, counts: a chain
    runs forwards, one way.
    """
    earlier: dict[str, TextBlock] = {}
    following: dict[str, TextBlock] = {}
    for block in blocks:
        before = earlier.get(block.continues or "")
        if before is not None and before.id not in following and before.lang == block.lang:
            following[before.id] = block
        earlier[block.id] = block
    return following


def chains(blocks: Sequence[TextBlock]) -> list[tuple[TextBlock, ...]]:
    """The chains of two blocks or more among `blocks` (in reading order), each in its order."""
    following = following_blocks(blocks)
    continuing = {block.id for block in following.values()}
    found: list[tuple[TextBlock, ...]] = []
    for block in blocks:
        if block.id in continuing or block.id not in following:
            continue
        chain = [block]
        while chain[-1].id in following:
            chain.append(following[chain[-1].id])
        found.append(tuple(chain))
    return found


def words(text: str) -> list[str]:
    """The text as words, each with the spaces after it; each character of a script without spaces is a
    word of its own. Thai, Lao and Khmer, also written without spaces, come as one word a run."""
    found: list[str] = []
    for char in text:
        if found and not _word_starts(found[-1], char):
            found[-1] += char
        else:
            found.append(char)
    return found


def joined(before: str, after: str) -> str:
    """Two parts of a translation put back together: a space between them, but between CJK characters."""
    before, after = before.strip(), after.strip()
    return spaced(before, after) if before and after else before + after


def _word_starts(before: str, char: str) -> bool:
    """Does `char` start a word after the word `before` (spaces go with the word they follow)? An
    emphasis mark stays with the character it marks (marks): an opening one with the one after it, a
    closing one with the one before."""
    if char.isspace() or char == CLOSE or before[-1] in OPENINGS:
        return False
    return before[-1].isspace() or bool(CJK.match(char)) or bool(CJK.match(unmarked_end(before)[-1:] or " "))
