"""Text lines as pdfminer's layout analysis groups them, with the style of their glyphs."""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pdfminer.layout import LTAnno, LTChar, LTTextLineHorizontal

from docrelay_common.document import BBox, TextStyle
from docrelay_extractor.geometry import from_bottom_left
from docrelay_extractor.glyph_text import run_text
from docrelay_extractor.style import color_hex, font_name, is_bold, is_italic


@dataclass(frozen=True, eq=False)
class TextLine:
    """One line of glyphs; compared by identity, since two lines can hold the same text at one place."""

    bbox: BBox
    # As the PDF maps its glyphs, in reading order: may still hold "(cid:N)" markers.
    text: str
    style: TextStyle
    # Visible glyphs: how much weight this line's style carries in its paragraph.
    glyphs: int


# pdfminer joins glyphs into one line across table cells. A gap this wide (in ems) always ends a run of text;
# a narrower one still does when a vertical rule (a cell border) crosses it.
WIDE_GAP_EM = 2.5
RULED_GAP_EM = 0.5


@dataclass(frozen=True)
class VerticalRule:
    """A vertical stroke or rectangle side, in pdfminer's bottom-left coordinates."""

    x: float
    y0: float
    y1: float


def read_lines(
    line: LTTextLineHorizontal, page_height: float, rules: Sequence[VerticalRule]
) -> list[TextLine]:
    """The upright glyphs of a layout line, split where it crosses a cell border or a wide gap."""
    kept = [item for item in line if isinstance(item, LTAnno) or item.upright]
    runs: list[list[LTChar | LTAnno]] = [[]]
    previous: LTChar | None = None
    for item in kept:
        if isinstance(item, LTChar):
            if previous is not None and _separates_cells(previous, item, rules):
                runs.append([])
            previous = item
        runs[-1].append(item)
    return [text_line for run in runs if (text_line := _text_line(run, page_height)) is not None]


def _separates_cells(left: LTChar, right: LTChar, rules: Sequence[VerticalRule]) -> bool:
    gap, size = right.x0 - left.x1, max(left.size, right.size, 1.0)
    if gap > WIDE_GAP_EM * size:
        return True
    middle = (left.y0 + left.y1) / 2
    return gap > RULED_GAP_EM * size and any(
        left.x1 <= rule.x <= right.x0 and rule.y0 <= middle <= rule.y1 for rule in rules
    )


def _text_line(items: list[LTChar | LTAnno], page_height: float) -> TextLine | None:
    """None when the run holds no glyph (rotated labels, sidebars, a trailing space)."""
    chars = [item for item in items if isinstance(item, LTChar)]
    if not chars:
        return None
    text = run_text(items)
    bbox = from_bottom_left(
        min(char.x0 for char in chars),
        min(char.y0 for char in chars),
        max(char.x1 for char in chars),
        max(char.y1 for char in chars),
        page_height,
    )
    visible = [char for char in chars if not char.get_text().isspace()] or chars
    return TextLine(bbox=bbox, text=text, style=_dominant_style(visible), glyphs=len(visible))


def _dominant_style(chars: list[LTChar]) -> TextStyle:
    runs = Counter((font_name(char.fontname), round(char.size, 1), _color(char)) for char in chars)
    (font, size, color), _ = runs.most_common(1)[0]
    return TextStyle(font=font, size=size, color=color, bold=is_bold(font), italic=is_italic(font))


def _color(char: LTChar) -> str:
    color = char.graphicstate.ncolor
    components = color if isinstance(color, tuple) else (color,)
    return color_hex(char.ncs.name, components)
