"""Joining the pieces of a justified line that pdfminer read as separate lines.

A narrow justified column spreads its words wider than pdfminer's line gap: "sources within" and "the
United" of the US 1040-NR's sidebar came as two pieces, and its paragraph as a column of fragments;
sentences of naacl06's and camlidl's columns broke the same way wherever a line was set loose. Pieces of
one baseline up to a few ems apart are one line when its words are spread alike (a table's columns lie
further apart than its cells' words), in one face, and the lines above and below span the same column
(or the paragraph starts or ends there). A gap that the lines next to it share edge for edge is the
gutter between two justified columns: the line is not joined across it.
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
# A gap that this many lines next to it share, edge for edge, is a gutter between columns.
GUTTER_LINES = 2
# A line joined may be what tells the line next to it is one: the bands are looked at again, this often.
PASSES = 4

Neighbour = Literal["across", "short", "none", "other"]


class Piece(Protocol):
    @property
    def x0(self) -> float: ...
    @property
    def x1(self) -> float: ...
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
    """The band's groups in runs that could be one line: a few ems apart at most, in one kind of face
    (a description and its code beside it, on a reference card, are two), none after dot leaders (an
    index's entry and its page numbers are two), none across two columns' gutter."""
    runs: list[list[list[P]]] = []
    for group in groups:
        last = runs[-1][-1] if runs else None
        size = max(piece.size for piece in group)
        if (
            last is not None
            and not any(piece.led for piece in last)
            and _start(group) - _end(last) <= JUSTIFIED_GAP_EM * size
            and {piece.mono for piece in last} == {piece.mono for piece in group}
            and not _gutter((_end(last), _start(group)), bands, index, EDGE_TOLERANCE_EM * size)
        ):
            runs[-1].append(group)
        else:
            runs.append([group])
    return runs


def _evenly_spaced(run: list[list[P]]) -> bool:
    """Are the run's words, at least three, as far apart between its pieces as inside them? A typesetter
    spreads a justified line's spaces alike; a table's columns are further apart than a cell's words
    ("Total income" and "1,200"), and a label and its amount are two words."""
    gaps = [_start(after) - _end(before) for before, after in pairwise(run)]
    spaces = [space for group in run for piece in group for space in piece.spaces if space > 0]
    widths = gaps + spaces
    return len(widths) >= MIN_WORD_GAPS and max(widths) <= EVEN_SPACING * max(min(widths), 0.1)


def _one_line(
    left: list[P], right: list[P], extent: tuple[float, float], bands: Sequence[list[list[P]]], index: int
) -> bool:
    """Is the gap between `left` and `right` (in a run spanning `extent`) inside one justified line?"""
    size = max(piece.size for piece in left + right)
    baseline = left[0].baseline
    above = _neighbour(bands[index + 1 : index + 1 + NEIGHBOUR_BANDS], extent, baseline, size)
    below = _neighbour(reversed(bands[max(0, index - NEIGHBOUR_BANDS) : index]), extent, baseline, size)
    return (above == "across" and below in ("across", "short", "none")) or (
        above == "none" and below == "across"
    )


def _neighbour(
    bands: Iterable[list[list[P]]],
    line: tuple[float, float],
    baseline: float,
    size: float,
) -> Neighbour:
    """What the nearest line of the column is, among `bands` (nearest first): "across" (from the line's
    left edge to its right edge), "short" (one piece from the left edge, ending before the right one: a
    paragraph's last line), "none" within a line pitch, or "other"."""
    x0, x1 = line
    tolerance = EDGE_TOLERANCE_EM * size
    for band in bands:
        if abs(band[0][0].baseline - baseline) > NEIGHBOUR_PITCH_EM * size:
            return "none"
        inside = [group for group in band if _end(group) > x0 - tolerance and _start(group) < x1 + tolerance]
        if not inside:
            continue  # a line of another column on a baseline between
        starts = abs(_start(inside[0]) - x0) <= tolerance
        close = all(
            _start(after) - _end(before) <= JUSTIFIED_GAP_EM * size for before, after in pairwise(inside)
        )
        spans = starts and close and abs(_end(inside[-1]) - x1) <= tolerance
        if spans:
            return "across"
        if starts and len(inside) == 1 and _end(inside[0]) <= x1 + tolerance:
            return "short"
        return "other"
    return "none"


def _gutter(gap: tuple[float, float], bands: Sequence[list[list[P]]], index: int, tolerance: float) -> bool:
    """Do lines next to this one have a gap of their own exactly where `gap` is, on both its sides (two
    justified columns, flush on both sides of their gutter)?"""
    near = [*bands[max(0, index - NEIGHBOUR_BANDS) : index], *bands[index + 1 : index + 1 + NEIGHBOUR_BANDS]]
    shared = sum(
        any(_same_gap(before, after, gap, tolerance) for before, after in pairwise(band)) for band in near
    )
    return shared >= GUTTER_LINES


def _same_gap(
    before: Sequence[Piece], after: Sequence[Piece], gap: tuple[float, float], tolerance: float
) -> bool:
    return abs(_end(before) - gap[0]) <= tolerance and abs(_start(after) - gap[1]) <= tolerance


def _start(group: Sequence[Piece]) -> float:
    return min(piece.x0 for piece in group)


def _end(group: Sequence[Piece]) -> float:
    return max(piece.x1 for piece in group)
