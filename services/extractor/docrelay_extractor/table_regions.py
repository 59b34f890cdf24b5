"""Where a page has tables: runs of row bands kept apart into columns by the same white strips.

Going down the page, a band with gaps between its words opens a region; each following band narrows the
region's "rivers" (the strips its words leave free) and the region ends where no river is left, or
where the rows stop following each other at the table's pitch. A river between two columns of the page
rather than of a table splits the region into two lanes, each looked at on its own (table_lanes);
whether a region is a table is told by table_checks.
"""

import math
import statistics
from bisect import insort
from collections.abc import Iterator, Mapping, Sequence, Set
from itertools import pairwise

from docrelay_common.document import BBox
from docrelay_extractor.geometry import clustered
from docrelay_extractor.lines import TextLine
from docrelay_extractor.table_bands import (
    MIN_RIVER_EM,
    Band,
    Region,
    Span,
    blank_row_step,
    divides,
    free_parts,
    gaps,
    group_headings,
    is_seam,
    minus,
    reached_gap,
    row_bands,
)
from docrelay_extractor.table_lanes import gutter, interleaved, lane_gap, sides

MIN_ROWS = 3
# Bands with text on one side of every river only (wrapped cells, a section's label) a table holds in a row.
MAX_LONE_BANDS = 2
# Before the region has a pitch, the next band may start this many line heights below the last one's top
# (rows of a web page's roomy table, 10 points of padding over and under 10-point text, stand 3.2 apart);
# then this many pitches (a blank row).
FIRST_PITCH_LINES = 3.5
MAX_PITCHES = 2.2
# A strip this many rivers wide that few rows cross may part lanes (see _parts_lanes).
LANE_RIVERS = 5
# Bands at a table's top that may cross its column gaps (headers over two columns), at most a quarter.
MAX_HEADER_BANDS = 3
# A gap this many times the steps between the bands above it may part two tables stacked (_stacked_at).
STACK_GAP = 1.5
# Points by which the segments of one rule drawn down a table may stand apart.
RULE_ALIGNMENT = 1.0
# The share of a region's height a grid's walls must run down a lane for it to be a column border.
WALLED_SHARE = 0.5


def candidate_regions(
    lines: Sequence[TextLine], page_lines: Sequence[TextLine] = (), walls: Sequence[BBox] = ()
) -> list[Region]:
    """Regions of the lines, split into lanes at rivers between columns of the page (table_lanes;
    `page_lines`: all the lines of the page, which tell a gutter running on down it), but where a grid's
    wall runs down the river (`walls`: the rules between a drawn grid's columns, drawn_grids)."""
    page_lines = page_lines or lines
    regions: list[Region] = []
    for region in _grown(row_bands(lines)):
        lane = lane_gap(region) or gutter(region, page_lines)
        if lane is not None and _walled(region, lane, walls):
            lane = None
        parted = _stacked_at(region, lane)
        if parted is not None:
            # Two tables, one over the other, each looked at on its own: the other's lines run on past
            # it with its gaps free, but they part no columns of the page (table_lanes.gutter).
            above = [line for band in region.bands[:parted] for line in band.lines]
            below = [line for band in region.bands[parted:] for line in band.lines]
            regions += candidate_regions(above, without(page_lines, below), walls)
            regions += candidate_regions(below, without(page_lines, above), walls)
            continue
        if lane is None:
            regions.append(region)
            continue
        for side in sides(region, lane):
            regions += candidate_regions(side, page_lines, walls)
    return regions


def _walled(region: Region, lane: Span, walls: Sequence[BBox]) -> bool:
    """Do grid walls run down the lane along half the region's height or more: a ruled table's column border,
    not the gutter between two columns of the page (a column of labels set once a group, beside its rows,
    is shared by few of them)?"""
    top, bottom = region.bands[0].top, region.bands[-1].bottom
    along = sum(
        max(0.0, min(wall.bottom, bottom) - max(wall.top, top))
        for wall in walls
        if lane[0] <= wall.x0 <= lane[1]
    )
    return along >= WALLED_SHARE * (bottom - top)


def without(lines: Sequence[TextLine], taken: Sequence[TextLine]) -> list[TextLine]:
    left_out = set(taken)
    return [line for line in lines if line not in left_out]


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


