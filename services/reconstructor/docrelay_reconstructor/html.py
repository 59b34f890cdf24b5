"""The translated text as one HTML document: a page box per PDF page, each block placed at its bbox.

Everything coming from the document is escaped text or a validated number, colour, family name or
alignment keyword: a translation can never become markup or CSS.
"""

import html
import re
from collections.abc import Callable, Sequence

from docrelay_common.document import BBox, Page, TextBlock
from docrelay_common.emphasis import balanced
from docrelay_reconstructor.code_spans import code_markup
from docrelay_reconstructor.emphasis_spans import emphasis_markup
from docrelay_reconstructor.families import FontChoice
from docrelay_reconstructor.fit import Fit
from docrelay_reconstructor.fonts import FontMetrics
from docrelay_reconstructor.formula_html import formula_markup
from docrelay_reconstructor.free_space import sets_centred, sets_flush_right
from docrelay_reconstructor.room_claims import sized_page
from docrelay_reconstructor.scan_covers import INVISIBLE, Cover
from docrelay_reconstructor.scripts import is_rtl
from docrelay_reconstructor.sizing import (
    PageSizing,
    Setting,
    block_measure,
    display_text,
    first_indent,
    formula_drop,
    setting,
)
from docrelay_reconstructor.turned import in_frame, is_turned, line_markup, turned

_BASE_CSS = (
    "html, body { margin: 0; padding: 0 }"
    " section { display: block; position: relative }"
    " section + section { break-before: page }"
    " div { position: absolute; margin: 0; padding: 0; white-space: nowrap }"
)
_COLOR = re.compile(rf"#(?:[0-9a-fA-F]{{3}}){{1,2}}|{INVISIBLE}")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
# WeasyPrint moves the part of a box below the page's bottom edge to the next page: keep boxes above it.
_BOTTOM_CLEARANCE = 0.5
# How far a cover reaches beyond the text box, for the ink of the scanned glyphs.
_COVER_PADDING = 1.0
_FULL_LINE = "display: block; text-align-last: justify"


def document_html(
    pages: Sequence[Page],
    covers: Sequence[Sequence[Cover]] | None = None,
    lang: str | None = None,
    sources: Sequence[Page] | None = None,
    sizings: Sequence[PageSizing] | None = None,
) -> str:
    """One page box per page, sized like it (named pages, since sizes may differ), with its blocks.

    On scanned pages the source text is part of an image: `covers` paint it over (scan_covers.py).
    `lang`, the language of the text (BCP 47), picks national glyph forms (Han characters) and shaping.
    `sources` are the pages as extracted when `pages` hold only the blocks to draw anew: a longer text
    grows only into space where they have nothing (free_space). `sizings` are each page's sizes by style
    (sizing.page_sizing of its source page), worked out here when not given.
    """
    tag = lang if lang is not None and _LANGUAGE_TAG.fullmatch(lang) else None
    names = {size: f"p{index}" for index, size in enumerate(dict.fromkeys(_size(page) for page in pages))}
    rules = "".join(
        f"@page {name} {{ size: {_pt(width)} {_pt(height)}; margin: 0 }}"
        for (width, height), name in names.items()
    )
    page_covers = covers if covers is not None else [[]] * len(pages)
    page_sizings = sizings if sizings is not None else [None] * len(pages)
    sections = "".join(
        _section(page, source, names[_size(page)], page_cover, tag, sizing)
        for page, source, page_cover, sizing in zip(
            pages, sources or pages, page_covers, page_sizings, strict=True
        )
    )
    lang_attribute = f' lang="{tag}"' if tag else ""
    return (
        f'<!DOCTYPE html><html{lang_attribute}><head><meta charset="utf-8">'
        f"<style>{_BASE_CSS} {rules}</style></head><body>{sections}</body></html>"
    )


def safe_color(color: str) -> str:
    return color if _COLOR.fullmatch(color) else "#000000"


def _section(
    page: Page,
    source: Page,
    page_name: str,
    covers: Sequence[Cover],
    lang: str | None,
    sizing: PageSizing | None,
) -> str:
    blocks = [block for block in page.blocks if display_text(block).strip()]
    sizing = sizing if sizing is not None else sized_page(source, lang)
    rooms = sizing.rooms
    # All covers first: a cover must not hide the neighbouring block's text.
    painted = "".join(_cover(cover, page.height) for cover in covers)
    texts = "".join(
        _block(block, rooms.get(block.id, block.bbox), page.height, lang, sizing) for block in blocks
    )
    style = f"page: {page_name}; width: {_pt(page.width)}; height: {_pt(page.height)}"
    return f'<section style="{style}">{painted}{texts}</section>'


def _cover(cover: Cover, page_height: float) -> str:
    box = cover.box
    top = max(0.0, box.top - _COVER_PADDING)
    height = min(box.bottom + _COVER_PADDING, page_height - _BOTTOM_CLEARANCE) - top
    left, width = box.x0 - _COVER_PADDING, box.width + 2 * _COVER_PADDING
    position = f"left: {_pt(left)}; top: {_pt(top)}; width: {_pt(width)}; height: {_pt(height)}"
    return f'<div style="{position}; background: {safe_color(cover.colour)}"></div>'


