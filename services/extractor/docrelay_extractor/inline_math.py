"""Formulas inside a line of text: runs of glyphs that start and end with mathematics.

A run goes on over math glyphs and what joins them (operators, digits, brackets, accents, spaces,
sub- and superscripts, a text-font name such as "se" glued between math glyphs) and stops at a word of
text or a gap wider than an em. Its brackets are balanced: a touching opening bracket before it and the
closing brackets of those it opened are taken in.
"""

import statistics
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pdfminer.layout import LTAnno, LTChar

from docrelay_common.document import InlineMath, formula_token
from docrelay_extractor.geometry import from_bottom_left
from docrelay_extractor.glyph_text import Item

# Glyphs this much smaller than the line's body text are sub- or superscripts.
SCRIPT_RATIO = 0.85
# Characters that join math glyphs around them but never start a formula.
JOINERS = frozenset("=+-−<>()[]{}|/,.;:'′″*^_!0123456789…·×±")
JOINING_CATEGORIES = frozenset({"Sk", "Lm", "Mn", "Sm"})
ACCENT_CATEGORIES = frozenset({"Sk", "Lm"})
OPENERS, CLOSERS = "([{⟨", ")]}⟩"
SENTENCE_PUNCTUATION = ",.;:"
TRAILING_PUNCTUATION = ",.;:-\u2010"
PRIMES = "′″'"
# Glyphs closer than this (points) touch; a text-font name touches the math around it more closely still.
TOUCH = 1.0
GLUED = 0.5
# Names glued into formulas are short: "se", "exp", "det", "arg"; a longer word is text.
MAX_NAME_LETTERS = 4
# A formula never spans a gap wider than this many ems (an equation number far to the right).
MAX_GAP_EM = 1.0


@dataclass(frozen=True)
class Span:
    """Items start..end (inclusive) of a line hold one formula."""

    start: int
    end: int


def formula_spans(items: Sequence[Item], math: Sequence[bool]) -> list[Span]:
    """The formulas of a line's items (stream order), given which items are math glyphs.

    A formula starts at a math glyph. Punctuation in a math font starts one only when a digit or a math
    glyph touches it ("0.65", "0, 1, ..., 9"): the stops of a short leader are set in math italic too.
    """
    chars = [item for item in items if isinstance(item, LTChar)]
    if not any(math) or not chars:
        return []
    body = statistics.mode(round(char.size, 1) for char in chars)
    spans: list[Span] = []
    index = 0
    while index < len(items):
        if not _starts(items, math, index):
            index += 1
            continue
        end = _run_end(items, math, index, body)
        end = _trimmed_end(items, math, index, end)
        floor = spans[-1].end + 1 if spans else 0
        span = _widened(items, max(floor, index), end, body, floor)
        spans.append(span)
        index = span.end + 1
    return spans


def _starts(items: Sequence[Item], math: Sequence[bool], index: int) -> bool:
    if not math[index]:
        return False
    if items[index].get_text() not in SENTENCE_PUNCTUATION:
        return True
    return any(
        0 <= other < len(items) and _touching(items, min(index, other), max(index, other)) and _weighty(items, math, other)
        for other in (index - 1, index + 1)
    )


def _weighty(items: Sequence[Item], math: Sequence[bool], index: int) -> bool:
    """A digit, or a math glyph that is no punctuation."""
    text = items[index].get_text()
    return text.isdigit() or (math[index] and text not in SENTENCE_PUNCTUATION)


def line_formula(items: Sequence[Item], span: Span, index: int, baseline: float, height: float) -> InlineMath:
    """The formula of `span` as the line's `index`th; `baseline` from the top of a page `height` high."""
    chars = [item for item in items[span.start : span.end + 1] if isinstance(item, LTChar)]
    x0 = min(char.x0 for char in chars)
    box = from_bottom_left(
        x0, min(char.y0 for char in chars), max(char.x1 for char in chars), max(char.y1 for char in chars), height
    )
    return InlineMath(
        token=formula_token(index),
        bbox=box,
        origin_x=x0,
        baseline=baseline,
        advance=box.x1 - x0,
        glyphs=len(chars),
        text="".join(char.get_text() for char in chars),
        movable=all(char.upright for char in chars),
    )


