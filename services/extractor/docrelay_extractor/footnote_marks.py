"""Footnote marks: the small raised digits and signs that follow a word ("Act¹", "Smith*") or open a
footnote ("¹ Pub. L. No. 105-304"), and the letters alone that mark a table's notes ("Rate^a", "^b East
and West Midlands together": read as text, "Ratea" was a word to translate and the note's "a" the
article, "unas Respuestas"). A raised pair of letters is an ordinal's or an abbreviation's ("19^th",
"M^me"), no mark.

pdfminer reads such a mark as a line of its own: it stands off its line's baseline, in a smaller size.
As a block of its own it was kept where it was drawn while the translated line around it moved on, so it
landed inside another word. Joined to the line it marks and taken for an inline formula (line_math),
it travels with the word it follows, as a token the translation keeps, drawn from its own glyphs.
(Its own span, not a math glyph: a formula run would go on over a word touching it, "¹Pub".)
"""

import math
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pdfminer.layout import LTChar

from docrelay_common.document import InlineMath
from docrelay_extractor.formula_edges import Span
from docrelay_extractor.glyph_text import Item, is_letter

# What a mark is made of: note numbers, the printer's signs, and the separators of "1,2" and "3-5".
MARK_CHARS = frozenset("0123456789*†‡§¶#,-\u2013")
MARK_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
MAX_MARK_GLYPHS = 3
# A mark is set at most this share of its line's size...
MAX_SIZE_RATIO = 0.8
# ...with its baseline raised by this share of that size (a subscript sits lower, a word of the next
# line much lower).
RAISED = (0.15, 0.7)
# A mark touches the glyph it follows or precedes: at most this share of the line's size apart.
TOUCH = 0.3


@dataclass(frozen=True)
class _Body:
    """A line's text: the size and baseline (pdfminer's y) of its letters."""

    size: float
    baseline: float


def body_of(items: Sequence[Item]) -> _Body | None:
    """The size and baseline of the line's letters (its most common size); None without letters: a mark
    is digits and signs."""
    letters = [item for item in items if is_letter(item) and item.get_text().isalpha()]
    if not letters:
        return None
    size = statistics.mode(round(letter.size, 1) for letter in letters)
    if size <= 0:
        return None  # a damaged file's glyphs of no size mark nothing
    baseline = statistics.median(letter.matrix[5] for letter in letters if round(letter.size, 1) == size)
    return _Body(size, baseline)


def is_raised_mark(char: LTChar, body: _Body) -> bool:
    """Whether the glyph is a mark of a line with this body: small, raised, a digit or a sign."""
    raised = (char.matrix[5] - body.baseline) / body.size
    return (
        _could_mark(char.get_text())
        and char.size <= MAX_SIZE_RATIO * body.size
        and RAISED[0] <= raised <= RAISED[1]
    )


def _could_mark(text: str) -> bool:
    return text in MARK_CHARS or text in MARK_LETTERS


def _a_mark(texts: Sequence[str]) -> bool:
    """Are the glyphs' texts a mark's: a few digits or signs, or a letter alone?"""
    signs = 0 < len(texts) <= MAX_MARK_GLYPHS and all(text in MARK_CHARS for text in texts)
    return signs or (len(texts) == 1 and texts[0] in MARK_LETTERS)


def is_note_mark(formula: InlineMath, size: float) -> bool:
    """Is the formula a footnote's mark in a line of text this `size`: marks' glyphs, set smaller (a
    variable "$a$" is of the text's size)?"""
    return _a_mark(list(formula.text)) and formula.bbox.height <= MAX_SIZE_RATIO * size


def attach_marks(runs: Sequence[list[Item]]) -> list[list[Item]]:
    """The runs (a line each, stream order within), each mark that is a run of its own put into the run
    whose glyph it touches, after that glyph (or before it, opening a footnote)."""
    marks = {index: glyphs for index, run in enumerate(runs) if (glyphs := _mark_glyphs(run))}
    joined = [list(run) for run in runs]
    if not marks:
        return joined
    # Only the lines beside a mark are looked at, and their body worked out: a page of a table has
    # hundreds of short numbers that could be marks, and as many lines.
    extents = [_Extent.of(run) for run in runs]
    bands = _Bands(extents)
    bodies: dict[int, _Body | None] = {}
    taken: set[int] = set()
    for index, glyphs in marks.items():
        mark = extents[index]
        assert mark is not None  # a mark has glyphs
        for host in bands.beside(mark):
            if host in marks or host in taken:
                continue
            body = bodies[host] if host in bodies else bodies.setdefault(host, body_of(runs[host]))
            if body is None or not all(is_raised_mark(glyph, body) for glyph in glyphs):
                continue
            position = _position(joined[host], glyphs, body)
            if position is not None:
                joined[host][position:position] = glyphs
                taken.add(index)
                break
    return [run for index, run in enumerate(joined) if index not in taken]


