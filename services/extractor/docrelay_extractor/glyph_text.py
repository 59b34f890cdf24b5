"""The text of a run of glyphs, where pdfminer's joining goes wrong for diacritics, letters set apart and
right-to-left lines."""

import statistics
import unicodedata
from collections.abc import Sequence
from itertools import pairwise
from typing import TypeGuard

from pdfminer.layout import LTAnno, LTChar

from docrelay_extractor.rtl import has_rtl, visual_to_logical

# pdfminer's word_margin: letters further apart than this share of the font size have a space between them.
WORD_GAP_EM = 0.1
# A line drawing at least this many spaces draws its word spaces; a gap narrower than this share of them
# between two of its letters is no word break.
MIN_DRAWN_SPACES = 2
LETTER_GAP_SHARE = 0.5

Item = LTChar | LTAnno


def run_text(items: Sequence[Item]) -> str:
    """The items' texts joined and stripped; right-to-left lines stored left to right put in logical order."""
    space = _drawn_space_width(items)
    kept = [
        item
        for index, item in enumerate(items)
        if not _space_inside_word(items, index) and not _letter_gap(items, index, space)
    ]
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


def _drawn_space_width(items: Sequence[Item]) -> float | None:
    """How wide the spaces the line draws are, when it draws its word spaces (a few at least)."""
    widths = [item.width for item in items if isinstance(item, LTChar) and item.get_text() == " "]
    return statistics.median(widths) if len(widths) >= MIN_DRAWN_SPACES else None


def _letter_gap(items: Sequence[Item], index: int, space: float | None) -> bool:
    """A space pdfminer guessed between two letters set apart, in a line that draws its word spaces.

    An OCR layer may place each letter where the scan shows it ("T he M e t r o p o l is"): its gaps are
    a fraction of the spaces it draws between words, where a word break without a drawn space is as wide.
    """
    if space is None or not isinstance(items[index], LTAnno) or items[index].get_text() != " ":
        return False
    if not 0 < index < len(items) - 1:
        return False
    left, right = items[index - 1], items[index + 1]
    if not (is_drawn(left) and is_drawn(right)) or _is_dash(left) or _is_dash(right):
        return False  # a dash set off by thin spaces ("deposit \u2013 a") keeps them
    return right.x0 - left.x1 < LETTER_GAP_SHARE * space


def _is_dash(char: LTChar) -> bool:
    return any(unicodedata.category(letter) == "Pd" for letter in char.get_text())


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
