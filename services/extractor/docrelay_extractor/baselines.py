"""Joining the pieces of one visual line that pdfminer read as separate lines.

pdfminer builds a line from glyphs that follow each other in the content stream. XeTeX writes an
Arabic line in chunks out of visual order, so the line comes back as several pieces, often cut inside a
word. Pieces on one baseline whose boxes touch are joined again, in the order their glyphs run.
"""

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from pdfminer.layout import LTAnno, LTChar

from docrelay_extractor.glyph_text import WORD_GAP_EM, Item, is_drawn, is_letter, stored_left_to_right
from docrelay_extractor.justified import join_justified
from docrelay_extractor.lines import ends_in_leader, monospaced_glyphs
from docrelay_extractor.text import BULLETS, ends_sentence

# Pieces this close (in ems) touch: at most a word space apart. Cell borders split lines at wider gaps
# (lines.RULED_GAP_EM), which must stay split.
JOIN_GAP_EM = 0.45
# Baselines this close (in ems) are one baseline.
BASELINE_TOLERANCE_EM = 0.1
# A lone glyph says nothing about the direction its text runs in: vertical CJK text comes as one-glyph
# lines standing side by side, which must not be joined across its columns.
MIN_GLYPHS = 2
# The pieces of a line share its size; a caption ending beside a column of larger text does not.
MAX_SIZE_DIFFERENCE = 0.15


@dataclass(frozen=True)
class _Piece:
    items: list[Item]
    x0: float
    x1: float
    baseline: float
    size: float
    # Set in a monospaced font (code), by most of its glyphs.
    mono: bool = False
    # The widths of its word spaces, left to right.
    spaces: tuple[float, ...] = ()
    # Ends in dot leaders (an index's "cbind . . . . .").
    led: bool = False
    # Its last word ends a sentence (a typesetter may set a wider space after it).
    ends_sentence: bool = False
    # It starts with a list's bullet.
    bulleted: bool = False
    # Where its ink starts and ends: a space some PDFs draw as a glyph (WeasyPrint's, as wide as a
    # justified line's word space) is none.
    ink_x0: float = 0.0
    ink_x1: float = 0.0

    @classmethod
    def of(cls, items: list[Item]) -> "_Piece":
        chars = [item for item in items if isinstance(item, LTChar)]
        letters = [char for char in chars if is_letter(char)] or chars
        ink = [char for char in chars if is_drawn(char)] or chars
        return cls(
            # The line's own closing newline would end up inside the joined line.
            items=_trimmed(items),
            x0=min(char.x0 for char in chars),
            x1=max(char.x1 for char in chars),
            # Marks are often moved up or down; the letters sit on the baseline.
            baseline=statistics.median(letter.matrix[5] for letter in letters),
            size=max(char.size for char in chars),
            mono=2 * monospaced_glyphs(chars) > len(chars),
            spaces=_word_spaces(items),
            led=ends_in_leader(items),
            ends_sentence=ends_sentence("".join(char.get_text() for char in chars)),
            bulleted=_starts_with_bullet(items),
            ink_x0=min(char.x0 for char in ink),
            ink_x1=max(char.x1 for char in ink),
        )

    @property
    def glyphs(self) -> int:
        return sum(isinstance(item, LTChar) for item in self.items)


def join_touching(runs: Sequence[list[Item]]) -> list[list[Item]]:
    """The runs (each holding a glyph), with those that touch on one baseline joined into one run, and
    the pieces of a justified line set wide (justified.py)."""
    bands = [_touching_groups(band) for band in _baseline_bands([_Piece.of(run) for run in runs])]
    return [_joined(group) for groups in join_justified(bands) for group in groups]


def _baseline_bands(pieces: list[_Piece]) -> list[list[_Piece]]:
    bands: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda piece: piece.baseline):
        first = bands[-1][0] if bands else None
        if first is None or piece.baseline - first.baseline > BASELINE_TOLERANCE_EM * first.size:
            bands.append([])
        bands[-1].append(piece)
    return bands


def _touching_groups(band: list[_Piece]) -> list[list[_Piece]]:
    groups: list[list[_Piece]] = []
    for piece in sorted(band, key=lambda piece: piece.x0):
        if groups and _touches(groups[-1], piece):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _touches(group: list[_Piece], piece: _Piece) -> bool:
    last = group[-1]
    size = max(last.size, piece.size)
    return (
        min(last.glyphs, piece.glyphs) >= MIN_GLYPHS
        # Split after its leaders on purpose: an index's "cbind . . . . 26" is an entry and its page.
        and not ends_in_leader(last.items)
        and abs(last.size - piece.size) <= MAX_SIZE_DIFFERENCE * size
        and piece.x0 - max(other.x1 for other in group) <= JOIN_GAP_EM * size
    )


def _joined(group: list[_Piece]) -> list[Item]:
    """The pieces' items in the direction their glyphs are stored, a space where the pieces are apart."""
    if len(group) == 1:
        return group[0].items
    votes = sum(piece.glyphs if stored_left_to_right(piece.items) else -piece.glyphs for piece in group)
    if votes < 0:
        group = group[::-1]
    items = list(group[0].items)
    for before, after in pairwise(group):
        left, right = sorted((before, after), key=lambda piece: piece.x0)
        if right.x0 - left.x1 > WORD_GAP_EM * max(left.size, right.size):
            items.append(LTAnno(" "))
        items.extend(after.items)
    return items


def _word_spaces(items: list[Item]) -> tuple[float, ...]:
    """The gaps between the words of a run, where a space (drawn or guessed by pdfminer) parts them; not
    the gap after a list's bullet, which is set apart from its item's text by a width of its own."""
    spaces: list[float] = []
    bullet = _first(items) if _starts_with_bullet(items) else None
    last: LTChar | None = None
    spaced = False
    for item in items:
        if is_drawn(item):
            if last is not None and spaced and last is not bullet:
                spaces.append(item.x0 - last.x1)
            last, spaced = item, False
        else:
            spaced = True
    return tuple(spaces)


def _first(items: list[Item]) -> Item | None:
    return next((item for item in items if is_drawn(item)), None)


def _starts_with_bullet(items: list[Item]) -> bool:
    first = _first(items)
    return first is not None and first.get_text() in BULLETS


def _trimmed(items: list[Item]) -> list[Item]:
    glyph_indices = [index for index, item in enumerate(items) if isinstance(item, LTChar)]
    return items[glyph_indices[0] : glyph_indices[-1] + 1]
