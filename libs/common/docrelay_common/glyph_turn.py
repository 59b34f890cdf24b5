"""Which way a glyph's text is turned on the page, told alike by the extractor and the reconstructor.

The extractor groups glyphs into blocks by their turn (TextBlock.rotation), and the reconstructor
removes a block's glyphs by the same rule: one definition keeps the two from disagreeing.
"""

import math
from collections.abc import Sequence

# Degrees off a quarter turn still read as that turn (slightly skewed scans and labels).
TURN_TOLERANCE = 5.0


def glyph_turn(matrix: Sequence[float], upright: bool) -> int | None:
    """Degrees clockwise a glyph's text is turned: 0, 90, 180 or 270; None if no quarter turn reads it.

    `matrix` is the glyph's text rendering matrix (a, b, c, d, e, f) and `upright` pdfminer's verdict.
    A quarter turn within TURN_TOLERANCE degrees counts; at other angles, a glyph pdfminer takes for
    upright is read as upright text, with which pdfminer lines it up.
    """
    a, b, c, d = matrix[:4]
    angle = math.degrees(math.atan2(-b, a)) % 360
    quarter = round(angle / 90) * 90
    if a * d - b * c > 0 and abs(angle - quarter) <= TURN_TOLERANCE:
        return quarter % 360
    return 0 if upright else None
