"""A table region's lines as a grid of cells: rows, columns, spans, and the box each cell may fill.

Columns lie between the region's rivers; a line crossing a river spans the columns on both sides (a
header over two columns), and a group's heading alone in its row (table_bands.group_headings) spans
them all. Rows are groups of the region's bands (table_rows).
A cell's box reaches to the rules around it, or where there are none halfway to the neighbouring
columns and rows (as far again beyond the outer ones): its translation may fill it, nothing beyond it.
"""

import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace
from itertools import pairwise

from docrelay_common.document import BBox
from docrelay_extractor.alignment import COLUMN_TOLERANCE, Align, column_alignment
from docrelay_extractor.geometry import union
from docrelay_extractor.lines import TextLine
from docrelay_extractor.table_bands import Band, Region, Span, group_headings, reached_gap, row_bands
from docrelay_extractor.table_rows import parted_by_rules, table_rows
from docrelay_extractor.text import split_leader

# Fewer rows than this left once stray edge rows are cut, and the table is kept whole.
MIN_ROWS = 2


@dataclass(frozen=True)
class GridCell:
    lines: list[TextLine]
    row: int
    column: int
    column_span: int
    box: BBox
    align: Align
    # The width its lines wrap at where its box does not tell it (0: the box less its padding): in a table
    # found by its text the box reaches halfway across the gaps beside it, and beside a column of
    # right-aligned numbers that is far wider than the cell's padding; its column's widest line says more.
    wrap_width: float = 0.0


@dataclass(frozen=True)
class TableGrid:
    bbox: BBox
    rows: int
    columns: int
    ruled: bool
    cells: list[GridCell]


def table_grid(
    region: Region, lines: Sequence[TextLine], rules: Sequence[BBox], verticals: Sequence[BBox]
) -> TableGrid:
    """The grid of the region made of `lines` (split at its rivers); `rules`, `verticals`: the page's
    horizontal and vertical rules as flat boxes."""
    columns = region.columns()
    bands = row_bands(lines)
    ruled = parted_by_rules(bands, region, rules)
    headings = group_headings(bands)
    rows = _without_stray_edges(table_rows(bands, region, rules, ruled, headings), columns)
    placed: dict[tuple[int, int], list[TextLine]] = {}
    spans: dict[tuple[int, int], int] = {}
    for row, members in enumerate(rows):
        for (first, last), cell_lines in _row_cells(members, columns):
            # Two cells kept apart may still start in one column: they share it, as before.
            placed.setdefault((row, first), []).extend(cell_lines)
            spans[row, first] = max(spans.get((row, first), 1), last - first + 1)
    for row in _heading_rows(rows, bands, headings, verticals):
        spans[row, 0] = len(columns)
    edges = _column_edges(
        region, [band for row in rows for band in row], verticals, _text_extents(placed, spans)
    )
    tops, bottoms = _row_edges(rows, rules)
    cells = [
        GridCell(
            lines=sorted(cell_lines, key=lambda line: (line.bbox.top, line.bbox.x0)),
            row=row,
            column=column,
            column_span=spans[row, column],
            box=BBox(
                x0=edges[column][0],
                top=tops[row],
                x1=edges[column + spans[row, column] - 1][1],
                bottom=bottoms[row],
            ),
            align="left",
        )
        for (row, column), cell_lines in sorted(placed.items())
    ]
    cells = _with_wrap_widths(aligned_cells(cells, drawn=False))
    return TableGrid(union(cell.box for cell in cells), len(rows), len(columns), ruled, cells)


def _with_wrap_widths(cells: Sequence[GridCell]) -> list[GridCell]:
    """The cells, those beside a column set from the right or centred given the width of the widest line
    of the cells in their columns: the gap to such a column reaches across its empty left."""
    widest: dict[tuple[int, int], float] = {}
    for cell in cells:
        key = (cell.column, cell.column_span)
        widest[key] = max(widest.get(key, 0.0), *(line.bbox.width for line in cell.lines))
    aligns = {cell.column: cell.align for cell in cells if cell.column_span == 1}
    return [
        replace(cell, wrap_width=widest[cell.column, cell.column_span])
        if aligns.get(cell.column + cell.column_span, "left") != "left"
        else cell
        for cell in cells
    ]


