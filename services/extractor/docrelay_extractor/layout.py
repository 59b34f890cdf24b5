"""One pdfplumber page -> a Page of the document model, in displayed-page coordinates."""

from collections.abc import Iterator
from typing import Any

import pdfplumber.page
from pdfminer.layout import LAParams, LTContainer, LTCurve, LTImage, LTTextLineHorizontal

from docrelay_common.document import BBox, ImageRef, Page, Table, TableCell, TextBlock
from docrelay_extractor.block_lines import BlockLines, FrameBlocks, frame_blocks
from docrelay_extractor.blocks import make_block
from docrelay_extractor.code_blocks import keep_code
from docrelay_extractor.data_cells import mark_data_cells
from docrelay_extractor.directions import frame_texts
from docrelay_extractor.figures import figure_areas, keep_figure_labels
from docrelay_extractor.form_fields import page_form_fields
from docrelay_extractor.frames import Frame
from docrelay_extractor.geometry import from_bottom_left, union
from docrelay_extractor.hidden_text import hidden_lines, page_layout
from docrelay_extractor.lone_lines import align_lone_lines
from docrelay_extractor.math_blocks import mark_math
from docrelay_extractor.misnamed_fonts import MisnamedFonts
from docrelay_extractor.reading_order import reading_order
from docrelay_extractor.rules import page_rules
from docrelay_extractor.table_grid import TableGrid
from docrelay_extractor.typefaces import Typefaces, with_typefaces

# pdfminer groups glyphs into lines; we group lines into paragraphs ourselves, so its box ordering
# (boxes_flow) is switched off. all_texts: also read text drawn inside form XObjects.
LAYOUT_PARAMS: dict[str, Any] = {"boxes_flow": None, "all_texts": True}
# Text in other directions is lined up as pdfminer lines up the page's upright text.
LINE_PARAMS = LAParams(**LAYOUT_PARAMS)
ROTATIONS = frozenset({0, 90, 180, 270})


def read_page(page: pdfplumber.page.Page, misnamed_fonts: MisnamedFonts, typefaces: Typefaces) -> Page:
    """pdfminer has already applied /Rotate: its layout is the page as displayed."""
    layout = page_layout(page)
    leaves = list(_leaves(layout))
    shapes = [item for item in leaves if isinstance(item, LTCurve)]
    images = [
        ImageRef(bbox=from_bottom_left(*item.bbox, layout.height), name=item.name)
        for item in leaves
        if isinstance(item, LTImage)
    ]
    form_fields = page_form_fields(page)
    field_boxes = [field.bbox for field in form_fields]
    lines = _shown_lines(
        [item for item in leaves if isinstance(item, LTTextLineHorizontal)], field_boxes, layout.height
    )
    texts = frame_texts(lines, layout.width, layout.height, LINE_PARAMS)
    unreadable_fonts = misnamed_fonts.on_page(page)
    frames = [frame_blocks(text, shapes, unreadable_fonts, field_boxes) for text in texts]
    tables = [grid for frame in frames for grid in frame.tables]
    blocks = mark_math(keep_code(mark_data_cells(_blocks(page.page_number, frames))), shapes, layout.height)
    blocks = keep_figure_labels(blocks, figure_areas(images, shapes, layout.width, layout.height))
    blocks = align_lone_lines(blocks)
    return Page(
        number=page.page_number,
        width=layout.width,
        height=layout.height,
        rotation=displayed_rotation(page),
        blocks=with_typefaces(blocks, typefaces.on_page(page)),
        images=images,
        tables=[_table(page.page_number, index, grid) for index, grid in enumerate(tables)],
        form_fields=form_fields,
        rules=page_rules(shapes, layout.height),
    )


def _shown_lines(
    lines: list[LTTextLineHorizontal], fields: list[BBox], height: float
) -> list[LTTextLineHorizontal]:
    """The lines but those drawn invisibly under a form field or under visible text (hidden_text)."""
    hidden = hidden_lines(lines, [(box.x0, height - box.bottom, box.x1, height - box.top) for box in fields])
    return [line for line in lines if line not in hidden]


def displayed_rotation(page: pdfplumber.page.Page) -> int:
    """/Rotate as pdfminer applied it: it ignores values that are not a multiple of 90."""
    return page.rotation if page.rotation in ROTATIONS else 0


def _blocks(page_number: int, texts: list[FrameBlocks]) -> list[TextBlock]:
    """The blocks of all directions, in the reading order of the direction most of the page's text runs in."""
    placed = [(text, group) for text in texts for group in text.groups]
    if not placed:
        return []
    main = max(texts, key=lambda text: text.glyphs).frame
    boxes = [text.frame.to_page(union(line.bbox for line in group.lines)) for text, group in placed]
    order = reading_order([main.from_page(box) for box in boxes])
    blocks: list[TextBlock] = []
    for text, group in (placed[index] for index in order):
        block_id = f"p{page_number}-b{len(blocks)}"
        block = make_block(
            block_id, group.lines, text.text_area, text.body_size, group.align, text.frame.width
        )
        if block is not None:
            blocks.append(_in_cell(_on_page(block, text.frame), page_number, group))
    return blocks


def _in_cell(block: TextBlock, page_number: int, group: BlockLines) -> TextBlock:
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
    # Turned text and vertical columns are set upright in their frame, without an indent.
    return block.model_copy(update={**placement, "indent": 0.0})


def _leaves(container: LTContainer[Any]) -> Iterator[LTTextLineHorizontal | LTImage | LTCurve]:
    for item in container:
        if isinstance(item, LTTextLineHorizontal | LTImage | LTCurve):
            yield item
        elif isinstance(item, LTContainer):
            yield from _leaves(item)
