"""Blocks whose text is turned on the page, or set in vertical columns.

Such a block is typeset upright in its frame, a box as long as its lines and as deep as they are stacked,
and the box is then turned onto the page by a CSS transform so that it covers the block's box.

WeasyPrint has no vertical writing mode (`writing-mode: vertical-rl`), so vertical text is set as text
turned clockwise, which makes its lines columns read from right to left, and every glyph that stands
upright in vertical text (ideographs, kana, hangul) is turned back on its own. The others stay turned,
as Latin words, brackets and dashes are in a vertical Japanese book: what CSS calls `text-orientation:
mixed`. A Japanese or Chinese translation so reads down its columns like the source; a Latin one runs
down them sideways, the way it would be printed among vertical text.
"""

import html
import unicodedata
from collections.abc import Callable

from docrelay_common.document import BBox, TextBlock

# Glyphs turned back, in place: the turn is about the centre of their box, which stays on the line.
_UPRIGHT = '<span style="display: inline-block; transform: rotate(-90deg)">{}</span>'
# Wide characters that run along the column rather than standing upright, besides brackets and dashes.
_ALONG_THE_COLUMN = frozenset("\u30fc\uff5e")  # katakana long vowel mark, full-width tilde


def is_turned(block: TextBlock) -> bool:
    return block.rotation != 0 or block.vertical


def in_frame(block: TextBlock) -> TextBlock:
    """The block as it is set before being turned: upright, its box at the origin, as long as its lines."""
    box = block.bbox
    width, height = (box.height, box.width) if _turn(block) in (90, 270) else (box.width, box.height)
    upright = {
        "bbox": BBox(x0=0, top=0, x1=width, bottom=height),
        "rotation": 0,
        "vertical": False,
        "indent": 0.0,
    }
    return block.model_copy(update=upright)


def turned(block: TextBlock, framed_html: str) -> str:
    """The markup of the block set in its frame, turned onto the page to cover the block's box."""
    box = block.bbox
    turn = _turn(block)
    # Where the frame's top-left corner lands on the page.
    x, y = {90: (box.x1, box.top), 180: (box.x1, box.bottom), 270: (box.x0, box.bottom)}[turn]
    transform = f"translate({x:.3f}pt, {y:.3f}pt) rotate({turn}deg)"
    return f'<div style="left: 0; top: 0; transform-origin: 0 0; transform: {transform}">{framed_html}</div>'


def line_markup(block: TextBlock) -> Callable[[str], str]:
    """How a line of the block's text is written out: escaped, with the upright glyphs of vertical text."""
    return _vertical_line if block.vertical else html.escape


def _turn(block: TextBlock) -> int:
    return 90 if block.vertical else block.rotation


def _vertical_line(line: str) -> str:
    # Wide characters are never markup: only the others need escaping.
    return "".join(_UPRIGHT.format(char) if _upright(char) else html.escape(char) for char in line)


def _upright(char: str) -> bool:
    return (
        unicodedata.east_asian_width(char) in ("W", "F")
        and unicodedata.category(char) not in ("Ps", "Pe", "Pd")
        and char not in _ALONG_THE_COLUMN
    )
