"""The lines of one direction's text, in its frame, as the lines of its blocks: its tables' cells (upright
text only; a cell of two paragraphs as its parts, cell_parts), and paragraphs split at the rules drawn
across their lines and after lines broken on purpose.
"""

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from pdfminer.layout import LTCurve

from docrelay_common.document import BBox
from docrelay_extractor.alignment import SIZE_TOLERANCE, Align, aligned, centring_area
from docrelay_extractor.baselines import join_touching
from docrelay_extractor.blocks import block_alignment
from docrelay_extractor.cell_parts import cell_parts
from docrelay_extractor.code_blocks import reads_as_code
from docrelay_extractor.directions import FrameText
from docrelay_extractor.drawn_grids import lattices
from docrelay_extractor.drop_caps import joined_drop_caps
from docrelay_extractor.footnote_marks import attach_marks
from docrelay_extractor.frames import Frame
from docrelay_extractor.geometry import from_bottom_left, union
from docrelay_extractor.gutters import gutter_rules
from docrelay_extractor.hard_breaks import broken_at_every_line, split_at_field_labels, split_at_hard_breaks
from docrelay_extractor.line_room import (
    Surroundings,
    centred_room,
    flush_right_alone,
    flush_room,
    starts_alone,
)
from docrelay_extractor.lines import TextLine, VerticalRule, body_size_of, glyph_ink, glyph_runs, text_line
from docrelay_extractor.middle_aligned import with_centred_cells
from docrelay_extractor.paragraphs import group_paragraphs
from docrelay_extractor.rules import (
    drawn_marks,
    horizontal_sides,
    painted_rules,
    thin_strokes,
    vertical_sides,
)
from docrelay_extractor.style import is_monospace
from docrelay_extractor.table_bands import Band, row_bands
from docrelay_extractor.table_grid import GridCell, TableGrid
from docrelay_extractor.tables import find_tables
from docrelay_extractor.underlines import NO_RULES, UnderlineRules

# Centred lines up to this many times the body's size are in its type (an address set a point larger).
MAX_BODY_RATIO = 1.2
# A list nothing else in its column starts beside: at least this many lines, its widest filling at most
# this share of the room on its rows.
OPEN_LIST_LINES = 3
OPEN_LIST_FILL = 2 / 3
# A line of a list measured against its column's room holds at most this many words ("Soup of the day",
# "Hanjin Shipping Co., Ltd.", "Bristol BS1 4QA").
MAX_ITEM_WORDS = 4


@dataclass(frozen=True)
class BlockLines:
    """The lines of one block: a paragraph, or a table cell (`table` counts the tables of the page)."""

    lines: list[TextLine]
    cell: GridCell | None = None
    table: int = 0
    # How the lines are set, when more lines than the block's own tell (a list cut out of a paragraph).
    align: Align | None = None


@dataclass(frozen=True)
class FrameBlocks:
    frame: Frame
    groups: list[BlockLines]
    # Around all the text of the frame, or across the page where all its lines are centred on it
    # (alignment.centring_area): a lone line centred in it is a centred block.
    text_area: BBox
    # The size most of the frame's glyphs are set in: a lone line larger than it is a title.
    body_size: float
    tables: list[TableGrid] = field(default_factory=list)

    @property
    def glyphs(self) -> int:
        return sum(line.glyphs for group in self.groups for line in group.lines)


