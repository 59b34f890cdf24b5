"""Reading frames: the page turned so that text of one direction reads like upright text.

Lines, paragraphs and reading order are worked out for upright text. Text turned on the page (a label
rotated by 90 degrees, an upside-down stamp) and vertical CJK text (columns read right to left, like
text turned clockwise) are moved into a frame where their lines run left to right and follow each other
downwards, grouped there, and their boxes moved back onto the page.
"""

import copy
from dataclasses import dataclass
from typing import TypeVar

from pdfminer.layout import LTChar, LTComponent
from pdfminer.utils import Matrix, apply_matrix_rect, mult_matrix

from docrelay_common.document import BBox
from docrelay_common.glyph_turn import glyph_turn as turn_of
from docrelay_extractor.geometry import from_bottom_left

Component = TypeVar("Component", bound=LTComponent)


def glyph_turn(char: LTChar) -> int | None:
    """Degrees clockwise a glyph's text is turned on the page (docrelay_common.glyph_turn)."""
    return turn_of(char.matrix, char.upright)


@dataclass(frozen=True)
class Frame:
    """The page (`page_width` x `page_height`, as displayed) turned back by `turn` degrees clockwise.

    `vertical` frames hold vertical CJK text: turned like text at 90 degrees, though its glyphs stand upright.
    """

    turn: int
    page_width: float
    page_height: float
    vertical: bool = False

    @property
    def width(self) -> float:
        return self.page_height if self.turn in (90, 270) else self.page_width

    @property
    def height(self) -> float:
        return self.page_width if self.turn in (90, 270) else self.page_height

    @property
    def rotation(self) -> int:
        """How the frame's glyphs are turned on the page."""
        return 0 if self.vertical else self.turn

    def item(self, item: Component) -> Component:
        """The layout item in frame coordinates (pdfminer's: origin at the bottom-left corner), as a copy."""
        if self.turn == 0:
            return item
        moved = copy.copy(item)
        moved.set_bbox(apply_matrix_rect(self._matrix, item.bbox))
        if isinstance(moved, LTChar):
            moved.matrix = mult_matrix(moved.matrix, self._matrix)
            # pdfminer's size is the glyph box's height, which now runs across the line; vertical
            # glyphs still stand as pdfminer measured them.
            if not self.vertical:
                moved.size = moved.height
        return moved

    def to_page(self, box: BBox) -> BBox:
        """A box of the frame (top-left origin, like the document model's) on the displayed page."""
        return self._back()._moved(box)

    def from_page(self, box: BBox) -> BBox:
        """A box of the displayed page (top-left origin) in the frame."""
        return self._moved(box)

    def _moved(self, box: BBox) -> BBox:
        if self.turn == 0:
            return box
        rect = (box.x0, self.page_height - box.bottom, box.x1, self.page_height - box.top)
        return from_bottom_left(*apply_matrix_rect(self._matrix, rect), self.height)

    def _back(self) -> "Frame":
        return Frame((-self.turn) % 360, self.width, self.height)

    @property
    def _matrix(self) -> Matrix:
        """Page coordinates to frame coordinates, both with the origin at the bottom-left corner."""
        width, height = self.page_width, self.page_height
        matrices: dict[int, Matrix] = {
            0: (1, 0, 0, 1, 0, 0),
            # Text running downwards: the page's top edge becomes the frame's left edge.
            90: (0, 1, -1, 0, height, 0),
            180: (-1, 0, 0, -1, width, height),
            270: (0, -1, 1, 0, 0, width),
        }
        return matrices[self.turn]
