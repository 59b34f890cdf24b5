"""Which writing systems a text uses, as far as the choice of a font depends on it."""

import unicodedata
from bisect import bisect_right
from collections import Counter
from enum import StrEnum


class Script(StrEnum):
    LATIN = "latin"
    GREEK = "greek"
    CYRILLIC = "cyrillic"
    ARABIC = "arabic"
    HEBREW = "hebrew"
    HAN = "han"
    KANA = "kana"
    HANGUL = "hangul"


# (first, last, script), sorted. CJK punctuation and full-width forms count as Han: they need a CJK font.
_RANGES = (
    (0x0041, 0x005A, Script.LATIN),
    (0x0061, 0x007A, Script.LATIN),
    (0x00C0, 0x024F, Script.LATIN),
    (0x0370, 0x03FF, Script.GREEK),
    (0x0400, 0x052F, Script.CYRILLIC),
    (0x0590, 0x05FF, Script.HEBREW),
    (0x0600, 0x06FF, Script.ARABIC),
    (0x0750, 0x077F, Script.ARABIC),
    (0x0870, 0x08FF, Script.ARABIC),
    (0x1100, 0x11FF, Script.HANGUL),
    (0x1C80, 0x1C8F, Script.CYRILLIC),
    (0x1E00, 0x1EFF, Script.LATIN),
    (0x1F00, 0x1FFF, Script.GREEK),
    (0x2DE0, 0x2DFF, Script.CYRILLIC),
    (0x2E80, 0x303F, Script.HAN),
    (0x3040, 0x30FF, Script.KANA),
    (0x3130, 0x318F, Script.HANGUL),
    (0x3190, 0x31EF, Script.HAN),
    (0x31F0, 0x31FF, Script.KANA),
    (0x3200, 0x4DBF, Script.HAN),
    (0x4E00, 0x9FFF, Script.HAN),
    (0xA640, 0xA69F, Script.CYRILLIC),
    (0xA720, 0xA7FF, Script.LATIN),
    (0xA960, 0xA97F, Script.HANGUL),
    (0xAB30, 0xAB6F, Script.LATIN),
    (0xAC00, 0xD7FF, Script.HANGUL),
    (0xF900, 0xFAFF, Script.HAN),
    (0xFB1D, 0xFB4F, Script.HEBREW),
    (0xFB50, 0xFDFF, Script.ARABIC),
    (0xFE30, 0xFE4F, Script.HAN),
    (0xFE70, 0xFEFF, Script.ARABIC),
    (0xFF00, 0xFF65, Script.HAN),
    (0xFF66, 0xFF9F, Script.KANA),
    (0xFFA0, 0xFFEF, Script.HAN),
    (0x20000, 0x3134F, Script.HAN),
)
_STARTS = [first for first, _, _ in _RANGES]
_RTL_CLASSES = frozenset({"R", "AL"})


def script_of(char: str) -> Script | None:
    """None for characters every script shares (digits, punctuation, spaces) and for unlisted scripts."""
    index = bisect_right(_STARTS, ord(char)) - 1
    if index < 0:
        return None
    _, last, script = _RANGES[index]
    return script if ord(char) <= last else None


def scripts_by_use(text: str) -> list[Script]:
    """The scripts of the text, the most used first (ties: the first seen first)."""
    counts = Counter(script for char in text if (script := script_of(char)) is not None)
    return [script for script, _ in counts.most_common()]


def is_rtl(text: str) -> bool:
    """Mainly right-to-left: more Arabic/Hebrew letters than left-to-right ones."""
    kinds = [unicodedata.bidirectional(char) for char in text]
    return sum(kind in _RTL_CLASSES for kind in kinds) > kinds.count("L")
