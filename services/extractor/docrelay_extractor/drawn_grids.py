"""Tables drawn as a grid: every cell boxed by rules, the boxes read as the cells.

Our own clustering finds a table by its text: rivers down rows at a regular pitch (table_regions). A grid
of rules round every cell says more, and says it where the text says little: a programme whose titles
wrap in some rooms and not in others, every cell of two lines, a header row over cells of prose. Of 25
ruled grids of a document review, four were found as no table and five with a row for each line. Where
the page's painted rules meet as a lattice of at least two rows and two columns whose cells hold short
text, the lattice is the table: each box is a cell, a box across a column's border (a merged cell) spans
those columns, and each line belongs to the box its middle lies in. pdfplumber finds the lattice: the
part of its table finder that reads rules (`lines` strategy: merge_edges, edges_to_intersections,
intersections_to_cells, cells_to_tables), given our rules rather than the page's objects; a box drawn
alone is a lattice of one box, no table (pdfplumber drops it), a frame round its lines (tables).
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations, pairwise

from pdfplumber.table import (
    DEFAULT_JOIN_TOLERANCE,
    DEFAULT_SNAP_TOLERANCE,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from docrelay_common.document import BBox
from docrelay_extractor.geometry import clustered, union, y_overlap
from docrelay_extractor.lines import TextLine
from docrelay_extractor.table_grid import GridCell, TableGrid, aligned_cells

# pdfplumber's own defaults for its `lines` strategy: rules this close are one, and meet; edges shorter
# than MIN_EDGE_LENGTH once joined bound no box, and rules shorter than MIN_RULE_LENGTH are marks.
INTERSECTION_TOLERANCE = 3
MIN_EDGE_LENGTH = 3.0
MIN_RULE_LENGTH = 1.0
# A lattice is a table with this many rows and columns at least...
MIN_ROWS = 2
MIN_COLUMNS = 2
# ... at least this share of its boxes holding text, and text in every column (a form's empty boxes
# beside its labels are no table)...
MIN_FILLED_SHARE = 0.5
# ... and short text: its median filled box holds at most this many lines (boxes round a page's sections
# of prose are no table).
MAX_MEDIAN_LINES = 4
# Lines side by side in one box this far apart (in ems) or more are parts of their own.
APART_EM = 1.0
# Points by which two boxes' edges may differ and still be one column's or one row's border.
EDGE_TOLERANCE = 1.0
# Points a text's glyphs may reach past a grid's rules and still lie inside it (glyphs' boxes).
EDGE_SLACK = 2.0
# A page drawn with more distinct rules than this (a chart, a map), or whose rules meet at more corners
# (graph paper), is not searched for grids: finding corners and boxes takes time that grows with the
# square of the rules and of the corners (3,000 corners take ~0.2 s; a 60-row table of 8 columns has
# ~550).
MAX_RULES = 800
MAX_CORNERS = 3000
# pdfplumber's edge: its box, length and orientation ("h" or "v") by name.
Edge = dict[str, object]


@dataclass(frozen=True)
class Lattice:
    """The boxes of one grid of rules, top-left coordinates."""

    boxes: list[BBox]

    @cached_property
    def bbox(self) -> BBox:
        return union(self.boxes)

    def row_borders(self) -> list[float]:
        """The levels of the grid's rules across, top to bottom."""
        return _borders([edge for box in self.boxes for edge in (box.top, box.bottom)])

    def column_borders(self) -> list[float]:
        """The places of the grid's rules down, left to right."""
        return _borders([edge for box in self.boxes for edge in (box.x0, box.x1)])

    def first_column(self) -> list[int]:
        """The indexes of the boxes down the grid's left side, top to bottom."""
        left = self.bbox.x0 + EDGE_TOLERANCE
        first = [index for index, box in enumerate(self.boxes) if box.x0 <= left]
        return sorted(first, key=lambda index: self.boxes[index].top)

    def first_row(self) -> list[int]:
        """The indexes of the boxes along the grid's top, left to right."""
        top = self.bbox.top + EDGE_TOLERANCE
        first = [index for index, box in enumerate(self.boxes) if box.top <= top]
        return sorted(first, key=lambda index: self.boxes[index].x0)

    def walls(self) -> list[BBox]:
        """The rules down the grid between its columns, a box's left side each (flat boxes): none where a
        box spans the border."""
        left = self.bbox.x0 + EDGE_TOLERANCE
        return [box.model_copy(update={"x1": box.x0}) for box in self.boxes if box.x0 > left]

    def held(self, lines: Sequence[TextLine]) -> dict[int, list[TextLine]]:
        """The lines with text in each box (by index) that holds any: those whose middles lie in it."""
        held: dict[int, list[TextLine]] = {}
        for line in lines:
            index = _box_of(self.boxes, line)
            if index is not None and line.text.strip():
                held.setdefault(index, []).append(line)
        return held

    def rows_in_boxes(self, lines: Sequence[TextLine]) -> bool:
        """Do the grid's boxes hold rows of values it does not part (rules under the head and down the
        columns only, or under every third row), or cells whose every line is wrapped alike, which only
        the text tells apart? So they may where most filled boxes of a row hold two lines or more, two
        of them level with each other; a calendar's days with an event under them, among days alone, do
        not. Where two rows of boxes or more do, most of them must hold their lines as rows of values
        do (_rows_of_values): a school timetable whose subjects wrap in some boxes ("Further" /
        "Mathematics" over a teacher, beside "English Literature" over one) holds its cells' lines."""
        rows: dict[float, list[list[TextLine]]] = {}
        for index, box_lines in self.held(lines).items():
            rows.setdefault(round(self.boxes[index].top), []).append(box_lines)
        stacked_rows = [stacked for row in rows.values() if (stacked := _stacked_boxes(row))]
        if len(stacked_rows) <= 1:
            return bool(stacked_rows)
        return 2 * sum(_rows_of_values(stacked) for stacked in stacked_rows) > len(stacked_rows)


