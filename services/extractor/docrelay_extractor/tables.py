"""The tables of a page's upright text: regions found by our own row and column clustering (table_regions),
their columns completed by pdfplumber's text-strategy finder (text_finder), their lines split at the
column gaps, and each made a grid of cells (table_grid); and grids drawn with rules round every cell,
read as drawn (drawn_grids) where the text finds no table in them, or tables inside them whose rows
their boxes do not hold several of (find_tables).

A gap the finder adds may be a lane (table_lanes) our clustering could not see as one: the gutter between
two columns of the page whose rows interleave, shared by too few of them to be a river of their own
(a reference card's two columns of label and command). The region is then split there, as at a lane
found before.
"""

from collections.abc import Callable, Sequence

from docrelay_common.document import BBox
from docrelay_extractor.across_grids import BoxedGrid, grids_across, innermost
from docrelay_extractor.drawn_grids import EDGE_SLACK, Lattice, drawn_table
from docrelay_extractor.geometry import contains, overlaps, union
from docrelay_extractor.lines import RULED_GAP_EM, TextLine, VerticalRule
from docrelay_extractor.table_bands import Band, Region, row_bands
from docrelay_extractor.table_checks import is_table
from docrelay_extractor.table_grid import TableGrid, table_grid
from docrelay_extractor.table_lanes import lane_gap, sides
from docrelay_extractor.table_regions import candidate_regions, with_drawn_borders, with_separators, without
from docrelay_extractor.text_finder import column_borders
from docrelay_extractor.wrapped_rows import with_wrapped_tail

# Points inside a river's edges where a rule down it is drawn.
EDGE_INSET = 0.5
# A grid's box side parts a line's glyphs this far apart (in ems) or more: a word space ("Unit Amount",
# two heads of a tight invoice 1 mm inside their boxes), not the glyphs of a word run past a border.
BOX_SIDE_GAP_EM = 0.15
# Lines split again with these extra rules (the tables' column gaps): the split lines.
Reline = Callable[[Sequence[VerticalRule]], list[TextLine]]


def find_tables(
    lines: list[TextLine],
    rules: Sequence[BBox],
    verticals: Sequence[VerticalRule],
    reline: Reline,
    page_height: float,
    grids: Sequence[Lattice] = (),
) -> tuple[list[TextLine], list[TableGrid]]:
    """The lines, split at the columns of the tables found, and the tables' grids.

    `rules` are the page's horizontal rules as flat boxes, `verticals` its vertical ones (in pdfminer's
    coordinates: `page_height` turns boxes into those); `grids`, the lattices its rules draw: those that
    are tables (drawn_grids) are taken as they are drawn, and the text finds the others.
    """
    down = [
        BBox(x0=rule.x, top=page_height - rule.y1, x1=rule.x, bottom=page_height - rule.y0)
        for rule in verticals
    ]
    # A box drawn alone is no table; it holds its lines apart, as a grid that is no table does (frames).
    alone = [grid.bbox for grid in grids if len(grid.boxes) == 1]
    grids = [grid for grid in grids if len(grid.boxes) > 1]
    # Each grid is judged by the lines as they will be if it is taken: split at its boxes' sides (a row's
    # values read as one line across boxes set without padding had made the boxes hold fewer lines than
    # they do, and the grid, taken, then lost as no table along with the text's tables in it).
    ordered = sorted(grids, key=lambda grid: grid.bbox.width * grid.bbox.height)
    split = [reline(_box_sides(grid, page_height)) for grid in ordered]
    grid_tables = [
        drawn_table(grid, grid_lines) is not None for grid, grid_lines in zip(ordered, split, strict=True)
    ]
    # The rules between the columns of grids that are tables: a page's frame with a rule between its two
    # columns of text (boxes of paragraphs, no table) says nothing of columns.
    walls = [wall for grid, ruled in zip(ordered, grid_tables, strict=True) if ruled for wall in grid.walls()]
    ruled_boxes = [grid.bbox for grid, ruled in zip(ordered, grid_tables, strict=True) if ruled]
    found = [
        part
        for region in _table_regions(lines, lines, walls)
        for part in _parted_under_grids(region, ruled_boxes, lines, walls)
    ]
    frames = alone + [grid.bbox for grid, table in zip(ordered, grid_tables, strict=True) if not table]
    taken, found = _taken_grids(ordered, split, grid_tables, found, frames)
    # A rule drawn where a merged cell runs across two columns parts them (with_drawn_borders); the lines
    # were split at it already, and the merged cell's line must not be split where a gap of its words
    # happens to lie.
    regions = [with_drawn_borders(region, down) for region in found]
    # Lines are split at the grids' box sides too: a header's words set in one run across its boxes
    # ("Qty Unit Total", white on a dark band) were read as one line over three columns.
    sides = [rule for grid in taken for rule in _box_sides(grid, page_height)]
    if sides or found:
        lines = reline([rule for region in found for rule in _column_gaps(region, page_height)] + sides)
    # A last row's wrapped lines join its region (wrapped_rows), told by the lines split at its columns.
    regions = [with_wrapped_tail(_relined(region, lines), lines, rules) for region in regions]
    # The grids' cells of the lines as they are now (a line split anew is not the line it was).
    drawn = [table for grid in taken if (table := drawn_table(grid, lines)) is not None]
    tables = drawn + [table_grid(region, _inside(lines, region), rules, down) for region in regions]
    # In the page's order, as the text's tables were: their ids count down the page.
    return lines, sorted(tables, key=lambda table: (table.bbox.top, table.bbox.x0))


