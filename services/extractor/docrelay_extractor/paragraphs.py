"""Grouping text lines into paragraphs.

Lines are taken top to bottom; each joins the paragraph directly above it when spacing, size and
weight match. A paragraph's box never grows over a line it does not own, so it never spans two
columns nor swallows the other cells of a table row.
"""

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from docrelay_common.document import BBox
from docrelay_extractor.geometry import union, x_overlap, y_overlap
from docrelay_extractor.justified import MAX_INDENT_EM
from docrelay_extractor.line_index import LineIndex
from docrelay_extractor.lines import TextLine
from docrelay_extractor.style import is_monospace
from docrelay_extractor.text import BULLETS, CID, ends_sentence

# Gap to the line above, in line heights, that always fits within a paragraph...
MIN_LINE_GAP = 0.5
# ... and how much wider than the page's usual line spacing a gap may be (CJK and 1.5-spaced text).
LEADING_SLACK = 1.25
# Lines overlapping the one above by more than this share of their height sit on the same row.
MAX_LINE_OVERLAP = 0.5
MAX_SIZE_DIFFERENCE = 0.15
# Lines in bold differing in size by more than this share are headings of two levels ("3 Customers" at 14
# points over "3.1 Households" at 12, Typst's); a heading's own lines differ by rounding only.
HEADING_LEVEL_STEP = 0.08
# Points by which glyph boxes of neighbouring lines may overlap sideways (italic overhang).
GLYPH_BLEED = 0.5
# Lines this much shorter than the text beside them are superscripts or footnote marks drawn on their
# own: a paragraph may grow over them (they stay blocks of their own) instead of breaking up.
INLINE_MARK_HEIGHT = 0.75
# A first line indented by this many ems after a finished sentence opens a new paragraph.
PARAGRAPH_INDENT_EMS = 0.8
# A line ending a sentence this far (share of the paragraph width) short of the right edge ends it.
SHORT_LAST_LINE = 0.15
# A rule at most this many ems under a line may underline its words.
UNDERLINE_GAP_EMS = 0.25
# A line a sentence runs on from into code set inline is at least this many ems wide: a column of prose.
RUN_ON_WIDTH_EMS = 15.0
# Bold words at a line's start ending so are a run-in heading ("Theorem 4.", "Note:", "(a)").
RUN_IN_HEADING_END = re.compile(r"[.:)]$")
# How far (ems) a line may start from the left edge of the line above it and still be its paragraph's.
LEFT_EDGE_EMS = 0.5
# A run-in heading stands at most this many ems before its paragraph's first line.
RUN_IN_GAP_EMS = 2.0
# A list item's marker drawn apart from its text: one punctuation mark or symbol (not a formula's token,
# a private-use character), or an item number ("3.", "b)", "(iv)"); at most this many ems before the text.
ITEM_NUMBER = re.compile(r"\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]", re.IGNORECASE)
# An item's number (in figures) and a space starting a line.
NUMBERED_ITEM = re.compile(r"\(?\d{1,3}[.)]\s")
# How a list's item before its last ends, a footnote mark aside: "(b) within thirty days; and" over
# "(c) at least once a year." ("items (a), (b) and" over "(c) of the form" is a sentence).
ITEM_JOINER = re.compile(r";\W*(?:and|or|et|ou|y|o|und|oder)$", re.IGNORECASE)
MARKER_GAP_EMS = 4.0
# A symbol font's glyphs as Word and LibreOffice map them, to the private-use codes U+F020-U+F0FF (Symbol's
# bullet U+F0B7, Wingdings' squares, diamonds and ticks): a list's marks, not a formula's tokens (those
# stand in the supplementary private-use plane). LibreOffice's bullets had been no marks, and two items,
# the first one's line full, one sentence.
SYMBOL_FONT_MARKS = frozenset(map(chr, range(0xF020, 0xF100)))
# Bars in the margin mark changed lines, not items.
CHANGE_BARS = frozenset("|¦│┃")


