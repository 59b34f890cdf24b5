"""Cells set in the middle of their row: the height a line is banded at.

HTML sets a table's cells in the middle of their row unless told otherwise, and so do many
spreadsheets and word processors: beside a description wrapped onto two lines, the row's date and
amount stand half a line lower than its first line, between its two lines, and make a band of their
own. A table's rows had come apart there ("Training workshop for the support team," a row, its date
and amount another, "two days on site" joining the next row's cell), and the steps of those half-line
bands made most such tables no table at all. A cell whose middle is the middle of a taller cell beside
it is banded as if set at the top of its row, level with that cell's first line, as top-aligned tables
are, and its row reaches down to that cell's last line; its lines keep their place. Not where a column
holds two cells over the taller cell's height (no row of a table does), nor where a line level with
the cell would not move with it. A cell level with a line of the taller one (one line beside three) is
left as it is: set at the middle of its row or at the top of a table's second row without padding, it
looks the same. Nor are lines set farther apart than MAX_WRAP_GAP one cell (line-height 1.6 and more).
"""

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Generic, TypeVar

from docrelay_extractor.alignment import SIZE_TOLERANCE
from docrelay_extractor.geometry import x_overlap, y_middle
from docrelay_extractor.lines import Centred, TextLine
from docrelay_extractor.table_bands import MAX_CENTRE_OFFSET

# A cell's wrapped lines stand at most this share of their size apart (bottom to top): a row's padding
# or a table's rows set at 1.5 lines keep its cells' runs apart.
MAX_WRAP_GAP = 0.5
# A cell sits in the middle of another when their middles are this share of its size apart or closer.
MIDDLE_TOLERANCE = 0.2
# A taller cell holds at most this many lines: longer runs are prose, not a row's cell.
MAX_CELL_LINES = 8

# What a line was built from (its glyph run), carried along; what _ByHeight sorts.
Source = TypeVar("Source")
Item = TypeVar("Item")


def with_centred_cells(built: Sequence[tuple[Source, TextLine]]) -> list[tuple[Source, TextLine]]:
    """The frame's lines (each with what it was built from), those of a cell set in the middle of a taller
    cell beside it told so (TextLine.centred: banded level with that cell's first line, its row reaching
    down to its last)."""
    centred = centred_cells([line for _, line in built])
    return [
        (source, replace(line, centred=centred[line]) if line in centred else line) for source, line in built
    ]


def centred_cells(lines: Sequence[TextLine]) -> dict[TextLine, Centred]:
    """For the lines of each cell whose middle is the middle of a taller cell beside it (the tallest such
    cell, each column holding one cell at most over its height), the offset from the cell's first line to that
    cell's first line, and that cell's bottom."""
    runs = _cell_runs(lines)
    run_of = {id(line): run for run in runs for line in run}
    runs_by_middle = _ByHeight(runs, _middle)
    lines_by_middle = _ByHeight(lines, lambda line: y_middle(line.bbox))
    # The cell each shorter run is centred on: runs come top first, so the first found is the one that
    # starts highest, the tallest, whose first line is the row's (a phone number centred beside a team of
    # two lines and a description of four is the description's).
    centre_of: dict[int, list[TextLine]] = {}
    for taller in runs:
        if not 2 <= len(taller) <= MAX_CELL_LINES:
            continue
        reach = MIDDLE_TOLERANCE * taller[0].style.size
        for run in runs_by_middle.between(_middle(taller) - reach, _middle(taller) + reach):
            if (
                id(run) not in centre_of
                and len(run) < len(taller)
                and _beside(run, taller)
                and _a_cell_a_column(taller, lines_by_middle, run_of)
            ):
                centre_of[id(run)] = taller
    centred: dict[TextLine, Centred] = {}
    moved: list[list[TextLine]] = []
    for run in runs:
        centre = centre_of.get(id(run))
        if centre is not None:
            moved.append(run)
            for line in run:
                centred[line] = Centred(centre[0].bbox.top - run[0].bbox.top, centre[-1].bbox.bottom)
    return _whole_rows(lines_by_middle, moved, centred)


