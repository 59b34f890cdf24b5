"""Fit a text to its box: wrap it, let it grow into the free space around the box, and only then make the
font smaller until the lines fit.
"""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain

from docrelay_reconstructor.breaks import segments

Measure = Callable[[str], float]
"""Width of one line of text at font size 1, in ems."""
FixedWidth = Callable[[str], float]
"""Width in points a piece of text takes whatever its font size (the inline formulas in it)."""
Drop = Callable[[float], float]
"""How far below its box's top the text starts when set at a font size, in points."""

# Each try is this fraction of the original size smaller, down to the floor; below it text overflows.
SHRINK_STEP = 0.04
MIN_SCALE = 0.4
MIN_SIZE = 4.0
# Line pitch as a multiple of the font size; outside these bounds the source box was measured oddly.
MIN_LINE_RATIO = 1.0
MAX_LINE_RATIO = 1.6
DEFAULT_LINE_RATIO = 1.2
# When nothing fits, the lines are made this much longer at a time until they are few enough.
OVERFLOW_WIDENING = 1.1
# Slack for rounding in the extracted boxes, in points.
TOLERANCE = 0.5


@dataclass(frozen=True)
class Fit:
    lines: tuple[str, ...]
    size: float
    line_height: float
    fits: bool


def line_ratio(box_height: float, size: float, line_count: int) -> float:
    """The source block's line pitch as a multiple of its font size."""
    if line_count < 2 or size <= 0:
        return DEFAULT_LINE_RATIO
    pitch = (box_height - size) / (line_count - 1)
    return min(MAX_LINE_RATIO, max(MIN_LINE_RATIO, pitch / size))


def candidate_sizes(size: float) -> tuple[float, ...]:
    """From the original size down to the floor, largest first."""
    floor = min(size, max(size * MIN_SCALE, MIN_SIZE))
    steps = (size * (1 - SHRINK_STEP * step) for step in range(round(1 / SHRINK_STEP)))
    return (*(step for step in steps if step > floor), floor)


def fit_text(
    text: str,
    width: float,
    height: float,
    size: float,
    ratio: float,
    measure: Measure,
    room: tuple[float, float] | None = None,
    fixed: FixedWidth | None = None,
    drop: Drop | None = None,
    indent: float = 0.0,
) -> Fit:
    """The lines of the text at the largest size that fits, in points; the box is width x height.

    `room` is the (width, height) the text may grow into from the box's top-left corner (free_space).
    `fixed` gives the points of what keeps its size when the text shrinks (inline formulas): `measure`
    leaves it out. `drop` gives the points the text starts below the box's top at a size, which its
    lines must leave free. The first line starts `indent` points right of the others, at any size.
    The text keeps its size in its box if it can, else at its size in the room (more lines at the same
    pitch), and only then shrinks in the room. Lines break between words and CJK characters; words are
    cut only when no size fits them whole. If even the floor size does not fit, the lines run past the
    room's right edge rather than its bottom, where they would cover the next line of the page.
    """
    measure = cache(measure)

    def at(size: float) -> Measure:
        return measure if fixed is None else cache(lambda text: measure(text) + fixed(text) / size)

    def below(size: float) -> float:
        return 0.0 if drop is None else drop(size)

    words = text.split()
    room_width, room_height = room or (width, height)
    sizes = candidate_sizes(size)
    tries = chain(
        [_layout(words, width, height - below(size), size, ratio, at(size), False, indent)],
        (
            _layout(
                words,
                room_width,
                room_height - below(candidate),
                candidate,
                ratio,
                at(candidate),
                cut_words,
                indent,
            )
            for cut_words in (False, True)
            for candidate in sizes
        ),
    )
    fitting = next((fit for fit in tries if fit.fits), None)
    return fitting or _overflowing(words, room_width, room_height, sizes[-1], ratio, at(sizes[-1]), indent)


def wrap(
    words: Sequence[str], max_width: float, measure: Measure, cut_words: bool = False, indent: float = 0.0
) -> list[str]:
    """Greedy line filling in ems, breaking between words and between CJK characters; the first line
    starts `indent` ems in, and is left empty when not even the first word fits there (the text starts
    on the next line, under a run-in heading).

    A piece wider than a line gets a line of its own, or is cut if asked.
    """
    lines: list[str] = []
    line_width = 0.0
    space = measure(" ")
    first = next(iter(_pieces(words[0], max_width, measure, cut_words)), "") if words else ""
    if indent and first and indent + measure(first) > max_width:
        lines, line_width = [""], max_width
    for word in words:
        for index, piece in enumerate(_pieces(word, max_width, measure, cut_words)):
            # A word's first piece follows a space; the others continue the word.
            gap, separator = (space, " ") if index == 0 else (0.0, "")
            piece_width = measure(piece)
            if lines and line_width + gap + piece_width <= max_width:
                lines[-1] += separator + piece
                line_width += gap + piece_width
            else:
                lines.append(piece)
                line_width = piece_width + (indent if len(lines) == 1 else 0.0)
    return lines


def text_height(line_count: int, size: float, line_height: float) -> float:
    """From the top of the first line's em box to the bottom of the last one's."""
    return (line_count - 1) * line_height + size


def _layout(
    words: Sequence[str],
    width: float,
    height: float,
    size: float,
    ratio: float,
    measure: Measure,
    cut_words: bool,
    indent: float = 0.0,
) -> Fit:
    lines = wrap(words, width / size, measure, cut_words, indent / size)
    widths = [measure(line) * size + (indent if index == 0 else 0.0) for index, line in enumerate(lines)]
    fits = max(widths, default=0.0) <= width + TOLERANCE
    fits = fits and text_height(len(lines), size, ratio * size) <= height + TOLERANCE
    return Fit(tuple(lines), size, ratio * size, fits)


def _overflowing(
    words: Sequence[str],
    width: float,
    height: float,
    size: float,
    ratio: float,
    measure: Measure,
    indent: float = 0.0,
) -> Fit:
    line_capacity = max(1, int((height + TOLERANCE - size) / (ratio * size)) + 1)
    width = max(width, size)  # a degenerate box must still widen
    lines = wrap(words, width / size, measure, True, indent / size)
    while len(lines) > line_capacity:
        width *= OVERFLOW_WIDENING
        lines = wrap(words, width / size, measure, True, indent / size)
    return Fit(tuple(lines), size, ratio * size, fits=False)


def _pieces(word: str, max_width: float, measure: Measure, cut_words: bool) -> Iterator[str]:
    for segment in segments(word):
        if cut_words and measure(segment) > max_width:
            yield from _cut(segment, max_width, measure)
        else:
            yield segment


def _cut(word: str, max_width: float, measure: Measure) -> list[str]:
    pieces: list[str] = []
    width = 0.0
    for char in word:
        char_width = measure(char)
        if pieces and width + char_width <= max_width:
            pieces[-1] += char
            width += char_width
        else:
            pieces.append(char)
            width = char_width
    return pieces
