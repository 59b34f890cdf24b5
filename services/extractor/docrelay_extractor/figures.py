"""Labels inside figures and charts stay as drawn.

A figure is an image that does not fill most of the page (one that does is a scan under its OCR text), or
a drawing made of many curves (a chart's lines and marks; rules and boxes alone make tables). A short
block standing on an image, or in a drawing or just beside it (axis titles and tick labels stand outside
the plotted curves), is one of its labels and is not translated; a caption ("Figure 3: ...") is,
wherever it stands, and so is text beside an image.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pdfminer.layout import LTCurve, LTLine, LTRect

from docrelay_common.document import BBox, ImageRef, TextBlock
from docrelay_extractor.geometry import from_bottom_left, union

# An image covering more of the page than this is its background.
MAX_IMAGE_SHARE = 0.5
# A drawing of fewer curves than this is an ornament, not a chart.
MIN_CURVES = 8
# Curves this close (points) belong to one drawing.
CURVE_GAP = 12.0
# Labels are short, and stand this close (ems) to the curves of their drawing at most.
MAX_LABEL_WORDS = 4
MAX_LABEL_LINES = 2
LABEL_REACH_EM = 2.0
CAPTION = re.compile(
    r"^\W*(fig(ure)?s?|table|tab|chart|graph|plate|abb(ildung)?|tabelle|figura|tabla|рис(унок)?|таблица|图|表)\b"
    r"\.?\s*[\dIVXivx]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figures:
    pictures: list[BBox]
    drawings: list[BBox]


def figure_areas(
    images: Sequence[ImageRef], shapes: Sequence[LTCurve], width: float, height: float
) -> Figures:
    """The boxes of the page's figures: images smaller than the page, and drawings of many curves."""
    most = MAX_IMAGE_SHARE * width * height
    pictures = [image.bbox for image in images if image.bbox.width * image.bbox.height < most]
    curves = [
        from_bottom_left(*shape.bbox, height) for shape in shapes if not isinstance(shape, LTRect | LTLine)
    ]
    return Figures(pictures, [union(group) for group in _drawings(curves) if len(group) >= MIN_CURVES])


def keep_figure_labels(blocks: Sequence[TextBlock], figures: Figures) -> list[TextBlock]:
    """The blocks, those that are labels of a figure not to be translated."""
    if not figures.pictures and not figures.drawings:
        return list(blocks)
    return [
        block.model_copy(update={"translatable": False})
        if block.translatable and _label(block, figures)
        else block
        for block in blocks
    ]


def _label(block: TextBlock, figures: Figures) -> bool:
    if (
        block.line_count > MAX_LABEL_LINES
        or len(block.text.split()) > MAX_LABEL_WORDS
        or CAPTION.match(block.text)
    ):
        return False
    reach = LABEL_REACH_EM * block.style.size
    return any(_within(block.bbox, area, 0.0) for area in figures.pictures) or any(
        _within(block.bbox, area, reach) for area in figures.drawings
    )


def _within(box: BBox, area: BBox, reach: float) -> bool:
    x, y = (box.x0 + box.x1) / 2, (box.top + box.bottom) / 2
    return area.x0 - reach <= x <= area.x1 + reach and area.top - reach <= y <= area.bottom + reach


def _drawings(curves: list[BBox]) -> list[list[BBox]]:
    """The curves grouped by nearness, each group a drawing (kept with the box around it)."""
    groups: list[tuple[BBox, list[BBox]]] = []
    for curve in sorted(curves, key=lambda box: box.top):
        near = [index for index, (box, _) in enumerate(groups) if _near(box, curve)]
        members = [curve, *(member for index in near for member in groups[index][1])]
        boxes = [curve, *(groups[index][0] for index in near)]
        groups = [group for index, group in enumerate(groups) if index not in near] + [
            (union(boxes), members)
        ]
    return [members for _, members in groups]


def _near(a: BBox, b: BBox) -> bool:
    return (
        a.x0 - CURVE_GAP <= b.x1
        and b.x0 - CURVE_GAP <= a.x1
        and a.top - CURVE_GAP <= b.bottom
        and b.top - CURVE_GAP <= a.bottom
    )
