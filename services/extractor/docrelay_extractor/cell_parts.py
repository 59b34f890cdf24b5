"""A table cell of two paragraphs: lines set apart in another style, or words under a value, are a block
of their own.

A programme sets a talk's title over its speaker in grey italics, a menu a dish over its description in
smaller type, a price list a product in bold over its details, a calendar a day's number over its
event. Read as one block, such a cell was one sentence to the translator ("Building reliable data
pipelines Tom Becker" became "Construyendo tuberías de dato fiable Tom Becker") and one paragraph to the
reconstructor: the speaker ran on after the title's last word, in the title's colour. Where a line
wholly in one style follows one wholly in another (weight, slant, a monospaced face against another,
size, colour), or words follow a value, and no sentence goes on across the break (the upper line ends
in a comma, a hyphen or a little word, or the lower starts in lower case), the cell is cut there: each
part is a block in the same row and column, its box the cell's share above or below the middle of the
gap between the parts, so that neither's translation runs into the other's.
"""

from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate, pairwise

from docrelay_common.document import BBox, TextStyle
from docrelay_common.line_joins import CJK
from docrelay_extractor.data_cells import in_capitals, is_name, is_value
from docrelay_extractor.geometry import x_overlap
from docrelay_extractor.hard_breaks import goes_on_from_above, runs_on
from docrelay_extractor.lines import TextLine
from docrelay_extractor.paragraphs import MAX_LINE_OVERLAP, MAX_SIZE_DIFFERENCE
from docrelay_extractor.rtl import has_rtl
from docrelay_extractor.style import is_monospace
from docrelay_extractor.table_grid import GridCell


def cell_parts(cell: GridCell) -> list[GridCell]:
    """The cell cut where its lines change style and no sentence runs on; the cell itself when they don't."""
    lines = cell.lines
    cuts = [
        index
        for index in range(1, len(lines))
        if x_overlap(lines[index - 1].bbox, lines[index].bbox) > 0
        and (_restyled(lines[index - 1], lines[index]) or _value_over_words(lines[index - 1], lines[index]))
        and not _sentence_goes_on(lines[index - 1], lines[index])
        and _under(lines[:index], lines[index:])
    ]
    if not cuts:
        return [cell]
    parts = [lines[start:end] for start, end in zip([0, *cuts], [*cuts, len(lines)], strict=True)]
    # Tight lines overlap a little (_under): a thin part's middles could cross; they only go down.
    gaps = [
        (max(line.bbox.bottom for line in upper) + min(line.bbox.top for line in lower)) / 2
        for upper, lower in pairwise(parts)
    ]
    middles = list(accumulate(gaps, max))
    tops, bottoms = [cell.box.top, *middles], [*middles, cell.box.bottom]
    return [
        replace(cell, lines=part, box=BBox(x0=cell.box.x0, top=top, x1=cell.box.x1, bottom=bottom))
        for part, top, bottom in zip(parts, tops, bottoms, strict=True)
    ]


def _restyled(upper: TextLine, lower: TextLine) -> bool:
    """Is each line wholly in one style, the lower's another face, size or colour than the upper's? A
    line holding a word or two in another style is a sentence with emphasis ("read the novel" over "*War
    and Peace* by Leo Tolstoy", a date in red, a variable's name in a monospaced face), not a new part."""
    above, below = upper.style, lower.style
    return (
        upper.one_style
        and lower.one_style
        and (
            _face(above) != _face(below)
            or abs(above.size - below.size) > MAX_SIZE_DIFFERENCE * max(above.size, below.size)
            or above.color != below.color
        )
    )


def _value_over_words(upper: TextLine, lower: TextLine) -> bool:
    """Is the upper line a value (data: a number, a date, a code) and the lower words: a calendar's day
    over its event ("3" over "Staff meeting", which had been one sentence, "3 reunión de personal"), an
    amount over its note?"""
    return is_value(upper.text) and not is_value(lower.text)


def _face(style: TextStyle) -> tuple[bool, bool, bool]:
    return style.bold, style.italic, is_monospace(style.font)


def _sentence_goes_on(upper: TextLine, lower: TextLine) -> bool:
    """A sentence broken across the change of style is one part, and so is a name over its surname in
    capitals ("Marie-Claire" over a bold "DUPONT"); an empty line (dot leaders) is no part of its own;
    Chinese, Japanese and right-to-left lines are never cut."""
    if not upper.text.strip() or not lower.text.strip():
        return True
    if any(CJK.search(line.text) or has_rtl(line.text) for line in (upper, lower)):
        # Scripts without capitals give no sign of a sentence going on over a break.
        return True
    surname = is_name(lower.text) and in_capitals(lower.text)
    return surname or runs_on(upper.text) or goes_on_from_above(lower.text)


def _under(upper: Sequence[TextLine], lower: Sequence[TextLine]) -> bool:
    """Do all the lower lines lie under all the upper ones (a merged cell's lines may stand side by side)?
    Tight lines may overlap by as much as one paragraph's lines do (paragraphs.MAX_LINE_OVERLAP)."""
    top = min(line.bbox.top for line in lower)
    bottom = max(line.bbox.bottom for line in upper)
    height = min(line.bbox.height for line in [*upper, *lower])
    return top >= bottom - MAX_LINE_OVERLAP * height
