"""Right-to-left text in the order it is read, for PDFs that store a line's glyphs as they look.

Typesetters that shape with HarfBuzz (XeTeX, LuaTeX, browsers, LibreOffice) write an Arabic or Hebrew
line left to right as it is displayed: words reversed, each diacritic before its letter, brackets
mirrored. The bidi algorithm run over that visual string gives back the logical one: right-to-left runs
are reversed and mirrored again, while numbers and Latin words inside them keep their order.
"""

import unicodedata
from collections.abc import Sequence

from bidi.algorithm import get_display

_RTL_CLASSES = frozenset({"R", "AL"})


def has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text)


def is_mainly_rtl(text: str) -> bool:
    """More right-to-left letters than left-to-right ones: the line's base direction."""
    kinds = [unicodedata.bidirectional(char) for char in text]
    return sum(kind in _RTL_CLASSES for kind in kinds) > kinds.count("L")


def visual_to_logical(glyph_texts: Sequence[str]) -> str:
    """The logical text of a line whose glyphs' texts are given from left to right.

    A glyph may stand for several right-to-left characters (a lam-alef ligature mapped to "لا"): its
    text is already in logical order, so it is turned around here to come out right once reversed.
    """
    visual = "".join(_cluster_for_reversal(text) for text in glyph_texts).strip()
    logical: str = get_display(visual, base_dir="R" if is_mainly_rtl(visual) else "L")
    return logical


def _cluster_for_reversal(text: str) -> str:
    if len(text) > 1 and _first_strong_is_rtl(text):
        return text[::-1]
    return text


def _first_strong_is_rtl(text: str) -> bool:
    strong = (kind for char in text if (kind := unicodedata.bidirectional(char)) in ("L", "R", "AL"))
    return next(strong, "L") in _RTL_CLASSES
