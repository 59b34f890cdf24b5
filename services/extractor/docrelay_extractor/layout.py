"""One pdfplumber page -> a Page of the document model, in displayed-page coordinates."""

from collections.abc import Iterator

import pdfplumber.page
from docrelay_common.document import ImageRef, Page, TextBlock
from pdfminer.layout import LTContainer, LTImage, LTItem, LTTextLineHorizontal

from docrelay_extractor.blocks import make_block
from docrelay_extractor.geometry import from_bottom_left, union
from docrelay_extractor.lines import TextLine, read_line
from docrelay_extractor.paragraphs import group_paragraphs
from docrelay_extractor.reading_order import reading_order

# pdfminer groups glyphs into lines; we group lines into paragraphs ourselves, so its box ordering
# (boxes_flow) is switched off. all_texts: also read text drawn inside form XObjects.
LAYOUT_PARAMS = {"boxes_flow": None, "all_texts": True}
ROTATIONS = frozenset({0, 90, 180, 270})


def read_page(page: pdfplumber.page.Page) -> Page:
    """pdfminer has already applied /Rotate: its layout is the page as displayed."""
    layout = page.layout
    lines: list[TextLine] = []
    images: list[ImageRef] = []
    for item in _leaves(layout):
        if isinstance(item, LTImage):
            images.append(ImageRef(bbox=from_bottom_left(*item.bbox, layout.height), name=item.name))
        elif (line := read_line(item, layout.height)) is not None:
            lines.append(line)
    return Page(
        number=page.page_number,
        width=layout.width,
        height=layout.height,
        rotation=displayed_rotation(page),
        blocks=_blocks(page.page_number, lines),
        images=images,
    )


def displayed_rotation(page: pdfplumber.page.Page) -> int:
    """/Rotate as pdfminer applied it: it ignores values that are not a multiple of 90."""
    return page.rotation if page.rotation in ROTATIONS else 0


def _blocks(page_number: int, lines: list[TextLine]) -> list[TextBlock]:
    paragraphs = group_paragraphs(lines)
    order = reading_order([union(line.bbox for line in paragraph) for paragraph in paragraphs])
    blocks: list[TextBlock] = []
    for paragraph in (paragraphs[index] for index in order):
        block = make_block(f"p{page_number}-b{len(blocks)}", paragraph)
        if block is not None:
            blocks.append(block)
    return blocks


def _leaves(container: LTContainer[LTItem]) -> Iterator[LTTextLineHorizontal | LTImage]:
    for item in container:
        if isinstance(item, LTTextLineHorizontal | LTImage):
            yield item
        elif isinstance(item, LTContainer):
            yield from _leaves(item)

