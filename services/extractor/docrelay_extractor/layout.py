"""One pdfplumber page -> a Page of the document model, in displayed-page coordinates."""

from collections.abc import Iterator
from typing import Any

import pdfplumber.page
from pdfminer.layout import LTContainer, LTCurve, LTImage, LTRect, LTTextLineHorizontal

from docrelay_common.document import BBox, ImageRef, Page, TextBlock
from docrelay_extractor.baselines import join_touching
from docrelay_extractor.blocks import make_block
from docrelay_extractor.geometry import from_bottom_left, union
from docrelay_extractor.glyph_text import Item
from docrelay_extractor.lines import TextLine, VerticalRule, glyph_runs, text_line
from docrelay_extractor.misnamed_fonts import MisnamedFonts
from docrelay_extractor.paragraphs import group_paragraphs
from docrelay_extractor.reading_order import reading_order

# pdfminer groups glyphs into lines; we group lines into paragraphs ourselves, so its box ordering
# (boxes_flow) is switched off. all_texts: also read text drawn inside form XObjects.
LAYOUT_PARAMS = {"boxes_flow": None, "all_texts": True}
ROTATIONS = frozenset({0, 90, 180, 270})
# Strokes thinner than this (points) count as rules.
RULE_THICKNESS = 2.0


def read_page(page: pdfplumber.page.Page, misnamed_fonts: MisnamedFonts) -> Page:
    """pdfminer has already applied /Rotate: its layout is the page as displayed."""
    layout = page.layout
    leaves = list(_leaves(layout))
    shapes = [item for item in leaves if isinstance(item, LTCurve)]
    vertical_rules = [rule for shape in shapes for rule in _vertical_sides(shape)]
    horizontal_rules = [rule for shape in shapes for rule in _horizontal_sides(shape, layout.height)]
    runs: list[list[Item]] = []
    images: list[ImageRef] = []
    for item in leaves:
        if isinstance(item, LTImage):
            images.append(ImageRef(bbox=from_bottom_left(*item.bbox, layout.height), name=item.name))
        elif isinstance(item, LTTextLineHorizontal):
            runs.extend(glyph_runs(item, vertical_rules))
    unreadable_fonts = misnamed_fonts.on_page(page)
    lines = [text_line(run, layout.height, unreadable_fonts) for run in join_touching(runs)]
    return Page(
        number=page.page_number,
        width=layout.width,
        height=layout.height,
        rotation=displayed_rotation(page),
        blocks=_blocks(page.page_number, lines, horizontal_rules),
        images=images,
    )


def displayed_rotation(page: pdfplumber.page.Page) -> int:
    """/Rotate as pdfminer applied it: it ignores values that are not a multiple of 90."""
    return page.rotation if page.rotation in ROTATIONS else 0


def _blocks(page_number: int, lines: list[TextLine], rules: list[BBox]) -> list[TextBlock]:
    if not lines:
        return []
    paragraphs = group_paragraphs(lines, rules)
    order = reading_order([union(line.bbox for line in paragraph) for paragraph in paragraphs])
    text_area = union(line.bbox for line in lines)
    blocks: list[TextBlock] = []
    for paragraph in (paragraphs[index] for index in order):
        block = make_block(f"p{page_number}-b{len(blocks)}", paragraph, text_area)
        if block is not None:
            blocks.append(block)
    return blocks


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
