"""Is a region a table? Rows enough, mostly split into cells, at a regular pitch, and short cells: two
columns of prose share a river and a pitch too, but their lines are long; a narrow justified column's
rivers cut its lines short, but its words are spread evenly. A display equation (an `align`
with its numbers, a fraction's stacked parts) has rivers and rows too, but its lines are formulas. A
list whose bullets or numbers stand apart from its items has one river, and only its marks left of it.
Two columns of the page whose lines share a pitch (a magazine's, a newsletter's beside its sidebar) may
pass all that: but each column's lines run on into the next, as no table's rows do.
"""

import re
import statistics
from collections.abc import Sequence
from itertools import pairwise

from docrelay_extractor.lines import Word
from docrelay_extractor.paragraphs import ITEM_NUMBER
from docrelay_extractor.table_bands import Band, Region, Span, goes_on
from docrelay_extractor.table_regions import MIN_ROWS
from docrelay_extractor.text import BULLETS, closes_with_leader, ends_sentence

# Cells hold a few words: the median cell at most MAX_MEDIAN_WORDS, nine in ten at most MAX_CELL_WORDS.
MAX_MEDIAN_WORDS = 5
MAX_CELL_WORDS = 10
# A regular pitch: this share of the steps between bands within these bounds of the median step.
REGULAR_SHARE = 0.6
PITCH_BOUNDS = (0.7, 1.4)
# Justified prose: this share of the rows are lines of words (at least MIN_LINE_WORDS, WORDED_SHARE of
# them with letters) whose spaces are alike, the widest at most EVEN_SPACING times the narrowest.
JUSTIFIED_SHARE = 0.6
MIN_LINE_WORDS = 4
WORDED_SHARE = 0.7
EVEN_SPACING = 2.0
# ... and at most this share of its spaces lie on the region's rivers.
OFF_RIVERS_SHARE = 0.5
# Rows of a table are at least this many ems of their text apart (see _rows_apart).
MIN_ROW_STEP = 0.7
# Slack (points) for a river that meets the text on either side of it.
TOUCH = 0.5
# A list's bullets or item numbers stand at most this many ems before their items.
MARK_GAP_EMS = 1.5
# A line most of whose glyphs are formulas' is mathematics; a region mostly of such lines is no table.
MATH_LINE_SHARE = 0.5
# A column runs on as prose when WORDED_SHARE of its words are words of letters and at least this share
# of its lines (MIN_ROWS or more with one below) go on in the line below (see _running_columns).
RUN_ON_SHARE = 0.5
# A line of prose that runs on holds this many words at least (a list of names is a word a line).
MIN_RUNNING_WORDS = 3
# A word of letters, maybe with an apostrophe or hyphen inside and punctuation or quotes around it.
PLAIN_WORD = re.compile(r"[\"'\u201c\u2018(]*[^\W\d_]+(?:['\u2019-][^\W\d_]+)*[\"'\u201d\u2019).,;:!?]*")


def is_table(region: Region) -> bool:
    divided = [band for band in region.bands if region.splits(band)]
    if len(divided) < max(MIN_ROWS, len(region.bands) / 2) or _mostly_formulas(region):
        return False
    if _leaders_within_cells(region) or _marked_list(region):
        return False
    if not _rows_apart(region.bands):
        return False
    return (
        _short_cells(region)
        and (_regular_pitch(region.bands) or _regular_pitch(divided) or _regular_row_gaps(region.bands))
        and not _justified_prose(region)
        and not _running_columns(region)
    )


