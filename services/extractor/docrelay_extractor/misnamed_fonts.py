"""Fonts whose glyph names do not say what their glyphs show, so the text read from them is wrong.

Some producers name the glyphs of an embedded subset after their codes rather than their shapes: in
kampo-ja.pdf the digits of the date are glyphs named "trademark", "emdash", "tilde", and the ToUnicode
map made from those names reads the year 20 as U+2122 U+2014. The shapes give such a font away: a glyph
named after a dash or a spacing accent is flat or small in every honest font.
"""

import logging
import unicodedata
from collections.abc import Iterator
from io import BytesIO
from typing import Any

import pdfplumber.page
from fontTools.agl import toUnicode
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont
from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, resolve1
from pdfminer.psparser import PSLiteral, literal_name

logger = logging.getLogger(__name__)

# Dashes and spacing accents (small tilde, diaeresis, acute): their ink is never taller than this share of
# the em.
FLAT_CATEGORIES = frozenset({"Pd", "Sk"})
MAX_FLAT_HEIGHT = 0.5
SIMPLE_FONTS = frozenset({"Type1", "MMType1", "TrueType"})

# (glyph name, lowest and highest point of its ink) for each glyph of a font program, and its em size.
Shapes = tuple[list[tuple[str, float, float]], float]


class MisnamedFonts:
    """Which fonts of one PDF have glyph names that lie; each font program is read once."""

    def __init__(self) -> None:
        self._names: dict[int, str | None] = {}

    def on_page(self, page: pdfplumber.page.Page) -> frozenset[str]:
        """Names (as pdfminer gives them to glyphs) of the misnamed fonts met so far, this page's included."""
        for objid, font in font_dicts(page.page_obj.resources, set()):
            if objid not in self._names:
                self._names[objid] = _name_if_misnamed(font)
        return frozenset(name for name in self._names.values() if name is not None)


def font_dicts(resources: object, seen_forms: set[int]) -> Iterator[tuple[int, dict[str, Any]]]:
    """The page's font dictionaries by object id, those of the forms it draws included."""
    resources = dict_value(resources)
    for ref in dict_value(resources.get("Font")).values():
        if isinstance(ref, PDFObjRef):
            yield ref.objid, dict_value(ref)
    for ref in dict_value(resources.get("XObject")).values():
        if isinstance(ref, PDFObjRef) and ref.objid not in seen_forms:
            seen_forms.add(ref.objid)
            form = resolve1(ref)
            if isinstance(form, PDFStream):
                yield from font_dicts(form.get("Resources"), seen_forms)


def _name_if_misnamed(font: dict[str, Any]) -> str | None:
    if _name(font.get("Subtype")) not in SIMPLE_FONTS:
        return None  # CID fonts name no glyphs
    descriptor = dict_value(font.get("FontDescriptor"))
    shapes = _shapes(descriptor)
    if shapes is None or not _misnamed(*shapes):
        return None
    name = _name(descriptor.get("FontName"))
    logger.info("font %s: its glyph names do not match its glyphs; its text is kept as drawn", name)
    return name


def _misnamed(glyphs: list[tuple[str, float, float]], em: float) -> bool:
    return any(
        len(char := toUnicode(name)) == 1
        and unicodedata.category(char) in FLAT_CATEGORIES
        and top - bottom > MAX_FLAT_HEIGHT * em
        for name, bottom, top in glyphs
    )


def _shapes(descriptor: dict[str, Any]) -> Shapes | None:
    """The named glyphs of the embedded program; None when there is none we can read."""
    cff, truetype = resolve1(descriptor.get("FontFile3")), resolve1(descriptor.get("FontFile2"))
    try:
        if isinstance(cff, PDFStream) and _name(cff.get("Subtype")) == "Type1C":
            return _cff_shapes(cff.get_data())
        if isinstance(truetype, PDFStream):
            return _truetype_shapes(truetype.get_data())
    except Exception as exc:  # fontTools fails in many ways on a damaged program; it then tells us nothing
        logger.info("cannot read an embedded font program: %r", exc)
    return None


def _cff_shapes(data: bytes) -> Shapes | None:
    fonts = CFFFontSet()
    fonts.decompile(BytesIO(data), None)
    top = fonts[fonts.fontNames[0]]
    if hasattr(top, "ROS"):
        return None  # CID-keyed: glyphs have numbers, not names
    strings = top.CharStrings
    glyphs = [
        (name, bounds[1], bounds[3])
        for name in top.charset
        if (bounds := strings[name].calcBounds(strings)) is not None
    ]
    return glyphs, 1 / top.FontMatrix[3]


def _truetype_shapes(data: bytes) -> Shapes | None:
    font = TTFont(BytesIO(data))
    if "glyf" not in font or "post" not in font:
        return None
    table = font["glyf"]
    glyphs = [
        (name, glyph.yMin, glyph.yMax)
        for name in font.getGlyphOrder()
        if (glyph := table[name]).numberOfContours != 0
    ]
    return glyphs, font["head"].unitsPerEm


def _name(value: object) -> str:
    value = resolve1(value)
    return literal_name(value) if isinstance(value, PSLiteral) else str(value)