def _mark_glyphs(run: Sequence[Item]) -> list[LTChar] | None:
    """The run's glyphs if it could be a mark: a few digits or signs, or a letter alone."""
    glyphs = [item for item in run if isinstance(item, LTChar)]
    return glyphs if _a_mark([glyph.get_text() for glyph in glyphs]) else None


@dataclass(frozen=True)
class _Extent:
    """The box of a run's glyphs (pdfminer's coordinates) and their largest size."""

    x0: float
    x1: float
    y0: float
    y1: float
    size: float

    @classmethod
    def of(cls, run: Sequence[Item]) -> "_Extent | None":
        glyphs = [item for item in run if isinstance(item, LTChar)]
        if not glyphs:
            return None
        return cls(
            min(glyph.x0 for glyph in glyphs),
            max(glyph.x1 for glyph in glyphs),
            min(glyph.y0 for glyph in glyphs),
            max(glyph.y1 for glyph in glyphs),
            max(glyph.size for glyph in glyphs),
        )


class _Bands:
    """The runs by the horizontal bands of the page they reach into, BAND points high."""

    BAND = 12.0

    def __init__(self, extents: Sequence[_Extent | None]) -> None:
        self.extents = extents
        self.members: defaultdict[int, list[int]] = defaultdict(list)
        for index, extent in enumerate(extents):
            if extent is not None:
                for band in self._bands(extent):
                    self.members[band].append(index)

    def beside(self, mark: _Extent) -> list[int]:
        """The runs sharing some height with the mark and reaching within its size of it, in order."""
        reach = mark.size
        found = {index for band in self._bands(mark) for index in self.members[band]}
        return sorted(
            index
            for index in found
            if (extent := self.extents[index]) is not None
            and extent.y0 < mark.y1
            and mark.y0 < extent.y1
            and extent.x0 < mark.x1 + reach
            and mark.x0 - reach < extent.x1
        )

    def _bands(self, extent: _Extent) -> range:
        return range(math.floor(extent.y0 / self.BAND), math.floor(extent.y1 / self.BAND) + 1)


def _position(host: list[Item], mark: list[LTChar], body: _Body) -> int | None:
    """Where in the host's items the mark goes: after the glyph it follows (the nearest on its left),
    or before the first glyph when it opens the line; None when it touches neither."""
    gap = TOUCH * body.size
    left, right = min(glyph.x0 for glyph in mark), max(glyph.x1 for glyph in mark)
    glyphs = [(position, item) for position, item in enumerate(host) if isinstance(item, LTChar)]
    before = [(glyph.x1, position) for position, glyph in glyphs if -gap / 2 <= left - glyph.x1 <= gap]
    if before:
        return max(before)[1] + 1
    first_position, first = glyphs[0]
    if -gap / 2 <= first.x0 - right <= gap:
        return first_position
    return None


def mark_spans(items: Sequence[Item], formulas: Sequence[Span]) -> list[Span]:
    """The runs of raised marks of a line's items outside its `formulas`: each travels as a formula."""
    chars = [item for item in items if isinstance(item, LTChar)]
    largest = max((char.size for char in chars), default=0.0)
    # Most lines have no glyph that could be a mark: their body is not worked out at all.
    if not any(_could_mark(char.get_text()) and char.size <= MAX_SIZE_RATIO * largest for char in chars):
        return []
    body = body_of(items)
    if body is None:
        return []
    taken = {index for span in formulas for index in range(span.start, span.end + 1)}

    def mark(index: int) -> bool:
        item = items[index]
        return index not in taken and isinstance(item, LTChar) and is_raised_mark(item, body)

    spans: list[Span] = []
    index = 0
    while index < len(items):
        if not mark(index):
            index += 1
            continue
        end = index
        while end + 1 < len(items) and mark(end + 1):
            end += 1
        glyphs = [item.get_text() for item in items[index : end + 1] if isinstance(item, LTChar)]
        if len(glyphs) == 1 or not any(glyph in MARK_LETTERS for glyph in glyphs):
            spans.append(Span(index, end))
        index = end + 1
    return spans