@dataclass
class _Paragraph:
    lines: list[TextLine]
    bbox: BBox


def group_paragraphs(
    lines: Sequence[TextLine],
    rules: Sequence[BBox] = (),
    placed: Sequence[TextLine] = (),
    marks: Sequence[BBox] = (),
) -> list[list[TextLine]]:
    """Partition lines into paragraphs, each listed top to bottom.

    A paragraph changes where spacing, size, weight or monospace-ness (code) changes, and at a
    horizontal rule (`rules`: flat boxes, e.g. the borders between table rows). `placed` lines belong
    to blocks already (table cells): no paragraph takes them in or grows over them. A line after one of
    the `marks` (small filled shapes, rules.drawn_marks) on its row opens a paragraph: a list item whose
    bullet is drawn, not set as a glyph.
    """
    index = LineIndex([*lines, *placed])
    taken = set(placed)
    max_gap = max(MIN_LINE_GAP, LEADING_SLACK * (index.typical_leading() or 0.0))
    paragraphs: list[_Paragraph] = []
    open_paragraphs: list[_Paragraph] = []
    for line in (line for line in index.ordered if line not in taken):
        # Lines come top to bottom: a paragraph too far above this line is too far for all later ones.
        open_paragraphs = [p for p in open_paragraphs if _gap(p, line) <= max_gap * p.lines[-1].bbox.height]
        target = (
            None
            if _after_a_drawn_mark(line, marks)
            else _paragraph_above(open_paragraphs, line, index, max_gap, rules)
        )
        if target is None:
            target = _Paragraph([line], line.bbox)
            paragraphs.append(target)
            open_paragraphs.append(target)
        else:
            target.lines.append(line)
            target.bbox = union([target.bbox, line.bbox])
    return [paragraph.lines for paragraph in paragraphs]


def _gap(paragraph: _Paragraph, line: TextLine) -> float:
    return line.bbox.top - paragraph.lines[-1].bbox.bottom


def _paragraph_above(
    paragraphs: list[_Paragraph], line: TextLine, index: LineIndex, max_gap: float, rules: Sequence[BBox]
) -> _Paragraph | None:
    if _follows_a_marker(line, index):
        return None
    candidates = [
        paragraph
        for paragraph in paragraphs
        if _continues(paragraph, line, max_gap)
        and not _first_line_after_a_one_line_paragraph(paragraph, line, index)
        and not _ruled_off(paragraph.lines[-1], line, rules)
        and not _would_cover_others(paragraph, line, index)
    ]
    return min(candidates, key=lambda paragraph: _gap(paragraph, line), default=None)


def _continues(paragraph: _Paragraph, line: TextLine, max_gap: float) -> bool:
    last = paragraph.lines[-1]
    height = min(last.bbox.height, line.bbox.height)
    return (
        -MAX_LINE_OVERLAP * height < _gap(paragraph, line) <= max_gap * height
        and x_overlap(paragraph.bbox, line.bbox) > 0
        and abs(last.style.size - line.style.size)
        <= MAX_SIZE_DIFFERENCE * max(last.style.size, line.style.size)
        and (last.style.bold == line.style.bold or _sentence_runs_on(last, line))
        and (
            is_monospace(last.style.font) == is_monospace(line.style.font)
            or _runs_across_code(paragraph, line)
        )
        and not _opens_paragraph(paragraph, line)
    )


