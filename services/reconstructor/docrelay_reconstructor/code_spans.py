"""Inline code set in a monospaced face, as the source set it.

A block's inline code (`TextBlock.code`: "is.nan(xx)", "TRUE") is kept as written by translation; it is
drawn in the block's own face unless the HTML says otherwise, and R-intro's "character(0)" came back in
its serif. Each place the translation holds a code word (standing alone, as the translator protected it)
becomes a span in the monospaced families, and the fit measures those words in that face, so a line
with code is as wide as it will be drawn.
"""

import html
import re
from collections.abc import Callable
from functools import cache

from docrelay_common.document import TextBlock, TextStyle, code_occurrences, code_pattern
from docrelay_reconstructor.families import FontChoice, choose_font
from docrelay_reconstructor.fit import Measure
from docrelay_reconstructor.fonts import metrics
from docrelay_reconstructor.metric_families import is_tex

# The extractor keeps the block's face, not its code's: a TeX document's code is in TeX's typewriter
# (Latin Modern Mono has its metrics), another's in Courier's metrics (Liberation Mono).
_TEX_CODE_FONT, _CODE_FONT = "CMTT10", "Courier"


def code_font(block: TextBlock) -> FontChoice:
    """The families the block's inline code is set in (bold and italic as the block)."""
    font = _TEX_CODE_FONT if is_tex(block.style.font) else _CODE_FONT
    return _code_font(font, block.style.bold, block.style.italic, "".join(sorted(set("".join(block.code)))))


def drawn_code(block: TextBlock) -> list[str]:
    """The code words drawn as code: those the text holds no more often than its source did. A word the
    translation holds more often may also be a word of the target language (Python's "in" in a German
    text): none of its places is told from the others, so it keeps the text's face."""
    return [
        word
        for word in block.code
        if code_occurrences(word, block.text) <= code_occurrences(word, block.source_text)
    ]


def code_measure(block: TextBlock, measure: Measure) -> Measure:
    """How wide a line of the block is (ems), its code measured in the code's face, the rest by `measure`."""
    code = drawn_code(block)
    if not code:
        return measure
    pattern = re.compile(code_pattern(code))
    code_width = metrics(code_font(block).faces).width

    def width(text: str) -> float:
        total, start = 0.0, 0
        for match in pattern.finditer(text):
            total += measure(text[start : match.start()]) + code_width(match.group())
            start = match.end()
        return total + measure(text[start:])

    return width


def code_markup(block: TextBlock, markup: Callable[[str], str]) -> Callable[[str], str]:
    """A line of the block as HTML: its code in spans of the code's families, the rest by `markup`. A span
    has no line height of its own: the code's face, set higher or lower in its em than the text's, would
    make its lines taller than the fit's pitch."""
    code = drawn_code(block)
    if not code:
        return markup
    pattern = re.compile(code_pattern(code))
    opening = f'<span style="font-family: {html.escape(code_font(block).css_family)}; line-height: 0">'

    def line_html(line: str) -> str:
        parts, start = [], 0
        for match in pattern.finditer(line):
            parts += [markup(line[start : match.start()]), opening, markup(match.group()), "</span>"]
            start = match.end()
        return "".join([*parts, markup(line[start:])])

    return line_html


@cache
def _code_font(font: str, bold: bool, italic: bool, characters: str) -> FontChoice:
    return choose_font(TextStyle(font=font, bold=bold, italic=italic, typeface="mono"), characters)