def frame_blocks(
    text: FrameText, shapes: list[LTCurve], unreadable_fonts: frozenset[str], fields: Sequence[BBox] = ()
) -> FrameBlocks:
    """The lines of the blocks of one direction's text; `shapes` are the page's, where rules are, and
    `fields` its form fields' boxes, which label the upright lines beside them."""
    frame = text.frame
    turned = [frame.item(shape) for shape in shapes]
    vertical_rules = [rule for shape in turned for rule in vertical_sides(shape)]
    horizontal_rules = [rule for shape in turned for rule in horizontal_sides(shape, frame.height)]

    # A line read across a gutter between two columns is split there too (upright text only).
    splits = vertical_rules + (gutter_rules(text.lines) if frame.turn == 0 else [])
    runs = attach_marks(join_touching([run for items in text.lines for run in glyph_runs(items, splits)]))
    shape_boxes = [from_bottom_left(shape.x0, shape.y0, shape.x1, shape.y1, frame.height) for shape in turned]
    strokes = thin_strokes(turned, frame.height)
    # Each glyph's box is needed only where a line may underline something: most pages draw none.
    underline_rules = (
        UnderlineRules(strokes, shape_boxes, [ink for run in runs for ink in glyph_ink(run, frame.height)])
        if strokes
        else NO_RULES
    )
    built = [(run, text_line(run, frame.height, unreadable_fonts, underline_rules)) for run in runs]
    if frame.turn == 0:
        # Tables are found in upright text only.
        built = with_centred_cells(built)
    lines = [line for _, line in built]

    def reline(extra_rules: Sequence[VerticalRule]) -> list[TextLine]:
        """The lines again, those crossed by `extra_rules` split there (the rest are as they were)."""
        return [
            new
            for run, line in built
            for new in (
                [
                    replace(
                        text_line(part, frame.height, unreadable_fonts, underline_rules),
                        centred=line.centred,
                    )
                    for part in glyph_runs(run, extra_rules)
                ]
                if _crossed(line, extra_rules, frame.height)
                else [line]
            )
        ]

    tables: list[TableGrid] = []
    if frame.turn == 0:
        grids = lattices(*painted_rules(turned, frame.height))
        lines, tables = find_tables(lines, horizontal_rules, vertical_rules, reline, frame.height, grids)
    groups = [
        BlockLines(part.lines, part, index)
        for index, grid in enumerate(tables)
        for cell in grid.cells
        for part in cell_parts(cell)
    ]
    in_cells = [line for group in groups for line in group.lines]
    taken = set(in_cells)
    if frame.turn == 0:
        lines = joined_drop_caps(lines, taken)
    free = [line for line in lines if line not in taken]
    paragraphs = group_paragraphs(
        free, horizontal_rules, placed=in_cells, marks=drawn_marks(turned, frame.height)
    )
    text_area = union(line.bbox for line in lines)
    area_centred_in = centring_area(
        [line.bbox for line in lines], [line.style.size for line in lines], text_area, frame.width
    )
    body_size = body_size_of(lines)
    if frame.turn != 0:
        # Turned text and vertical columns are labels and prose: no tables, no lists.
        return FrameBlocks(
            frame, [BlockLines(paragraph) for paragraph in paragraphs], area_centred_in, body_size
        )
    bands = [band for band in row_bands(lines) if len(band.lines) > 1]
    rows = {line for band in bands for line in band.lines}
    described = {line for band in bands for line in _describing_code(band)}
    # The field on each line's row: lines on two fields' rows are two items (a form's labels, its line
    # numbers and letters), unless a sentence runs on (split_at_field_labels).
    field_of = {
        line: index for line in lines for index, field in enumerate(fields) if line.bbox.side_by_side(field)
    }
    surroundings = Surroundings(
        lines, vertical_rules, shape_boxes, horizontal_rules, text_area, frame.height, frozenset(in_cells)
    )

    def room(paragraph: list[TextLine], align: Align) -> Room:
        """The width a centred paragraph's lines could have filled, or a list's set from the left (0:
        its own width). Only for lines in the body's type (an address, a list): smaller ones (a figure's
        labels) are set by hand, and a title, larger or bold, is often broken by hand to balance its
        lines ("... Extraction Using" over "Unrestricted Relation Discovery"), a sentence the
        translation needs whole. A paragraph set from the left is a list when every one of its lines
        ended on purpose within that room: "Soup of the day" over "Grilled fish" over "Apple pie"
        beside the empty half of a column, where the widest line alone would make the first a full
        line of prose wrapped before the second. With the room comes the side its parts are set from:
        a list measured from the right keeps its items flush right."""
        size = statistics.median(line.style.size for line in paragraph)
        in_body_type = body_size - SIZE_TOLERANCE <= size <= body_size * MAX_BODY_RATIO
        if len(paragraph) < 2 or not in_body_type or _bold(paragraph):
            return Room(0.0, align)
        if align == "center":
            return Room(centred_room(paragraph, surroundings), align)
        if align not in ("left", "right"):
            return Room(0.0, align)
        # Lines alike in width set from the right (a letter's sender, at the margin) look set from the
        # left too: both sides are tried.
        sides = [align == "right"] if align == "right" or not _flush_right(paragraph) else [False, True]
        return max(
            Room(_list_room(paragraph, surroundings, from_right), "right" if from_right else "left")
            for from_right in sides
        )

    def row_room(paragraph: list[TextLine]) -> float:
        """The width from the paragraph's left edge to what bounds it on its rows."""
        return flush_room(paragraph, surroundings, measured=False)

    def items(paragraph: list[TextLine]) -> list[BlockLines]:
        if len(paragraph) == 1 and flush_right_alone(paragraph[0], surroundings):
            # One line shows no alignment of its own: at the margin, alone, it was set from the right,
            # and a longer translation grows leftwards (a letter's date, "6 de diciembre de 2026"); one
            # centred on the page is centred however its end lines up with others (a figure's caption).
            size = paragraph[0].style.size
            if block_alignment(paragraph, area_centred_in, size, body_size, frame.width) != "center":
                return [BlockLines(paragraph, align="right")]
        return _list_items(paragraph, area_centred_in, rows, described, field_of, body_size, room, row_room)

    groups += [group for paragraph in paragraphs for group in items(paragraph)]
    return FrameBlocks(frame, groups, area_centred_in, body_size, tables)


