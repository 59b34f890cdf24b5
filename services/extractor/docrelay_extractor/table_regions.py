"""Where a page has tables: runs of row bands kept apart into columns by the same white strips.

Going down the page, a band with gaps between its words opens a region; each following band narrows the
region's "rivers" (the strips its words leave free) and the region ends where no river is left, or
where the rows stop following each other at the table's pitch. A river that the rows do not share (few
bands have words on both sides of it, as the gutter between two columns of a page whose lines sit at
other heights) splits the region into two lanes, each looked at on its own. A region is a table when it
has rows enough, mostly split into cells, at a regular pitch, and its cells are short: two columns of
prose share a river and a pitch too, but their lines are long.
"""

import math
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import pairwise

from docrelay_extractor.lines import TextLine
from docrelay_extractor.table_bands import Band, Span, divides, free_parts, gaps, row_bands

# A river is at least this wide, in ems of its bands' text: wider than a word space, even a justified one.
MIN_RIVER_EM = 0.6
MIN_ROWS = 3
# Bands with text on one side of every river only (wrapped cells, a section's label) a table holds in a row.
MAX_LONE_BANDS = 2
# Before the region has a pitch, the next band may start this many line heights below the last one's top;
# then this many pitches (a blank row).
FIRST_PITCH_LINES = 2.5
MAX_PITCHES = 2.2
# Below this share of bands with words on both sides of a river (among those with words beside it), the
# river parts two lanes, not two columns.
MIN_SHARED_ROWS = 0.4
# Cells hold a few words: the median cell at most MAX_MEDIAN_WORDS, nine in ten at most MAX_CELL_WORDS.
MAX_MEDIAN_WORDS = 5
MAX_CELL_WORDS = 10
# A regular pitch: this share of the steps between bands within these bounds of the median step.
REGULAR_SHARE = 0.6
PITCH_BOUNDS = (0.7, 1.4)
# Lines sharing less than this (points) with a gutter only touch it: right-aligned lines end at its edge.
TOUCH = 0.5
# Bands at a table's top that may cross its column gaps (headers over two columns), at most a quarter.
MAX_HEADER_BANDS = 3


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

    def columns(self) -> list[Span]:
        """The strips between the rivers, the outer ones open."""
        edges = [-float("inf"), *(edge for river in self.rivers for edge in river), float("inf")]
        return list(zip(edges[::2], edges[1::2], strict=True))


def candidate_regions(lines: Sequence[TextLine], page_lines: Sequence[TextLine] = ()) -> list[Region]:
    """Regions of the lines, split into lanes where their rows do not line up, or at a gutter running
    down the whole page (`page_lines`: all the lines of the page) with columns on both sides."""
    page_lines = page_lines or lines
    regions: list[Region] = []
    for region in _grown(row_bands(lines)):
        lane = _lane_gap(region) or _gutter(region, page_lines)
        if lane is None:
            regions.append(region)
            continue
        inside = region.lines
        regions += candidate_regions([line for line in inside if line.bbox.x1 <= lane[0]], page_lines)
        regions += candidate_regions([line for line in inside if line.bbox.x0 >= lane[1]], page_lines)
    return regions


def with_separators(region: Region, separators: Sequence[float]) -> Region:
    """The region with a river added at each separator (x) that its body's bands leave free."""
    rivers = list(region.rivers)
    left = min(word.x0 for band in region.bands for word in band.words)
    right = max(word.x1 for band in region.bands for word in band.words)
    for x in separators:
        if left < x < right and not any(start <= x <= end for start, end in rivers):
            river = _free_around(region, x)
            if river is not None and not any(river[0] < end and river[1] > start for start, end in rivers):
                rivers.append(river)
    return Region(region.bands, tuple(sorted(rivers)))


def is_table(region: Region) -> bool:
    divided = [band for band in region.bands if any(divides(band, river) for river in region.rivers)]
    if len(divided) < max(MIN_ROWS, len(region.bands) / 2):
        return False
    return _short_cells(region) and _regular_pitch(region.bands)


def _grown(bands: Sequence[Band]) -> Iterator[Region]:
    start = 0
    while start < len(bands):
        members = _members(bands, start)
        if len(members) >= MIN_ROWS:
            rivers = _rivers(members)
            yield Region(tuple(members), tuple(rivers))
            start += len(members)
        else:
            start += 1


def _members(bands: Sequence[Band], start: int) -> list[Band]:
    """The bands from `start` down that keep a river open, without trailing one-sided bands."""
    width = MIN_RIVER_EM * bands[start].size
    rivers = gaps(bands[start], width)
    members = [bands[start]]
    lone = 0
    for band in bands[start + 1 :]:
        narrowed = free_parts(rivers, band, width) if _follows(members, band) else []
        lone = 0 if any(divides(band, river) for river in narrowed) else lone + 1
        if not narrowed or lone > MAX_LONE_BANDS:
            break
        rivers = narrowed
        members.append(band)
    while members and not any(divides(members[-1], river) for river in rivers):
        members.pop()
    return members