def _running_columns(region: Region) -> bool:
    """Is every column of the region with words in three rows or more (two such columns at least) prose,
    its lines running on into the line below ("Library staff will offer free classes in" over "digital
    skills, job ...")? A table's column of names or amounts does not run on, nor, beside its wrapped
    descriptions, its column of codes: two columns of the page read as one table do. (A sidebar's or a
    magazine's columns set at one pitch beside a page's column share its rows: read as cells, their
    lines came back one per row, each set apart from its sentence.)"""
    columns = [
        [[word for word in band.words if _inside(word.x0, word.x1, column)] for band in region.bands]
        for column in region.columns()
    ]
    written = [lines for lines in columns if sum(bool(words) for words in lines) >= MIN_ROWS]
    return len(written) >= 2 and all(_runs_on_as_prose(lines) for lines in written)


def _runs_on_as_prose(lines: Sequence[Sequence[Word]]) -> bool:
    """Is the column (its words in each band, none in some) mostly words, ending a sentence somewhere, and
    do RUN_ON_SHARE of its lines with a line under them (three words or more) go on in that line, broken
    there because the next word would not fit (a reference card's descriptions start in lower case too,
    but each ends where it ends; a column of commands' names has a word a line)?"""
    words = [word.text for line in lines for word in line]
    if sum(PLAIN_WORD.fullmatch(word) is not None for word in words) < WORDED_SHARE * len(words):
        return False
    # Prose is sentences: a column of phrases ("routine check-ups and vaccinations" over "emergency care
    # after an accident", what a policy covers) ends none, however its lines fill it.
    if not any(ends_sentence(word) for word in words):
        return False
    right = max(line[-1].x1 for line in lines if line)
    pairs = [(upper, lower) for upper, lower in pairwise(lines) if upper and lower]
    running = 0
    for upper, lower in pairs:
        text = " ".join(word.text for word in upper)
        running_on = goes_on(text, lower[0].text)
        broken = upper[-1].x1 + (lower[0].x1 - lower[0].x0) > right
        worded = len(upper) >= MIN_RUNNING_WORDS
        running += worded and running_on and broken and not ends_sentence(text)
    return len(pairs) >= MIN_ROWS and running >= RUN_ON_SHARE * len(pairs)


def _marked_list(region: Region) -> bool:
    """Is the region two columns, the left one only bullets or item numbers ("•", "1.", "(a)") set a
    little way before their items (a table's column of item letters is set farther from the next)?"""
    if len(region.rivers) != 1:
        return False
    river_start, river_end = region.rivers[0]
    if river_end - river_start > MARK_GAP_EMS * statistics.median(band.size for band in region.bands):
        return False
    marks = [word.text for band in region.bands for word in band.words if word.x1 <= river_start + TOUCH]
    return bool(marks) and all(mark in BULLETS or ITEM_NUMBER.fullmatch(mark) for mark in marks)


def _leaders_within_cells(region: Region) -> bool:
    """Does a row have dot leaders and, after them, text that no river parts from them? A contents' or an
    index's entry and its page number are two, and a cell would hold both: R-intro's contents came as
    "1.1" | "The R environment . . . 2", the page number translated with its entry and shrunk with it.
    Read as lines, the entry, its leaders and the page number stay apart (lines end after leaders)."""
    for band in region.bands:
        ordered = sorted(band.lines, key=lambda line: line.bbox.x0)
        for led, after in pairwise(ordered):
            # Rivers run between words: the lines' edges are their words'.
            end = max((word.x1 for word in led.words), default=led.bbox.x1)
            start = min((word.x0 for word in after.words), default=after.bbox.x0)
            if closes_with_leader(led.text) and not any(
                end - TOUCH <= left and right <= start + TOUCH for left, right in region.rivers
            ):
                return True
    return False


def _justified_prose(region: Region) -> bool:
    """Are most rows lines of words spread evenly, as a typesetter justifies a narrow column? Its wide
    spaces line up into rivers here and there, and its lines cut at them make short "cells"; but most
    of a line's spaces lie off the rivers, where a table's row has all its gaps on them (a grid of
    one-word cells spread evenly is a table)."""
    spread = sum(_evenly_spread(band, region.rivers) for band in region.bands)
    return spread >= JUSTIFIED_SHARE * len(region.bands)


