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

from docrelay_extractor.lines import TextLine, Word

# Lines whose middles are this share of their height apart or closer share a band.
MAX_CENTRE_OFFSET = 0.35
# A step between two rows (top to top) this many times the usual one leaves a blank row between them.
BLANK_ROW = 1.5
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
