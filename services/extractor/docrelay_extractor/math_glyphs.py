# Mathematical symbols look like Latin letters and ASCII punctuation to ruff's confusables check.
# ruff: noqa: RUF001
"""Which glyphs are mathematics: their font is a math font, or their character only ever is.

TeX sets more than formulas in math fonts: the dots of a table of contents' leaders (math italic full
stops) and list bullets (the symbol font's bullet) are not math, and are told apart by where they stand.
"""

import re
import statistics
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise

from pdfminer.layout import LTChar

from docrelay_common.typeface import font_name
from docrelay_extractor.glyph_text import Item, is_drawn
from docrelay_extractor.text import BULLETS

# Fonts that draw nothing but mathematics, matched at the start of the name without its subset tag:
# Computer Modern and Latin Modern math italic, symbols and extension; AMS symbols and Euler; script and
# picture fonts; OpenType math families; the txfonts/pxfonts/newtx math fonts; MathType's and Symbol.
# Typewriter, italic and sans faces are text, however often code or emphasis sits beside formulas.
MATH_FONT = re.compile(
    r"^(?:cmmi|cmsy|cmbsy|cmex|msam|msbm|eufm|eufb|eusm|eusb|eurm|eurb|euex|rsfs|stmary|wasy|lasy"
    r"|line|lcircle|lmmathitalic|lmmathsymbols|lmmathextension|lmmi|lmsy|lmex|latinmodern-?math"
    r"|cambria-?math|stix(?:two|2)?math|stixgeneral|stixsize|stixintegrals|stixnonuni|stixvariants"
    r"|xitsmath|asana-?math|libertinusmath|firamath|newcmmath|texgyre\w*math|garamond-math|kpmath"
    r"|txmi|txsy|txex|pxmi|pxsy|pxex|newtxmi|ntxmi|ntxsy|ntxex|mathjax_|mt-?extra|mathematicalpi"
    r"|euclid|mtsy|mtmi|mtex|symbolmt|symbol(?:$|[-,])|standardsymbol|symbolneu|esint|cmbrmi|cmbrsy|ccmi"
    r"|msxm|msym)",
    re.IGNORECASE,
)
# Unicode blocks of nothing but mathematics: operators, their supplements, arrows, alphanumerics, scripts.
MATH_RANGES = (
    (0x2070, 0x209F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x27C0, 0x27EF),
    (0x27F0, 0x27FF),
    (0x2900, 0x297F),
    (0x2980, 0x29FF),
    (0x2A00, 0x2AFF),
    (0x1D400, 0x1D7FF),
)
# The letter-like symbols of mathematics (not ™, ℃ or №, which stand in prose).
MATH_LETTERLIKE = frozenset("ℂℊℋℌℍℎℏℐℑℒℓℕ℘ℙℚℛℜℝℤ℧ℨ℩ℬℭℯℰℱℳℴℵℶℷℸⅅⅆⅇⅈⅉ")
# Math symbols that are as often plain punctuation or typography in prose.
AMBIGUOUS_SYMBOLS = frozenset("+<=>|~¬±×÷")
GREEK = range(0x0370, 0x0400)
# Greek letters outside the Greek block: the ohm and micro signs some fonts map Ω and µ to.
GREEK_LOOKALIKES = frozenset("\u2126\u00b5")
LEADER_DOT = "."
# This many evenly spaced dots in a row are a leader (table of contents), not "i = 1, . . . , m".
LEADER_RUN = 5
LEADER_SPACING_SLACK = 0.5


@lru_cache(maxsize=4096)
def is_math_font(raw_name: str) -> bool:
    return MATH_FONT.match(font_name(raw_name)) is not None


@lru_cache(maxsize=65536)
def is_math_char(text: str) -> bool:
    if len(text) != 1:
        return False
    code = ord(text)
    if any(low <= code <= high for low, high in MATH_RANGES) or text in MATH_LETTERLIKE:
        return True
    return unicodedata.category(text) == "Sm" and text not in AMBIGUOUS_SYMBOLS


def math_flags(items: Sequence[Item]) -> list[bool]:
    """For each item of a line (in stream order), whether it is a glyph of mathematics."""
    chars = [(index, item) for index, item in enumerate(items) if isinstance(item, LTChar)]
    not_math = _leader_dots([index for index, char in chars if char.get_text() == LEADER_DOT], items)
    if chars and chars[0][1].get_text() in BULLETS:
        not_math.add(chars[0][0])
    flags = [False] * len(items)
    for index, char in chars:
        flags[index] = (
            is_math_font(char.fontname) or is_math_char(char.get_text())
        ) and index not in not_math
    for index in _greek_symbols(items, flags):
        flags[index] = True
    return flags


def _greek_symbols(items: Sequence[Item], flags: list[bool]) -> list[int]:
    """Greek letters of the text font that stand alone, as symbols do (TeX's upright capitals).

    A Greek letter touching another letter of text is part of a word ("µm", Greek prose); in a line
    of mostly Greek letters every one is.
    """
    texts = [item.get_text() for item in items if isinstance(item, LTChar)]
    greek = sum(map(_is_greek, texts))
    if not greek or greek * 2 >= sum(text.isalpha() for text in texts):
        return []

    def text_letter(index: int) -> bool:
        item = items[index] if 0 <= index < len(items) else None
        return isinstance(item, LTChar) and item.get_text().isalpha() and not flags[index]

    return [
        index
        for index, item in enumerate(items)
        if isinstance(item, LTChar)
        and _is_greek(item.get_text())
        and not flags[index]
        and not text_letter(index - 1)
        and not text_letter(index + 1)
    ]


def _leader_dots(dots: list[int], items: Sequence[Item]) -> set[int]:
    """The dots standing in runs of at least LEADER_RUN, each at the run's usual distance from the next.

    A full stop ending the entry's text may touch the first dot of its leader, nearer than the rest.
    """
    runs: list[list[int]] = []
    for index in dots:
        if runs and _only_spaces(items[runs[-1][-1] + 1 : index]):
            runs[-1].append(index)
        else:
            runs.append([index])
    return {index for run in runs if len(run) >= LEADER_RUN for index in _evenly_spaced(run, items)}


def _only_spaces(items: Sequence[Item]) -> bool:
    return not any(map(is_drawn, items))


def _evenly_spaced(run: list[int], items: Sequence[Item]) -> list[int]:
    xs = [_x0(items[index]) for index in run]
    steps = [after - before for before, after in pairwise(xs)]
    usual = statistics.median(steps)
    first = items[run[0]]
    slack = LEADER_SPACING_SLACK * max(first.width if isinstance(first, LTChar) else 0.0, 1.0)

    def even(step: float) -> bool:
        return abs(step - usual) <= slack

    return [
        index
        for position, index in enumerate(run)
        if (position > 0 and even(steps[position - 1])) or (position < len(steps) and even(steps[position]))
    ]


def _x0(item: Item) -> float:
    return item.x0 if isinstance(item, LTChar) else 0.0


@lru_cache(maxsize=65536)
def _is_greek(text: str) -> bool:
    return len(text) == 1 and ((ord(text) in GREEK and text.isalpha()) or text in GREEK_LOOKALIKES)
