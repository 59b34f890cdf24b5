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

from docrelay_common.line_joins import CJK
from docrelay_extractor.geometry import x_overlap, y_middle
from docrelay_extractor.hard_breaks import runs_on
from docrelay_extractor.lines import LEADER_GLYPHS, RULED_GAP_EM, TextLine, Word
from docrelay_extractor.style import is_monospace

# Lines whose middles are this share of their height apart or closer share a band.
MAX_CENTRE_OFFSET = 0.35
# A step between two rows (top to top) this many times the usual one leaves a blank row between them.
BLANK_ROW = 1.5
# Steps (top to top) within this share of a band's size are alike: rows of one table step alike to a few
# hundredths of a point.
STEP_TOLERANCE = 0.03
# Rows of a table this many of their sizes apart or more stand farther apart than lines of text (set at a
# line-height of 1.2 or so): cells padded (group_headings). Cells without padding set at a line-height of
# 1.45 or more space a cell's lines as rows.
ROW_STEP = 1.45
# A river is at least this wide, in ems of its bands' text: wider than a word space, even a justified one.
MIN_RIVER_EM = 0.6
# Beside a cell running into a river (reached_gap), the next column's cell stands this many points or less
# from the river's edge; the two stay at least lines.RULED_GAP_EM apart, where a border drawn between them
# would split their line.
REACH_ALIGNMENT = 0.25

# A seam between two columns (is_seam): the points by which its edges may stray, the share of rows that
# meet both, and the least gap between the two columns' words, points (a cell's padding; words that
# touch are one word).
SEAM_ALIGNMENT = 0.25
SEAM_SHARE = 0.8
MIN_SEAM = 1.0
MIN_SEAM_ROWS = 3
# Points by which a line may reach below the bottom of the row a centred cell tells (Band.in_row_of).
REACH_SLACK = 0.5

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

    def in_row_of(self, bands: Sequence["Band"]) -> bool:
        """Does the band lie within the row of `bands`, above the bottom that their cells set in the middle
        of the row tell (TextLine.centred: a description's second line beside the date and the amount
        centred on it)?"""
        reaches = [line.centred.row_bottom for band in bands for line in band.lines if line.centred]
        return bool(reaches) and self.bottom <= max(reaches) + REACH_SLACK

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


def group_headings(bands: Sequence[Band]) -> set[int]:
    """The indices of the bands that are a group's heading set as a row of its own ("Finance" over its
    staff, under the column heads or between rows; "Europe" over "France"): a band of one cell (no river
    between its words) in a script with spaces, not in lower case nor going on from the line over it
    (runs_on: "1 Mar 2024 to" over "31 Mar 2024"), as far under the band above as the band below is under
    it and as rows of cells follow each other (row_pitch), ROW_STEP sizes or more. A cell's wrapped lines
    follow each other closer than rows do, by the cells' padding; a bottom-aligned label's first line
    stands a row's step under the row above, its second a line's step under it."""
    pitch = row_pitch(bands)
    if pitch == float("inf"):
        return set()
    return {index for index in range(1, len(bands) - 1) if _heading_at(bands, index, pitch)}


def _heading_at(bands: Sequence[Band], index: int, pitch: float) -> bool:
    above, band, below = bands[index - 1], bands[index], bands[index + 1]
    line, mate = band.lines[0], line_over(band.lines[0], above)
    if holds_cells(band) or CJK.search(line.text) or line.text.lstrip()[:1].islower():
        return False
    if mate is not None and runs_on(mate.text):
        return False
    up, down = band.top - above.top, below.top - band.top
    tolerance = STEP_TOLERANCE * band.size
    # Rounded: a step of 1.45 sizes exactly comes out a hair either side of it.
    far = round(up / band.size, 2) >= ROW_STEP
    return far and abs(up - down) <= tolerance and abs(up - pitch) <= tolerance


def row_pitch(bands: Sequence[Band]) -> float:
    """The median step between two rows of cells one under the other (infinite where there are none):
    where many cells wrap, most steps down a table are a cell's lines."""
    steps = [b.top - a.top for a, b in pairwise(bands) if holds_cells(a) and holds_cells(b)]
    return statistics.median(steps) if steps else float("inf")


def holds_cells(band: Band) -> bool:
    """Does the band hold several cells, a river's width apart (however its words were cut into lines)?"""
    return bool(gaps(band, MIN_RIVER_EM * band.size))


def line_over(line: TextLine, band: Band | None) -> TextLine | None:
    """The line of `band` in the column of `line` (overlapping it across), of its size and weight."""
    if band is None:
        return None
    for other in band.lines:
        alike = other.style.bold == line.style.bold and abs(other.style.size - line.style.size) < 0.5
        if alike and x_overlap(other.bbox, line.bbox) > 0:
            return other
    return None


def blank_row_step(bands: Sequence[Band]) -> float:
    """The step (top to top) beyond which a blank row lies between two of the bands: BLANK_ROW times
    their median step (infinite for a single band)."""
    steps = [lower.top - upper.top for upper, lower in pairwise(bands)]
    return BLANK_ROW * statistics.median(steps) if steps else float("inf")


