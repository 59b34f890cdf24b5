"""One pdfplumber page -> a Page of the document model, in displayed-page coordinates."""

import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pdfplumber.page
from pdfminer.layout import LAParams, LTContainer, LTCurve, LTImage, LTRect, LTTextLineHorizontal

from docrelay_common.document import BBox, ImageRef, Page, Table, TableCell, TextBlock
from docrelay_extractor.alignment import Align
from docrelay_extractor.baselines import join_touching
from docrelay_extractor.blocks import block_alignment, make_block
from docrelay_extractor.data_cells import mark_data_cells
from docrelay_extractor.directions import FrameText, frame_texts
from docrelay_extractor.form_fields import page_form_fields
from docrelay_extractor.frames import Frame
from docrelay_extractor.geometry import from_bottom_left, union
from docrelay_extractor.hard_breaks import split_at_hard_breaks
from docrelay_extractor.lines import TextLine, VerticalRule, glyph_runs, text_line
from docrelay_extractor.misnamed_fonts import MisnamedFonts
from docrelay_extractor.paragraphs import group_paragraphs
from docrelay_extractor.reading_order import reading_order
from docrelay_extractor.table_bands import row_bands
from docrelay_extractor.table_grid import GridCell, TableGrid
from docrelay_extractor.tables import find_tables

# pdfminer groups glyphs into lines; we group lines into paragraphs ourselves, so its box ordering
# (boxes_flow) is switched off. all_texts: also read text drawn inside form XObjects.
LAYOUT_PARAMS: dict[str, Any] = {"boxes_flow": None, "all_texts": True}
# Text in other directions is lined up as pdfminer lines up the page's upright text.
LINE_PARAMS = LAParams(**LAYOUT_PARAMS)
ROTATIONS = frozenset({0, 90, 180, 270})
# Strokes thinner than this (points) count as rules.
RULE_THICKNESS = 2.0


def read_page(page: pdfplumber.page.Page, misnamed_fonts: MisnamedFonts) -> Page:
    """pdfminer has already applied /Rotate: its layout is the page as displayed."""
    layout = page.layout
    leaves = list(_leaves(layout))
    shapes = [item for item in leaves if isinstance(item, LTCurve)]
    images = [
        ImageRef(bbox=from_bottom_left(*item.bbox, layout.height), name=item.name)
        for item in leaves
        if isinstance(item, LTImage)
    ]
    lines = [item for item in leaves if isinstance(item, LTTextLineHorizontal)]
    texts = frame_texts(lines, layout.width, layout.height, LINE_PARAMS)
    unreadable_fonts = misnamed_fonts.on_page(page)
    paragraphs = [_paragraphs(text, shapes, unreadable_fonts) for text in texts]
    tables = [grid for text in paragraphs for grid in text.tables]
    return Page(
        number=page.page_number,
        width=layout.width,
        height=layout.height,
        rotation=displayed_rotation(page),
        blocks=mark_data_cells(_blocks(page.page_number, paragraphs)),
        images=images,
        tables=[_table(page.page_number, index, grid) for index, grid in enumerate(tables)],
        form_fields=page_form_fields(page),
    )


def displayed_rotation(page: pdfplumber.page.Page) -> int:
    """/Rotate as pdfminer applied it: it ignores values that are not a multiple of 90."""
    return page.rotation if page.rotation in ROTATIONS else 0


@dataclass(frozen=True)
class _Group:
    """The lines of one block: a paragraph, or a table cell (`table` counts the tables of the page)."""

    lines: list[TextLine]
    cell: GridCell | None = None
    table: int = 0
    # How the lines are set, when more lines than the block's own tell (a list cut out of a paragraph).
    align: Align | None = None


@dataclass(frozen=True)
class _FrameParagraphs:
    frame: Frame
    groups: list[_Group]
    # Around all the text of the frame: a lone line centred in it is a centred block.
    text_area: BBox
    tables: list[TableGrid] = field(default_factory=list)

    @property
    def glyphs(self) -> int:
        return sum(line.glyphs for group in self.groups for line in group.lines)


def _paragraphs(text: FrameText, shapes: list[LTCurve], unreadable_fonts: frozenset[str]) -> _FrameParagraphs:
    """The blocks' lines of one direction's text, in its frame: its tables' cells (upright text only),
    and paragraphs split at the rules drawn across their lines and after lines broken on purpose."""
    frame = text.frame
    turned = [frame.item(shape) for shape in shapes]
    vertical_rules = [rule for shape in turned for rule in _vertical_sides(shape)]
    horizontal_rules = [rule for shape in turned for rule in _horizontal_sides(shape, frame.height)]

    runs = join_touching([run for items in text.lines for run in glyph_runs(items, vertical_rules)])
    built = [(run, text_line(run, frame.height, unreadable_fonts)) for run in runs]
    lines = [line for _, line in built]

    def reline(extra_rules: Sequence[VerticalRule]) -> list[TextLine]:
        """The lines again, those crossed by `extra_rules` split there (the rest are as they were)."""
        return [
            new
            for run, line in built
            for new in (
                [text_line(part, frame.height, unreadable_fonts) for part in glyph_runs(run, extra_rules)]
                if _crossed(line, extra_rules, frame.height)
                else [line]
            )
        ]

    tables: list[TableGrid] = []
    if frame.turn == 0:
        lines, tables = find_tables(lines, horizontal_rules, vertical_rules, reline, frame.height)
    groups = [_Group(cell.lines, cell, index) for index, grid in enumerate(tables) for cell in grid.cells]
    in_cells = [line for group in groups for line in group.lines]
    taken = set(in_cells)
    free = [line for line in lines if line not in taken]
    paragraphs = group_paragraphs(free, horizontal_rules, placed=in_cells)
    text_area = union(line.bbox for line in lines)
    rows = {line for band in row_bands(lines) if len(band.lines) > 1 for line in band.lines}
    groups += [group for paragraph in paragraphs for group in _list_items(paragraph, text_area, rows)]
    return _FrameParagraphs(frame, groups, text_area, tables)


