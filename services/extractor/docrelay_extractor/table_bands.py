"""Row bands: the lines of a page that share a baseline, and the white strips between their words; a
region is a run of bands and the strips ("rivers") they all leave free.

A band is what a table row looks like before anything is known about tables: the cells of one row are
lines side by side whose middles are at the same height.
"""

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from docrelay_extractor.hard_breaks import broken_on_purpose
from docrelay_extractor.lines import TextLine, Word

# Lines whose middles are this share of their height apart or closer share a band.
MAX_CENTRE_OFFSET = 0.35
# A step between two rows (top to top) this many times the usual one leaves a blank row between them.
BLANK_ROW = 1.5
# A band as far under the band above as the one below is under it, within this share of its size, is
# spaced as they are (spaced_as_a_row): rows of one table step alike to a few hundredths of a point.
STEP_TOLERANCE = 0.03
# Bands this many of their sizes apart are rows, not lines of one cell, where spaced alike (set_as_rows):
# text is set at a line-height of 1.2 or so, 1.45 at the most but in tables without padding.
ROW_STEP = 1.45
# A river is at least this wide, in ems of its bands' text: wider than a word space, even a justified one.
MIN_RIVER_EM = 0.6

Span = tuple[float, float]


@dataclass(frozen=True, eq=False)
class Band:
    lines: tuple[TextLine, ...]

    @property
    def top(self) -> float:
        return min(line.bbox.top for line in self.lines)

    @property
    def bottom(self) -> float:
        return max(line.bbox.bottom for line in self.lines)

    @property
    def size(self) -> float:
        return statistics.median(line.style.size for line in self.lines)

    @cached_property
    def words(self) -> list[Word]:
        return sorted(word for line in self.lines for word in line.words)

    def occupied(self, span: Span) -> bool:
        """Does any word of the band reach into the open span?"""
        return any(word.x0 < span[1] and word.x1 > span[0] for word in self.words)


@dataclass(frozen=True)
class Region:
    bands: tuple[Band, ...]
    rivers: tuple[Span, ...]

    @property
    def lines(self) -> list[TextLine]:
        return [line for band in self.bands for line in band.lines]

    @property
    def min_river(self) -> float:
        return MIN_RIVER_EM * statistics.median(band.size for band in self.bands)

    def splits(self, band: Band) -> bool:
        """Does the band have words on both sides of one of the rivers: a row of cells, not a line alone
        in its column?"""
        return any(divides(band, river) for river in self.rivers)

    def columns(self) -> list[Span]:
        """The strips between the rivers, the outer ones open."""
        edges = [-float("inf"), *(edge for river in self.rivers for edge in river), float("inf")]
        return list(zip(edges[::2], edges[1::2], strict=True))


def goes_on(upper: str, lower: str) -> bool:
    """Does the lower text go on with the upper one's (a comma or hyphen at its end, lower case after):
    a cell's wrapped description, a column's prose?"""
    return upper.rstrip().endswith((",", "-")) or lower.lstrip()[:1].islower()


def spaced_as_a_row(above: Band, band: Band, below: Band) -> bool:
    """Is the band as far under the band above as the band below is under it: spaced as a row of its own
    between two rows, not as a cell's wrapped line, which follows the line above it closer than the next
    row does by the padding of the cells? (Cells without padding space the two alike.)"""
    up, down = band.top - above.top, below.top - band.top
    return abs(up - down) <= STEP_TOLERANCE * band.size


def fits_after_cell_above(line: TextLine, above: Band, river: float) -> bool:
    """Would the line's first word have fit after the line of the band above that it starts under, a
    `river` short of the next line of that band (the next cell)? Then the line is no wrapped part of it."""
    over = [other for other in above.lines if other.bbox.x0 <= line.bbox.x0 < other.bbox.x1]
    if not over:
        return False
    mate = over[0]
    limit = min((other.bbox.x0 for other in above.lines if other.bbox.x0 >= mate.bbox.x1), default=None)
    return limit is not None and broken_on_purpose(mate.bbox.x1, mate, line, limit - river)


def set_as_rows(above: Band, band: Band, below: Band, wrap_ruled_out: bool) -> bool:
    """Is the band a row of its own between two rows, spaced as they are (spaced_as_a_row), where it is no
    wrapped part of a cell above it (`wrap_ruled_out`: its first word would have fit there) or stands a
    row's step from them (ROW_STEP)? A cell broken by hand, and one wrapped in a table without padding
    at a line-height of ROW_STEP or more, read as two rows."""
    far = band.top - above.top >= ROW_STEP * band.size
    return spaced_as_a_row(above, band, below) and (wrap_ruled_out or far)


def blank_row_step(bands: Sequence[Band]) -> float:
    """The step (top to top) beyond which a blank row lies between two of the bands: BLANK_ROW times
    their median step (infinite for a single band)."""
    steps = [lower.top - upper.top for upper, lower in pairwise(bands)]
    return BLANK_ROW * statistics.median(steps) if steps else float("inf")


def row_bands(lines: Iterable[TextLine]) -> list[Band]:
    """The lines grouped by the height of their middle, top to bottom; each line in one band."""
    bands: list[list[TextLine]] = []
    for line in sorted(lines, key=_centre):
        first = bands[-1][0] if bands else None
        tolerance = MAX_CENTRE_OFFSET * min(line.bbox.height, first.bbox.height) if first else 0.0
        if first is not None and _centre(line) - _centre(first) <= tolerance:
            bands[-1].append(line)
        else:
            bands.append([line])
    return [Band(tuple(sorted(band, key=lambda line: line.bbox.x0))) for band in bands]


def gaps(band: Band, min_width: float) -> list[Span]:
    """The strips between the band's words at least `min_width` wide, left to right."""
    spans: list[Span] = []
    right = None
    for word in band.words:
        if right is not None and word.x0 - right >= min_width:
            spans.append((right, word.x0))
        right = word.x1 if right is None else max(right, word.x1)
    return spans


def free_parts(rivers: Sequence[Span], band: Band, min_width: float) -> list[Span]:
    """What the band's words leave of each river, keeping the parts at least `min_width` wide."""
    parts: list[Span] = []
    for start, end in rivers:
        pieces = [(start, end)]
        for word in band.words:
            pieces = [cut for piece in pieces for cut in _minus(piece, (word.x0, word.x1))]
        parts += [piece for piece in pieces if piece[1] - piece[0] >= min_width]
    return parts


def divides(band: Band, river: Span) -> bool:
    """Does the band have words on both sides of the river?"""
    words = band.words
    return any(word.x1 <= river[0] for word in words) and any(word.x0 >= river[1] for word in words)


def _minus(piece: Span, word: Span) -> list[Span]:
    if word[1] <= piece[0] or word[0] >= piece[1]:
        return [piece]
    return [part for part in ((piece[0], word[0]), (word[1], piece[1])) if part[1] > part[0]]


def _centre(line: TextLine) -> float:
    return (line.bbox.top + line.bbox.bottom) / 2