def _table_regions(
    lines: Sequence[TextLine], page_lines: Sequence[TextLine], walls: Sequence[BBox] = ()
) -> list[Region]:
    """The regions of `lines` that are tables, with the columns the text finder adds; `page_lines`: all
    the lines of the page, `walls` the rules between grids' columns (see candidate_regions)."""
    tables: list[Region] = []
    for region in candidate_regions(lines, page_lines, walls):
        if not is_table(region):
            continue
        completed = with_separators(region, column_borders(region))
        added = [river for river in completed.rivers if river not in region.rivers]
        lane = lane_gap(completed, among=added) if added else None
        if lane is None:
            tables.append(completed)
            continue
        for side in sides(region, lane):
            tables += _table_regions(side, page_lines, walls)
    return tables


def _parted_under_grids(
    region: Region, grids: Sequence[BBox], page_lines: Sequence[TextLine], walls: Sequence[BBox]
) -> list[Region]:
    """The region, or its tables over and under the bottom of the grids it holds lines of (`grids`: the
    boxes of grids that are tables) where the rows under them are a table of its own: headed by a row in
    bold (or captioned so), over rows not in bold. A week's orders set without rules under a stock list
    and its managers, each drawn as a grid, had been one table with them: their columns shared, "Region
    Lead" one cell. Rows under a grid headed as its body (an invoice's totals under its items) stay its
    table's."""
    box = _box(region)
    bottom = max((grid.bottom for grid in grids if overlaps(grid, box)), default=None)
    if bottom is None:
        return [region]
    over = [band for band in region.bands if band.top < bottom - EDGE_SLACK]
    under = [band for band in region.bands if band.top >= bottom - EDGE_SLACK]
    if not over or not under or not _headed(under):
        return [region]
    lower = [line for band in under for line in band.lines]
    upper = [line for band in over for line in band.lines]
    # Each looked at on its own, as two tables one over the other (table_regions._stacked_at): the
    # other's lines leave gaps free that part no columns of the page.
    tables = _table_regions(lower, without(page_lines, upper), walls)
    if not tables:
        return [region]
    return _table_regions(upper, without(page_lines, lower), walls) + tables


def _headed(bands: Sequence[Band]) -> bool:
    """Is the first band in bold (a head row, or a caption over a table), over rows not in bold?"""
    head, *body = bands
    return all(line.style.bold for line in head.lines) and not any(
        line.style.bold for band in body for line in band.lines
    )


