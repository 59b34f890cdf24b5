# Spacing accents look like quotes and backticks to ruff's confusables check.
# ruff: noqa: RUF002
"""The text of a run of glyphs, where pdfminer's joining goes wrong for diacritics, letters set apart and
right-to-left lines.

TeX's default (OT1) fonts have no accented letters: "\\'o" draws a spacing acute over an "o", which
pdfminer reads as two characters ("regi´on", "Poincar´e"; the translation kept them so). A spacing
accent whose middle stands over a letter next to it in the stream is that letter's mark ("región"); on
a dotless i or j it marks an i or a j ("\\'{\\i}" is "í").
"""

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
# Spacing accents, as fonts without accented letters draw them, and the combining marks they are.
SPACING_ACCENTS = {
    "\u00b4": "\u0301",  # acute
    "`": "\u0300",
    "\u02c6": "\u0302",  # circumflex
    "^": "\u0302",
    "\u02dc": "\u0303",  # tilde
    "~": "\u0303",
    "\u00a8": "\u0308",  # dieresis
    "\u02dd": "\u030b",  # double acute
    "\u02da": "\u030a",  # ring
    "\u02c7": "\u030c",  # caron
    "\u02d8": "\u0306",  # breve
    "\u00af": "\u0304",  # macron
    "\u02d9": "\u0307",  # dot
    "\u00b8": "\u0327",  # cedilla
    "\u02db": "\u0328",  # ogonek
}
DOTLESS = {"\u0131": "i", "\u0237": "j", "\uf6be": "j"}


def run_text(items: Sequence[Item]) -> str:
    """The items' texts joined and stripped; right-to-left lines stored left to right put in logical order."""
    space = _drawn_space_width(items)
    texts = [
        accented
        for index, accented in enumerate(accented_texts(items))
        if not _space_inside_word(items, index) and not _letter_gap(items, index, space)
    ]
    text = "".join(texts).strip()
    if has_rtl(text) and stored_left_to_right(items):
        return visual_to_logical(texts)
    return text


def accented_texts(items: Sequence[Item]) -> list[str]:
    """Each item's text, a spacing accent drawn over a letter beside it folded into that letter (the
    accent's own text then empty)."""
    texts = [item.get_text() for item in items]
    for index, item in enumerate(items):
        mark = SPACING_ACCENTS.get(texts[index])
        if mark is None or not isinstance(item, LTChar):
            continue
        middle = (item.x0 + item.x1) / 2
        for other in (index + 1, index - 1):
            letter = items[other] if 0 <= other < len(items) else None
            if isinstance(letter, LTChar) and texts[other].isalpha() and letter.x0 < middle < letter.x1:
                base = DOTLESS.get(texts[other], texts[other])
                texts[other] = unicodedata.normalize("NFC", base + mark)
                texts[index] = ""
                break
    return texts


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