def with_tokens(items: Sequence[Item], spans: Sequence[Span]) -> list[Item]:
    """The items with each formula's replaced by its token, the line's `index`th formula's token."""
    replaced: list[Item] = []
    previous = 0
    for index, span in enumerate(spans):
        replaced += items[previous : span.start]
        replaced.append(LTAnno(formula_token(index)))
        previous = span.end + 1
    return replaced + list(items[previous:])


def _run_end(items: Sequence[Item], math: Sequence[bool], start: int, body: float) -> int:
    end = start
    last_glyph = items[start]
    for index in range(start + 1, len(items)):
        item = items[index]
        if isinstance(item, LTChar):
            assert isinstance(last_glyph, LTChar)
            if item.x0 - last_glyph.x1 > MAX_GAP_EM * body:
                break
            if not (math[index] or _joins(item, body) or _glued_word(items, math, index)):
                break
            last_glyph = item
        elif not item.get_text().isspace():
            break
        end = index
    return end


def _joins(char: LTChar, body: float) -> bool:
    text = char.get_text()
    return char.size < SCRIPT_RATIO * body or text.isspace() or _joiner(text)


def _joiner(text: str) -> bool:
    return text in JOINERS or (len(text) == 1 and unicodedata.category(text) in JOINING_CATEGORIES)


def _glued_word(items: Sequence[Item], math: Sequence[bool], index: int) -> bool:
    """Is this text-font letter in a short name glued into a formula (\\mathrm{se}, "exp")?

    The name touches the formula on both sides, a math glyph on one of them at least.
    """
    if not items[index].get_text().isalpha():
        return False
    start, end = index, index
    while start > 0 and _text_letter(items, math, start - 1):
        start -= 1
    while end + 1 < len(items) and _text_letter(items, math, end + 1):
        end += 1
    if end - start + 1 > MAX_NAME_LETTERS:
        return False
    before, after = _touching_glyph(items, start, start - 1), _touching_glyph(items, end, end + 1)
    return (
        before is not None
        and after is not None
        and (math[before] or math[after])
        and all(math[side] or _joiner(items[side].get_text()) for side in (before, after))
    )


def _text_letter(items: Sequence[Item], math: Sequence[bool], index: int) -> bool:
    item = items[index]
    return isinstance(item, LTChar) and item.get_text().isalpha() and not math[index]


def _touching_glyph(items: Sequence[Item], inner: int, outer: int) -> int | None:
    """`outer` when it is a glyph touching the glyph `inner` beside it."""
    if not 0 <= outer < len(items):
        return None
    near, far = items[inner], items[outer]
    if not isinstance(far, LTChar) or not isinstance(near, LTChar):
        return None
    gap = far.x0 - near.x1 if outer > inner else near.x0 - far.x1
    return outer if gap < GLUED else None


def _trimmed_end(items: Sequence[Item], math: Sequence[bool], start: int, end: int) -> int:
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


def _widened(items: Sequence[Item], start: int, end: int, body: float, floor: int) -> Span:
    """Take in the openers, digits and accents touching the run from before ("(", "0" of "0.65", a hat
    TeX draws before its letter), a number a space before it ("4 × 2"), the closers, primes and scripts
    touching it after, and the closers of brackets it opened; an opener closed only further on stays out."""
    wide = start
    while wide > floor:
        if _touching(items, wide - 1, wide) and _opens(items[wide - 1].get_text()):
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
            _touching(items, end, end + 1)
            and (text in CLOSERS or text in PRIMES or next_item.size < SCRIPT_RATIO * body)
        ):
            break
        end += 1
    return end, depth


def _opens(text: str) -> bool:
    """An opening bracket, a digit ("0" of "0.65" before a math-font point), or an accent (TeX draws a hat
    before the letter it sits on)."""
    return text in OPENERS or text.isdigit() or (len(text) == 1 and unicodedata.category(text) in ACCENT_CATEGORIES)


def _touching(items: Sequence[Item], left: int, right: int) -> bool:
    before, after = items[left], items[right]
    return isinstance(before, LTChar) and isinstance(after, LTChar) and after.x0 - before.x1 < TOUCH


def _depth(items: Sequence[Item]) -> int:
    return sum((item.get_text() in OPENERS) - (item.get_text() in CLOSERS) for item in items)
