"""Lists with one item per line: a line that ended although the next line's first word would have fit.

A typesetter wraps a paragraph where the next word no longer fits, so every line but the last is about
as long as the paragraph is wide. A column of names, a legend, a menu or an address breaks its lines on
purpose: the next item's first word would have fit after the line. Such a break ends a block, so that the
items stay lines of their own and are never reflowed into a paragraph. A next line starting in lower
case goes on with the sentence (a title broken by hand): that break stays inside the block, which keeps
the sentence whole for the translator. Scripts without spaces between words (CJK) give no first word to
measure: their lines are left to the paragraph.
"""

from collections.abc import Sequence
from itertools import pairwise

from docrelay_extractor.lines import TextLine
from docrelay_extractor.rtl import has_rtl
from docrelay_extractor.text import CJK, LINE_END_HYPHEN

# A word space, in ems; and room to spare beyond it, in points: a word that only just fits proves nothing.
SPACE_EM = 0.3
SLACK = 1.0


def split_at_hard_breaks(paragraph: Sequence[TextLine]) -> list[list[TextLine]]:
    """The paragraph cut after every line that ended although the next line's first word would have fit."""
    width = max(line.bbox.x1 for line in paragraph) - min(line.bbox.x0 for line in paragraph)
    parts: list[list[TextLine]] = [[paragraph[0]]]
    for line, following in pairwise(paragraph):
        if _broken_on_purpose(line, following, width):
            parts.append([])
        parts[-1].append(following)
    return parts


def _broken_on_purpose(line: TextLine, following: TextLine, width: float) -> bool:
    if (
        not following.words
        or LINE_END_HYPHEN.search(line.text.rstrip())
        or following.text.lstrip()[:1].islower()
        or CJK.search(following.text)
    ):
        return False
    # The word that would have moved up is the first one read: the rightmost one in right-to-left text.
    first = following.words[-1] if has_rtl(following.text) else following.words[0]
    room = width - line.bbox.width - SPACE_EM * line.style.size - SLACK
    return first.x1 - first.x0 <= room