def _stacked_boxes(row: Sequence[list[TextLine]]) -> list[list[TextLine]]:
    """The boxes of a row holding lines over each other, if most of its filled boxes do and two of them
    hold two lines level with each other; none otherwise."""
    stacked = [box_lines for box_lines in row if not _one_band(box_lines)]
    if 2 * len(stacked) > len(row) and any(
        _shared_bands(one, other) >= 2 for one, other in combinations(stacked, 2)
    ):
        return stacked
    return []


def _rows_of_values(stacked: Sequence[list[TextLine]]) -> bool:
    """Do two boxes or more hold the most bands (lines level with each other: a line read in two parts
    is one), and every other box's lines stand level with theirs: a row a line, some columns' values left
    out (a ledger's debits and credits)? A cell wrapped onto more lines than any other of its row is a
    cell's lines."""
    bands = [_band_count(box_lines) for box_lines in stacked]
    fullest = [box_lines for box_lines, count in zip(stacked, bands, strict=True) if count == max(bands)]
    return len(fullest) >= 2 and all(
        _shared_bands(box_lines, fullest[0]) == len(box_lines) for box_lines in stacked
    )


def _band_count(lines: Sequence[TextLine]) -> int:
    """How many bands the lines stand in, top to bottom (a line level with the one before is in its band)."""
    ordered = sorted(lines, key=lambda line: line.bbox.top)
    return 1 + sum(not _level(above, below) for above, below in pairwise(ordered))


def lattices(across: Sequence[BBox], down: Sequence[BBox]) -> list[Lattice]:
    """The grids the rules draw, and the boxes they draw alone (`across`, `down`: painted rules and sides
    of boxes as flat boxes, each place once: rules.painted_rules)."""
    # Marks (a dot, a tick) shorter than a point are no rules.
    edges = [
        *(_edge(rule, "h") for rule in across if rule.width >= MIN_RULE_LENGTH),
        *(_edge(rule, "v") for rule in down if rule.height >= MIN_RULE_LENGTH),
    ]
    if len(edges) > MAX_RULES:
        return []
    merged = merge_edges(
        edges, DEFAULT_SNAP_TOLERANCE, DEFAULT_SNAP_TOLERANCE, DEFAULT_JOIN_TOLERANCE, DEFAULT_JOIN_TOLERANCE
    )
    long_enough = [edge for edge in merged if _length(edge) >= MIN_EDGE_LENGTH]
    long_enough += _closing_edges(long_enough)
    corners = edges_to_intersections(long_enough, INTERSECTION_TOLERANCE, INTERSECTION_TOLERANCE)
    # Finding the boxes takes time that grows with the square of the corners (graph paper: minutes).
    if len(corners) > MAX_CORNERS:
        return []
    cells = intersections_to_cells(corners)
    # pdfplumber drops a box drawn alone (a dashboard's tile round its label and figure): a lattice of
    # one box, no table, but a frame that holds its lines apart (tables.find_tables).
    tables = cells_to_tables(cells)
    grouped = {cell for table in tables for cell in table}
    alone = [[cell] for cell in cells if cell not in grouped]
    return [Lattice([_box(cell) for cell in group]) for group in [*tables, *alone]]


