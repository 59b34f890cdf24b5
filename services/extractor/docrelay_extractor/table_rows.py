"""A table region's bands grouped into rows.

A band with text in one column only is the wrapped part of a cell in the next or the previous row: it
joins the row whose cell it continues (below when that cell's text starts in lower case, as a label set
against the last line of its row; above otherwise; below again when nothing above it goes on, the first
line of a label set at its row's foot). After a blank row it continues nothing above and opens a row (a
group's heading), as it does in the first column where it is set as a row of its own between rows
(table_bands.group_headings: "Finance" over its staff); and in the column that names the rows a value
under another is a row of its own (a date under a date: a row whose other cells are empty). Where rules
part most rows, the rules say which bands make a row, but for bands that each pair a label with an amount
(an invoice's subtotal, tax and total under its ruled items): each is a row.
"""

from collections.abc import Sequence, Set
from itertools import pairwise

from docrelay_common.document import BBox
from docrelay_extractor.data_cells import is_data
from docrelay_extractor.geometry import x_overlap
from docrelay_extractor.hard_breaks import sentence_goes_on, values_one_under_the_other
from docrelay_extractor.lines import TextLine
from docrelay_extractor.table_bands import (
    Band,
    Region,
    blank_row_step,
    goes_on,
    line_over,
)
from docrelay_extractor.text import BULLETS
from docrelay_extractor.wrapped_rows import cell_widths, wrapped_cells

# Share of a line's size by which a rule over it may reach into its box: the box stands at the font's
# ascent, above its capitals (mpman-ru's rule under a spanning head lies 1.7 pt inside the 10-point box
# of the column heads under it).
RULE_REACH = 0.25
# A band stands nearer one of its neighbours than the other by this share of its size or more.
NEARER = 0.25
# Rules drawn between this many pairs of bands or more, not only under the head, may part rows whose
# cells wrap.
MIN_RULES_BETWEEN_ROWS = 2


def table_rows(
    bands: Sequence[Band], region: Region, rules: Sequence[BBox], ruled: bool, headings: Set[int]
) -> list[list[Band]]:
    """Consecutive bands grouped into rows; `headings`: the indices of the bands that are a group's heading
    (table_bands.group_headings), each a row of its own."""
    rows: list[list[Band]] = []
    joins_next = False
    blank = blank_row_step(bands)
    # Where many rows have a line alone under them, cells hold two lines (a statement's booking date over
    # its value date), and a value alone under another is one of them; where few do, it is a row whose
    # other cells are empty (a timesheet's weekend).
    alone = sum(not region.splits(band) for band in bands)
    values_apart = 2 * alone < len(bands) - alone
    for index, band in enumerate(bands):
        above = bands[index - 1] if index else None
        below = bands[index + 1] if index + 1 < len(bands) else None
        # A group's heading opens a row, with or without a rule over it (a striped table's first heading
        # under its column heads, the stripes starting under it).
        heading = index in headings
        if rows and band.in_row_of(rows[-1]) and not _rule_between(rows[-1][-1], band, rules):
            # The last lines of a cell beside the row's cells set in its middle.
            rows[-1].append(band)
            joins_next = False
            continue
        if ruled:
            same_row = (
                above is not None
                and not heading
                and not _rule_between(above, band, rules)
                and not _amounts_one_under_the_other(above, band, region)
                and not (index == 1 and _bold_over_plain(above, band))
            )
        else:
            # Not under the first band: a table's head may stand apart from its body.
            after_blank = index > 1 and band.top - bands[index - 1].top > blank
            direction = (
                "" if heading else _continues(band, above, below, region, rules, after_blank, values_apart)
            )
            same_row = joins_next or direction == "up"
            joins_next = direction == "down"
        if same_row and rows:
            rows[-1].append(band)
        else:
            rows.append([band])
    return rows


def _continues(
    band: Band,
    above: Band | None,
    below: Band | None,
    region: Region,
    rules: Sequence[BBox],
    after_blank: bool,
    values_apart: bool,
) -> str:
    """ "up" or "down" when the band is the wrapped part of a cell above or below it, else "". In the
    first column, after a blank row (`after_blank`) it continues nothing above and opens a row (a group's
    heading), and with `values_apart` a value under another is a row of its own."""
    if region.splits(band) or len(band.lines) != 1:
        return ""
    line = band.lines[0]
    if line.text.lstrip()[:1] in BULLETS:
        return ""  # a bulleted line opens something of its own
    # A line going on from the line above it (in lower case, or after a hyphen; code aside) goes up with it
    # unless it stands nearer the band under it: the middle line of a cell wrapped over three lines or
    # more, or a top-aligned cell's second line over a row starting in lower case, had gone down to the
    # line under it, the two a row of their own; a bottom-aligned cell's first line stands a row's gap
    # under the row above and a line's under it.
    mate_above = _same_column(line, above, rules)
    first_column = line.bbox.x0 < region.rivers[0][0]
    if (
        mate_above is not None
        and sentence_goes_on(mate_above, line)
        and not values_one_under_the_other(mate_above, line)
        and not (first_column and after_blank)
        and not _nearer_below(band, above, below)
    ):
        return "up"
    mate_below = _same_column(line, below, rules)
    # A line under it in lower case goes on from it, unless both are whole values (a mailbox alone in its
    # row over the next row's address; a label's first line set at its row's foot over an address goes).
    if (
        mate_below is not None
        and mate_below.text[:1].islower()
        and not values_one_under_the_other(line, mate_below)
    ):
        return "down"
    # In the first column, the one that names the rows, a line after a blank row opens a row (a group's
    # heading), and a value under another may be a row whose other cells are empty (a timesheet's
    # weekend); a cell elsewhere may hold two paragraphs, or two values.
    if first_column and after_blank:
        return ""
    if mate_above is not None:
        apart = values_apart and first_column and values_one_under_the_other(mate_above, line)
        return "" if apart else "up"
    # The first line of a cell set at its row's foot, over the line beside the row's other cells (a
    # spreadsheet's wrapped label, bottom-aligned), where a row ends above it.
    row_above = above is None or region.splits(above)
    return "down" if mate_below is not None and row_above else ""