def _row_cells(row: Sequence[Band], columns: Sequence[Span]) -> list[tuple[tuple[int, int], list[TextLine]]]:
    """The row's lines by cell: the columns each line reaches; lines of different bands reaching into the
    same column are one cell (the lines of a merged cell, centred across two columns, the shorter one
    across fewer: a keynote's title and speaker), but no cell holds two lines side by side in one band
    (two talks with a note across both under them, no rule between: the note joins the first talk's
    cell, the second talk keeps its own)."""
    band_of = {line: band for band in row for line in band.lines}
    reach_of = {line: reach for band in row for line, reach in _columns_of(band.lines, columns).items()}

    def side_by_side(one: Sequence[TextLine], other: Sequence[TextLine]) -> bool:
        return any(band_of[a] is band_of[b] and _apart(reach_of[a], reach_of[b]) for a in one for b in other)

    cells: list[tuple[tuple[int, int], list[TextLine]]] = []
    for line in band_of:
        (first, last), lines = reach_of[line], [line]
        for reach, others in [cell for cell in cells if cell[0][0] <= last and first <= cell[0][1]]:
            if side_by_side(others, lines):
                continue
            cells.remove((reach, others))
            (first, last), lines = (min(first, reach[0]), max(last, reach[1])), [*others, *lines]
        cells.append(((first, last), lines))
    return cells


def _apart(one: tuple[int, int], other: tuple[int, int]) -> bool:
    """Do two lines' columns (first, last) not meet?"""
    return one[1] < other[0] or other[1] < one[0]


def _heading_rows(
    rows: Sequence[Sequence[Band]], bands: Sequence[Band], headings: Set[int], verticals: Sequence[BBox]
) -> list[int]:
    """The rows that are a group's heading alone (`headings`, indices of `bands`: table_bands.group_headings,
    "Finance" over the names of its staff) that no rule drawn down the table crosses (`verticals`, the
    page's): each one cell, which spans the row (set in the first column). A grid's cells keep their
    columns."""
    left = min(word.x0 for band in bands for word in band.words)
    right = max(word.x1 for band in bands for word in band.words)
    inside = [rule for rule in verticals if left < rule.x0 < right]
    heading_bands = {bands[index] for index in headings}
    return [
        index
        for index, row in enumerate(rows)
        if len(row) == 1 and row[0] in heading_bands and not _crossed_by(row[0], inside)
    ]


def _crossed_by(band: Band, verticals: Sequence[BBox]) -> bool:
    """Does one of the rules drawn down the page cross the band's height?"""
    return any(rule.top < band.bottom and rule.bottom > band.top for rule in verticals)


def _without_stray_edges(rows: list[list[Band]], columns: Sequence[Span]) -> list[list[Band]]:
    """The rows without those at the top or bottom with a line that starts beyond where its column's
    cells end in the rows holding one line a band there (a form's boxed titles, side by side over a
    column one narrow box wide in the body). Their lines are left to be paragraphs."""
    # For each row, each band's lines by column.
    by_column = [[_lines_by_column(band.lines, columns) for band in row] for row in rows]
    reach: dict[int, float] = {}
    for row in by_column:
        for column in {column for band in row for column in band}:
            if all(len(band.get(column, [])) <= 1 for band in row):
                ends = [line.bbox.x1 for band in row for line in band.get(column, [])]
                reach[column] = max(reach.get(column, float("-inf")), *ends)

    def stray(row: list[dict[int, list[TextLine]]]) -> bool:
        # A column without such rows (two lines side by side in each) has no end to go beyond.
        return any(
            line.bbox.x0 > reach.get(column, float("inf")) + line.style.size
            for band in row
            for column, lines in band.items()
            for line in lines
        )

    start, end = 0, len(rows)
    while start < end and stray(by_column[start]):
        start += 1
    while end > start and stray(by_column[end - 1]):
        end -= 1
    # A table of such rows alone stays as it was found.
    return rows[start:end] if end - start >= MIN_ROWS else rows


def _lines_by_column(lines: Sequence[TextLine], columns: Sequence[Span]) -> dict[int, list[TextLine]]:
    """The lines by the first column each touches."""
    found: dict[int, list[TextLine]] = defaultdict(list)
    for line, (first, _) in _columns_of(lines, columns).items():
        found[first].append(line)
    return found


