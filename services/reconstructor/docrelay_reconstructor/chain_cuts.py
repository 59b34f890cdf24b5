"""Where the translation of a sentence cut by a column's or a page's end is cut between its blocks.

The translator cuts a chain's translation (sentence_chains) at the share of the source each block held,
but a translation does not keep the source's proportions. naacl06's sentence from the foot of its left
column to the top of its right came back with a shorter head and a longer tail: the head left a line
free, and the tail needed one more line than its room had and was set at 9 pt against 10.9. Here the
cut moves, a word at a time, from a block that would have to shrink (or overflow) towards the one with
room to spare, as long as the smaller of the two blocks' sizes grows. A cut where both keep their size
stays where the translator put it. Words move with their emphasis: the texts are cut marked.
"""

from collections.abc import Collection, Mapping
from itertools import pairwise

from docrelay_common.document import BBox, Document, TextBlock
from docrelay_common.emphasis import marked, unmarked
from docrelay_common.sentence_chains import chains, joined, words
from docrelay_reconstructor.free_space import free_rooms
from docrelay_reconstructor.sizing import base_size, is_changed, setting
from docrelay_reconstructor.turned import is_turned
from docrelay_reconstructor.width_twins import NO_TWINS, WidthTwins

# At most this many words move across a cut: a translation far from the source's shares is rare, and
# each word moved costs a fit of both blocks.
MOST_MOVED = 40


def balanced_cuts(document: Document, pages: Collection[int], twins: WidthTwins = NO_TWINS) -> Document:
    """The document with the cut between each two blocks of a chain moved where both fit best, for
    blocks on `pages` (0-based indexes): the pages whose rooms are those of free_space alone (not scans,
    whose rooms also keep clear of the scan's ink)."""
    page_of = {block.id: index for index, page in enumerate(document.pages) for block in page.blocks}
    rooms: dict[int, Mapping[str, BBox]] = {}

    def room(block: TextBlock) -> BBox:
        index = page_of[block.id]
        if index not in rooms:
            rooms[index] = free_rooms(document.pages[index])
        return rooms[index].get(block.id, block.bbox)

    texts: dict[str, str] = {}
    every_block = [block for page in document.pages for block in page.blocks]
    for chain in chains(every_block):
        for head, tail in pairwise(chain):
            if not all(_movable(block) and page_of[block.id] in pages for block in (head, tail)):
                continue
            head_now = _with_text(head, texts.get(head.id, _marked(head)))
            head_text, tail_text = _best_cut(
                head_now, tail, (room(head), room(tail)), document.target_lang, twins
            )
            if (head_text, tail_text) != (_marked(head_now), _marked(tail)):
                texts[head.id], texts[tail.id] = head_text, tail_text
    return _with_texts(document, texts) if texts else document


def _best_cut(
    head: TextBlock, tail: TextBlock, rooms: tuple[BBox, BBox], lang: str | None, twins: WidthTwins
) -> tuple[str, str]:
    """The head's and the tail's texts (marked: emphasis), cut where the tighter of the two is set largest."""
    every_word = words(joined(_marked(head), _marked(tail)))

    def eases(cut: int) -> tuple[float, float]:
        head_text, tail_text = _parts(every_word, cut)
        return _ease(head, head_text, rooms[0], lang, twins), _ease(tail, tail_text, rooms[1], lang, twins)

    start = len(words(_marked(head).strip()))
    head_ease, tail_ease = eases(start)
    best, best_cut = min(head_ease, tail_ease), start
    # Both at their full size, or both as tight: moving words makes one of them tighter.
    if head_ease == tail_ease:
        return _marked(head), _marked(tail)
    # Words go from the tighter block to the other.
    step = -1 if head_ease < tail_ease else 1
    cut = start
    for _ in range(MOST_MOVED):
        cut += step
        if not 1 <= cut < len(every_word):
            break
        head_ease, tail_ease = eases(cut)
        if min(head_ease, tail_ease) > best:
            best, best_cut = min(head_ease, tail_ease), cut
        # The block taking the words only gets tighter with more of them.
        if (tail_ease if step < 0 else head_ease) <= best:
            break
    return _parts(every_word, best_cut)


def _ease(block: TextBlock, text: str, room: BBox, lang: str | None, twins: WidthTwins) -> float:
    """The share of its size the block's text is set at with `text`; below 0 when it overflows even so."""
    fit = setting(_with_text(block, text), room, lang, twins=twins).fit
    share = fit.size / base_size(block)
    return share if fit.fits else share - 1.0


def _parts(every_word: list[str], cut: int) -> tuple[str, str]:
    return "".join(every_word[:cut]).strip(), "".join(every_word[cut:]).strip()


def _movable(block: TextBlock) -> bool:
    """A translated block of plain text, set upright: its text may take words from its neighbour."""
    plain = not block.math and not block.code and block.cell is None
    return is_changed(block) and plain and not is_turned(block) and block.kind == "text"


def _marked(block: TextBlock) -> str:
    return marked(block.text, block.emphasis)


def _with_text(block: TextBlock, marked_text: str) -> TextBlock:
    """The block with this text, its emphasis as the marks place it."""
    text, emphasis = unmarked(marked_text)
    if (text, emphasis) == (block.text, block.emphasis):
        return block
    return block.model_copy(update={"text": text, "emphasis": emphasis})


def _with_texts(document: Document, texts: Mapping[str, str]) -> Document:
    """The document with these blocks' (marked) texts, by block id."""
    pages = [
        page.model_copy(
            update={
                "blocks": [
                    _with_text(block, texts[block.id]) if block.id in texts else block
                    for block in page.blocks
                ]
            }
        )
        for page in document.pages
    ]
    return document.model_copy(update={"pages": pages})