def _nearer_below(band: Band, above: Band | None, below: Band | None) -> bool:
    """Does the band stand clearly nearer the band under it than the one over it (by a quarter of its
    size or more)?"""
    if above is None or below is None:
        return False
    return (band.top - above.bottom) - (below.top - band.bottom) >= NEARER * band.size


def _bold_over_plain(above: Band, band: Band) -> bool:
    """Is `above`, a table's first band, all in bold over a band that is not: its heads, a row of their
    own though no rule parts them from the first row (tables ruled under each row only, their headings
    over them: "Opening hours" had joined "Monday")?"""
    return all(line.style.bold for line in above.lines) and not all(line.style.bold for line in band.lines)


def _amounts_one_under_the_other(above: Band, band: Band, region: Region) -> bool:
    """Do both bands have words on both sides of a river, each an amount (data: a number with its
    currency, a date, a code) in one column, one under the other, and no text running on from one band
    into the other in another column?"""
    if not (region.splits(above) and region.splits(band)):
        return False
    pairs = [
        (upper, line) for line in band.lines for upper in above.lines if x_overlap(upper.bbox, line.bbox) > 0
    ]
    return any(is_data(upper.text) and is_data(line.text) for upper, line in pairs) and not any(
        goes_on(upper.text, line.text) for upper, line in pairs
    )


def _same_column(line: TextLine, band: Band | None, rules: Sequence[BBox]) -> TextLine | None:
    """The line of `band` in the column of `line`, with the same size and weight and no rule between."""
    other = line_over(line, band)
    return other if other is not None and not _rule_between_lines(line, other, rules) else None


def parted_by_rules(bands: Sequence[Band], region: Region, rules: Sequence[BBox]) -> bool:
    """Do rules part most of the rows (a grid, stripes), rather than only the header from the body? A row
    whose cells wrap is one though it is two bands: rules between rows (two at least: one under the head
    says nothing of the body's rows) with only wrapped cells between them (wrapped_rows) part the rows."""
    divided = sum(region.splits(band) for band in bands)
    between = [_rule_between(above, below, rules) for above, below in pairwise(bands)]
    parted = sum(between)
    if parted >= divided / 2:
        return True
    if parted < MIN_RULES_BETWEEN_ROWS:
        return False
    groups: list[list[Band]] = [[bands[0]]] if bands else []
    for band, ruled_off in zip(bands[1:], between, strict=True):
        if ruled_off:
            groups.append([band])
        else:
            groups[-1].append(band)
    widths = cell_widths(region, rules)
    return all(wrapped_cells(group, widths) for group in groups if len(group) > 1)


def _rule_between(above: Band, below: Band, rules: Sequence[BBox]) -> bool:
    """Is there a rule under a line of the band above and over a line of the band below? Not under all
    of them: a glyph whose box reaches past its line's letters (TeX's "|", a larger bracket) may cross
    the rule that parts two rows (camlidl's "in" | "function parameter" over "int_default ( camlint |
    nativeint ... )" | "interface" were one row, its cells two lines each)."""
    lowest = max(below.lines, key=lambda line: line.bbox.top)
    highest_bottom = min(line.bbox.bottom for line in above.lines)
    return any(
        highest_bottom - 1 <= rule.top and rule.bottom <= _reach_below(lowest)
        for rule in _across(above, rules)
    )


def _rule_between_lines(a: TextLine, b: TextLine, rules: Sequence[BBox]) -> bool:
    upper, lower = (a, b) if a.bbox.top < b.bbox.top else (b, a)
    return any(
        upper.bbox.bottom - 1 <= rule.top
        and rule.bottom <= _reach_below(lower)
        and x_overlap(rule, upper.bbox) > 0
        for rule in rules
    )


def _reach_below(line: TextLine) -> float:
    """The lowest a rule over `line` may lie."""
    return line.bbox.top + max(1.0, RULE_REACH * line.style.size)


def _across(band: Band, rules: Sequence[BBox]) -> list[BBox]:
    left = min(line.bbox.x0 for line in band.lines)
    right = max(line.bbox.x1 for line in band.lines)
    return [rule for rule in rules if min(rule.x1, right) > max(rule.x0, left)]
