"""Where OCR's pixels lie on the page: OCR reads a copy turned upright and straightened, not the scan.

Pixel boxes of the straightened image are turned back by the skew (about the image's centre), scaled to
points, and moved from the upright frame onto the displayed page (frames.Frame). The scan itself is never
changed, so the boxes must land where its ink is.
"""

import math
from dataclasses import dataclass

from docrelay_common.document import BBox
from docrelay_extractor.frames import Frame
from docrelay_extractor.ocr.hocr import PixelBox

Point = tuple[float, float]


@dataclass(frozen=True)
class ScanPlacement:
    # Degrees the lines climb on the upright image; the OCR image is that image turned back by it.
    skew: float
    # Degrees clockwise the text is turned on the page: the upright image is the page turned back by it.
    orientation: int
    # Size of the upright image, pixels.
    image_width: int
    image_height: int
    page_width: float
    page_height: float

    @property
    def frame(self) -> Frame:
        return Frame(self.orientation, self.page_width, self.page_height)

    @property
    def scale(self) -> tuple[float, float]:
        """Points per pixel, across and down the upright image."""
        return self.frame.width / self.image_width, self.frame.height / self.image_height

    def in_frame(self, box: PixelBox) -> BBox:
        """A box of the OCR image in the upright frame's points, still straightened: lines are level."""
        sx, sy = self.scale
        return BBox(x0=box[0] * sx, top=box[1] * sy, x1=box[2] * sx, bottom=box[3] * sy)

    def on_upright(self, box: PixelBox) -> PixelBox:
        """A box of the OCR image on the upright image: the envelope of its corners there."""
        corners = [self._unstraightened((x, y)) for x in (box[0], box[2]) for y in (box[1], box[3])]
        xs, ys = [x for x, _ in corners], [y for _, y in corners]
        return min(xs), min(ys), max(xs), max(ys)

    def on_page(self, box: PixelBox) -> BBox:
        """A box of the OCR image on the page, around where the scan shows what is in it."""
        return self.frame.to_page(self.in_frame(self.on_upright(box)))

    def block_on_page(self, box: BBox) -> BBox:
        """A block's box (in_frame's space) moved so that its centre is where its text's is; size kept.

        The translation is drawn level: on a skewed scan its corners miss the slanted source by a few
        points, which the covers of the words (on_page) make up for.
        """
        sx, sy = self.scale
        centre = ((box.x0 + box.x1) / 2 / sx, (box.top + box.bottom) / 2 / sy)
        moved_x, moved_y = self._unstraightened(centre)
        dx, dy = moved_x * sx - centre[0] * sx, moved_y * sy - centre[1] * sy
        moved = BBox(x0=box.x0 + dx, top=box.top + dy, x1=box.x1 + dx, bottom=box.bottom + dy)
        return self.frame.to_page(moved)

    def _unstraightened(self, point: Point) -> Point:
        """A point of the straightened image where the upright image has it: turned by the skew
        counter-clockwise (y grows downwards) about the centre."""
        if self.skew == 0:
            return point
        angle = math.radians(self.skew)
        cx, cy = self.image_width / 2, self.image_height / 2
        dx, dy = point[0] - cx, point[1] - cy
        return (
            cx + dx * math.cos(angle) + dy * math.sin(angle),
            cy - dx * math.sin(angle) + dy * math.cos(angle),
        )