def with_drawn_borders(region: Region, rules: Sequence[BBox]) -> Region:
    """The region with a river at each rule drawn down it between two columns of cells: the text's own
    rivers close at a band running across the rule where it stops, a merged cell (a timetable's project
    over two days, a programme's keynote or lunch over its rooms), or at a cell's text set past it, and
    the two columns had become one, their cells read as one phrase ("History Mathematics"). `rules`:
    the page's vertical rules."""
    words = [word for band in region.bands for word in band.words]
    left, right = min(word.x0 for word in words), max(word.x1 for word in words)
    top, bottom = region.bands[0].top, region.bands[-1].bottom
    inside = [rule for rule in rules if left < rule.x0 < right and rule.top < bottom and rule.bottom > top]
    rivers = list(region.rivers)
    # The segments of one rule drawn down the table together.
    for drawn in clustered(inside, lambda rule: rule.x0, RULE_ALIGNMENT):
        x = statistics.median(rule.x0 for rule in drawn)
        if any(start <= x <= end for start, end in rivers):
            continue
        # Rows of cells must stand on both sides of it where it is drawn; a band where it stops is a merged
        # cell whose words may stand anywhere (a gap of "Closed all week" may fall on it), and text running
        # over it (a cell's words set past its border) spans the columns too.
        beside = [band for band in region.bands if _drawn_beside(band, drawn)]
        if sum(divides(band, (x, x)) for band in beside) < MIN_ROWS:
            continue
        start = max(word.x1 for band in beside for word in band.words if word.x1 <= x)
        end = min(word.x0 for band in beside for word in band.words if word.x0 >= x)
        rivers.append((start, end))
    return Region(region.bands, tuple(sorted(rivers)))


def _drawn_beside(band: Band, rules: Sequence[BBox]) -> bool:
    """Is a rule drawn beside the middle of the band's height?"""
    middle = (band.top + band.bottom) / 2
    return any(rule.top <= middle <= rule.bottom for rule in rules)


def _grown(bands: Sequence[Band]) -> Iterator[Region]:
    start = 0
    while start < len(bands):
        members, reached = _members(bands, start)
        if len(members) >= MIN_ROWS:
            rivers = _rivers(members, reached)
            yield Region(tuple(members), tuple(rivers))
            start += len(members)
        else:
            start += 1


# The rivers each band of a region has a cell running into (table_bands.reached_gap), by band.
Reached = Mapping[Band, Sequence[Span]]


def _members(bands: Sequence[Band], start: int) -> tuple[list[Band], Reached]:
    """The bands from `start` down that keep a river open, without trailing one-sided bands; and the
    rivers some of them keep open only as reached_gap tells, which the other bands find."""
    width = MIN_RIVER_EM * bands[start].size
    rivers = gaps(bands[start], width)
    members = [bands[start]]
    reached: dict[Band, list[Span]] = {}
    lone = 0
    for band in bands[start + 1 :]:
        if not _follows(members, band):
            break
        narrowed, kept = _narrowed(rivers, band, width)
        # A band within a row whose cells are set in its middle is that row's (a description's last lines
        # beside the date and amount centred on it), however many lines its cell has.
        in_row = band.in_row_of(members)
        lone = 0 if in_row or any(divides(band, river) for river in narrowed) else lone + 1
        if not narrowed or lone > MAX_LONE_BANDS:
            break
        rivers = narrowed
        members.append(band)
        if kept:
            reached[band] = kept
    while (
        members
        and not any(divides(members[-1], river) for river in rivers)
        and not members[-1].in_row_of(members[:-1])
    ):
        members.pop()
    return members, {band: kept for band, kept in reached.items() if band in members}


def _narrowed(rivers: Sequence[Span], band: Band, width: float) -> tuple[list[Span], list[Span]]:
    """What the band leaves of the rivers (free_parts), and those it keeps whole though a cell of it runs
    into them (reached_gap): only when it has cells on both sides of a river it leaves free, too. A row
    of a table of two columns whose one gap it narrows would be told from a line of prose under it by
    nothing but a wide word space where the column starts."""
    free: list[Span] = []
    kept: list[Span] = []
    for river in rivers:
        parts = free_parts([river], band, width)
        free += parts
        if not parts and reached_gap(band, river) is not None:
            kept.append(river)
    if not any(divides(band, river) for river in free):
        kept = []
    return sorted(free + kept), kept


def _stacked_at(region: Region, lane: Span | None) -> int | None:
    """Where a second table starts under the first, if it does: after a gap wider than the bands above it
    follow each other, where the bands above or those below leave a strip free (their lone bands aside)
    that the others run across: each part has columns of its own (a form's labels over an expense
    table's dates and categories, a ledger over its ageing grid, joined, lost the columns the other
    crossed). Not where the bands above are two columns of the page (table_lanes): a `lane` found for
    two tables joined may be no gutter, but one the bands above interleave across is."""
    members, rivers = region.bands, region.rivers
    if len(members) < MIN_ROWS:
        return None
    width = MIN_RIVER_EM * statistics.median(band.size for band in members)
    # The bands split into cells (lone bands, a one-cell row, aside), found once for every gap.
    split = {band for band in members if gaps(band, width)}
    steps = [after.top - before.top for before, after in pairwise(members)]
    above_steps = sorted(steps[: MIN_ROWS - 2])
    # The table above is one in its own right: two rows alone would be left to run into paragraphs. Two
    # rows below may be (an invoice's totals under items whose columns they cross): its columns matter
    # more.
    for index in range(MIN_ROWS, len(members) - 1):
        insort(above_steps, steps[index - 2])
        if steps[index - 1] < STACK_GAP * statistics.median(above_steps):
            continue
        above, below = members[:index], members[index:]
        if _page_columns(above, lane):
            continue
        above_split = [band for band in above if band in split]
        below_split = [band for band in below if band in split]
        if _crossed(_free_strips(above_split, width), below_split, rivers) or _crossed(
            _free_strips(below_split, width), above_split, rivers
        ):
            return index
    return None