def _columns_of(lines: Sequence[TextLine], columns: Sequence[Span]) -> dict[TextLine, tuple[int, int]]:
    """The first and last columns each line of a band reaches into. A line wholly inside a river (a head
    set from its cell's left over amounts set from the right: "Qty" left of its quantities) goes to the
    nearest column no other line of the band reaches ("Total" beside "Quantity" goes right of it). It
    had gone to the first column, its row left out of the table as a stray edge."""
    found: dict[TextLine, tuple[int, int]] = {}
    for line in lines:
        touched = [
            index for index, (start, end) in enumerate(columns) if line.bbox.x0 < end and line.bbox.x1 > start
        ]
        if touched:
            found[line] = (touched[0], touched[-1])
    taken = {index for first, last in found.values() for index in range(first, last + 1)}
    for line in lines:
        if line in found:
            continue
        by_distance = sorted(
            range(len(columns)),
            key=lambda index: max(columns[index][0] - line.bbox.x1, line.bbox.x0 - columns[index][1]),
        )
        nearest = next((index for index in by_distance if index not in taken), by_distance[0])
        taken.add(nearest)
        found[line] = (nearest, nearest)
    return found


def _text_extents(
    placed: Mapping[tuple[int, int], Sequence[TextLine]], spans: Mapping[tuple[int, int], int]
) -> dict[int, Span]:
    """Where each column's text starts and ends: its cells' lines, those spanning columns aside."""
    extents: dict[int, Span] = {}
    for (row, column), lines in placed.items():
        if spans[row, column] == 1 and lines:
            start, end = min(line.bbox.x0 for line in lines), max(line.bbox.x1 for line in lines)
            known = extents.get(column, (start, end))
            extents[column] = (min(known[0], start), max(known[1], end))
    return extents


def _column_edges(
    region: Region, bands: Sequence[Band], verticals: Sequence[BBox], extents: Mapping[int, Span]
) -> list[Span]:
    """Each column from the rule or the middle of the river on its left to the one on its right
    (_inner_edge); `bands`: the table's rows' bands; `extents`: where each column's text starts and
    ends."""
    lines = [line for band in bands for line in band.lines]
    top, bottom = min(line.bbox.top for line in lines), max(line.bbox.bottom for line in lines)
    down = [rule.x0 for rule in verticals if rule.top < bottom and rule.bottom > top]
    inner = [
        _inner_edge(river, down, bands, extents.get(index), extents.get(index + 1))
        for index, river in enumerate(region.rivers)
    ]
    reach = statistics.median(end - start for start, end in region.rivers)
    left = min(line.bbox.x0 for line in lines)
    right = max(line.bbox.x1 for line in lines)
    edges = [_outer(left, down, -reach), *inner, _outer(right, down, reach)]
    return list(pairwise(edges))


def _inner_edge(
    river: Span, rules: Sequence[float], bands: Sequence[Band], left: Span | None, right: Span | None
) -> float:
    """Where the columns on each side of the river part: at a rule drawn down it, else halfway across what
    it leaves free where a cell runs into it (table_bands.reached_gap), so that the cell's box holds its
    text, or where a cell of the column on its right starts in it (`left`, `right`: where the two
    columns' texts start and end): a head set from its box's left over amounts set right ("Paid in"
    beside "Paid out") had been in the box of the column on its left, whose translation ran up to it."""
    start, end = river
    drawn = next((x for x in rules if start < x < end), None)
    if drawn is not None:
        return drawn
    for band in bands:
        gap = reached_gap(band, river)
        if gap is not None:
            start, end = max(start, gap[0]), min(end, gap[1])
    if right is not None and max(start, left[1] if left is not None else start) < right[0] < end:
        end = right[0]
    return (start + end) / 2


