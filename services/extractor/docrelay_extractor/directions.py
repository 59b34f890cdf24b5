"""Sorting a page's glyphs by the direction their text runs in, each direction into its own reading frame.

pdfminer lines glyphs up horizontally only: each glyph of turned text or of a vertical CJK column comes
as a line of its own, or stuck to upright text beside it. Glyphs turned by a quarter turn are taken out
of those lines and lined up again, the same way, in their frame. Lone upright CJK glyphs stacked tightly
into columns are vertical text; lone glyphs that form no column stay the lines pdfminer made of them.
"""

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from pdfminer.layout import LAParams, LTAnno, LTChar, LTTextLineHorizontal

from docrelay_common.line_joins import CJK
from docrelay_extractor.frames import Frame, glyph_turn
from docrelay_extractor.glyph_text import Item, is_drawn

# The glyphs of a column follow each other at most this far apart (median, in ems); one-glyph lines of
# horizontal text stacked above each other (list marks, table cells) are a line's spacing apart.
MAX_COLUMN_GAP_EM = 0.5
MIN_COLUMN_GLYPHS = 2
# Glyphs overlapping this share of their height are on one row.
ROW_OVERLAP = 0.25


@dataclass(frozen=True)
class FrameText:
    """The text of one direction in frame coordinates: the items of each line pdfminer made or would make."""

    frame: Frame
    lines: list[list[Item]]


def frame_texts(
    lines: Sequence[LTTextLineHorizontal], width: float, height: float, laparams: LAParams
) -> list[FrameText]:
    """The text of pdfminer's layout lines on a `width` x `height` page, by direction; upright text first."""
    upright: list[list[Item]] = []
    turned: dict[int, list[LTChar]] = defaultdict(list)
    lone: dict[LTChar, list[Item]] = {}
    for line in lines:
        items: list[Item] = []
        for item in line:
            if isinstance(item, LTAnno) or (turn := glyph_turn(item)) == 0:
                items.append(item)
            elif turn is not None:
                turned[turn].append(item)
        glyphs = [item for item in items if is_drawn(item)]
        if len(glyphs) == 1 and CJK.match(glyphs[0].get_text()):
            lone[glyphs[0]] = items
        elif any(isinstance(item, LTChar) for item in items):
            upright.append(items)
    vertical = Frame(90, width, height, vertical=True)
    originals = {vertical.item(char): char for char in lone}
    columns: list[list[Item]] = []
    for column in _lined_up(list(originals), laparams):
        if _is_column(column):
            columns.append(column)
        else:
            upright.extend(lone[originals[item]] for item in column if isinstance(item, LTChar))
    texts = [FrameText(Frame(0, width, height), upright), FrameText(vertical, columns)]
    for turn, chars in sorted(turned.items()):
        frame = Frame(turn, width, height)
        texts.append(FrameText(frame, _lined_up([frame.item(char) for char in chars], laparams)))
    return [text for text in texts if text.lines]


def _lined_up(chars: list[LTChar], laparams: LAParams) -> list[list[Item]]:
    """The glyphs in lines, as pdfminer lines up glyphs that come one after the other.

    They come in no useful order: taken from left to right, each joins the line whose last glyph it
    overlaps most among those ending close enough before it. A good part of its height is overlap enough,
    not half of it as pdfminer asks: some vertical fonts place brackets well off their column.
    """
    lines: list[LTTextLineHorizontal] = []
    ends: list[LTChar] = []
    for char in sorted(chars, key=lambda char: char.x0):
        reachable = (index for index, end in enumerate(ends) if _follows(end, char, laparams))
        overlaps = {index: ends[index].voverlap(char) for index in reachable}
        best = max(overlaps, key=overlaps.__getitem__, default=None)
        if best is None or overlaps[best] < ROW_OVERLAP * min(char.height, ends[best].height):
            best = len(lines)
            lines.append(LTTextLineHorizontal(laparams.word_margin))
            ends.append(char)
        # pdfminer's line puts a space between glyphs set a word space apart.
        lines[best].add(char)
        ends[best] = char
    return [list(line) for line in lines]


def _follows(end: LTChar, char: LTChar, laparams: LAParams) -> bool:
    return char.x0 - end.x1 < laparams.char_margin * max(char.width, end.width) and end.is_voverlap(char)


def _is_column(line: list[Item]) -> bool:
    """Do these lone glyphs, lined up in the vertical frame, stand in a column of vertical text?"""
    chars = [item for item in line if isinstance(item, LTChar)]
    if len(chars) < MIN_COLUMN_GLYPHS:
        return False
    gaps = [(after.x0 - before.x1) / max(before.size, after.size, 1.0) for before, after in pairwise(chars)]
    return statistics.median(gaps) <= MAX_COLUMN_GAP_EM