def _list_items(paragraph: list[TextLine], text_area: BBox, rows: set[TextLine]) -> list[_Group]:
    """The paragraph cut after its lines broken on purpose; the parts are set as the whole was."""
    parts = split_at_hard_breaks(paragraph, rows)
    if len(parts) == 1:
        return [_Group(paragraph)]
    align = block_alignment(paragraph, text_area, statistics.median(line.style.size for line in paragraph))
    # A single line is never stretched: justified text's lines start at its left edge.
    return [_Group(part, align="left" if align == "justify" else align) for part in parts]


def _blocks(page_number: int, texts: list[_FrameParagraphs]) -> list[TextBlock]:
    """The blocks of all directions, in the reading order of the direction most of the page's text runs in."""
    placed = [(text, group) for text in texts for group in text.groups]
    if not placed:
        return []
    main = max(texts, key=lambda text: text.glyphs).frame
    boxes = [text.frame.to_page(union(line.bbox for line in group.lines)) for text, group in placed]
    order = reading_order([main.from_page(box) for box in boxes])
    blocks: list[TextBlock] = []
    for text, group in (placed[index] for index in order):
        block = make_block(f"p{page_number}-b{len(blocks)}", group.lines, text.text_area, group.align)
        if block is not None:
            blocks.append(_in_cell(_on_page(block, text.frame), page_number, group))
    return blocks


def _in_cell(block: TextBlock, page_number: int, group: _Group) -> TextBlock:
    """A cell's block knows its place in its table and is set as its column is (tables are upright)."""
    cell = group.cell
    if cell is None:
        return block
    place = TableCell(
        table=_table_id(page_number, group.table),
        row=cell.row,
        column=cell.column,
        column_span=cell.column_span,
        bbox=cell.box,
    )
    return block.model_copy(update={"cell": place, "align": cell.align})


def _table(page_number: int, index: int, grid: TableGrid) -> Table:
    return Table(
        id=_table_id(page_number, index),
        bbox=grid.bbox,
        rows=grid.rows,
        columns=grid.columns,
        ruled=grid.ruled,
    )


def _table_id(page_number: int, index: int) -> str:
    return f"p{page_number}-t{index}"


def _on_page(block: TextBlock, frame: Frame) -> TextBlock:
    """A block made in its frame, with its box on the page and how its text is turned there."""
    if frame.turn == 0:
        return block
    placement = {"bbox": frame.to_page(block.bbox), "rotation": frame.rotation, "vertical": frame.vertical}
    return block.model_copy(update=placement)


def _crossed(line: TextLine, rules: Sequence[VerticalRule], height: float) -> bool:
    middle = height - (line.bbox.top + line.bbox.bottom) / 2
    return any(line.bbox.x0 < rule.x < line.bbox.x1 and rule.y0 <= middle <= rule.y1 for rule in rules)


def _vertical_sides(shape: LTCurve) -> list[VerticalRule]:
    """Vertical rules and the left/right sides of rectangles: where table cells end."""
    if shape.width <= RULE_THICKNESS:
        return [VerticalRule(x=(shape.x0 + shape.x1) / 2, y0=shape.y0, y1=shape.y1)]
    if isinstance(shape, LTRect):
        return [VerticalRule(x=x, y0=shape.y0, y1=shape.y1) for x in (shape.x0, shape.x1)]
    return []


def _horizontal_sides(shape: LTCurve, page_height: float) -> list[BBox]:
    """Horizontal rules and the top/bottom sides of rectangles, as flat boxes: where table rows end."""
    if shape.height <= RULE_THICKNESS:
        middle = (shape.y0 + shape.y1) / 2
        return [from_bottom_left(shape.x0, middle, shape.x1, middle, page_height)]
    if isinstance(shape, LTRect):
        return [from_bottom_left(shape.x0, y, shape.x1, y, page_height) for y in (shape.y0, shape.y1)]
    return []


def _leaves(container: LTContainer[Any]) -> Iterator[LTTextLineHorizontal | LTImage | LTCurve]:
    for item in container:
        if isinstance(item, LTTextLineHorizontal | LTImage | LTCurve):
            yield item
        elif isinstance(item, LTContainer):
            yield from _leaves(item)
