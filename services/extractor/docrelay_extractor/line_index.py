"""The lines of a page sorted top to bottom, for finding lines near a box without scanning them all."""

import statistics
from bisect import bisect_left
from collections.abc import Sequence

from docrelay_extractor.geometry import x_overlap
from docrelay_extractor.lines import TextLine

# Gaps larger than this (in line heights) are paragraph or section breaks, not line spacing.
MAX_LEADING = 1.2
# Too few gaps say nothing about a page's line spacing.
MIN_GAP_SAMPLES = 3


class LineIndex:
    def __init__(self, lines: Sequence[TextLine]) -> None:
        self.ordered = sorted(lines, key=lambda line: (line.bbox.top, line.bbox.x0))
        self._tops = [line.bbox.top for line in self.ordered]
        self.tallest = max((line.bbox.height for line in self.ordered), default=0.0)

    def starting_between(self, top: float, bottom: float) -> list[TextLine]:
        """Lines whose top edge lies in [top, bottom)."""
        return self.ordered[bisect_left(self._tops, top) : bisect_left(self._tops, bottom)]

    def typical_leading(self) -> float | None:
        """Median gap between a line and the next one below it, in line heights; None if unclear."""
        gaps = [gap for line in self.ordered if (gap := self._gap_below(line)) is not None]
        return statistics.median(gaps) if len(gaps) >= MIN_GAP_SAMPLES else None

    def _gap_below(self, line: TextLine) -> float | None:
        height = line.bbox.height
        for other in self.starting_between(
            line.bbox.top + height / 2, line.bbox.bottom + MAX_LEADING * height
        ):
            if x_overlap(line.bbox, other.bbox) > 0:
                return (other.bbox.top - line.bbox.bottom) / height
        return None
