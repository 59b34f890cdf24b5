"""Font faces as WeasyPrint will draw them: the file fontconfig picks, its glyph coverage, and text widths
shaped by HarfBuzz like Pango shapes them (Arabic joining forms, ligatures and kerning included).
"""

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import uharfbuzz as hb
from fontTools.ttLib import TTFont

from docrelay_reconstructor.fontconfig import font_file, pattern

# Characters no installed font has are drawn as a box; guess its advance from the East Asian width.
_WIDE_ADVANCE = 1.0
_NARROW_ADVANCE = 0.6
# Characters that are laid out without a glyph of their own: controls, format characters and spaces.
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# Diacritics sit on their letter; controls and format characters (bidi marks, joiners) are invisible.
_NO_ADVANCE_CATEGORIES = frozenset({"Mn", "Me", "Cc", "Cf"})
# Pango never picks a font for a space or an invisible character, and keeps diacritics with their letter:
# these stay in the font of the text before them.
_FOLLOWING_CATEGORIES = frozenset({"Mn", "Me", "Mc", "Cc", "Cf", "Zs", "Zl", "Zp"})


@dataclass(frozen=True)
class Face:
    family: str
    bold: bool
    italic: bool

    @property
    def fontconfig_pattern(self) -> str:
        return pattern(self.family, *(["bold"] if self.bold else []), *(["italic"] if self.italic else []))


class _LoadedFace:
    """One font file: its character map, vertical extent and a HarfBuzz font to shape with."""

    def __init__(self, face: Face) -> None:
        file = font_file(face.fontconfig_pattern)
        with TTFont(file.path, fontNumber=file.index, lazy=True) as font:
            self.units = font["head"].unitsPerEm
            self.codes = frozenset(font.getBestCmap())
            self.ascent = font["hhea"].ascent / self.units
            self.descent = -font["hhea"].descent / self.units
        self._shaper = hb.Font(hb.Face(hb.Blob.from_file_path(file.path), file.index))

    def width(self, text: str) -> float:
        buffer = hb.Buffer()
        buffer.add_str(text)
        buffer.guess_segment_properties()
        hb.shape(self._shaper, buffer)
        return sum(position.x_advance for position in buffer.glyph_positions) / self.units


class FontMetrics:
    """Widths of text set in a list of faces (each character in the first face that has it, as Pango
    picks them) and the vertical extent of the first face, all in ems."""

    def __init__(self, faces: Sequence[Face]) -> None:
        self._faces = [_loaded(face) for face in faces]
        self.ascent = self._faces[0].ascent
        self.descent = self._faces[0].descent
        # The face of each character met: lists of several faces are asked about every character.
        self._face_of: dict[str, _LoadedFace | None] = {}

    def width(self, text: str) -> float:
        return sum(
            _fallback_width(run) if face is None else face.width(run) for face, run in self._runs(text)
        )

    def _runs(self, text: str) -> Iterator[tuple[_LoadedFace | None, str]]:
        """Stretches of the text drawn by one face; None for characters no face has."""
        run_face: _LoadedFace | None = None
        run = ""
        for char in text:
            face = run_face if run and _follows(char) else self._face_for(char)
            if run and face is not run_face:
                yield run_face, run
                run = ""
            run_face, run = face, run + char
        if run:
            yield run_face, run

    def _face_for(self, char: str) -> _LoadedFace | None:
        if char not in self._face_of:
            code = ord(char)
            self._face_of[char] = next((face for face in self._faces if code in face.codes), None)
        return self._face_of[char]


def needs_glyph(char: str) -> bool:
    return unicodedata.category(char) not in _NO_GLYPH_CATEGORIES


def missing_glyphs(text: str, face: Face) -> set[str]:
    """The characters of the text that need a glyph and the face's font file has none for."""
    codes = _loaded(face).codes
    return {char for char in text if needs_glyph(char) and ord(char) not in codes}


@cache
def metrics(faces: Sequence[Face]) -> FontMetrics:
    """Metrics of text set in the faces, the first that has a character drawing it (faces: a tuple)."""
    return FontMetrics(faces)


@cache
def _loaded(face: Face) -> _LoadedFace:
    return _LoadedFace(face)


def _follows(char: str) -> bool:
    return unicodedata.category(char) in _FOLLOWING_CATEGORIES


def _fallback_width(text: str) -> float:
    return sum(
        _WIDE_ADVANCE if unicodedata.east_asian_width(char) in "WF" else _NARROW_ADVANCE
        for char in text
        if unicodedata.category(char) not in _NO_ADVANCE_CATEGORIES
    )