def _rivers(members: Sequence[Band]) -> list[Span]:
    """The strips the body's bands leave free (header bands may cross them: a header over two columns),
    each dividing at least MIN_ROWS bands: swept left to right, counting the words over each point."""
    width = MIN_RIVER_EM * statistics.median(band.size for band in members)
    body = members[_header_bands(members) :]
    events = sorted(
        (x, step) for band in body for word in band.words for x, step in ((word.x0, 1), (word.x1, -1))
    )
    rivers: list[Span] = []
    covering = 0
    for (x, step), (after, _) in pairwise(events):
        covering += step
        if covering == 0 and after - x >= width:
            rivers.append((x, after))
    return [river for river in rivers if sum(divides(band, river) for band in members) >= MIN_ROWS]


def _header_bands(members: Sequence[Band]) -> int:
    return min(MAX_HEADER_BANDS, len(members) // 4)


def _follows(members: Sequence[Band], band: Band) -> bool:
    last = members[-1]
    steps = [after.top - before.top for before, after in pairwise(members)]
    limit = MAX_PITCHES * statistics.median(steps) if steps else FIRST_PITCH_LINES * (last.bottom - last.top)
    return band.top - last.top <= limit


def _lane_gap(region: Region) -> Span | None:
    """The river the rows share least, if they share it too little to be one table's columns."""
    columns = region.columns()
    shares: list[tuple[float, Span]] = []
    for index, river in enumerate(region.rivers):
        left, right = columns[index], columns[index + 1]
        sides = [(band.occupied(left), band.occupied(right)) for band in region.bands]
        beside = sum(a or b for a, b in sides)
        if beside:
            shares.append((sum(a and b for a, b in sides) / beside, river))
    share, river = min(shares, default=(1.0, (0.0, 0.0)))
    return river if share < MIN_SHARED_ROWS else None


def _gutter(region: Region, page_lines: Sequence[TextLine]) -> Span | None:
    """A river beside a group of columns that runs on above or below the region, with text on both sides
    there and none across it: the gutter between two columns of the page, one holding a table of its
    own, rather than a gap of one table (whose title or notes would cross it, or be all there is)."""
    top, bottom = region.bands[0].top, region.bands[-1].bottom
    beyond = [line for line in page_lines if line.bbox.bottom <= top or line.bbox.top >= bottom]
    if len(region.rivers) < 2:
        return None
    for start, end in region.rivers:
        if (
            any(line.bbox.x1 <= start for line in beyond)
            and any(line.bbox.x0 >= end for line in beyond)
            and not any(line.bbox.x0 < end - TOUCH and line.bbox.x1 > start + TOUCH for line in page_lines)
        ):
            return start, end
    return None


def _free_around(region: Region, x: float) -> Span | None:
    """The strip around x that the body's bands leave free, if it is a river's width."""
    start, end = -float("inf"), float("inf")
    for band in region.bands[_header_bands(region.bands) :]:
        if any(word.x0 < x < word.x1 for word in band.words):
            return None
        start = max([start, *(word.x1 for word in band.words if word.x1 <= x)])
        end = min([end, *(word.x0 for word in band.words if word.x0 >= x)])
    # A river lies between words: one with no word beside it on either side is the page's margin.
    between = math.isfinite(start) and math.isfinite(end)
    return (start, end) if between and end - start >= region.min_river else None


def _short_cells(region: Region) -> bool:
    counts = [
        count
        for band in region.bands
        for column in region.columns()
        if (
            count := sum(
                1 for word in band.words if _inside(word.x0, word.x1, column) and _is_word(word.text)
            )
        )
    ]
    if not counts:
        return False
    ninth = statistics.quantiles(counts, n=10)[-1] if len(counts) > 1 else counts[0]
    return statistics.median(counts) <= MAX_MEDIAN_WORDS and ninth <= MAX_CELL_WORDS


def _regular_pitch(bands: Sequence[Band]) -> bool:
    steps = [after.top - before.top for before, after in pairwise(bands)]
    median = statistics.median(steps)
    low, high = PITCH_BOUNDS
    return sum(low * median <= step <= high * median for step in steps) >= REGULAR_SHARE * len(steps)


def _inside(x0: float, x1: float, column: Span) -> bool:
    return x0 >= column[0] and x1 <= column[1]


def _is_word(text: str) -> bool:
    return any(char.isalnum() for char in text)
