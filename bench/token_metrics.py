"""Unchanged tokens in place: of the words a translation leaves as they were, how many are drawn where the
source drew them; pure functions over the words of one page, no I/O.

A token is a word holding a letter or a digit (dot leaders and lone punctuation are not words). A token is
unchanged when the output page still holds a word with the same text; with several copies of a text on a
page, as many are unchanged as both pages hold. It is in place when its top is within TOP_TOLERANCE of the
source word's and its left or right edge within EDGE_TOLERANCE: left- and right-aligned text both count.
"""

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docrelay_common.document import BBox

TOP_TOLERANCE = 3.0
EDGE_TOLERANCE = 6.0
_TOKEN = re.compile(r"\w")
# Amounts, counts, dates, percentages: digits and the signs that go with them, and nothing else.
_NUMERIC = re.compile(r"[(\-+\u2212$€£¥]*\d[\d.,:/%'\u2009-]*[)%€$]?")


@dataclass(frozen=True)
class Word:
    text: str
    box: BBox


@dataclass(frozen=True)
class TokenCounts:
    """Unchanged tokens and those in place, all and numeric only; `+` adds two field by field."""

    unchanged: int = 0
    in_place: int = 0
    numbers_unchanged: int = 0
    numbers_in_place: int = 0

    def __add__(self, other: "TokenCounts") -> "TokenCounts":
        return TokenCounts(
            self.unchanged + other.unchanged,
            self.in_place + other.in_place,
            self.numbers_unchanged + other.numbers_unchanged,
            self.numbers_in_place + other.numbers_in_place,
        )

    @property
    def share(self) -> float:
        return self.in_place / self.unchanged if self.unchanged else 1.0

    @property
    def numbers_share(self) -> float:
        return self.numbers_in_place / self.numbers_unchanged if self.numbers_unchanged else 1.0


def is_token(text: str) -> bool:
    return _TOKEN.search(text) is not None


def is_numeric(text: str) -> bool:
    return _NUMERIC.fullmatch(text) is not None


def in_place(source: BBox, output: BBox) -> bool:
    return abs(source.top - output.top) <= TOP_TOLERANCE and (
        abs(source.x0 - output.x0) <= EDGE_TOLERANCE or abs(source.x1 - output.x1) <= EDGE_TOLERANCE
    )


def token_counts(source: Iterable[Word], output: Iterable[Word]) -> TokenCounts:
    """The counts of one page: tokens of the same text are paired nearest first, each used once."""
    source_by_text, output_by_text = _by_text(source), _by_text(output)
    total = TokenCounts()
    for text, sources in source_by_text.items():
        outputs = output_by_text.get(text, [])
        unchanged = min(len(sources), len(outputs))
        placed = _pairs_in_place(sources, outputs)
        numeric = is_numeric(text)
        total += TokenCounts(unchanged, placed, unchanged if numeric else 0, placed if numeric else 0)
    return total


def _by_text(words: Iterable[Word]) -> dict[str, list[BBox]]:
    grouped: defaultdict[str, list[BBox]] = defaultdict(list)
    for word in words:
        if is_token(word.text):
            grouped[word.text].append(word.box)
    return grouped


def _pairs_in_place(sources: Sequence[BBox], outputs: Sequence[BBox]) -> int:
    """Greedy matching, closest pairs first: enough for words, which sit far apart on a page."""
    candidates = sorted(
        (_distance(source, output), s, o)
        for s, source in enumerate(sources)
        for o, output in enumerate(outputs)
        if in_place(source, output)
    )
    used_sources: set[int] = set()
    used_outputs: set[int] = set()
    for _, s, o in candidates:
        if s not in used_sources and o not in used_outputs:
            used_sources.add(s)
            used_outputs.add(o)
    return len(used_sources)


def _distance(a: BBox, b: BBox) -> float:
    return abs(a.top - b.top) + min(abs(a.x0 - b.x0), abs(a.x1 - b.x1))
