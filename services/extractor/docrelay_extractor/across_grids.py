"""Tables each drawn as a grid of its own, side by side or one under another, which the text's clustering
reads as one table: rows standing level across two grids side by side (five columns of a stock list and
the list of managers beside it, their captions a head row, a note under the shorter one a cell; a page's
two columns of three rooms' programmes one table of fifteen rows), or the columns of two grids one under
the other aligned (a payslip's key/value grid over its payments, an invoice's items over its totals).
Where a table the text found runs across such grids, each is a table of its own, unless the text's table
holds rows the grids do not (heads left unboxed, a table without rules under or beside them: lines in
boxes drawn apart from them, a dashboard's tiles, are no such rows), or a grid is the rest of the table
on its left, drawn apart from it with an unruled column between (the quarters after the branches'
names, an invoice's amounts after its items).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from docrelay_common.document import BBox
from docrelay_extractor.data_cells import is_value
from docrelay_extractor.drawn_grids import EDGE_SLACK, EDGE_TOLERANCE, Lattice
from docrelay_extractor.geometry import contains, overlaps, x_overlap, y_overlap
from docrelay_extractor.lines import TextLine
from docrelay_extractor.table_bands import Band, Region, holds_cells

# Boxes down a grid's first column holding its head over the values under it ("Second half" over "Q3",
# then figures).
MAX_HEAD_ROWS = 2


@dataclass(frozen=True)
class BoxedGrid:
    """A grid that is a table whose boxes hold its cells, and the page's lines split at its boxes' sides."""

    lattice: Lattice
    lines: Sequence[TextLine]

    @cached_property
    def left_texts(self) -> list[tuple[float, list[str]]]:
        """The top and the lines' texts of each box down the grid's left side, top to bottom."""
        held = self._held
        return [
            (self.lattice.boxes[index].top, [line.text for line in held.get(index, ())])
            for index in self.lattice.first_column()
        ]

    @cached_property
    def top_texts(self) -> list[str]:
        """The lines' texts of the boxes along the grid's top, left to right."""
        held = self._held
        return [line.text for index in self.lattice.first_row() for line in held.get(index, ())]

    @cached_property
    def _held(self) -> dict[int, list[TextLine]]:
        bounds = self.lattice.bbox
        return self.lattice.held([line for line in self.lines if overlaps(bounds, line.bbox)])


def grids_across(
    region: Region, box: BBox, grids: Mapping[int, BoxedGrid], frames: Sequence[BBox] = ()
) -> set[int] | None:
    """The indexes of the `grids` (by index) that the region (its `box`) runs across as tables of their
    own: those it overlaps but for a grid holding others (the inner ones are the tables), its lines
    outside them captions or notes (_captions) or held in `frames` (boxes drawn round text that are no
    tables: a dashboard's tiles over its tables), and none the rest of the table beside or over it
    (_continues, _continues_under). None where the region is one table."""
    bounds = innermost(
        {index: grid.lattice.bbox for index, grid in grids.items() if overlaps(grid.lattice.bbox, box)}
    )
    # A frame round the grids (a page's border) holds the table's rows as much as its captions.
    apart = [frame for frame in frames if not any(overlaps(frame, grid) for grid in bounds.values())]
    beside = [
        (left, right) for left in bounds if (right := _neighbour(left, bounds, _on_the_right)) is not None
    ]
    under = [
        (upper, lower) for upper in bounds if (lower := _neighbour(upper, bounds, _underneath)) is not None
    ]
    if any(_continues(grids[left], grids[right]) for left, right in beside):
        return None
    if any(_continues_under(grids[upper], grids[lower]) for upper, lower in under):
        return None
    if not _captions(region, list(bounds.values()), apart):
        return None
    return set(bounds)


def innermost(bounds: dict[int, BBox]) -> dict[int, BBox]:
    """The grids (by index) but those holding another of them."""
    return {
        index: box
        for index, box in bounds.items()
        if not any(other != index and contains(box, inner) for other, inner in bounds.items())
    }


def _on_the_right(grid: BBox, other: BBox) -> float | None:
    """How far `other` stands on the grid's right, level with some of it; None if it does not."""
    return other.x0 - grid.x1 if y_overlap(grid, other) > 0 and grid.x1 <= other.x0 else None


def _underneath(grid: BBox, other: BBox) -> float | None:
    """How far `other` stands under the grid, across some of it; None if it does not."""
    return other.top - grid.bottom if x_overlap(grid, other) > 0 and grid.bottom <= other.top else None


def _neighbour(
    grid: int, bounds: dict[int, BBox], distance: Callable[[BBox, BBox], float | None]
) -> int | None:
    """The nearest of the grids (by index) by `distance` from the grid, if any."""
    near = {index: far for index, box in bounds.items() if (far := distance(bounds[grid], box)) is not None}
    return min(near, key=near.__getitem__, default=None)


def _continues(left: BoxedGrid, right: BoxedGrid) -> bool:
    """Is the `right` grid the rest of the `left` one's table: ruled across at the same levels, values
    down its first column under a head of MAX_HEAD_ROWS boxes at most, where the left one has words at
    those levels? Two tables side by side each name their rows alike: times beside times, days beside
    days, words beside words."""
    if not _same_places(left.lattice.row_borders(), right.lattice.row_borders()):
        return False
    heads = next(
        (index for index, (_, texts) in enumerate(right.left_texts) if texts and all(map(is_value, texts))),
        None,
    )
    if heads is None or heads > MAX_HEAD_ROWS:
        return False
    below = right.left_texts[heads][0] - EDGE_TOLERANCE
    body = [text for top, texts in right.left_texts if top >= below for text in texts]
    left_body = [text for top, texts in left.left_texts if top >= below for text in texts]
    return all(map(is_value, body)) and not all(map(is_value, left_body))


def _continues_under(upper: BoxedGrid, lower: BoxedGrid) -> bool:
    """Is the `lower` grid the rest of the `upper` one's table: ruled down at the same places, and not
    headed as it is (an expense list parted by a gap, a menu by an empty row between its groups)? A table
    of its own under another has columns of its own (a payslip's payments under its employee's
    details), or repeats its head (a rota's second week)."""
    return _same_places(upper.lattice.column_borders(), lower.lattice.column_borders()) and (
        upper.top_texts != lower.top_texts
    )


def _same_places(places: Sequence[float], others: Sequence[float]) -> bool:
    return len(places) == len(others) and all(
        abs(place - other) <= EDGE_TOLERANCE for place, other in zip(places, others, strict=True)
    )


def _captions(region: Region, grids: Sequence[BBox], frames: Sequence[BBox]) -> bool:
    """Is each line of the region outside the grids and the `frames` a caption or a note of the grid
    nearest above or under it of those it stands over: holding no cells (words a river's width apart),
    and no other such line of its band the same grid's? Those are rows (a head left unboxed, a row or a
    table without rules under the grids), which the text's table keeps; a line over none is beside them
    (a column left unboxed beside boxed ones, a table without rules beside the grids). A line in a frame
    is the frame's: a dashboard's tiles, each its label over its figure in a box, had made one table of
    the tiles and the two tables under them ("Avg. basket" and "Returns", two tiles' labels, one cell)."""
    for band in region.bands:
        outside = [
            line
            for line in band.lines
            if not any(contains(box, line.bbox, EDGE_SLACK) for box in [*grids, *frames])
        ]
        if any(holds_cells(Band((line,))) for line in outside):
            return False
        owners = [_owner(line.bbox, grids) for line in outside]
        if None in owners or len(set(owners)) < len(owners):
            return False
    return True


def _owner(line: BBox, grids: Sequence[BBox]) -> int | None:
    """The grid (by index) nearest above or under the line of those it stands over, if any."""
    over = {
        index: max(grid.top - line.bottom, line.top - grid.bottom, 0.0)
        for index, grid in enumerate(grids)
        if x_overlap(grid, line) > 0
    }
    return min(over, key=over.__getitem__, default=None)
