# Mathematical symbols look like Latin letters and ASCII punctuation to ruff's confusables check.
# ruff: noqa: RUF001
"""Formulas inside a line of text: runs of glyphs that start and end with mathematics.

A run goes on over math glyphs and what joins them (operators, digits, brackets, accents, spaces,
sub- and superscripts, a text-font name such as "se" glued between math glyphs) and stops at a word of
text or a gap wider than an em; its edges are then settled (formula_edges). A number set in math (a
dcolumn or siunitx column's "7.42", its point in math italic; "$0.65$" in prose) is a number: its glyphs
are those of the text's digits, and read as a formula it was a token the table finder could not read as
a value (a water report's five rows of readings were formulas, its column of sites one paragraph).
"""

import re
import statistics
import unicodedata
from collections.abc import Sequence

from pdfminer.layout import LTChar

from docrelay_extractor.formula_edges import SCRIPT_RATIO, Span, touching, trimmed_end, widened
from docrelay_extractor.glyph_text import Item, is_drawn

# Characters that join math glyphs around them but never start a formula.
JOINERS = frozenset("=+-−<>()[]{}|/,.;:'′″*^_!0123456789…·×±")
JOINING_CATEGORIES = frozenset({"Sk", "Lm", "Mn", "Sm"})
SENTENCE_PUNCTUATION = ",.;:"
# Points in a math font, one after the other: an ellipsis (a leader has more, or ends at a page number).
ELLIPSIS = 3
# A text-font name touches the math around it this closely (points).
GLUED = 0.5
# Names glued into formulas are short: "se", "exp", "det", "arg"; a longer word is text.
MAX_NAME_LETTERS = 4
# A formula never spans a gap wider than this many ems (an equation number far to the right).
MAX_GAP_EM = 1.0
# A number: digits, maybe grouped or with a decimal point or comma, maybe signed.
NUMBER = re.compile(r"[-\u2212+]?\d+(?:[.,]\d+)*")
# Points by which the glyphs of a number set in math may differ from the line's size (a script's are
# far smaller).
SAME_SIZE = 0.1


def formula_spans(items: Sequence[Item], math: Sequence[bool]) -> list[Span]:
    """The formulas of a line's items (stream order), given which items are math glyphs.

    A formula starts at a math glyph. Punctuation in a math font starts one only when a digit or a math
    glyph touches it ("0.65", "0, 1, ..., 9") or when it is an ellipsis: the stops of a short leader are
    set in math italic too.
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
        end = trimmed_end(items, math, index, end)
        floor = spans[-1].end + 1 if spans else 0
        span = widened(items, max(floor, index), end, body, floor)
        if not _only_a_number(items, span, body):
            spans.append(span)
        index = span.end + 1
    return spans


def _only_a_number(items: Sequence[Item], span: Span, body: float) -> bool:
    """Is the span a number in the line's `body` size (no power: "A^{-1}")?"""
    glyphs = [item for item in items[span.start : span.end + 1] if isinstance(item, LTChar)]
    return NUMBER.fullmatch("".join(glyph.get_text() for glyph in glyphs)) is not None and all(
        abs(glyph.size - body) <= SAME_SIZE for glyph in glyphs
    )


def _starts(items: Sequence[Item], math: Sequence[bool], index: int) -> bool:
    if not math[index]:
        return False
    if items[index].get_text() not in SENTENCE_PUNCTUATION:
        return True
    touches_weight = any(
        0 <= other < len(items)
        and touching(items, min(index, other), max(index, other))
        and _weighty(items, math, other)
        for other in (index - 1, index + 1)
    )
    return touches_weight or _ellipsis(items, math, index)


def _ellipsis(items: Sequence[Item], math: Sequence[bool], index: int) -> bool:
    """Do three math-font points start here ($\\ldots$), which no page number follows (a short leader)?"""
    dots = [i for i, item in enumerate(items) if is_drawn(item)]
    position = dots.index(index)
    run = dots[position : position + ELLIPSIS]
    after = "".join(items[i].get_text() for i in dots[position + ELLIPSIS :])
    return (
        len(run) == ELLIPSIS
        and all(math[i] and items[i].get_text() == "." for i in run)
        and not (position > 0 and items[dots[position - 1]].get_text() == "." and math[dots[position - 1]])
        and not (after[:1] == "." or (after.isdigit()))
    )


def _weighty(items: Sequence[Item], math: Sequence[bool], index: int) -> bool:
    """A digit, or a math glyph that is no punctuation."""
    text = items[index].get_text()
    return text.isdigit() or (math[index] and text not in SENTENCE_PUNCTUATION)


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
