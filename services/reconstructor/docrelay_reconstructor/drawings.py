"""How a glyph was drawn, recorded while pdfminer runs a page: enough to draw it again, elsewhere or in
its place, with the source's own font resource and code, never retyped in another font.
"""

from dataclasses import dataclass
from typing import Any, NamedTuple

from pdfminer.cmapdb import IdentityCMap
from pdfminer.pdffont import PDFCIDFont, PDFFont
from pdfminer.utils import Matrix

# Fill colours drawn again by their components: gray (g), RGB (rg), CMYK (k).
PLAIN_COLOR_SPACES = frozenset({"DeviceGray", "CalGray", "DeviceRGB", "CalRGB", "DeviceCMYK", "ICCBased"})
COLOR_COMPONENTS = frozenset({1, 3, 4})


@dataclass(frozen=True, slots=True)
class Drawing:
    # The content stream the glyph is shown in (0 for the page's, else its form's object number), and
    # the name of its font in that stream's resources.
    stream: int
    font: str
    code: bytes
    size: float
    # Horizontal scaling as a fraction (Tz / 100), and text rise.
    scaling: float
    rise: float
    # The text matrix at the glyph's origin, in pdfminer's displayed page space (origin bottom-left).
    matrix: Matrix
    # How far the glyph moves the pen, in text space (size and scaling applied).
    advance: float
    color: tuple[float, ...]


class GlyphFacts(NamedTuple):
    """What pdfminer hands over when it draws a glyph, kept as it is: reading it costs, and only the
    glyphs of formulas are drawn again."""

    stream: int
    font_resource: str
    font: PDFFont
    cid: int
    size: float
    scaling: float
    rise: float
    matrix: Matrix
    advance: float
    color_space: Any
    color: Any


def glyph_drawing(facts: GlyphFacts) -> Drawing | None:
    """The drawing of one glyph; None when it cannot be drawn again as it was (its code cannot be told
    from pdfminer's CID, or its colour is no gray, RGB or CMYK)."""
    code = _code(facts.font, facts.cid)
    color = _color(facts.color_space, facts.color)
    if code is None or color is None or not facts.font_resource:
        return None
    return Drawing(
        facts.stream,
        facts.font_resource,
        code,
        facts.size,
        facts.scaling,
        facts.rise,
        facts.matrix,
        facts.advance,
        color,
    )


def _code(font: PDFFont, cid: int) -> bytes | None:
    """One byte in simple fonts, two in Identity-encoded CID fonts; other CMaps cannot be run backwards."""
    if not isinstance(font, PDFCIDFont):
        return bytes([cid]) if 0 <= cid < 256 else None
    if isinstance(font.cmap, IdentityCMap):
        return cid.to_bytes(2, "big")
    return None


def _color(ncs: Any, color: Any) -> tuple[float, ...] | None:
    components = color if isinstance(color, tuple | list) else (color,)
    name = getattr(ncs, "name", "DeviceGray")
    if name not in PLAIN_COLOR_SPACES or len(components) not in COLOR_COMPONENTS:
        return None
    if not all(isinstance(value, int | float) for value in components):
        return None
    return tuple(float(value) for value in components)
