"""Lanes: a river of a region that parts two columns of the page, not two columns of one table.

Such a river is shared by few rows (the page's columns set their lines at other heights), or runs on
above or below the region, with text on both sides and none across it (a table's title or notes would
cross its gaps). The region is then split there and each side looked at on its own.
"""

from collections.abc import Sequence

from docrelay_extractor.lines import TextLine, Word
from docrelay_extractor.table_bands import Band, Region, Span, divides, row_bands

# Below this share of bands with words on both sides of a river (among those with words beside it), the
# river parts two lanes, not two columns.
MIN_SHARED_ROWS = 0.4
# Lines sharing less than this (points) with a gutter only touch it: right-aligned lines end at its edge.
TOUCH = 0.5
# Lines on each side beyond a region that make its only river a gutter of the page.
MIN_LINES_BEYOND = 3
# Points by which values set from the right may end apart, and the most rows of labels and their values
# (_values_set_flush_right): an invoice's details or totals, not a table of contents' page numbers.
FLUSH = 0.5
MAX_LABELLED_VALUES = 6
# The share of a region's rows with figures on both sides of a river that makes it a gap of one table
# (_figures_across).
FIGURES_SHARE = 0.6


def lane_gap(region: Region, among: Sequence[Span] | None = None) -> Span | None:
    """The river (of `among`, by default of all) the rows share least, if they share it too little to be
    one table's columns."""
    columns = region.columns()
    shares: list[tuple[float, Span]] = []
    for index, river in enumerate(region.rivers):
        if among is not None and river not in among:
            continue
        left, right = columns[index], columns[index + 1]
        sides = [(band.occupied(left), band.occupied(right)) for band in region.bands]
        beside = sum(a or b for a, b in sides)
        if beside and not _rows_across(region.bands, river, sides):
            shares.append((sum(a and b for a, b in sides) / beside, river))
    share, river = min(shares, default=(1.0, (0.0, 0.0)))
    return river if share < MIN_SHARED_ROWS else None


def _rows_across(bands: Sequence[Band], river: Span, sides: Sequence[tuple[bool, bool]]) -> bool:
    """Does every row with a word in a column beside the river have words on both sides of it, in those
    columns or beyond (a ledger's sparse "Credits" column beside its "Balance": each row holds a date
    and a balance)? The lines of two columns of the page have nothing across their gutter."""
    return all(
        _on_both_sides(band, river) for band, (left, right) in zip(bands, sides, strict=True) if left or right
    )


def gutter(region: Region, page_lines: Sequence[TextLine]) -> Span | None:
    """A river that runs on above or below the region, with text on both sides there and none across it:
    the gutter between two columns of the page rather than a gap of one table (whose title or notes
    would cross it, or be all there is). It may be the region's only river: over bands taken across two
    columns of the page, each column's own gaps (between a label and its command) need not stay free,
    and then the gutter is all that does. A line may start or end inside it: the river is as wide as the
    region's lines leave it, and an indented table beside a column leaves it wider than the page's
    gutter (naacl06's footnote mark stands in the strip beside its Table 2). Not when the text beyond is
    one line: a title and a date over a form."""
    top, bottom = region.bands[0].top, region.bands[-1].bottom
    beyond = [line for line in page_lines if line.bbox.bottom <= top or line.bbox.top >= bottom]
    # A table's only gap has a page's header or footer beside it at most ("ACME" left, "Page 1" right);
    # a column of the page runs on for lines.
    least = 1 if len(region.rivers) > 1 else MIN_LINES_BEYOND
    for start, end in region.rivers:
        left = [line for line in beyond if line.bbox.x0 < start]
        right = [line for line in beyond if line.bbox.x1 > end]
        if (
            len(left) >= least
            and len(right) >= least
            and not any(line.bbox.x0 < start + TOUCH and line.bbox.x1 > end - TOUCH for line in page_lines)
            and not _all_one_line(left + right)
            and not _figures_across(region, (start, end))
            and not _values_set_flush_right(region, (start, end))
        ):
            return start, end
    return None


def _figures_across(region: Region, river: Span) -> bool:
    """Do most rows with words on both sides of the river have figures next to it on both sides: two
    columns of one table's numbers (an invoice's quantities beside its unit prices, its unit prices
    beside its amounts), not two columns of the page? Set from a spreadsheet, an invoice's details and
    totals stand over and under its items at its unit prices' left, as a column of the page would, and
    its items had been read as a table of three columns of five."""
    rows = [band for band in region.bands if divides(band, river)]
    across = [
        band
        for band in rows
        if _has_figure(max((word for word in band.words if word.x1 <= river[0]), key=lambda word: word.x1))
        and _has_figure(min((word for word in band.words if word.x0 >= river[1]), key=lambda word: word.x0))
    ]
    return bool(rows) and len(across) >= FIGURES_SHARE * len(rows)


def _values_set_flush_right(region: Region, river: Span) -> bool:
    """Is the river the region's last, with figures set from the right after it in every row with words
    on both sides: the values of labels (an invoice's "Invoice no." | "INV-2025-0142", "Due date" |
    "13/04/2025"), not a column of the page, whose lines hold words and start where it starts? Under a
    title set from the right and over totals set so, the labels had been read as one sentence ("Invoice
    no. Date": "Cita de núm. de la factura") and their values as lines apart. A few rows only: a table of
    contents' page numbers are set so too, beside its titles, down a column of the page."""
    if river != region.rivers[-1] or len(region.bands) > MAX_LABELLED_VALUES:
        return False
    values = [
        [word for word in band.words if word.x0 >= river[1]] for band in region.bands if divides(band, river)
    ]
    ends = [max(word.x1 for word in words) for words in values]
    flush = bool(ends) and max(ends) - min(ends) <= FLUSH
    return flush and all(any(map(_has_figure, words)) for words in values)


def _has_figure(word: Word) -> bool:
    return any(char.isdigit() for char in word.text)


def _all_one_line(lines: Sequence[TextLine]) -> bool:
    """Do the lines share one baseline: a title and a date over a form ("PAYSLIP" left, "Pay date" right),
    whose labels were otherwise parted from their values as a column of the page?"""
    return len(row_bands(lines)) == 1


def interleaved(bands: Sequence[Band], lane: Span) -> bool:
    """Do too few of the bands have words on both sides of the lane to be rows across it (the lines of
    two columns of the page, each set at its own heights, share few bands)?"""
    across = sum(_on_both_sides(band, lane) for band in bands)
    return across < MIN_SHARED_ROWS * len(bands)


def _on_both_sides(band: Band, span: Span) -> bool:
    """Does the band reach left of the span and right of it (a word across it does both)?"""
    return band.occupied((-float("inf"), span[0])) and band.occupied((span[1], float("inf")))


def sides(region: Region, lane: Span) -> tuple[list[TextLine], list[TextLine]]:
    """The region's lines left of the lane and right of it; a line across it belongs to neither."""
    left = [line for line in region.lines if line.bbox.x1 <= lane[0]]
    right = [line for line in region.lines if line.bbox.x0 >= lane[1]]
    return left, right