def _evenly_spread(band: Band, rivers: Sequence[Span]) -> bool:
    words = band.words
    gaps = [(before.x1, after.x0) for before, after in pairwise(words)]
    widths = [end - start for start, end in gaps]
    worded = sum(any(char.isalpha() for char in word.text) for word in words)
    on_rivers = sum(any(start < river[1] and end > river[0] for river in rivers) for start, end in gaps)
    return (
        len(words) >= MIN_LINE_WORDS
        and worded >= WORDED_SHARE * len(words)
        and min(widths) > 0
        and max(widths) <= EVEN_SPACING * min(widths)
        and on_rivers <= OFF_RIVERS_SHARE * len(gaps)
    )


def _short_cells(region: Region) -> bool:
    counts = [
        count
        for band in region.bands
        for column in region.columns()
        if (
            count := sum(
                1 for word in band.words if _inside(word.x0, word.x1, column) and _is_word(word.text)
            )
        )
    ]
    if not counts:
        return False
    ninth = statistics.quantiles(counts, n=10)[-1] if len(counts) > 1 else counts[0]
    return statistics.median(counts) <= MAX_MEDIAN_WORDS and ninth <= MAX_CELL_WORDS


def _mostly_formulas(region: Region) -> bool:
    lines = region.lines
    math = [
        line
        for line in lines
        if sum(formula.glyphs for formula in line.formulas) > MATH_LINE_SHARE * line.glyphs
    ]
    return len(math) > MATH_LINE_SHARE * len(lines)


def _regular_pitch(bands: Sequence[Band]) -> bool:
    """Do the bands follow each other at a regular step? Asked of all the region's bands, and of those
    split into cells alone: where most rows' descriptions wrap onto a second line, a row is two bands and
    the bands' steps alternate (an invoice's 22, 12, 22, 12 points), while its rows' do not."""
    return _mostly_alike([after.top - before.top for before, after in pairwise(bands)])


def _regular_row_gaps(bands: Sequence[Band]) -> bool:
    """Where cells are set in the middle of their rows (table_bands.Band.in_row_of), do the rows stand
    apart by regular gaps? Rows of one, two and three lines step unevenly (a ledger's 18, 30, 42 points),
    and their bands step by a line within a row and by a row's gap between rows, but the gaps between
    rows are the cells' padding."""
    rows: list[list[Band]] = []
    for band in bands:
        if rows and band.in_row_of(rows[-1]):
            rows[-1].append(band)
        else:
            rows.append([band])
    if len(rows) == len(bands) or len(rows) < MIN_ROWS:
        return False
    gaps = [after[0].top - max(band.bottom for band in before) for before, after in pairwise(rows)]
    return statistics.median(gaps) > 0 and _mostly_alike(gaps)


def _mostly_alike(values: Sequence[float]) -> bool:
    """Are REGULAR_SHARE of the values (steps or gaps) within PITCH_BOUNDS of their median?"""
    median = statistics.median(values)
    low, high = PITCH_BOUNDS
    return sum(low * median <= value <= high * median for value in values) >= REGULAR_SHARE * len(values)


def _rows_apart(bands: Sequence[Band]) -> bool:
    """Do the rows follow each other about a line apart or more? Bands half a line apart are lines of
    side-by-side cells set at staggered heights (a form's header row whose titles are centred, each in
    its own box, one to four lines tall), not rows: their lines overlap. (A page's other column, whose
    lines may interleave with a table's rows as closely, is a lane of its own: table_lanes.)"""
    steps = [after.top - before.top for before, after in pairwise(bands)]
    return statistics.median(steps) >= MIN_ROW_STEP * statistics.median(band.size for band in bands)


def _inside(x0: float, x1: float, column: Span) -> bool:
    return x0 >= column[0] and x1 <= column[1]


def _is_word(text: str) -> bool:
    return any(char.isalnum() for char in text)
