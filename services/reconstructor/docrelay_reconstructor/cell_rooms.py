"""The room of a table cell's text: its cell, which it fills away from the edge it is set against, in a
ruled table as far as the cell's padding allows."""

from docrelay_common.document import BBox, TextBlock
from docrelay_reconstructor.scripts import is_rtl

# In a ruled table a text keeps as far from its cell's far side as the source kept it from the near one,
# up to this many ems: clear of the rule, without shrinking a column whose longest text a source's wide
# padding would not let in (a timetable's "Estudios religiosos" 2 points from both rules).
MAX_PADDING_EM = 0.2


def cell_room(block: TextBlock, ruled: bool) -> BBox:
    """A cell's text may fill its cell: down to the cell's bottom, and sideways away from the edge it is
    set against (both ways from its middle when centred), so that it stays set as the source set it. In
    a `ruled` table it stops short of the far side by the padding the source kept on the near side (a
    shrunk translation had run up to the rule: "Código de impuesto"); without
    rules a cell reaches halfway across the gaps beside it, and its text may too."""
    assert block.cell is not None
    box, cell = block.bbox, block.cell.bbox
    size = block.style.size if block.style.size > 0 else box.height
    most = MAX_PADDING_EM * size if ruled else 0.0
    # The padding the source kept on each side, as far as it is kept on the other.
    before, after = min(max(0.0, box.x0 - cell.x0), most), min(max(0.0, cell.x1 - box.x1), most)
    if block.align == "center":
        middle = (box.x0 + box.x1) / 2
        half = max(box.width / 2, min(middle - cell.x0, cell.x1 - middle) - min(before, after))
        left, right = middle - half, middle + half
    elif block.align == "right" or set_from_the_right(block):
        left, right = min(box.x0, cell.x0 + after), box.x1
    else:
        left, right = box.x0, max(box.x1, cell.x1 - before)
    return BBox(x0=left, top=box.top, x1=right, bottom=max(box.bottom, cell.bottom))


def set_from_the_right(block: TextBlock) -> bool:
    """Right-to-left text is set from the right edge whatever the source did; either text may be shown."""
    return is_rtl(block.text) or is_rtl(block.source_text)