def _closing_edges(edges: Sequence[Edge]) -> list[Edge]:
    """Rules across between two neighbouring rules down of one grid (some rule across joins them) whose
    outermost ends stand level where no rule across is drawn near: a grid cut by the page, a row after
    the page break open at the text's top (its top rule at the foot of the page before, its column rules
    run up to the text's top), or before it at the foot, closed where they end. Its boxes were no
    lattice, and the row was left out of the page's table. (Where a rule is drawn, the rules down end at
    its outer edge, a little off its middle: a second rule there would make boxes of the sliver; a dashed
    rule's segments end all along it.)"""
    across = [edge for edge in edges if edge["orientation"] == "h"]
    # Each rule down's segments together (a dashed rule's, a rule drawn a box at a time).
    rules_down = clustered(
        (edge for edge in edges if edge["orientation"] == "v"), lambda edge: _at(edge, "x0"), EDGE_TOLERANCE
    )
    closing = []
    for side, outermost in (("top", min), ("bottom", max)):
        ends = [(outermost(_at(edge, side) for edge in rule), _at(rule[0], "x0")) for rule in rules_down]
        for level in clustered(ends, lambda end: end[0], EDGE_TOLERANCE):
            at = level[0][0]
            for left, right in pairwise(sorted(x for _, x in level)):
                if any(_reaches(edge, left, right) for edge in across) and not any(
                    _drawn_near(edge, at, left, right) for edge in across
                ):
                    closing.append(_edge(BBox(x0=left, top=at, x1=right, bottom=at), "h"))
    return closing


def _reaches(edge: Edge, x0: float, x1: float) -> bool:
    """Does the rule across run from x0 to x1 (within the corners' tolerance), at any height?"""
    return _at(edge, "x0") <= x0 + INTERSECTION_TOLERANCE and _at(edge, "x1") >= x1 - INTERSECTION_TOLERANCE


def _drawn_near(edge: Edge, level: float, x0: float, x1: float) -> bool:
    """Does the rule across lie within the corners' tolerance of `level`, somewhere between x0 and x1?"""
    return (
        abs(_at(edge, "top") - level) <= INTERSECTION_TOLERANCE
        and _at(edge, "x0") < x1
        and _at(edge, "x1") > x0
    )


def _box(cell: tuple[float, float, float, float]) -> BBox:
    x0, top, x1, bottom = cell
    return BBox(x0=x0, top=top, x1=x1, bottom=bottom)


def drawn_table(lattice: Lattice, lines: Sequence[TextLine]) -> TableGrid | None:
    """The lattice as a table of the `lines` whose middles lie in its boxes; None when it is no table
    (too few rows or columns, boxes mostly empty or holding prose)."""
    columns = lattice.column_borders()
    rows = lattice.row_borders()
    if len(columns) - 1 < MIN_COLUMNS or len(rows) - 1 < MIN_ROWS:
        return None
    held = lattice.held(lines)
    if len(held) < MIN_FILLED_SHARE * len(lattice.boxes) or _empty_column(lattice, held, columns):
        return None
    if statistics.median(len(box_lines) for box_lines in held.values()) > MAX_MEDIAN_LINES:
        return None
    cells = [
        cell
        for index, box_lines in sorted(held.items())
        for cell in _cells(lattice.boxes[index], box_lines, columns, rows)
    ]
    return TableGrid(lattice.bbox, len(rows) - 1, len(columns) - 1, True, aligned_cells(cells, drawn=True))


