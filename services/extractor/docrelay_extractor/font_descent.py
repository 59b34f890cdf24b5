"""A font that says its glyphs reach nowhere below the baseline is given the descent its program declares.

pdfminer boxes a glyph from the baseline plus the font's /Descent up one em. LibreOffice writes /Ascent
and /Descent 0 into the fonts it embeds, so each of its glyphs was boxed from its baseline up: a quarter
of an em higher than it is drawn. The reconstructor sets a translation's first baseline where the box
and its font's descent put it, and a table's translated cells sat a quarter of an em above the numbers
beside them, touching the rule over their row. The embedded TrueType program's own descent (its hhea
table's, which the reconstructor reads of the fonts it sets text in) is the font's then; the /FontBBox is
no measure of it (DejaVu Sans's box reaches 0.46 em down, its descent 0.24).
"""

import logging
from collections.abc import Mapping
from io import BytesIO
from typing import Any

from fontTools.ttLib import TTFont
from pdfminer.pdffont import PDFFont
from pdfminer.pdftypes import PDFStream, resolve1

logger = logging.getLogger(__name__)


def repair_descent(font: PDFFont | None) -> None:
    """Give `font` its program's descent where it declares neither an ascent nor a descent (looked at
    once per font: pdfminer shares a font object among the strings drawn in it)."""
    if font is None or font.is_vertical() or font.descent != 0 or font.ascent != 0:
        return
    if getattr(font, "descent_read", False):
        return
    font.descent_read = True  # type: ignore[attr-defined]
    descent = _program_descent(font.descriptor)
    if descent is not None and descent < 0:
        # In the font's text space units, as /Descent is: thousandths of an em.
        font.descent = descent * 1000


def _program_descent(descriptor: Mapping[str, Any]) -> float | None:
    """The embedded TrueType program's descent in ems (negative), or None without one we can read."""
    program = resolve1(descriptor.get("FontFile2"))
    if not isinstance(program, PDFStream):
        return None
    try:
        with TTFont(BytesIO(program.get_data()), lazy=True) as font:
            return float(font["hhea"].descent) / font["head"].unitsPerEm
    except Exception as exc:  # fontTools fails in many ways on a damaged program; it then tells us nothing
        logger.info("cannot read an embedded font program's descent: %r", exc)
        return None