def _sentence_runs_on(above: TextLine, below: TextLine) -> bool:
    """Does a sentence run on from `above` into `below` across a change of weight (inline emphasis)?

    It does when `above` is unfinished and about as long as `below`, and either the weight does not
    change at the break (the bold words go on into the next line; not a run-in heading, "Theorem 4.",
    under a heading) or the bold words start there in lower case, at the paragraph's left edge, and go on
    to its right edge or to the sentence's end. A heading (short, or all in bold over text in regular
    type) stays apart from its text, and a term in bold set out to the left ("--author") from the text
    above it.
    """
    if ends_sentence(above.text):
        return False
    if above.bbox.x1 < below.bbox.x1 - SHORT_LAST_LINE * below.bbox.width:
        return False
    starts_bold = bool(below.bold_lead)
    if above.ends_bold == starts_bold:
        return not RUN_IN_HEADING_END.search(below.bold_lead) or below.bold_lead == _glyphs_of(below)
    first_letter = next((char for char in CID.sub("", below.text) if char.isalpha()), "")
    aligned = abs(below.bbox.x0 - above.bbox.x0) <= GLYPH_BLEED + LEFT_EDGE_EMS * below.style.size
    complete = below.bbox.x1 >= above.bbox.x1 - SHORT_LAST_LINE * above.bbox.width
    return starts_bold and first_letter.islower() and aligned and (complete or ends_sentence(below.text))


def _runs_across_code(paragraph: _Paragraph, below: TextLine) -> bool:
    """Does a sentence run on from the paragraph's last line into `below` where one of them is mostly
    code set inline ("In summary, ... To differentiate these," / "is.nan(xx) is only TRUE for NaNs.")? A
    line of code displayed on its own is all code, and indented or after a line that ends short; an
    index's entries ("endfig, 5, 51") are short lines; an option set out to the left of the description
    above it ("--author", a manual's list) is further out than a first line's indent, or under more lines."""
    above = paragraph.lines[-1]
    code_line = below if is_monospace(below.style.font) else above
    wide = above.bbox.width >= RUN_ON_WIDTH_EMS * above.style.size
    # `below` starts where `above` does, or further left when `above` is the paragraph's indented first line.
    indent = above.bbox.x0 - below.bbox.x0
    most = MAX_INDENT_EM * below.style.size if len(paragraph.lines) == 1 else 0.0
    aligned = (
        -GLYPH_BLEED - LEFT_EDGE_EMS * below.style.size
        <= indent
        <= most + GLYPH_BLEED + LEFT_EDGE_EMS * below.style.size
    )
    full = above.bbox.x1 >= below.bbox.x1 - SHORT_LAST_LINE * below.bbox.width
    unfinished = not ends_sentence(above.text)
    return code_line.mixes_code and wide and aligned and full and unfinished


def _glyphs_of(line: TextLine) -> str:
    return "".join(line.text.split())


def _follows_a_marker(line: TextLine, index: LineIndex) -> bool:
    """Is the line an item whose bullet or number is drawn apart, just before it on its row?

    Word processors set an item's marker, a tab, then its text: pdfminer reads the two as lines of their
    own, and the marker (a symbol font's bullet may read as "!" or "§") is all that tells two items apart
    where the first one's last line is full. A mark that text runs across on the rows next to it is at the
    end of another column (an equation's number, a proof's end mark), no marker.
    """
    height = line.bbox.height
    return any(
        other is not line
        and 0 <= line.bbox.x0 - other.bbox.x1 <= MARKER_GAP_EMS * line.style.size
        and y_overlap(other.bbox, line.bbox) > MAX_LINE_OVERLAP * height
        and _is_item_marker(other.text.strip())
        and not _text_across(other, line, index)
        for other in index.starting_between(line.bbox.top - index.tallest, line.bbox.bottom)
    )


def _after_a_drawn_mark(line: TextLine, marks: Sequence[BBox]) -> bool:
    """Is a drawn mark just before the line on its row (its middle within the line's height)? A browser
    draws a list's discs as shapes: its items had run together into one sentence ("Capital cities
    excluded Figures from 2021 census Areas rounded") beside three bullets."""
    return any(
        0 <= line.bbox.x0 - mark.x1 <= MARKER_GAP_EMS * line.style.size
        and line.bbox.top <= (mark.top + mark.bottom) / 2 <= line.bbox.bottom
        for mark in marks
    )