def _a_cell_a_column(
    taller: Sequence[TextLine], lines_by_middle: "_ByHeight[TextLine]", run_of: dict[int, list[TextLine]]
) -> bool:
    """Does each column hold one cell at most over the taller cell's height, as a row's columns do: are
    the runs of the lines there side by side? In a table without padding each column's cells chain into
    one run down the table, whose middle may be any row's ("22/01/2024" beside a supplier wrapped in the
    second of four rows: every row had joined the head's, the dates over and under it in its column);
    on a contents page of two columns, an entry wrapped in one stands beside two entries of the other."""
    between = lines_by_middle.between(taller[0].bbox.top, taller[-1].bbox.bottom)
    runs = {id(run_of[id(line)]): run_of[id(line)] for line in between}.values()
    spans = sorted((min(line.bbox.x0 for line in run), max(line.bbox.x1 for line in run)) for run in runs)
    return all(right[0] >= left[1] for left, right in pairwise(spans))


def _whole_rows(
    lines_by_middle: "_ByHeight[TextLine]",
    moved: Sequence[Sequence[TextLine]],
    centred: dict[TextLine, Centred],
) -> dict[TextLine, Centred]:
    """`centred`, but for cells with a line level with one that moves otherwise or stays: a row's cells
    set in its middle move together (its date and its amount), and a line that would leave the lines
    level with it stays (a contents page's number beside its entry, its middle by chance the middle of an
    entry wrapped in the page's other column; a line level with the middle line of a cell of three, set
    at the middle of its row or at the top of a table's second row without padding, which look alike)."""

    def level(line: TextLine) -> list[TextLine]:
        reach = MAX_CENTRE_OFFSET * line.bbox.height
        middle = y_middle(line.bbox)
        window = lines_by_middle.between(middle - reach, middle + reach)
        return [other for other in window if other is not line and x_overlap(line.bbox, other.bbox) <= 0]

    def offset(line: TextLine) -> float:
        return centred[line].offset if line in centred else 0.0

    kept = list(moved)
    while True:
        torn = [
            run
            for run in kept
            if any(
                abs(offset(other) - offset(line)) > MAX_CENTRE_OFFSET * line.bbox.height
                for line in run
                for other in level(line)
                if other not in run
            )
        ]
        if not torn:
            return centred
        for run in torn:
            for line in run:
                del centred[line]
        torn_ids = {id(run) for run in torn}
        kept = [run for run in kept if id(run) not in torn_ids]


class _ByHeight(Generic[Item]):
    """Items sorted by a height (a line's middle, a run's), to take those between two heights."""

    def __init__(self, items: Iterable[Item], height: Callable[[Item], float]) -> None:
        self._items = sorted(items, key=height)
        self._heights = [height(item) for item in self._items]

    def between(self, low: float, high: float) -> list[Item]:
        return self._items[bisect_left(self._heights, low) : bisect_right(self._heights, high)]


def _cell_runs(lines: Sequence[TextLine]) -> list[list[TextLine]]:
    """The lines in runs, top to bottom, of one column each: a line and the next one under it that
    overlaps it across, in its size, at most MAX_WRAP_GAP of its size below it (a cell's wrapped lines,
    or a column of a table without padding whose rows stand as close)."""
    ordered = sorted(lines, key=lambda line: line.bbox.top)
    next_of: dict[int, int] = {}
    taken: set[int] = set()
    for index, line in enumerate(ordered):
        reach = line.bbox.bottom + MAX_WRAP_GAP * line.style.size
        for later in range(index + 1, len(ordered)):
            under = ordered[later]
            if under.bbox.top > reach:
                break
            if (
                later not in taken
                and x_overlap(line.bbox, under.bbox) > 0
                and abs(under.style.size - line.style.size) < SIZE_TOLERANCE
            ):
                next_of[index] = later
                taken.add(later)
                break
    runs: list[list[TextLine]] = []
    for index in range(len(ordered)):
        if index in taken:
            continue
        run = [ordered[index]]
        while index in next_of:
            index = next_of[index]
            run.append(ordered[index])
        runs.append(run)
    return runs


def _beside(run: Sequence[TextLine], taller: Sequence[TextLine]) -> bool:
    """Do the two runs stand side by side: no line of one over a line of the other, and the shorter
    no taller than it (their middles are level: within its height)?"""
    side_by_side = all(x_overlap(line.bbox, other.bbox) <= 0 for line in run for other in taller)
    return side_by_side and _height(run) <= _height(taller)


def _height(run: Sequence[TextLine]) -> float:
    return run[-1].bbox.bottom - run[0].bbox.top


def _middle(run: Sequence[TextLine]) -> float:
    return (run[0].bbox.top + run[-1].bbox.bottom) / 2