def _row_edges(rows: Sequence[Sequence[Band]], rules: Sequence[BBox]) -> tuple[list[float], list[float]]:
    """Each row from the rule or halfway to the row above to the one below."""
    tops = [min(band.top for band in row) for row in rows]
    bottoms = [max(band.bottom for band in row) for row in rows]
    across = [(rule.top + rule.bottom) / 2 for rule in rules]
    middles = [
        next((y for y in across if bottom - 1 <= y <= top + 1), (bottom + top) / 2)
        for bottom, top in zip(bottoms, tops[1:], strict=False)
    ]
    reach = (
        statistics.median(top - bottom for bottom, top in zip(bottoms, tops[1:], strict=False))
        if middles
        else 0.0
    )
    return [_outer(tops[0], across, -reach), *middles], [*middles, _outer(bottoms[-1], across, reach)]


def _outer(edge: float, rules: Sequence[float], reach: float) -> float:
    """The table's outer edge: the nearest rule within `reach` beyond its text (signed), else half of it."""
    beyond = [rule for rule in rules if 0 <= (rule - edge) * (1 if reach > 0 else -1) <= abs(reach)]
    return min(beyond, key=lambda rule: abs(rule - edge)) if beyond else edge + reach / 2


@dataclass(frozen=True)
class _ColumnEdge:
    """A column's alignment, where its texts' shared edge (their middle for a centred column) is, and
    where the leftmost of them starts."""

    align: Align
    edge: float
    start: float


def aligned_cells(cells: list[GridCell], drawn: bool) -> list[GridCell]:
    """Each column's alignment is the edge its cells share: left, right or centre. A cell off that edge
    keeps its own: a head set from the left, or centred in its box, over right-aligned amounts. `drawn`:
    the cells' boxes are drawn (a grid of rules round every cell), so a text in the middle of its box is
    centred there; a box found from the text alone reaches halfway across the gaps beside it."""
    by_column: dict[int, list[GridCell]] = defaultdict(list)
    for cell in cells:
        if cell.column_span == 1:
            by_column[cell.column].append(cell)
    edges = {column: _shared_edge(members) for column, members in by_column.items()}
    return [replace(cell, align=_cell_align(cell, edges, drawn)) for cell in cells]


def _cell_align(cell: GridCell, edges: dict[int, _ColumnEdge], drawn: bool) -> Align:
    text = _worded_box(cell)
    if cell.column_span == 1:
        column = edges[cell.column]
        # A cell off a column set from the left is indented (the census's offences under their group).
        if (
            column.align == "left"
            or text is None
            or abs(_edge(text, column.align) - column.edge) <= COLUMN_TOLERANCE
        ):
            return column.align
        # Off its column's edge: "Amount" at its box's left over amounts set right had been set right, its
        # longer translation grown left into the rule.
        leftmost = text.x0 <= column.start + COLUMN_TOLERANCE
        if _centred_in_box(text, cell.box) and (drawn or not leftmost):
            return "center"
        return "left" if leftmost else column.align
    return "center" if text is not None and _centred_in_box(text, cell.box) else "left"


def _centred_in_box(text: BBox, box: BBox) -> bool:
    return abs((text.x0 + text.x1) / 2 - (box.x0 + box.x1) / 2) <= COLUMN_TOLERANCE * 2


def _worded_lines(cell: GridCell) -> list[TextLine]:
    """The cell's lines with text: lines without (a row's dot leaders) have no say in its alignment."""
    return [line for line in cell.lines if line.text.strip()]


def _worded_box(cell: GridCell) -> BBox | None:
    """Where the cell's text is (_worded_lines)."""
    worded = _worded_lines(cell)
    return union(line.bbox for line in worded) if worded else None


def _edge(text: BBox, align: Align) -> float:
    return {"left": text.x0, "right": text.x1}.get(align, (text.x0 + text.x1) / 2)


def _shared_edge(cells: Sequence[GridCell]) -> _ColumnEdge:
    """The edge the cells' text shares. A column whose cells mostly end in dot leaders is set from the
    left: the leaders fill each row to one right edge, and where the text starts (an indent, drawn as
    spaces or not) is the column's own."""
    worded = [lines for cell in cells if (lines := _worded_lines(cell))]
    texts = [union(line.bbox for line in lines) for lines in worded]
    led = sum(1 for lines in worded if split_leader(lines[-1].text)[1])
    align = "left" if 2 * led > len(texts) else column_alignment(texts)
    if not texts:
        return _ColumnEdge(align, 0.0, 0.0)
    return _ColumnEdge(
        align, statistics.median(_edge(text, align) for text in texts), min(text.x0 for text in texts)
    )