def _block(
    block: TextBlock,
    room: BBox,
    page_height: float,
    lang: str | None,
    sizing: PageSizing,
    markup: Callable[[str], str] = html.escape,
) -> str:
    if is_turned(block):
        # Set upright in its own box, which is then turned onto the page (turned.py); it does not grow.
        framed = in_frame(block)
        framed_setting = setting(framed, framed.bbox, lang, sizing.scale(block), sizing.twins)
        return turned(block, _set(framed, framed.bbox, page_height, framed_setting, line_markup(block)))
    return _set(block, room, page_height, sizing.setting(block, room, lang))


def _set(
    block: TextBlock,
    room: BBox,
    page_height: float,
    chosen: Setting,
    markup: Callable[[str], str] = html.escape,
) -> str:
    """The block's div: its lines as `chosen` fits them, at the top of its box (see _baseline_drop)."""
    font_choice, font, fit = chosen.font_choice, chosen.font, chosen.fit
    lowest_top = page_height - len(fit.lines) * fit.line_height - _BOTTOM_CLEARANCE
    top = min(_line_box_top(block.bbox.top + _baseline_drop(block, room, fit, font), fit, font), lowest_top)
    markup = formula_markup(block) if block.math else markup
    line_html = emphasis_markup(block, code_markup(block, markup))
    lines = [line_html(line) for line in balanced(fit.lines)]
    if block.leader and lines and block.align in ("left", "justify"):
        lines[-1] += markup(leaders(block, chosen))
    indent = first_indent(block)
    if indent and lines:
        # A box as wide as the indent, not `text-indent`: each justified line is a block of its own.
        lines[0] = f'<span style="display: inline-block; width: {_pt(indent)}"></span>{lines[0]}'

    justified = block.align == "justify" and not is_rtl(display_text(block))
    body = _justified(lines) if justified else "<br>".join(lines)
    # A cell's text is set across its room: a right-aligned or centred translation grows away from its
    # edge. So is a centred block's: its room is as much wider on each side (free_space); and a block's
    # set flush right: its room is wider on its left, its text ending where it ended.
    span = room if block.cell is not None or sets_centred(block) or sets_flush_right(block) else block.bbox
    return f'<div style="{_block_style(block, span, font_choice, fit, top)}">{body}</div>'


def leaders(block: TextBlock, chosen: Setting) -> str:
    """The block's dot leaders, as many as fill its box after the text's last line, as the source's did."""
    fit, font = chosen.fit, chosen.font
    text_width, formula_width = block_measure(block, chosen.font_choice)
    last = fit.lines[-1]
    unit = font.width(block.leader) * fit.size
    room = block.bbox.width - text_width(last) * fit.size - (formula_width(last) if formula_width else 0.0)
    room -= first_indent(block) if len(fit.lines) == 1 else 0.0
    return block.leader * max(0, int(room / unit)) if unit > 0 else ""


def _justified(lines: list[str]) -> str:
    """Every line but the last stretched to the full width.

    A line ended by a forced break counts as a paragraph's last line, which `text-align` leaves alone:
    each full line is a box of its own whose last line is justified.
    """
    full = "".join(f'<span style="{_FULL_LINE}">{line}</span>' for line in lines[:-1])
    return full + lines[-1]


def _block_style(block: TextBlock, span: BBox, font_choice: FontChoice, fit: Fit, top: float) -> str:
    style = block.style
    declarations = [
        f"left: {_pt(span.x0)}",
        f"top: {_pt(top)}",
        f"width: {_pt(span.width)}",
        f"font-family: {font_choice.css_family}",
        f"font-size: {_pt(fit.size)}",
        f"line-height: {_pt(fit.line_height)}",
        f"font-weight: {'bold' if style.bold else 'normal'}",
        f"font-style: {'italic' if style.italic else 'normal'}",
        f"color: {safe_color(style.color)}",
    ]
    declarations.append(_alignment(block))
    return "; ".join(declarations)


def _alignment(block: TextBlock) -> str:
    """The source's alignment; right-to-left text is set from the right edge whatever the source did."""
    if is_rtl(display_text(block)):
        return "direction: rtl; text-align: right"
    return f"text-align: {block.align}"


def _baseline_drop(block: TextBlock, room: BBox, fit: Fit, font: FontMetrics) -> float:
    """How far down a block starts for its first line to stay on the source's baseline (formula_drop):
    a block with inline formulas (the fit left room for it), and a line set smaller than its source's
    (the census's labels, shrunk beside their numbers, sat a point above their baseline); never so far
    that its last line leaves the room it may grow into (a fit that overflows)."""
    if not block.math and not (block.line_count == 1 and len(fit.lines) == 1):
        return 0.0
    drop = formula_drop(block, fit.size, font)
    last_line_bottom = block.bbox.top + (len(fit.lines) - 1) * fit.line_height + fit.size
    return max(0.0, min(drop, max(block.bbox.bottom, room.bottom) - last_line_bottom))


def _line_box_top(em_top: float, fit: Fit, font: FontMetrics) -> float:
    """Where the first CSS line box starts so that its em box starts at em_top.

    CSS centres the font's ascent+descent in the line box; PDF readers put a glyph's em box
    from baseline - (1 - descent) * size down to baseline + descent * size.
    """
    return em_top - fit.line_height / 2 - fit.size * ((font.ascent + font.descent) / 2 - 1)


def _size(page: Page) -> tuple[float, float]:
    return round(page.width, 3), round(page.height, 3)


def _pt(value: float) -> str:
    return f"{value:.3f}pt"
