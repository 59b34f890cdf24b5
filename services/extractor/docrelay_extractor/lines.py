"""Text lines as pdfminer's layout analysis groups them, with the style of their glyphs."""

from collections import Counter
from dataclasses import dataclass

from docrelay_common.document import BBox, TextStyle
from pdfminer.layout import LTAnno, LTChar, LTTextLineHorizontal

from docrelay_extractor.geometry import from_bottom_left
from docrelay_extractor.style import color_hex, font_name, is_bold, is_italic


@dataclass(frozen=True, eq=False)
class TextLine:
    """One line of glyphs; compared by identity, since two lines can hold the same text at one place."""

    bbox: BBox
    # As the PDF maps its glyphs: may still hold "(cid:N)" markers.
    text: str
    style: TextStyle
    # Visible glyphs: how much weight this line's style carries in its paragraph.
    glyphs: int


def read_line(line: LTTextLineHorizontal, page_height: float) -> TextLine | None:
    """The upright glyphs of a layout line; None when it has none (rotated labels, sidebars)."""
    kept = [item for item in line if isinstance(item, LTAnno) or item.upright]
    chars = [item for item in kept if isinstance(item, LTChar)]
    if not chars:
        return None
    text = "".join(item.get_text() for item in kept)
    bbox = from_bottom_left(
        min(char.x0 for char in chars),
        min(char.y0 for char in chars),
        max(char.x1 for char in chars),
        max(char.y1 for char in chars),
        page_height,
    )
    visible = [char for char in chars if not char.get_text().isspace()] or chars
    return TextLine(bbox=bbox, text=text, style=dominant_style(visible), glyphs=len(visible))


def dominant_style(chars: list[LTChar]) -> TextStyle:
    runs = Counter((font_name(char.fontname), round(char.size, 1), _color(char)) for char in chars)
    (font, size, color), _ = runs.most_common(1)[0]
    return TextStyle(font=font, size=size, color=color, bold=is_bold(font), italic=is_italic(font))


def _color(char: LTChar) -> str:
    color = char.graphicstate.ncolor
    components = color if isinstance(color, tuple) else (color,)
    return color_hex(char.ncs.name, components)
