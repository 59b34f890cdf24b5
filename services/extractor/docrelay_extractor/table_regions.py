"""Where a page has tables: runs of row bands kept apart into columns by the same white strips.

Going down the page, a band with gaps between its words opens a region; each following band narrows the
region's "rivers" (the strips its words leave free) and the region ends where no river is left, or
where the rows stop following each other at the table's pitch. A river between two columns of the page
rather than of a table splits the region into two lanes, each looked at on its own (table_lanes);
whether a region is a table is told by table_checks.
"""

import math
import statistics
from collections.abc import Iterator, Sequence
from itertools import pairwise

from docrelay_extractor.lines import TextLine
from docrelay_extractor.table_bands import (
    MIN_RIVER_EM,
    Band,
    Region,
    Span,
    divides,
    free_parts,
    gaps,
    row_bands,
)
from docrelay_extractor.table_lanes import gutter, lane_gap, sides

MIN_ROWS = 3
# Bands with text on one side of every river only (wrapped cells, a section's label) a table holds in a row.
MAX_LONE_BANDS = 2
# Before the region has a pitch, the next band may start this many line heights below the last one's top;
# then this many pitches (a blank row).
FIRST_PITCH_LINES = 2.5
MAX_PITCHES = 2.2
# A strip this many rivers wide that few rows cross may part lanes (see _parts_lanes).
LANE_RIVERS = 5
# Bands at a table's top that may cross its column gaps (headers over two columns), at most a quarter.
MAX_HEADER_BANDS = 3


def candidate_regions(lines: Sequence[TextLine], page_lines: Sequence[TextLine] = ()) -> list[Region]:
    """Regions of the lines, split into lanes at rivers between columns of the page (table_lanes;
    `page_lines`: all the lines of the page, which tell a gutter running on down it)."""
    page_lines = page_lines or lines
    regions: list[Region] = []
    for region in _grown(row_bands(lines)):
        lane = lane_gap(region) or gutter(region, page_lines)
        if lane is None:
            regions.append(region)
            continue
        for side in sides(region, lane):
            regions += candidate_regions(side, page_lines)
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
    return [river for river in rivers if _divides_rows(members, river) or _parts_lanes(members, river, width)]


def _divides_rows(members: Sequence[Band], river: Span) -> bool:
    return sum(divides(band, river) for band in members) >= MIN_ROWS


def _parts_lanes(members: Sequence[Band], river: Span, width: float) -> bool:
    """Is the river a wide strip with rows on each side that few rows reach across: the gutter between a
    table and the page's other column, whose lines interleave with its rows (table_lanes splits there)?"""
    left = sum(any(word.x1 <= river[0] for word in band.words) for band in members)
    right = sum(any(word.x0 >= river[1] for word in band.words) for band in members)
    wide = river[1] - river[0] >= LANE_RIVERS * width
    return wide and left >= MIN_ROWS and right >= MIN_ROWS


def _header_bands(members: Sequence[Band]) -> int:
    return min(MAX_HEADER_BANDS, len(members) // 4)


def _follows(members: Sequence[Band], band: Band) -> bool:
    last = members[-1]
    steps = [after.top - before.top for before, after in pairwise(members)]
    limit = MAX_PITCHES * statistics.median(steps) if steps else FIRST_PITCH_LINES * (last.bottom - last.top)
    return band.top - last.top <= limit


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