def _text_across(mark: TextLine, item: TextLine, index: LineIndex) -> bool:
    """Does text other than marks run across the mark's place, from further left, on a row next to it?

    A list's markers start their rows (the paragraph after the list may start where they do).
    """
    reach = item.bbox.height * (1 + LEADING_SLACK)
    return any(
        other.bbox.bottom > mark.bbox.top - reach
        and other is not mark
        and other is not item
        and other.bbox.x0 < mark.bbox.x0 - item.style.size
        and other.bbox.x1 > mark.bbox.x0
        and not _is_item_marker(other.text.strip())
        for other in index.starting_between(mark.bbox.top - reach - index.tallest, mark.bbox.bottom + reach)
    )


def _is_item_marker(text: str) -> bool:
    if len(text) == 1:
        symbol = unicodedata.category(text)[0] in "PS" and text not in CHANGE_BARS
        return symbol or text in SYMBOL_FONT_MARKS
    return ITEM_NUMBER.fullmatch(text) is not None


def _ruled_off(above: TextLine, below: TextLine, rules: Sequence[BBox]) -> bool:
    """Is there a horizontal rule between the two lines, under both of them, other than an underline?"""
    return any(
        above.bbox.bottom - GLYPH_BLEED <= rule.top
        and rule.bottom <= below.bbox.top + GLYPH_BLEED
        and x_overlap(rule, above.bbox) > 0
        and x_overlap(rule, below.bbox) > 0
        and not _underlines(rule, above)
        for rule in rules
    )


def _underlines(rule: BBox, line: TextLine) -> bool:
    """Is the rule an underline of some of the line's words: just under it, and shorter by an em or more
    (a table's or a form's rule runs under a whole row or beyond)?"""
    size = line.style.size
    close = rule.top - line.bbox.bottom <= UNDERLINE_GAP_EMS * size
    inside = rule.x0 >= line.bbox.x0 - GLYPH_BLEED and rule.x1 <= line.bbox.x1 + GLYPH_BLEED
    return close and inside and rule.x1 - rule.x0 <= line.bbox.width - size


def _opens_paragraph(paragraph: _Paragraph, line: TextLine) -> bool:
    """Typographic paragraph starts: a bullet, an item's number after the "; and" that ends the item
    before the last, or a sentence end followed by an indent or a short line."""
    text = line.text.lstrip()
    if text[:1] in BULLETS:
        return True
    last = paragraph.lines[-1]
    if _headings_of_two_levels(last, line):
        return True
    if ITEM_NUMBER.match(text) and ITEM_JOINER.search(last.text.rstrip()):
        return True
    # An item's number and its text read as one line, after an item that ended its sentence: "2. Review
    # supplier contracts" under "1. Recruit two drivers for the depot." (not "2.5" nor "e.g."); or set
    # out left of the paragraph, an outer list's next item under an inner one's ("4. Any other business"
    # under "• Action: Margaret Hill"), where prose's wrapped lines start at its edge.
    outdented = line.bbox.x0 < paragraph.bbox.x0 - GLYPH_BLEED - LEFT_EDGE_EMS * line.style.size
    if NUMBERED_ITEM.match(text) and (ends_sentence(last.text) or outdented):
        return True
    if text[:1].islower() or not ends_sentence(last.text):
        return False
    if _under_an_items_bullet(paragraph, line):
        return True
    grown = union([paragraph.bbox, line.bbox])
    indented = line.bbox.x0 - paragraph.bbox.x0 > PARAGRAPH_INDENT_EMS * line.style.size
    short = grown.x1 - last.bbox.x1 > SHORT_LAST_LINE * grown.width
    return indented or short


def _headings_of_two_levels(above: TextLine, below: TextLine) -> bool:
    """Are the two lines in bold and a heading level apart in size (HEADING_LEVEL_STEP)?"""
    bigger = max(above.style.size, below.style.size)
    return (
        above.style.bold
        and below.style.bold
        and abs(above.style.size - below.style.size) > HEADING_LEVEL_STEP * bigger
    )


