"""A font that says its glyphs reach nowhere below the baseline is given the depth its bounding box says.

pdfminer boxes a glyph from the baseline plus the font's /Descent up one em. LibreOffice writes /Ascent
and /Descent 0 into the fonts it embeds, so each of its glyphs was boxed from its baseline up: a quarter
of an em higher than it is drawn. The reconstructor sets a translation's first baseline where the box
and its font's descent put it, and a table's translated cells sat a quarter of an em above the numbers
beside them, touching the rule over their row. The font's /FontBBox, the lowest any of its glyphs
reaches, is the depth then (Carlito's -0.258 em, its typographic descent -0.25), where it is a text
face's.
"""

from pdfminer.pdffont import PDFFont

# The depths (ems) a text face's bounding box reaches to: a symbol font's box is no measure of its glyphs'
# depth (LaTeX's circle font's reaches 2 ems down, its symbols' 0.96; LOGO10's 0.011).
TEXT_DEPTHS = (0.1, 0.5)


def repair_descent(font: PDFFont | None) -> None:
    """Give `font` its bounding box's depth as its descent where it declares neither an ascent nor a
    descent and its box reaches as deep as a text face's (once per font: pdfminer shares a font object
    among the strings drawn in it)."""
    if font is None or font.is_vertical() or font.descent != 0 or font.ascent != 0 or len(font.bbox) != 4:
        return
    depth = -font.bbox[1] * font.vscale
    if TEXT_DEPTHS[0] <= depth <= TEXT_DEPTHS[1]:
        font.descent = font.bbox[1]
