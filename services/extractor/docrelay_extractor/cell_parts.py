"""A table cell of two paragraphs is a block for each: lines set in another style, words and a value
meeting, and lines broken on purpose.

A programme sets a talk's title over its speaker in grey italics, a menu a dish over its description in
smaller type, a calendar a day's number over its event, a form a label over its amount, a shipping label
an address a line at a time in its box. Read as one block, such a cell was one sentence to the translator
("Building reliable data pipelines Tom Becker" became "Construyendo tuberías de dato fiable Tom Becker",
"Due by 28 March 2025" "Previsto por 28 Marcha 2025") and one paragraph to the reconstructor: the speaker
ran on after the title's last word, in the title's colour. A cell is cut between two lines where a line
wholly in one style follows one wholly in another (weight, slant, a monospaced face against another,
size, colour) and no sentence goes on across the break (the upper line ends in a comma, a hyphen or a
little word, or the lower starts in lower case or is a surname in capitals; a value goes on into nothing:
a tile's big "2.4 h" over "target 4 h"); where words and a value meet and the lower line does not go on
in lower case; and where a line ended although the next one's first word would have fit in the cell
(hard_breaks: its box drawn round it, drawn_grids, or reaching halfway across the gaps beside it,
table_grid), unless a sentence goes on there (a statement's "Transfer to savings account" over "Monthly
standing order", a staff list's "Finance" over the first name of its department had each been one
sentence). Never in Chinese, Japanese or right-to-left text. Each part is a block in the same row and
column, its box the cell's share above or below the middle of the gap between the parts, so that
neither's translation runs into the other's.
"""

from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate, pairwise

from docrelay_common.document import BBox, TextStyle
from docrelay_common.line_joins import CJK
from docrelay_extractor.data_cells import in_capitals, is_name, is_titled_name, is_value
from docrelay_extractor.geometry import x_overlap
from docrelay_extractor.hard_breaks import goes_on_from_above, runs_on, split_at_hard_breaks
from docrelay_extractor.lines import TextLine
from docrelay_extractor.paragraphs import MAX_LINE_OVERLAP, MAX_SIZE_DIFFERENCE
from docrelay_extractor.rtl import has_rtl
from docrelay_extractor.style import is_monospace
from docrelay_extractor.table_grid import GridCell
from docrelay_extractor.text import ends_sentence

# An upper line of this many words or more, ending in no full stop, may start the sentence a lower line
# broken by hand ends.
SENTENCE_START_WORDS = 3


def cell_parts(cell: GridCell) -> list[GridCell]:
    """The cell cut into its parts; the cell itself when it has one."""
    lines = cell.lines
    broken = _broken_on_purpose(cell)
    cuts = [
        index
        for index in range(1, len(lines))
        if x_overlap(lines[index - 1].bbox, lines[index].bbox) > 0
        and _under(lines[:index], lines[index:])
        and lines[index - 1].text.strip()
        and lines[index].text.strip()
        and (
            (index in broken and not _one_sentence(lines[index - 1], lines[index]))
            or _cut_between(lines[index - 1], lines[index])
            or (cell.row > 0 and _person_under(lines[index - 1], lines[index]))
        )
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


def _cut_between(upper: TextLine, lower: TextLine) -> bool:
    """A change of style where no sentence goes on; words and a value meeting where the lower line does
    not go on in lower case ("Due by" over "28 March 2025": the date kept as data, the words translated;
    together they had been one phrase, "Previsto por 28 Marcha 2025")."""
    if _without_case(upper, lower):
        return False
    # A value goes on into nothing: a dashboard tile's "2.4 h" in 16-point bold over "target 4 h" (its
    # unit read as a little word, its caption in lower case) had been one sentence, the figure drawn at
    # half its size.
    if _restyled(upper, lower) and (is_value(upper.text) or not _sentence_goes_on(upper, lower)):
        return True
    # A range broken after its "to" ("1 Mar 2024 to" over "31 Mar 2024") goes on; "Due by" over a date does
    # not: its words are no value to go on from.
    goes_on = goes_on_from_above(lower.text) or (
        runs_on(upper.text) and any(char.isdigit() for char in upper.text)
    )
    return is_value(upper.text) != is_value(lower.text) and not goes_on


def _person_under(upper: TextLine, lower: TextLine) -> bool:
    """Does a person named after a courtesy title open the lower line, the upper not running on: a
    timetable's "Religious Studies" over "Mr Abernethy", a subject and its teacher ("Talk by" over "Dr
    Ann Bell" is one phrase)? Not in a table's first row, whose heads in Title Case may wrap before a
    word that is a title too ("Number of Near" over "Miss Incidents")."""
    return is_titled_name(lower.text) and not runs_on(upper.text)


def _broken_on_purpose(cell: GridCell) -> set[int]:
    """Where a cell's lines end although the next one's first word would have fit in its box (as wide as
    the box less the padding its text keeps on the left, on both sides, and no wider than the width its
    column's lines wrap at where its box is not drawn): an address, a list, as outside tables
    (hard_breaks; a sentence going on as across a change of style goes on here too): a shipper's box had
    come back one paragraph, "Shipper Northern Tools Ltd Unit 4, Dock Road Hull HU9 1TX"."""
    padding = max(0.0, min(line.bbox.x0 for line in cell.lines) - cell.box.x0)
    room = cell.box.width - 2 * padding
    groups = split_at_hard_breaks(cell.lines, room=min(room, cell.wrap_width or room))
    return set(accumulate(len(group) for group in groups[:-1]))


def _one_sentence(upper: TextLine, lower: TextLine) -> bool:
    """Does a sentence go on across a line broken by hand: as across a change of style, or into a lower
    line that ends the sentence the upper one did not ("Tickets are sold through" over "Eventbrite until
    1 May.")? An address's or a list's lines end no sentence, and a label of a word or two starts none
    ("Consignee" over "Ferreteria Lopez S.L.")."""
    opens = len(upper.text.split()) >= SENTENCE_START_WORDS and not ends_sentence(upper.text)
    return _sentence_goes_on(upper, lower) or (opens and ends_sentence(lower.text))


def _without_case(upper: TextLine, lower: TextLine) -> bool:
    """Chinese, Japanese and right-to-left lines: no capitals give a sign of a sentence going on."""
    return any(CJK.search(line.text) or has_rtl(line.text) for line in (upper, lower))


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


def _face(style: TextStyle) -> tuple[bool, bool, bool]:
    return style.bold, style.italic, is_monospace(style.font)


def _sentence_goes_on(upper: TextLine, lower: TextLine) -> bool:
    """A sentence broken across the change of style is one part, and so is a name over its surname in
    capitals ("Marie-Claire" over a bold "DUPONT")."""
    surname = is_name(lower.text) and in_capitals(lower.text)
    return surname or runs_on(upper.text) or goes_on_from_above(lower.text)


def _under(upper: Sequence[TextLine], lower: Sequence[TextLine]) -> bool:
    """Do all the lower lines lie under all the upper ones (a merged cell's lines may stand side by side)?
    Tight lines may overlap by as much as one paragraph's lines do (paragraphs.MAX_LINE_OVERLAP)."""
    top = min(line.bbox.top for line in lower)
    bottom = max(line.bbox.bottom for line in upper)
    height = min(line.bbox.height for line in [*upper, *lower])
    return top >= bottom - MAX_LINE_OVERLAP * height