def _cells(box: BBox, lines: list[TextLine], columns: list[float], rows: list[float]) -> list[GridCell]:
    """The box's lines as its cell. A box across a column border whose lines stand side by side there
    is no merged cell but cells whose border is not drawn: each line is a cell of the columns it lies in.
    A box of one column whose lines all stand side by side an em apart or more (answers after their
    checkboxes, "Yes" and "No", which pdfminer reads apart at the boxes' sides) holds each as a part,
    halfway between them; closer, they are one sentence read apart (a word in another font)."""
    first, last = _index(columns, box.x0), _index(columns, box.x1) - 1
    row = _index(rows, box.top)
    ordered = sorted(lines, key=lambda line: (line.bbox.top, line.bbox.x0))
    across = sorted(lines, key=lambda line: line.bbox.x0)
    if first == last and len(across) > 1 and _one_band(across) and _apart(across):
        return _side_by_side_parts(box, across, row, first)
    if first == last or not _side_by_side(ordered):
        return [GridCell(ordered, row, first, last - first + 1, box, "left")]
    cells = []
    for line in ordered:
        start = max(first, _column_of(columns, line.bbox.x0))
        end = min(last, _column_of(columns, line.bbox.x1 - EDGE_TOLERANCE))
        part = BBox(x0=columns[start], top=box.top, x1=columns[end + 1], bottom=box.bottom)
        cells.append(GridCell([line], row, start, end - start + 1, part, "left"))
    return cells


def _empty_column(lattice: Lattice, held: dict[int, list[TextLine]], columns: list[float]) -> bool:
    """Does a column of boxes hold no text at all: a form's fields beside its labels, not a table (its
    labels under "Full name" read as a column of names, and kept in English)?"""
    filled = {column for index in held for column in _covered(lattice.boxes[index], columns)}
    return len(filled) < len(columns) - 1


def _covered(box: BBox, columns: list[float]) -> range:
    return range(_index(columns, box.x0), _index(columns, box.x1))


def _side_by_side_parts(box: BBox, lines: list[TextLine], row: int, column: int) -> list[GridCell]:
    """The lines, left to right, each a part of the box up to halfway to the next."""
    middles = [(left.bbox.x1 + right.bbox.x0) / 2 for left, right in pairwise(lines)]
    return [
        GridCell([line], row, column, 1, box.model_copy(update={"x0": x0, "x1": x1}), "left")
        for line, x0, x1 in zip(lines, [box.x0, *middles], [*middles, box.x1], strict=True)
    ]


def _apart(lines: Sequence[TextLine]) -> bool:
    """Are the lines (left to right) at least APART_EM apart?"""
    return all(
        right.bbox.x0 - left.bbox.x1 >= APART_EM * max(left.style.size, right.style.size)
        for left, right in pairwise(lines)
    )


def _shared_bands(one: Sequence[TextLine], other: Sequence[TextLine]) -> int:
    """How many lines of `one` stand level with a line of `other`?"""
    return sum(any(_level(line, beside) for beside in other) for line in one)


def _one_band(lines: Sequence[TextLine]) -> bool:
    """Does each line stand level with every other?"""
    return all(_level(one, other) for one, other in combinations(lines, 2))


def _side_by_side(lines: Sequence[TextLine]) -> bool:
    """Do two of the lines stand level with each other?"""
    return any(_level(one, other) for one, other in combinations(lines, 2))


def _level(one: TextLine, other: TextLine) -> bool:
    return y_overlap(one.bbox, other.bbox) > 0


def _box_of(boxes: Sequence[BBox], line: TextLine) -> int | None:
    middle_x, middle_y = (line.bbox.x0 + line.bbox.x1) / 2, (line.bbox.top + line.bbox.bottom) / 2
    return next(
        (
            index
            for index, box in enumerate(boxes)
            if box.x0 <= middle_x <= box.x1 and box.top <= middle_y <= box.bottom
        ),
        None,
    )


def _borders(edges: Sequence[float]) -> list[float]:
    """The distinct edges, those within EDGE_TOLERANCE of the one before taken as it."""
    borders: list[float] = []
    for edge in sorted(edges):
        if not borders or edge - borders[-1] > EDGE_TOLERANCE:
            borders.append(edge)
    return borders


def _index(borders: Sequence[float], edge: float) -> int:
    return min(range(len(borders)), key=lambda index: abs(borders[index] - edge))


def _column_of(columns: Sequence[float], x: float) -> int:
    """The column (between two borders) x lies in, the outer ones for x beyond them."""
    return max(0, min(len(columns) - 2, sum(1 for border in columns[1:-1] if border <= x)))


def _edge(rule: BBox, orientation: str) -> Edge:
    return {
        "x0": rule.x0,
        "x1": rule.x1,
        "top": rule.top,
        "bottom": rule.bottom,
        "width": rule.x1 - rule.x0,
        "height": rule.bottom - rule.top,
        "orientation": orientation,
    }


def _length(edge: Edge) -> float:
    return _at(edge, "width" if edge["orientation"] == "h" else "height")


def _at(edge: Edge, key: str) -> float:
    return float(edge[key])  # type: ignore[arg-type]