def row_bands(lines: Iterable[TextLine]) -> list[Band]:
    """The lines grouped by the height of their middle, top to bottom; each line in one band. A cell set
    in the middle of a taller one beside it is banded level with that cell's first line
    (middle_aligned)."""
    bands: list[list[TextLine]] = []
    for line in sorted(lines, key=_banded):
        first = bands[-1][0] if bands else None
        tolerance = MAX_CENTRE_OFFSET * min(line.bbox.height, first.bbox.height) if first else 0.0
        if first is not None and _banded(line) - _banded(first) <= tolerance:
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
            pieces = [cut for piece in pieces for cut in minus(piece, (word.x0, word.x1))]
        parts += [piece for piece in pieces if piece[1] - piece[0] >= min_width]
    return parts


def divides(band: Band, river: Span) -> bool:
    """Does the band have words on both sides of the river?"""
    words = band.words
    return any(word.x1 <= river[0] for word in words) and any(word.x0 >= river[1] for word in words)


def reached_gap(band: Band, river: Span) -> Span | None:
    """The gap a cell of the band leaves where it runs into the river from one side, short of the next
    column's cell, which stands at the river's edge (a long team name up to the first column of numbers:
    "Castle Wanderers 12"); None if it does not. The two stay farther apart than a word space, as far as
    a border drawn between them would split their line at: a line of prose across the river leaves such
    a gap at its very edge only by chance. Never in a monospaced face, nor at dot leaders: on a grid of
    characters (a listing under a matrix printed by R) or of dots (leaders set in step down a table of
    contents) a word stands at a column's edge by chance."""
    if any(is_monospace(line.style.font) for line in band.lines):
        return None
    words = [word for word in band.words if not set(word.text) <= LEADER_GLYPHS]
    limits = (RULED_GAP_EM * band.size, MIN_RIVER_EM * band.size)
    from_left = _reached_from_left(words, river, *limits)
    if from_left is not None:
        return from_left
    # The same from the right, as in a mirror.
    mirrored = [Word(-word.x1, -word.x0, word.text) for word in reversed(words)]
    from_right = _reached_from_left(mirrored, (-river[1], -river[0]), *limits)
    return None if from_right is None else (-from_right[1], -from_right[0])


def _reached_from_left(words: Sequence[Word], river: Span, gap: float, width: float) -> Span | None:
    """reached_gap for a cell coming from the left: its words follow each other closer than a river is
    wide, from left of the river (one of them may start in it, after a word space) to more than `gap`
    short of the word standing at the river's end."""
    start, end = river
    edge = next((index for index, word in enumerate(words) if abs(word.x0 - end) <= REACH_ALIGNMENT), None)
    if edge is None or edge == 0:
        return None
    first = edge - 1
    while first > 0 and words[first].x0 - words[first - 1].x1 < width:
        first -= 1
    cell = words[first:edge]
    reach = max(word.x1 for word in cell)
    if cell[0].x0 >= start or reach <= start or words[edge].x0 - reach <= gap:
        return None
    return reach, words[edge].x0


def minus(piece: Span, word: Span) -> list[Span]:
    """What is left of the span `piece` without the span `word`: nothing, one part or two."""
    if word[1] <= piece[0] or word[0] >= piece[1]:
        return [piece]
    return [part for part in ((piece[0], word[0]), (word[1], piece[1])) if part[1] > part[0]]


def _banded(line: TextLine) -> float:
    """The height the line is banded at: its middle, or for a cell set in the middle of its row beside a
    taller one, level with that cell's first line (TextLine.centred)."""
    return y_middle(line.bbox) + (line.centred.offset if line.centred else 0.0)


def is_seam(bands: Sequence[Band], strip: Span) -> bool:
    """Do most bands with words on both sides of the strip have one ending at its left edge and one
    starting at its right edge: a column set from the right against one set from the left, no more than
    their cells' padding apart? A spreadsheet's numbers and dates stand so beside its text, closer than a
    word space ("2025-01-03" 2.2 points from "Shipped", "10" from "Tom Gale"), and the two columns had
    been one ("10 Tom Gale" a name to translate, "Start date Office" one head). Words of prose one under
    the other meet both edges only by chance; in a monospaced face, on a grid of characters, or at dot
    leaders, always; and a cell's words in figures of one width, one under the other, do too, but with a
    space between them."""
    start, end = strip
    divided = [band for band in bands if divides(band, strip)]
    if end - start < MIN_SEAM or len(divided) < MIN_SEAM_ROWS:
        return False
    if any(is_monospace(line.style.font) for band in divided for line in band.lines):
        return False
    edged = [
        band
        for band in divided
        if any(abs(word.x1 - start) <= SEAM_ALIGNMENT for word in _worded(band))
        and any(abs(word.x0 - end) <= SEAM_ALIGNMENT for word in _worded(band))
        and _spaced_elsewhere(band, strip)
    ]
    return len(edged) >= SEAM_SHARE * len(divided)


def _worded(band: Band) -> list[Word]:
    """The band's words but dot leaders, whose dots stand one under the other down a table of contents."""
    return [word for word in band.words if not set(word.text) <= LEADER_GLYPHS]


def _spaced_elsewhere(band: Band, strip: Span) -> bool:
    """Does the PDF draw spaces between the band's words, but none in the strip? Words of one cell are
    spaced so (a telephone number's "+44 20 7946 6572", whose figures stand one under the other row after
    row as a column's edges do); where a PDF draws no spaces, a gap tells nothing."""
    spaces = [x for line in band.lines for x in line.drawn_spaces]
    return bool(spaces) and not any(strip[0] < x < strip[1] for x in spaces)
