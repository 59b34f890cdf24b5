"""Text a page draws invisibly under a form field or under visible text is no text of the page.

Some form generators leave text in render mode 3 (invisible) under a field: a grant form's "NGMS
Agency" under the agency field, which shows "U.S. Department of Interior". Read as text, it was
translated and drawn, visibly, over the field's value. Such text is left out of the page's lines, so it
stays in the PDF as it was: invisible. Invisible text anywhere else is read as before: the layer OCR
lays over a scan, or over text drawn as outlines, is the page's text. (Render mode 7 only clips, and
what it clips, a gradient in the letters' shape, shows: it is read too.)

pdfminer does not tell a glyph's render mode; the page's layout is built here with pdfplumber's own
device, which marks the glyphs of strings drawn invisibly, and handed to pdfplumber as the layout it
would have built.
"""

from collections.abc import Sequence
from typing import Any

import pdfplumber.page
from pdfminer.layout import LTChar, LTPage, LTTextLineHorizontal
from pdfminer.pdfinterp import PDFPageInterpreter, PDFTextState
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from docrelay_extractor.font_descent import repair_descent

# A box as pdfminer gives it: x0, y0, x1, y1 from the page's bottom left.
Box = tuple[float, float, float, float]
# The render mode that paints nothing.
INVISIBLE = 3


class _RenderModeDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device; the glyphs of a string drawn invisibly get `invisible` set (the
    others are left as they are: a page's every glyph passes here), and each string's font its descent
    (font_descent)."""

    def render_string(self, textstate: PDFTextState, *args: Any, **kwargs: Any) -> None:
        repair_descent(textstate.font)
        drawn = len(self.cur_item._objs)
        super().render_string(textstate, *args, **kwargs)
        if textstate.render == INVISIBLE:
            for glyph in self.cur_item._objs[drawn:]:
                glyph.invisible = True  # type: ignore[attr-defined]


def page_layout(page: pdfplumber.page.Page) -> LTPage:
    """The page's layout as `page.layout` gives it, its glyphs noting whether they are drawn invisibly."""
    if not hasattr(page, "_layout"):
        device = _RenderModeDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        try:
            PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
        except Exception as exc:  # as pdfplumber's own `layout` reports any failure of pdfminer
            raise PdfminerException(exc) from exc
        # pdfplumber keeps the layout it builds there; everything it derives from the page reads it.
        page._layout = device.get_result()
    return page.layout


def hidden_lines(lines: Sequence[LTTextLineHorizontal], fields: Sequence[Box]) -> set[LTTextLineHorizontal]:
    """The lines drawn invisibly under a form field (`fields`) or under a visible line."""
    invisible: list[LTTextLineHorizontal] = []
    covers = list(fields)
    for line in lines:
        if _drawn_invisibly(line):
            invisible.append(line)
        else:
            covers.append(line.bbox)
    return {line for line in invisible if any(_overlap(line.bbox, cover) for cover in covers)}


def _drawn_invisibly(line: LTTextLineHorizontal) -> bool:
    chars = [item for item in line if isinstance(item, LTChar)]
    return bool(chars) and all(is_invisible(char) for char in chars)


def is_invisible(char: LTChar) -> bool:
    """Was the glyph drawn invisibly? (False for glyphs of a layout `page_layout` did not build.)"""
    return bool(getattr(char, "invisible", False))


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
