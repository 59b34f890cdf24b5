"""The DejaVu faces the translated text is set in: picked by the source font's name, measured from files."""

import re
import subprocess
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docrelay_common.document import TextStyle
from fontTools.ttLib import TTFont

SERIF = "DejaVu Serif"
SANS = "DejaVu Sans"
MONO = "DejaVu Sans Mono"

# Checked in this order: "Sans Serif" names are sans, "Mono Sans" names are mono.
_FAMILY_PATTERNS = (
    (MONO, re.compile(r"mono|courier|typewriter|consol|menlo|nimbusmon|^(cm|sf)tt")),
    (SANS, re.compile(r"sans|helvet|arial|^(cm|sf)ss")),
    # TeX's Computer Modern (CMR10, CMBX12, SFRM1000) is a serif face unless named above.
    (
        SERIF,
        re.compile(
            r"serif|times|roman|nimbusrom|garamond|georgia|palatino|century|mincho|ryumin|^(cm|sf)[a-z]+\d"
        ),
    ),
)

# Characters DejaVu lacks are drawn by a fallback font; guess their advance from their East Asian width.
_WIDE_ADVANCE = 1.0
_NARROW_ADVANCE = 0.6


@dataclass(frozen=True)
class Face:
    family: str
    bold: bool
    italic: bool

    @property
    def fontconfig_pattern(self) -> str:
        return ":".join([self.family, *(["bold"] if self.bold else []), *(["italic"] if self.italic else [])])


@dataclass(frozen=True)
class FontMetrics:
    """Horizontal advances and vertical extent of one face, in ems."""

    advances: dict[int, float]
    ascent: float
    descent: float

    def width(self, text: str) -> float:
        return sum(self._advance(char) for char in text)

    def _advance(self, char: str) -> float:
        advance = self.advances.get(ord(char))
        return _fallback_advance(char) if advance is None else advance


def face_for(style: TextStyle) -> Face:
    return Face(family_for(style.font), style.bold, style.italic)


def family_for(font_name: str) -> str:
    """Pick serif, sans or monospace from a PDF font name such as 'ABCDEF+Times-Roman'."""
    base_name = font_name.rpartition("+")[2].lower()
    for family, pattern in _FAMILY_PATTERNS:
        if pattern.search(base_name):
            return family
    return SANS


@cache
def font_file(face: Face) -> Path:
    """The file fontconfig picks for this face: the same one WeasyPrint will draw with."""
    result = subprocess.run(
        ["fc-match", "--format=%{file}", face.fontconfig_pattern],
        capture_output=True,
        text=True,
        check=True,
    )
    return Path(result.stdout)


@cache
def metrics(face: Face) -> FontMetrics:
    font = TTFont(font_file(face), lazy=True)
    units = font["head"].unitsPerEm
    advances = font["hmtx"].metrics
    return FontMetrics(
        advances={code: advances[glyph][0] / units for code, glyph in font.getBestCmap().items()},
        ascent=font["hhea"].ascent / units,
        descent=-font["hhea"].descent / units,
    )


def _fallback_advance(char: str) -> float:
    return _WIDE_ADVANCE if unicodedata.east_asian_width(char) in "WF" else _NARROW_ADVANCE
