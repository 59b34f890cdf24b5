"""Rows whose cells wrap, in a table found by its text: the bands a row's wrapped cells make, and a last
row's wrapped line under the table's last band.

A band is a line's height; a row whose cells wrap onto a second line is two bands. Where rules are drawn
between a table's rows, the bands between two rules are one row when its cells are wrapped text (a
tenants' checklist ruled under each row, every cell a phrase over two lines, had been read a row a line,
each half of a phrase translated alone). A cell's text is wrapped when each of its lines but the last
ended where the next one's first word would not have fit in its cell, and a sentence visibly goes on in
it (a line of three words or more over one in lower case, or ending in a comma, a hyphen or a little
word): a column set as wide as its widest line looks wrapped at every line, so names, options and times
one a line ("Christopher Williams" over "Elizabeth Montgomery", "plus sign" over "equals sign") need more
than that to be one cell. Items of three words or more in lower case, one a line in such a column ("add
to the list" over "replace the list"), are still read as wrapped.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from docrelay_common.document import BBox
from docrelay_extractor.alignment import column_alignment
from docrelay_extractor.geometry import union, x_overlap
from docrelay_extractor.hard_breaks import goes_on_from_above, runs_on, wrapped_within
from docrelay_extractor.lines import TextLine
from docrelay_extractor.table_bands import Band, Region, Span, row_bands

# A sentence goes on visibly from a line of this many words or more.
SENTENCE_WORDS = 3
# Rules drawn this many line heights or less over or under a table's text are its own.
OWN_RULE_LINES = 2.0
# Points by which a rule under a line may reach into its box (its glyphs' boxes reach below the baseline).
RULE_OVERLAP = 1.0
# A cell's wrapped line lies at most this many of its size under the line it goes on from...
TAIL_GAP = 0.6
# ... and a rule under a table is drawn across this share of its width at least.
RULED_ACROSS = 0.9


@dataclass(frozen=True)
class CellWidths:
    """The width each column's text wraps at (its cell less its padding on both sides), by column."""

    columns: list[Span]
    widths: list[float]


def cell_widths(region: Region, rules: Sequence[BBox]) -> CellWidths:
    """Each column's cell reaches halfway across the gaps beside it, or to the ends of the rules drawn
    across the table, less the padding: the least room any column's text keeps from its cell's sides, left
    or right (a column of centred or right-aligned text keeps more on its left); and beside a column set
    from the right or centred, no wider than its widest line."""
    box = union(line.bbox for line in region.lines)
    reach = OWN_RULE_LINES * statistics.median(band.size for band in region.bands)
    across = [
        rule
        for rule in rules
        if x_overlap(rule, box) > 0 and box.top - reach <= rule.top and rule.bottom <= box.bottom + reach
    ]
    borders = [
        min((rule.x0 for rule in across), default=box.x0),
        *((start + end) / 2 for start, end in region.rivers),
        max((rule.x1 for rule in across), default=box.x1),
    ]
    columns = region.columns()
    sides = list(pairwise(borders))
    lines_of = [_in_column(region.lines, column) for column in columns]
    insets = [
        inset
        for lines, (left, right) in zip(lines_of, sides, strict=True)
        if lines
        for inset in (min(line.bbox.x0 for line in lines) - left, right - max(line.bbox.x1 for line in lines))
    ]
    padding = max(0.0, min(insets, default=0.0))
    widths = [right - left - 2 * padding for left, right in sides]
    # Beside a column set from the right or centred, the gap reaches across that column's empty left: a
    # cell wraps no wider than its column's widest line.
    return CellWidths(
        columns,
        [
            min(width, max(line.bbox.width for line in lines))
            if lines and column_alignment([line.bbox for line in after]) != "left"
            else width
            for width, lines, after in zip(widths, lines_of, [*lines_of[1:], []], strict=True)
        ],
    )


def wrapped_cells(bands: Sequence[Band], widths: CellWidths) -> bool:
    """Does some column hold two lines or more in the bands, and is each such column's text one cell's
    wrapped text (see the module's docstring)?"""
    stacked = False
    for column, width in zip(widths.columns, widths.widths, strict=True):
        lines = sorted(_in_column([line for band in bands for line in band.lines], column), key=_top)
        if len(lines) < 2:
            continue
        stacked = True
        goes_on = any(_visibly_goes_on(upper, lower) for upper, lower in pairwise(lines))
        if not (goes_on and wrapped_within(lines, width)):
            return False
    return stacked


def with_wrapped_tail(region: Region, lines: Sequence[TextLine], rules: Sequence[BBox]) -> Region:
    """The region with the wrapped lines of its last row's cells, where a rule is drawn across the table
    under them (its rows' or only its foot's): a region ends at its last band with a line in two columns
    or more (table_regions), so a last row's cell wrapped over two lines had left its second line out of
    the table, a paragraph of its own ("the roof" under "Clean the gutters around"), and over three lines
    its last two. Each such line lies within one column, under a line of the band above it."""
    while (grown := _with_wrapped_line(region, lines, rules)) is not region:
        region = grown
    return region


def _with_wrapped_line(region: Region, lines: Sequence[TextLine], rules: Sequence[BBox]) -> Region:
    """The region with the band of wrapped lines right under its last band, if there is one."""
    last = region.bands[-1]
    box = union(line.bbox for line in region.lines)
    columns = region.columns()
    under = [
        line
        for line in lines
        if 0 <= line.bbox.top - last.bottom <= TAIL_GAP * last.size
        and any(x_overlap(line.bbox, upper.bbox) > 0 for upper in last.lines)
        and any(start <= line.bbox.x0 and line.bbox.x1 <= end for start, end in columns)
        and box.x0 <= line.bbox.x0
        and line.bbox.x1 <= box.x1
    ]
    if not under:
        return region
    [tail, *more] = row_bands(under)
    if more or not _ruled_under(tail, box, rules):
        return region
    grown = Region((*region.bands, tail), region.rivers)
    return grown if wrapped_cells([last, tail], cell_widths(grown, rules)) else region


def _ruled_under(band: Band, box: BBox, rules: Sequence[BBox]) -> bool:
    """Is a rule drawn across most of the box's width under the band, within two of its line heights?"""
    below = [
        rule for rule in rules if 0 <= rule.top - band.bottom + RULE_OVERLAP <= OWN_RULE_LINES * band.size
    ]
    return sum(max(0.0, min(rule.x1, box.x1) - max(rule.x0, box.x0)) for rule in below) >= (
        RULED_ACROSS * box.width
    )


def _visibly_goes_on(upper: TextLine, lower: TextLine) -> bool:
    return len(upper.text.split()) >= SENTENCE_WORDS and (
        goes_on_from_above(lower.text) or runs_on(upper.text)
    )


def _in_column(lines: Sequence[TextLine], column: Span) -> list[TextLine]:
    start, end = column
    return [line for line in lines if start <= (line.bbox.x0 + line.bbox.x1) / 2 < end]


def _top(line: TextLine) -> float:
    return line.bbox.top
