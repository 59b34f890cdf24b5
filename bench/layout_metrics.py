"""Where the translated text landed, measured against the source blocks' boxes; pure functions, no I/O.

Boxes are the document model's BBox: PDF points, origin at the top-left corner of the displayed page.
A block's rendered box is the union of the output words whose centre lies in its source box.
"""

from collections.abc import Iterable, Sequence
from itertools import combinations

from docrelay_common.document import BBox

# A block whose rendered box covers its source box with at least this IoU is kept in place.
KEPT_IOU = 0.5
# How far outside a block's box (pt) a word's centre may be and still belong to it: both extractions round.
WORD_MARGIN = 1.0
# Rendered boxes sharing less than this area (pt²) only touch: their text does not collide.
OVERLAP_AREA = 1.0
# A word reaching less than this far (pt) into a neighbouring cell only grazes it: glyph boxes are a
# font's whole em, taller than the ink, and rows set at a pitch near the font size share a sliver.
OVERFLOW_DEPTH = 1.0


def area(box: BBox) -> float:
    return max(0.0, box.width) * max(0.0, box.height)


def intersection_area(a: BBox, b: BBox) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width * height if width > 0 and height > 0 else 0.0


def iou(a: BBox, b: BBox) -> float:
    """Intersection over union of two boxes, 0.0 for disjoint (or empty) ones."""
    shared = intersection_area(a, b)
    whole = area(a) + area(b) - shared
    return shared / whole if whole > 0 else 0.0


def union_box(boxes: Iterable[BBox]) -> BBox | None:
    """The smallest box holding all of them; None for none."""
    boxes = list(boxes)
    if not boxes:
        return None
    return BBox(
        x0=min(box.x0 for box in boxes),
        top=min(box.top for box in boxes),
        x1=max(box.x1 for box in boxes),
        bottom=max(box.bottom for box in boxes),
    )


def centre_inside(word: BBox, box: BBox, margin: float = WORD_MARGIN) -> bool:
    x, y = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return box.x0 - margin <= x <= box.x1 + margin and box.top - margin <= y <= box.bottom + margin


def rendered_box(block: BBox, words: Iterable[BBox]) -> BBox | None:
    """The union of the words drawn in the block's box; None when none landed there."""
    return union_box(word for word in words if centre_inside(word, block))


def block_iou(block: BBox, rendered: BBox | None) -> float:
    """How well the block's rendered box covers its source box: 0.0 when nothing landed there."""
    return 0.0 if rendered is None else iou(block, rendered)


def overlapping_pairs(boxes: Sequence[BBox]) -> list[tuple[int, int]]:
    """Index pairs (i < j) of boxes that share more than OVERLAP_AREA."""
    return [
        (i, j)
        for (i, a), (j, b) in combinations(enumerate(boxes), 2)
        if intersection_area(a, b) > OVERLAP_AREA
    ]


def blocks_involved(pairs: Iterable[tuple[int, int]]) -> int:
    """How many distinct boxes take part in these pairs."""
    return len({index for pair in pairs for index in pair})


def cell_overflows(cells: Sequence[BBox], words: Iterable[BBox]) -> int:
    """Words drawn in one cell (their centre lies in it) that reach more than OVERFLOW_DEPTH into another,
    across and down alike."""
    cells = list(cells)
    overflows = 0
    for word in words:
        home = next(
            (index for index, cell in enumerate(cells) if centre_inside(word, cell, margin=0.0)), None
        )
        if home is not None and any(
            index != home and _reach(word, cell) > OVERFLOW_DEPTH for index, cell in enumerate(cells)
        ):
            overflows += 1
    return overflows


def _reach(word: BBox, cell: BBox) -> float:
    """How far the word reaches into the cell: the lesser side of their intersection, 0 when apart."""
    return max(
        0.0,
        min(
            min(word.x1, cell.x1) - max(word.x0, cell.x0),
            min(word.bottom, cell.bottom) - max(word.top, cell.top),
        ),
    )
