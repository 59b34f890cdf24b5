"""Rectangle arithmetic on BBox (top-left origin, y grows downwards)."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from docrelay_common.document import BBox

Item = TypeVar("Item")


def union(boxes: Iterable[BBox]) -> BBox:
    boxes = list(boxes)
    return BBox(
        x0=min(box.x0 for box in boxes),
        top=min(box.top for box in boxes),
        x1=max(box.x1 for box in boxes),
        bottom=max(box.bottom for box in boxes),
    )


def x_overlap(a: BBox, b: BBox) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def y_middle(box: BBox) -> float:
    return (box.top + box.bottom) / 2


def y_overlap(a: BBox, b: BBox) -> float:
    return min(a.bottom, b.bottom) - max(a.top, b.top)


def overlaps(a: BBox, b: BBox) -> bool:
    """Do the boxes share some area?"""
    return x_overlap(a, b) > 0 and y_overlap(a, b) > 0


def contains(outer: BBox, inner: BBox, slack: float = 0.0) -> bool:
    """Does `outer`, grown by `slack` points on every side, hold `inner` whole?"""
    return (
        outer.x0 - slack <= inner.x0
        and inner.x1 <= outer.x1 + slack
        and outer.top - slack <= inner.top
        and inner.bottom <= outer.bottom + slack
    )


def from_bottom_left(x0: float, y0: float, x1: float, y1: float, page_height: float) -> BBox:
    """pdfminer's layout boxes have their origin at the bottom-left corner of the displayed page."""
    return BBox(x0=x0, top=page_height - y1, x1=x1, bottom=page_height - y0)


def clustered(items: Iterable[Item], place: Callable[[Item], float], tolerance: float) -> list[list[Item]]:
    """The items in order of their place, in groups each within `tolerance` of the one before: the
    segments of one rule drawn down, rules ending at one level."""
    groups: list[list[Item]] = []
    for item in sorted(items, key=place):
        if groups and place(item) - place(groups[-1][-1]) <= tolerance:
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups
