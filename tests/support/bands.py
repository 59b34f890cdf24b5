"""Synthetic rows of words for the extractor's table tests: each word at its left edge, its characters
one width each."""

from collections.abc import Sequence

from docrelay_common.document import BBox, TextStyle
from docrelay_extractor.lines import TextLine, Word
from docrelay_extractor.table_bands import Band


def band_of(
    placed: Sequence[tuple[float, str]],
    size: float,
    char: float,
    font: str = "DejaVuSans",
    drawn_spaces: tuple[float, ...] = (),
) -> Band:
    """A band of one line of `size` points holding the placed words; `drawn_spaces`: where the PDF draws
    a space glyph."""
    words = tuple(Word(x, x + char * len(text), text) for x, text in placed)
    line = TextLine(
        bbox=BBox(x0=words[0].x0, top=100.0, x1=words[-1].x1, bottom=100.0 + size),
        text=" ".join(word.text for word in words),
        style=TextStyle(font=font, size=size),
        glyphs=sum(len(word.text) for word in words),
        words=words,
        drawn_spaces=drawn_spaces,
    )
    return Band((line,))
