"""Reading order of the blocks of a page: column by column, each top to bottom.

A recursive XY-cut. A region whose blocks leave a vertical strip of white space is split into
columns, read left to right. Otherwise it is cut at its widest horizontal gap (a title above
the columns, a footer below them) and the parts are read top to bottom. Cutting only at the
widest gap keeps a small gap that happens to line up in both columns from slicing the columns
into rows while a title still holds them together.
"""

from collections.abc import Callable, Sequence

from docrelay_common.document import BBox

# Gaps within this many points of the widest one are cut together (evenly spaced lines, table rows).
EQUAL_GAP_TOLERANCE = 0.5

Span = Callable[[BBox], tuple[float, float]]


def reading_order(boxes: Sequence[BBox]) -> list[int]:
    """Indices of `boxes` in reading order."""
    return _order(list(range(len(boxes))), boxes)


def _order(indices: list[int], boxes: Sequence[BBox]) -> list[int]:
    columns = _runs(indices, boxes, lambda box: (box.x0, box.x1))
    if len(columns) > 1:
        return [index for _, column in columns for index in _order(column, boxes)]
    rows = _runs(indices, boxes, lambda box: (box.top, box.bottom))
    if len(rows) > 1:
        return [index for strip in _cut_widest(rows) for index in _order(strip, boxes)]
    return sorted(indices, key=lambda index: (boxes[index].top, boxes[index].x0))


def _runs(indices: list[int], boxes: Sequence[BBox], span: Span) -> list[tuple[float, list[int]]]:
    """Group boxes whose spans overlap along one axis; each group comes with the gap before it."""
    runs: list[tuple[float, list[int]]] = []
    end = 0.0
    for index in sorted(indices, key=lambda index: span(boxes[index])):
        start, stop = span(boxes[index])
        if runs and start <= end:
            runs[-1][1].append(index)
            end = max(end, stop)
        else:
            runs.append((start - end if runs else 0.0, [index]))
            end = stop
    return runs


def _cut_widest(rows: list[tuple[float, list[int]]]) -> list[list[int]]:
    widest = max(gap for gap, _ in rows[1:])
    strips: list[list[int]] = []
    for gap, row in rows:
        if not strips or gap >= widest - EQUAL_GAP_TOLERANCE:
            strips.append([])
        strips[-1].extend(row)
    return strips
