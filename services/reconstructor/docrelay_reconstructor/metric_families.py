"""Installed families drawn with the metrics of common PDF fonts, so a translation set in them takes the
room the source's text took: Latin Modern for TeX's Computer Modern and Latin Modern fonts (at the
nearest design size: CMR8's letters are wider than CMR10's), Liberation for Times, Helvetica/Arial and
Courier and their URW clones, Carlito for Calibri and Caladea for Cambria (Office's defaults). Text
drawn in an installed family (DejaVu, Noto Sans and Serif: LibreOffice's and WeasyPrint's defaults) is set
in that family.
"""

import re

from docrelay_common.document import TextStyle, Typeface

# TeX font names: CMR10, CMBX12, cmcsc10, SFRM1000 and ectt1000 (cm-super, size in hundredths of a
# point), LMRoman10-Regular, LMSans12-Bold, LMMono9-Regular, CMUSerif-Roman.
_TEX = re.compile(r"^(?:(?:cm|sf|ec|tc)[a-z]*|lm(?:roman|sans|mono)[a-z]*|cmu[a-z]*)(?P<size>\d*)")
# The design sizes Latin Modern draws each class at.
_LM_SIZES: dict[Typeface, tuple[str, tuple[int, ...]]] = {
    "serif": ("LM Roman", (5, 6, 7, 8, 9, 10, 12, 17)),
    "sans": ("LM Sans", (8, 9, 10, 12, 17)),
    "mono": ("LM Mono", (8, 9, 10, 12)),
}
# Only the 10-point design of Latin Modern has every face; bold italic falls back on it.
_COMPLETE_SIZE = 10
_METRIC_FAMILIES = (
    (re.compile(r"times|nimbusrom|tinos|liberationserif"), "Liberation Serif"),
    (re.compile(r"helvet|arial|nimbussan|arimo|liberationsans"), "Liberation Sans"),
    (re.compile(r"courier|nimbusmon|cousine|liberationmono"), "Liberation Mono"),
    (re.compile(r"calibri|carlito"), "Carlito"),
    # Cambria Math is a font of formulas, drawn from the source's own glyphs.
    (re.compile(r"cambria(?!math)|caladea"), "Caladea"),
    # Installed families are their own twins; the narrower and the monospaced designs first.
    (re.compile(r"^dejavusansmono"), "DejaVu Sans Mono"),
    # "DejaVuSansCondensed-Bold", or as WeasyPrint names it "DejaVu-Sans-Bold-Semi-Condensed".
    (re.compile(r"^dejavusans\w*condensed"), "DejaVu Sans Condensed"),
    (re.compile(r"^dejavuserif\w*condensed"), "DejaVu Serif Condensed"),
    (re.compile(r"^dejavusans"), "DejaVu Sans"),
    (re.compile(r"^dejavuserif"), "DejaVu Serif"),
    # Noto Sans and Noto Serif themselves, not the families of other scripts (Noto Sans JP, Arabic, ...).
    (re.compile(r"^notosans(?:regular|bold|italic|bolditalic)?$"), "Noto Sans"),
    (re.compile(r"^notoserif(?:regular|bold|italic|bolditalic)?$"), "Noto Serif"),
)


def metric_family(style: TextStyle, typeface: Typeface) -> str | None:
    """The family with the metrics of the style's font, whose class is `typeface`; None if there is none."""
    name = _bare(style.font)
    tex = _TEX.match(name)
    if tex is not None:
        return _latin_modern(typeface, tex.group("size"), style.bold and style.italic)
    return next((family for rule, family in _METRIC_FAMILIES if rule.search(name)), None)


def is_tex(font: str) -> bool:
    """Is the PDF font one of TeX's (Computer Modern, cm-super, Latin Modern)?"""
    return _TEX.match(_bare(font)) is not None


def _bare(font: str) -> str:
    """The font's name without its subset prefix ("ABCDEF+"), in lower case, without spaces, hyphens and
    underscores ("Liberation-Serif", as Cairo and WeasyPrint name it, is "liberationserif")."""
    return re.sub(r"[ _-]", "", font.rpartition("+")[2].lower())


def _latin_modern(typeface: Typeface, digits: str, bold_italic: bool) -> str:
    family, sizes = _LM_SIZES[typeface]
    size = int(digits) if digits else _COMPLETE_SIZE
    size = size // 100 if size >= 100 else size  # cm-super's SFRM1000 is 10 pt
    if bold_italic:
        return f"{family} {_COMPLETE_SIZE}"
    return f"{family} {min(sizes, key=lambda design: (abs(design - size), design))}"
