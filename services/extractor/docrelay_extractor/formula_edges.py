# Mathematical symbols look like ASCII punctuation to ruff's confusables check.
# ruff: noqa: RUF001, RUF002
"""Where a formula found in a line begins and ends: its brackets balanced, its trailing punctuation left to
the text, what touches it (an opening bracket, the "0" of "0.65", a hat TeX draws before its letter, a
closing bracket, a prime, a script) taken in.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pdfminer.layout import LTChar

from docrelay_extractor.glyph_text import Item

# Glyphs this much smaller than the line's body text are sub- or superscripts.
SCRIPT_RATIO = 0.85
ACCENT_CATEGORIES = frozenset({"Sk", "Lm"})
OPENERS, CLOSERS = "([{⟨", ")]}⟩"
TRAILING_PUNCTUATION = ",.;:-\u2010"
PRIMES = "′″'"
# Glyphs closer than this (points) touch.
TOUCH = 1.0


@dataclass(frozen=True)
class Span:
    """Items start..end (inclusive) of a line hold one formula."""

    start: int
    end: int


def trimmed_end(items: Sequence[Item], math: Sequence[bool], start: int, end: int) -> int:
    """Without trailing spaces, the text's punctuation and hyphens ("$n$-by-$p$"), closers it did not open
    and openers it does not close."""
    while end > start:
        text = items[end].get_text()
        depth = _depth(items[start : end + 1])
        unmatched = (text in CLOSERS and depth < 0) or (text in OPENERS and depth > 0)
        if not (text.isspace() or (text in TRAILING_PUNCTUATION and not math[end]) or unmatched):
            break
        end -= 1
    return end


def widened(items: Sequence[Item], start: int, end: int, body: float, floor: int) -> Span:
    """Take in the openers, digits and accents touching the run from before ("(", "0" of "0.65", a hat
    TeX draws before its letter), a number a space before it ("4 × 2"), the closers, primes and scripts
    touching it after, and the closers of brackets it opened; an opener closed only further on stays out."""
    wide = start
    while wide > floor:
        if touching(items, wide - 1, wide) and _opens(items[wide - 1].get_text()):
            wide -= 1
        elif wide - 2 >= floor and items[wide - 1].get_text() == " " and _is_digit(items[wide - 2]):
            wide -= 2
        else:
            break
    closed, depth = _closed_end(items, wide, end, body)
    while depth > 0 and wide < start and not _is_digit(items[wide]):
        wide += 1
        closed, depth = _closed_end(items, wide, end, body)
    return Span(wide, closed)


def _is_digit(item: Item) -> bool:
    return isinstance(item, LTChar) and item.get_text().isdigit()


def _closed_end(items: Sequence[Item], start: int, end: int, body: float) -> tuple[int, int]:
    """The end taken over what closes or follows the formula, and the brackets still open there."""
    depth = _depth(items[start : end + 1])
    while end + 1 < len(items) and isinstance(next_item := items[end + 1], LTChar):
        text = next_item.get_text()
        if depth > 0 and text in CLOSERS:
            depth -= 1
        elif not (
            touching(items, end, end + 1)
            and (text in CLOSERS or text in PRIMES or next_item.size < SCRIPT_RATIO * body)
        ):
            break
        end += 1
    return end, depth


def _opens(text: str) -> bool:
    """An opening bracket, a digit ("0" of "0.65" before a math-font point), or an accent (TeX draws a hat
    before the letter it sits on)."""
    return (
        text in OPENERS
        or text.isdigit()
        or (len(text) == 1 and unicodedata.category(text) in ACCENT_CATEGORIES)
    )


def touching(items: Sequence[Item], left: int, right: int) -> bool:
    before, after = items[left], items[right]
    return isinstance(before, LTChar) and isinstance(after, LTChar) and after.x0 - before.x1 < TOUCH


def _depth(items: Sequence[Item]) -> int:
    return sum((item.get_text() in OPENERS) - (item.get_text() in CLOSERS) for item in items)