def _taken_grids(
    grids: Sequence[Lattice],
    split: Sequence[Sequence[TextLine]],
    tables: Sequence[bool],
    found: Sequence[Region],
    frames: Sequence[BBox],
) -> tuple[list[Lattice], list[Region]]:
    """The `grids` (smallest first, with their `split` lines) taken as tables, and the text's tables of
    `found` that none of them lies over; `frames`: boxes drawn round text that are no tables. A grid that
    is a table (`tables`) is taken where the text finds none in it, or where the text's tables lie inside
    it and no two boxes of a row hold lines level with each other: the text's columns may have run
    together there ("Reception Anna"), or it may have seen only part of the grid (a calendar's days with
    their events under some). Elsewhere the text's rows stand: a grid drawn without rules between its rows
    (a header's rule, the columns' rules) holds rows of values in its boxes, which only the text tells
    apart from cells' wrapped lines; and a table only part of which is boxed (its amounts, its header's
    cells) reaches beyond the grid. A text's table running across several grids (across_grids) leaves them
    all to be taken, or none. Of a grid inside another's box (a table in a form's box), the inner one is
    the table and the outer not (its lines would be in both)."""
    boxes = [_box(region) for region in found]
    under = [
        [index for index, box in enumerate(boxes) if table and overlaps(grid.bbox, box)]
        for grid, table in zip(grids, tables, strict=True)
    ]
    boxed = [
        BoxedGrid(grid, grid_lines) if regions and not grid.rows_in_boxes(grid_lines) else None
        for grid, grid_lines, regions in zip(grids, split, under, strict=True)
    ]
    spans = _spans(found, boxes, grids, boxed, under, frames)
    refused = {
        index
        for index, grid in enumerate(grids)
        if not tables[index]
        or not all(
            boxed[index] is not None
            and (contains(grid.bbox, boxes[region], EDGE_SLACK) or index in spans.get(region, ()))
            for region in under[index]
        )
    }
    while True:
        taken: list[int] = []
        for index, grid in enumerate(grids):
            if index not in refused and not any(overlaps(grid.bbox, grids[other].bbox) for other in taken):
                taken.append(index)
        # Grids a text's table runs across, some of them refused or left out (overlapping a grid taken
        # before them), leave it whole: none of them is taken.
        torn = {index for span in spans.values() if span & set(taken) and span - set(taken) for index in span}
        if not torn:
            covered = {region for index in taken for region in under[index]}
            left = [region for index, region in enumerate(found) if index not in covered]
            return [grids[index] for index in taken], left
        refused |= torn


def _spans(
    found: Sequence[Region],
    boxes: Sequence[BBox],
    grids: Sequence[Lattice],
    boxed: Sequence[BoxedGrid | None],
    under: Sequence[Sequence[int]],
    frames: Sequence[BBox],
) -> dict[int, set[int]]:
    """The grids (by index) that each region of `found` (by index, in its box of `boxes`) runs across as
    tables of their own (across_grids): every grid that is a table under the region (`under`), but for
    those holding another, each a table whose boxes hold its cells (`boxed`); `frames`, boxes drawn
    round text that are no tables."""
    cells = {index: grid for index, grid in enumerate(boxed) if grid is not None}
    spans = {}
    for region_index, region in enumerate(found):
        over = innermost(
            {index: grids[index].bbox for index, regions in enumerate(under) if region_index in regions}
        )
        if len(over) < 2:
            continue
        if grids_across(region, boxes[region_index], cells, frames) == set(over):
            spans[region_index] = set(over)
    return spans


def _column_gaps(region: Region, page_height: float) -> list[VerticalRule]:
    """Rules down each river, by its edges and its middle: a line is split at a gap holding one of them,
    as at a drawn cell border (a header wider than its column's body still ends before the next one).
    Down a seam, a river narrower than a word space (table_bands.is_seam), at a gap as narrow as a
    grid's box side parts."""
    box = _box(region)
    return [
        VerticalRule(
            x=x,
            y0=page_height - box.bottom,
            y1=page_height - box.top,
            gap_em=BOX_SIDE_GAP_EM if end - start < region.min_river else RULED_GAP_EM,
        )
        for start, end in region.rivers
        for x in (start + EDGE_INSET, (start + end) / 2, end - EDGE_INSET)
    ]


def _inside(lines: Sequence[TextLine], region: Region) -> list[TextLine]:
    box = _box(region)
    return [
        line
        for line in lines
        if box.x0 <= (line.bbox.x0 + line.bbox.x1) / 2 <= box.x1
        and box.top <= (line.bbox.top + line.bbox.bottom) / 2 <= box.bottom
    ]


def _relined(region: Region, lines: Sequence[TextLine]) -> Region:
    """The region made of `lines` (split anew at its columns) lying in it."""
    return Region(tuple(row_bands(_inside(lines, region))), region.rivers)


def _box_sides(grid: Lattice, page_height: float) -> list[VerticalRule]:
    """The left and right sides of the grid's boxes, in pdfminer's coordinates."""
    return [
        VerticalRule(x=x, y0=page_height - box.bottom, y1=page_height - box.top, gap_em=BOX_SIDE_GAP_EM)
        for box in grid.boxes
        for x in (box.x0, box.x1)
    ]


def _box(region: Region) -> BBox:
    return union(line.bbox for line in region.lines)
