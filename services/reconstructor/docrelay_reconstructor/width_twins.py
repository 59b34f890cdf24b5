"""For fonts no installed family has the metrics of, the installed family nearest them in width.

metric_families knows the fonts most PDFs use (Times, Helvetica, Courier, TeX's, Office's). Text in any
other font (dmca's Garamond, Ubuntu, Lucida) was set in DejaVu, the widest of the installed families:
dmca's Garamond lines take 31% more room in DejaVu Serif than the source gave them, so their translation
shrank far more than a translation needs (its running footers to half their size). Here each such font
family is measured once per document: the source text of its one-line blocks, set in each Latin family
every font list already holds (so no glyph is lost), against the width the source drew it at. The family
nearest in total width is the one its translation is set in: Liberation Serif for dmca's Garamond (3%
wider than the source), where DejaVu stays for a font as wide as it.

Fonts are measured by family: "Garamond", "Garamond,Bold" and "Garamond,Italic" are one decision, each
block measured in its own weight and slant. A document measured in page ranges decides per range.
"""

import math
import re
from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType

from docrelay_common.document import Document, TextBlock
from docrelay_common.typeface import font_name
from docrelay_reconstructor.families import FontChoice, Generic, typeface_of
from docrelay_reconstructor.fonts import metrics
from docrelay_reconstructor.metric_families import metric_family

# Font name -> the family its text is set in.
WidthTwins = Mapping[str, str]
NO_TWINS: WidthTwins = MappingProxyType({})
# The candidates, narrowest first; DejaVu last, as it was the only one.
CANDIDATES = {
    "serif": ("Liberation Serif", "Noto Serif", "DejaVu Serif"),
    "sans": ("Liberation Sans", "Noto Sans", "DejaVu Sans"),
}
_GENERICS = {"serif": Generic.SERIF, "sans": Generic.SANS}
# Characters of one-line blocks measured before a font is decided on: fewer tell too little.
MIN_CHARACTERS = 40
# Characters measured at most per font family: a long document decides on its first few pages.
MAX_CHARACTERS = 4000
# A font name's parts: "ABCDEF+IBM-Plex-Sans-Bold" is ABCDEF, IBM, Plex, Sans, Bold.
_NAME_PARTS = re.compile(r"[+,\-_ ]")
# A part naming a weight or slant (whole, or the start of one: "BoldMT", "BoldItalic"); the parts before
# the first of them name the family and its design ("IBM-Plex-Sans" and "IBM-Plex-Serif" are two).
_STYLE_PART = re.compile(
    r"(?:bold|italic|oblique|regular|roman|medium|light|semibold|demi|black|heavy|book|thin|extra|ultra)\w*"
    r"|it|bd|bdit|md|lt|rg|mt|psmt",
    re.IGNORECASE,
)
_LATIN_GREEK_CYRILLIC = re.compile(r"^[\u0020-\u024f\u0370-\u03ff\u0400-\u04ff\u2000-\u206f]+$")


def width_twins(document: Document) -> dict[str, str]:
    """The family each font without a metric twin is set in, by font name (fonts measured too little, or
    not at all, are left out: they keep the default)."""
    drawn: defaultdict[str, float] = defaultdict(float)
    measured: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    characters: defaultdict[str, int] = defaultdict(int)
    fonts: defaultdict[str, set[str]] = defaultdict(set)
    for block in document.blocks():
        typeface = typeface_of(block.style)
        if typeface not in CANDIDATES or metric_family(block.style, typeface) is not None:
            continue
        family = _family_name(block.style.font)
        # Every face of the family is set in the family chosen, measured on a line or not.
        fonts[family].add(block.style.font)
        if not _measurable(block) or characters[family] >= MAX_CHARACTERS:
            continue
        characters[family] += len(block.source_text)
        drawn[family] += block.bbox.width
        for candidate in CANDIDATES[typeface]:
            choice = FontChoice((candidate,), _GENERICS[typeface], block.style.bold, block.style.italic)
            measured[family][candidate] += metrics(choice.faces).width(block.source_text) * block.style.size
    twins = {}
    for family, widths in measured.items():
        if characters[family] < MIN_CHARACTERS or drawn[family] <= 0:
            continue
        nearest = min(widths, key=lambda candidate: abs(math.log(widths[candidate] / drawn[family])))
        twins.update(dict.fromkeys(fonts[family], nearest))
    return twins


def _measurable(block: TextBlock) -> bool:
    """A line of plain upright text in one face whose box is as wide as its text: no formulas, code,
    emphasis, dot leaders (in the box, not in the text) or OCR (boxes of words, not of glyphs)."""
    plain = not (block.math or block.code or block.emphasis or block.leader)
    upright = block.rotation == 0 and not block.vertical and block.kind == "text" and block.source == "pdf"
    text = block.source_text.strip()
    latin = bool(text) and _LATIN_GREEK_CYRILLIC.match(text) is not None
    return block.line_count == 1 and plain and upright and latin


def _family_name(font: str) -> str:
    """The family of a font's name: its parts before the first that names a weight or slant, the first
    part always ("Garamond,Bold", "Ubuntu-Italic", "ABCDEF+Lucida-Bold", "IBM-Plex-Sans-Bold")."""
    first, *rest = _NAME_PARTS.split(font_name(font))
    family = [first]
    for part in rest:
        if _STYLE_PART.fullmatch(part):
            break
        family.append(part)
    return "-".join(family).lower()
