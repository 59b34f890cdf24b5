"""The room of a table cell's text: its cell, which it fills away from the edge it is set against."""

from docrelay_common.document import BBox, TextBlock
from docrelay_reconstructor.scripts import is_rtl


def cell_room(block: TextBlock) -> BBox:
    """A cell's text may fill its cell: down to the cell's bottom, and sideways away from the edge it is
    set against (both ways from its middle when centred), so that it stays set as the source set it."""
    assert block.cell is not None
    box, cell = block.bbox, block.cell.bbox
    left, right = min(box.x0, cell.x0), max(box.x1, cell.x1)
    if block.align == "center":
        middle = (box.x0 + box.x1) / 2
        half = max(box.width / 2, min(middle - left, right - middle))
        left, right = middle - half, middle + half
    elif block.align == "right" or set_from_the_right(block):
        right = box.x1
    else:
        left = box.x0
    return BBox(x0=left, top=box.top, x1=right, bottom=max(box.bottom, cell.bottom))


def set_from_the_right(block: TextBlock) -> bool:
    """Right-to-left text is set from the right edge whatever the source did; either text may be shown."""
    return is_rtl(block.text) or is_rtl(block.source_text)