def _under_an_items_bullet(paragraph: _Paragraph, line: TextLine) -> bool:
    """Does the line start left of the text of the item the paragraph is, under its bullet, where the
    item's wrapped lines stand under its text? A CV's next entry ("Data Analyst, Thames Water") under
    the last item of the one before ("• Led a team of four engineers.") is not that item's."""
    words = paragraph.lines[0].words
    if len(words) < 2 or words[0].text not in BULLETS:
        return False
    margin = GLYPH_BLEED + LEFT_EDGE_EMS * line.style.size
    text_start = words[1].x0
    hanging = all(other.bbox.x0 >= text_start - margin for other in paragraph.lines[1:])
    return hanging and line.bbox.x0 < text_start - margin


def _first_line_after_a_one_line_paragraph(paragraph: _Paragraph, line: TextLine, index: LineIndex) -> bool:
    """Is `line` a paragraph's indented first line under a paragraph of one line indented alike? The line
    under it goes on further left, from the column's edge, and the one above ended its sentence (mpman's
    "MetaPost also has a command drawdot ... drawdot(30,0)." over "What is meant by coordinates ...")."""
    if len(paragraph.lines) != 1:
        return False
    above = paragraph.lines[0]
    if not ends_sentence(above.text):
        return False
    size = line.style.size
    if abs(line.bbox.x0 - above.bbox.x0) > GLYPH_BLEED + LEFT_EDGE_EMS * size:
        return False
    height = line.bbox.height
    below = [
        other
        for other in index.starting_between(
            line.bbox.top + height / 2, line.bbox.bottom + height * LEADING_SLACK
        )
        if other is not line
        and x_overlap(other.bbox, line.bbox) > 0
        and other.bbox.height >= INLINE_MARK_HEIGHT * height
    ]
    if not below:
        return False
    under = min(below, key=lambda other: other.bbox.top)
    return (
        PARAGRAPH_INDENT_EMS * size < line.bbox.x0 - under.bbox.x0 <= MAX_INDENT_EM * size
        and abs(under.bbox.x1 - line.bbox.x1) <= GLYPH_BLEED + LEFT_EDGE_EMS * size
    )


def _would_cover_others(paragraph: _Paragraph, line: TextLine, index: LineIndex) -> bool:
    """Would the grown box overlap a line of someone else? Only the newly covered area needs a look. A
    run-in heading before the paragraph's first line is no one else's: the first line is indented past
    it (`TextBlock.indent`)."""
    old, grown = paragraph.bbox, union([paragraph.bbox, line.bbox])
    widened = grown.x0 < old.x0 or grown.x1 > old.x1
    since = grown.top if widened else old.bottom
    return any(
        x_overlap(grown, other.bbox) > GLYPH_BLEED
        and y_overlap(grown, other.bbox) > MAX_LINE_OVERLAP * other.bbox.height
        and other.bbox.height >= INLINE_MARK_HEIGHT * line.bbox.height
        and other is not line
        and other not in paragraph.lines
        and not _run_in_heading(other, paragraph.lines[0])
        for other in index.starting_between(since - index.tallest, grown.bottom)
    )


def _run_in_heading(other: TextLine, first: TextLine) -> bool:
    """Is `other` a bold heading ending as one does ("IRA deduction expanded.") just left of `first`
    (the paragraph's first line, on whose row it is when the paragraph would cover it), `first` in
    another weight?"""
    return (
        other.style.bold
        and not first.style.bold
        and bool(RUN_IN_HEADING_END.search(other.text.rstrip()))
        and other.bbox.x1 <= first.bbox.x0 + GLYPH_BLEED
        and first.bbox.x0 - other.bbox.x1 <= RUN_IN_GAP_EMS * first.style.size
    )
