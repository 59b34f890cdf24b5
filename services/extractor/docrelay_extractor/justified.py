"""Joining the pieces of a justified line that pdfminer read as separate lines.

A narrow justified column spreads its words wider than pdfminer's line gap: "sources within" and "the
United" of the US 1040-NR's sidebar came as two pieces, and its paragraph as a column of fragments;
sentences of naacl06's and camlidl's columns broke the same way wherever a line was set loose. Pieces of
one baseline up to a few ems apart are one line when its words are spread alike (a table's columns lie
further apart than its cells' words), in one face, and the lines above and below span the same column
(or the paragraph starts or ends there, its first line maybe indented). A gap where lines next to it
end and others start is the gutter between two justified columns: the line is not joined across it.
"""

from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Literal, Protocol, TypeVar

# The pieces of a justified line may be this far apart, in ems.
JUSTIFIED_GAP_EM = 3.0
# The lines around it span the same column: edges within this many ems...
EDGE_TOLERANCE_EM = 0.15
# ... a line pitch or so away (ems), among the few bands of baselines next to its own (other columns'
# lines may sit between).
NEIGHBOUR_PITCH_EM = 2.0
NEIGHBOUR_BANDS = 6
# A justified line has at least this many word gaps, the widest at most this many times the narrowest
# (TeX widens the space after a sentence's end).
MIN_WORD_GAPS = 2
EVEN_SPACING = 2.0
# ... and at most this many times in a line whose pieces are set in two kinds of face (text and code).
MIXED_SPACING = 1.25
# TeX stretches the space after a sentence's end three times as much as a word space, and starts it a
# third wider: in a loose line it comes out up to three times as wide. It counts at this fraction.
SENTENCE_SPACE_SHARE = 1 / 1.5
# A paragraph's first line may start this many ems right of the column's edge (its indent).
MAX_INDENT_EM = 4.0
# Glyphs smaller than this share of the line's size are scripts (TeX sets them at 0.7 and 0.5).
SCRIPT_SIZE = 0.75
# A gap that this many lines next to it share, edge for edge, or where as many end and as many others start,
# is a gutter between columns.
GUTTER_LINES = 2
# A line joined may be what tells the line next to it is one: the bands are looked at again, this often.
PASSES = 4

Neighbour = Literal["across", "short", "indented", "outdented", "none", "other"]


class Piece(Protocol):
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def ink_x0(self) -> float: ...
    @property
    def ink_x1(self) -> float: ...
    @property
    def baseline(self) -> float: ...
    @property
    def size(self) -> float: ...
    @property
    def mono(self) -> bool: ...
    @property
    def spaces(self) -> tuple[float, ...]: ...
    @property
    def led(self) -> bool: ...
    @property
    def ends_sentence(self) -> bool: ...
    @property
    def bulleted(self) -> bool: ...


P = TypeVar("P", bound=Piece)


def join_justified(bands: list[list[list[P]]]) -> list[list[list[P]]]:
    """The bands (each its groups of touching pieces, left to right; the bands up the page, as pdfminer's
    baselines run), with the groups that are one justified line joined."""
    for _ in range(PASSES):
        joined = [_joined(groups, bands, index) for index, groups in enumerate(bands)]
        if joined == bands:
            break
        bands = joined
    return bands


def _joined(groups: list[list[P]], bands: Sequence[list[list[P]]], index: int) -> list[list[P]]:
    merged: list[list[P]] = []
    for run in _runs(groups, bands, index):
        extent = (_start(run[0]), _end(run[-1]))
        even = _evenly_spaced(run)
        for position, group in enumerate(run):
            if position and even and _one_line(merged[-1], group, extent, bands, index):
                merged[-1] = merged[-1] + group
            else:
                merged.append(group)
    return merged


def _runs(groups: list[list[P]], bands: Sequence[list[list[P]]], index: int) -> list[list[list[P]]]:
    """The band's groups in runs that could be one line: a few ems apart at most, none after dot leaders
    (an index's entry and its page numbers are two), none across two columns' gutter, and in one kind of
    face (a description and its code beside it, on a reference card, are two) unless spread quite evenly
    (a loose line of prose naming a function: "can use the install.packages() and")."""
    runs: list[list[list[P]]] = []
    for group in groups:
        last = runs[-1][-1] if runs else None
        size = max(piece.size for piece in group)
        if (
            last is not None
            and not any(piece.led for piece in last)
            and _start(group) - _end(last) <= JUSTIFIED_GAP_EM * size
            and not _gutter((_end(last), _start(group)), bands, index, EDGE_TOLERANCE_EM * size)
        ):
            runs[-1].append(group)
        else:
            runs.append([group])
    return [part for run in runs for part in ([run] if _evenly_spaced(run) else _by_face(run))]


def _by_face(run: list[list[P]]) -> list[list[list[P]]]:
    """The run cut where its kind of face changes."""
    parts: list[list[list[P]]] = []
    for group in run:
        if parts and _faces(parts[-1][-1]) == _faces(group):
            parts[-1].append(group)
        else:
            parts.append([group])
    return parts


def _faces(group: list[P]) -> set[bool]:
    return {piece.mono for piece in group}