class Room(NamedTuple):
    """The width a paragraph's lines could have filled (0: its own), and the side its parts are set from."""

    width: float
    side: Align


def _list_room(paragraph: list[TextLine], surroundings: Surroundings, from_right: bool = False) -> float:
    """The room of a list set from the left, or `from_right` (0: not a list, or code): every line ended
    on purpose within its column's measure; or, for a list of OPEN_LIST_LINES lines or more whose widest
    line fills at most OPEN_LIST_FILL of what bounds it on its rows, within that (an address block alone
    on the right of a letter: nothing else starts where it does to give a measure). Two lines of prose
    wrapped short of the text area (an indented paragraph, a line of code running past the column) are
    no list when the second starts with a name ("... obtained from within" over "R using the
    commands:")."""
    if all(is_monospace(line.style.font) for line in paragraph) and reads_as_code(
        " ".join(line.text for line in paragraph)
    ):
        # Code is kept as it is, its lines need no parting; parted, a line alone ("Dumped" under an
        # error message) would show too few signs of code to be kept. A typewritten address is a list.
        return 0.0
    if any(len(line.text.split()) > MAX_ITEM_WORDS for line in paragraph):
        # A list's items are short; lines of more words are prose wrapped short of its room for a
        # reason the page does not show (a caption under a picture, a column beside a figure).
        return 0.0
    measured = flush_room(paragraph, surroundings, from_right)
    if broken_at_every_line(paragraph, measured, from_right):
        return measured
    if len(paragraph) < OPEN_LIST_LINES or not starts_alone(paragraph, surroundings, from_right):
        return 0.0
    bounded = flush_room(paragraph, surroundings, from_right, measured=False)
    widest = max(line.bbox.x1 for line in paragraph) - min(line.bbox.x0 for line in paragraph)
    if widest <= OPEN_LIST_FILL * bounded and broken_at_every_line(paragraph, bounded, from_right):
        return bounded
    return 0.0


def _flush_right(lines: Sequence[TextLine]) -> bool:
    return aligned([line.bbox.x1 for line in lines], max(line.style.size for line in lines))


def _describing_code(band: Band) -> list[TextLine]:
    """The band's lines in a text face with code (a monospaced line) after them on their baseline."""
    lines = band.lines
    return [
        line
        for index, line in enumerate(lines)
        if not is_monospace(line.style.font)
        and any(is_monospace(after.style.font) for after in lines[index + 1 :])
    ]


def _list_items(
    paragraph: list[TextLine],
    text_area: BBox,
    rows: set[TextLine],
    described: set[TextLine],
    field_of: dict[TextLine, int],
    body_size: float,
    room: Callable[[list[TextLine], Align], "Room"],
    row_room: Callable[[list[TextLine]], float],
) -> list[BlockLines]:
    """The paragraph cut after its lines broken on purpose and between the labels of two form fields;
    the parts are set as the whole was, or from the side a list's room was measured from. `room` tells
    the width a paragraph set so could have filled, `row_room` the width its rows leave it."""
    size = statistics.median(line.style.size for line in paragraph)
    align = block_alignment(paragraph, text_area, size, body_size)
    parts: list[tuple[list[TextLine], Align]] = []
    for labelled in split_at_field_labels(paragraph, field_of):
        width, side = room(labelled, align)
        # A single line is never stretched: justified text's lines start at its left edge.
        part_align: Align = side if width else "left" if align == "justify" else align
        parts += [
            (part, part_align)
            for part in split_at_hard_breaks(labelled, rows, described, width, row_room(labelled))
        ]
    if len(parts) == 1:
        return [BlockLines(paragraph)]
    return [BlockLines(part, align=part_align) for part, part_align in parts]


def _bold(lines: Sequence[TextLine]) -> bool:
    return all(line.style.bold for line in lines)


def _crossed(line: TextLine, rules: Sequence[VerticalRule], height: float) -> bool:
    return any(line.bbox.x0 < rule.x < line.bbox.x1 and rule.beside(line.bbox, height) for rule in rules)
