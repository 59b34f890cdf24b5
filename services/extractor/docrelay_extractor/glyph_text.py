"""The text of a run of glyphs, where pdfminer's joining goes wrong for diacritics and right-to-left lines."""

import unicodedata
from collections.abc import Sequence
from itertools import pairwise
from typing import TypeGuard

from pdfminer.layout import LTAnno, LTChar

from docrelay_extractor.rtl import has_rtl, visual_to_logical

# pdfminer's word_margin: letters further apart than this share of the font size have a space between them.
WORD_GAP_EM = 0.1

Item = LTChar | LTAnno


def run_text(items: Sequence[Item]) -> str:
    """The items' texts joined and stripped; right-to-left lines stored left to right put in logical order."""
    kept = [item for index, item in enumerate(items) if not _space_inside_word(items, index)]
    texts = [item.get_text() for item in kept]
    text = "".join(texts).strip()
    if has_rtl(text) and stored_left_to_right(items):
        return visual_to_logical(texts)
    return text


def _space_inside_word(items: Sequence[Item], index: int) -> bool:
    """A space pdfminer guessed beside a diacritic although the letters around it touch.

    pdfminer measures the gap from a mark's zero-width box, which typesetters shift onto the letter it
    sits on, so a mark drawn off the end of the previous letter looks like the start of a new word.
    """
    item = items[index]
    neighbours = items[max(0, index - 1) : index + 2]
    if not isinstance(item, LTAnno) or item.get_text() != " " or not any(map(_is_mark, neighbours)):
        return False
    left = next((other for other in reversed(items[:index]) if is_letter(other)), None)
    right = next((other for other in items[index + 1 :] if is_letter(other)), None)
    if left is None or right is None:
        return False
    return right.x0 - left.x1 < WORD_GAP_EM * max(left.size, right.size)


def stored_left_to_right(items: Sequence[Item]) -> bool:
    """Do the glyphs come in the stream from left to right (as displayed) rather than in reading order?"""
    letters = [item for item in items if is_letter(item)]
    steps = [right.x0 - left.x0 for left, right in pairwise(letters)]
    return sum(step > 0 for step in steps) >= sum(step < 0 for step in steps)


def _is_mark(item: Item) -> bool:
    text = item.get_text()
    return (
        isinstance(item, LTChar) and bool(text) and all(unicodedata.category(char)[0] == "M" for char in text)
    )


def is_drawn(item: Item) -> TypeGuard[LTChar]:
    """A glyph that draws something: not a space (pdfminer's guessed ones are no LTChar at all)."""
    return isinstance(item, LTChar) and not item.get_text().isspace()


def is_letter(item: Item) -> TypeGuard[LTChar]:
    """A glyph with an advance of its own: anything but a diacritic."""
    return isinstance(item, LTChar) and not _is_mark(item)