def _evenly_spaced(run: list[list[P]]) -> bool:
    """Are the run's words, at least three, as far apart between its pieces as inside them? A typesetter
    spreads a justified line's spaces alike; a table's columns are further apart than a cell's words
    ("Total income" and "1,200"), and a label and its amount are two words. A run in two kinds of face
    must be spread more evenly still."""
    # Between their ink: a space drawn as a glyph at a piece's end would close the gap to the next
    # (a newspaper's "every   twenty   minutes" stayed in pieces).
    gaps = [
        (min(piece.ink_x0 for piece in after) - max(piece.ink_x1 for piece in before))
        * (SENTENCE_SPACE_SHARE if before[-1].ends_sentence else 1.0)
        for before, after in pairwise(run)
    ]
    spaces = [space for group in run for piece in group for space in piece.spaces if space > 0]
    widths = gaps + spaces
    limit = EVEN_SPACING if len({face for group in run for face in _faces(group)}) == 1 else MIXED_SPACING
    return len(widths) >= MIN_WORD_GAPS and max(widths) <= limit * max(min(widths), 0.1)


def _one_line(
    left: list[P], right: list[P], extent: tuple[float, float], bands: Sequence[list[list[P]]], index: int
) -> bool:
    """Is the gap between `left` and `right` (in a run spanning `extent`) inside one justified line?"""
    size = max(piece.size for piece in left + right)
    baseline = left[0].baseline
    above = _neighbour(bands[index + 1 : index + 1 + NEIGHBOUR_BANDS], extent, baseline, size)
    below = _neighbour(reversed(bands[max(0, index - NEIGHBOUR_BANDS) : index]), extent, baseline, size)
    # Above: the line before in the paragraph, its indented first line, or a list item's first line with
    # its bullet set out to the left.
    inside_or_last = above in ("across", "indented", "outdented") and below in ("across", "short", "none")
    # A paragraph's first line: nothing above within a pitch, or the last paragraph's short last line.
    first = above in ("none", "short") and below == "across"
    # An indented first line: the paragraph goes on from the column's edge below it, to the same right
    # edge. Above it may be anything (the last paragraph's end, a heading, a line of code displayed). Not
    # a line all in a monospaced face: no typesetter justifies those, and their gaps are a table's (the
    # column titles of R's printed output over its first row).
    code = all(piece.mono for piece in left + right)
    indented_first = below == "outdented" and not code
    # A list item's first line, its bullet set out to the left of the lines below it (a hanging indent).
    hanging_first = below == "indented" and left[0].bulleted and not code
    return inside_or_last or first or indented_first or hanging_first


def _neighbour(
    bands: Iterable[list[list[P]]],
    line: tuple[float, float],
    baseline: float,
    size: float,
) -> Neighbour:
    """What the nearest line of the column is, among `bands` (nearest first), by where it starts and ends
    against the line: "across" (from its left edge to its right edge), "short" (one piece from its left
    edge, ending before the right one: a paragraph's last line), "indented" (from an indent to its right
    edge: a paragraph's first line), "outdented" (from left of it, within an indent, to its right edge: the
    column's line beside an indented first line), "none" within a line pitch, or "other"."""
    x0, x1 = line
    tolerance, indent = EDGE_TOLERANCE_EM * size, MAX_INDENT_EM * size
    for band in bands:
        if abs(band[0][0].baseline - baseline) > NEIGHBOUR_PITCH_EM * size:
            return "none"
        inside = [
            group
            for group in band
            if _end(group) > x0 - tolerance
            and _start(group) < x1 + tolerance
            and max(piece.size for piece in group) >= SCRIPT_SIZE * size
        ]
        if not inside:
            continue  # another column's line, or a script (a fraction's denominator), on a baseline between
        close = all(
            _start(after) - _end(before) <= JUSTIFIED_GAP_EM * size for before, after in pairwise(inside)
        )
        start, end = _start(inside[0]) - x0, _end(inside[-1]) - x1
        starts, ends, short = abs(start) <= tolerance, abs(end) <= tolerance, end < -tolerance
        if starts and close and ends:
            return "across"
        if starts and len(inside) == 1 and (ends or short):
            return "short"
        if tolerance < start <= indent and close and ends:
            return "indented"
        if -indent <= start < -tolerance and close and ends:
            return "outdented"
        return "other"
    return "none"


def _gutter(gap: tuple[float, float], bands: Sequence[list[list[P]]], index: int, tolerance: float) -> bool:
    """Is `gap` a gutter between two justified columns, flush on both sides of it? Lines next to this one
    have a gap of their own exactly there (a table's rows share their columns' gaps), or, on baselines of
    their own (a column's footnotes, in a smaller size, beside the other column's text), some end where it
    starts and others start where it ends, and none runs across it."""
    near = [*bands[max(0, index - NEIGHBOUR_BANDS) : index], *bands[index + 1 : index + 1 + NEIGHBOUR_BANDS]]
    shared = sum(
        any(_same_gap(before, after, gap, tolerance) for before, after in pairwise(band)) for band in near
    )
    if shared >= GUTTER_LINES:
        return True
    ending = sum(any(abs(_end(group) - gap[0]) <= tolerance for group in band) for band in near)
    starting = sum(any(abs(_start(group) - gap[1]) <= tolerance for group in band) for band in near)
    # A line running across it: the gap is inside one column (loose lines end and start near it by chance).
    crossed = any(
        _start(group) < gap[0] - tolerance and _end(group) > gap[1] + tolerance
        for band in near
        for group in band
    )
    return min(ending, starting) >= GUTTER_LINES and not crossed


def _same_gap(
    before: Sequence[Piece], after: Sequence[Piece], gap: tuple[float, float], tolerance: float
) -> bool:
    return abs(_end(before) - gap[0]) <= tolerance and abs(_start(after) - gap[1]) <= tolerance


def _start(group: Sequence[Piece]) -> float:
    return min(piece.x0 for piece in group)


def _end(group: Sequence[Piece]) -> float:
    return max(piece.x1 for piece in group)