def _page_columns(bands: Sequence[Band], lane: Span | None) -> bool:
    """Are the bands lines of two columns of the page rather than a table's rows: a lane of their own, or
    few of them across the lane found for a region they are part of?"""
    own = lane_gap(Region(tuple(bands), tuple(_rivers(bands))))
    return own is not None or (lane is not None and interleaved(bands, lane))


def _crossed(strips: Sequence[Span], split: Sequence[Band], rivers: Sequence[Span]) -> bool:
    """Does a band split into cells (`split`) run across the middle of one of the strips, where no river
    of the whole region is (a long cell only narrows a river; cells staggered around a strip end only
    where another starts, as in a contents' page whose numbers stand out to the left)?"""
    return any(
        any(word.x0 < (start + end) / 2 < word.x1 for band in split for word in band.words)
        and not any(start < river[1] and river[0] < end for river in rivers)
        for start, end in strips
    )


def _free_strips(split: Sequence[Band], width: float) -> list[Span]:
    """The strips at least `width` wide that the bands split into cells (`split`) all leave free between
    their words, if there are two such bands: the gaps of their words taken as one band."""
    if len(split) < 2:
        return []
    return gaps(Band(tuple(line for band in split for line in band.lines)), width)


def _rivers(members: Sequence[Band], reached: Reached | None = None) -> list[Span]:
    """The strips the body's bands leave free (header bands may cross them, a header over two columns,
    and so may a group's heading), each dividing at least MIN_ROWS bands: swept left to right, counting
    the words over each point; the part of a band's cell running into a river it reached (`reached`,
    see _members) left out."""
    width = MIN_RIVER_EM * statistics.median(band.size for band in members)
    first = _header_bands(members)
    blank = blank_row_step(members)
    headings = group_headings(members)
    body = [
        band
        for index, band in enumerate(members[first:], first)
        if not 0 < index < len(members) - 1 or not _is_heading(members, index, blank, headings)
    ]
    reached = reached or {}
    events = sorted(
        (x, step)
        for band in body
        for x0, x1 in _outside(band, reached.get(band, ()))
        for x, step in ((x0, 1), (x1, -1))
    )
    rivers: list[Span] = []
    covering = 0
    for (x, step), (after, _) in pairwise(events):
        covering += step
        if covering == 0 and after - x >= width:
            rivers.append((x, after))
    return [river for river in rivers if _divides_rows(members, river) or _parts_lanes(members, river, width)]


def _is_heading(members: Sequence[Band], index: int, blank: float, headings: Set[int]) -> bool:
    """Is the band at `index` (between two others) a group's heading, which may run across the columns
    of the rows around it ("Friday 15 November" over the times and talks of a programme, "Human
    resources" over names narrower than it)? The only line of its row, set apart: in bold between rows
    that are not, after a blank row (a step over `blank`, blank_row_step), or set as a row of its own
    (its index in `headings`, table_bands.group_headings). Not a row of cells after a gap, one of them
    wider than those around it (a payslip's "Daniel O'Connor" under its title, over "E-20931")."""
    above, band, below = members[index - 1], members[index], members[index + 1]
    if len(band.lines) != 1:
        return False
    bold = band.lines[0].style.bold and not any(line.style.bold for line in above.lines + below.lines)
    return bold or band.top - above.top > blank or index in headings


def _outside(band: Band, rivers: Sequence[Span]) -> list[Span]:
    """The band's words, without their parts inside the rivers."""
    pieces = [(word.x0, word.x1) for word in band.words]
    for river in rivers:
        pieces = [part for piece in pieces for part in minus(piece, river)]
    return pieces


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
    """The strip around x that the body's bands leave free, if it is a river's width or a seam."""
    start, end = -float("inf"), float("inf")
    body = region.bands[_header_bands(region.bands) :]
    for band in body:
        if any(word.x0 < x < word.x1 for word in band.words):
            return None
        start = max([start, *(word.x1 for word in band.words if word.x1 <= x)])
        end = min([end, *(word.x0 for word in band.words if word.x0 >= x)])
    # A river lies between words: one with no word beside it on either side is the page's margin.
    if not (math.isfinite(start) and math.isfinite(end)):
        return None
    return (start, end) if end - start >= region.min_river or is_seam(body, (start, end)) else None
