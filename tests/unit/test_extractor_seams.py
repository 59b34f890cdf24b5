"""Two columns set closer than a word space, one from the right and one from the left (table_bands.is_seam),
on synthetic rows: 9-point text, half an em a character, cells 2 points apart."""

from itertools import pairwise

import pytest

from docrelay_extractor.table_bands import Band, is_seam
from tests.support.bands import band_of

SIZE = 9.0
CHAR = 4.5
# Numbers set from the right end at 86; names set from the left start at 88.
SEAM = (86.0, 88.0)


def band(
    *placed: tuple[float, str], spaces: tuple[float, ...] | None = None, font: str = "DejaVuSans"
) -> Band:
    """A row of words, each at its left edge; the PDF draws a space between two words of a cell (those
    less than a column's gap apart) unless `spaces` says where it does."""
    edges = [(x, x + CHAR * len(text)) for x, text in placed]
    drawn = (
        spaces
        if spaces is not None
        else tuple((left[1] + right[0]) / 2 for left, right in pairwise(edges) if right[0] - left[1] > 2.0)
    )
    return band_of(placed, SIZE, CHAR, font, drawn)


def numbered(number: str, name: str, **kwargs: object) -> Band:
    first, last = name.split()
    x = 88.0 + CHAR * len(first) + 2.5
    return band((86.0 - CHAR * len(number), number), (88.0, first), (x, last), **kwargs)  # type: ignore[arg-type]


ROWS = [("1", "Linda Price"), ("2", "Owen Day"), ("10", "Tom Gale"), ("11", "Ana Lopez")]


def test_numbers_set_from_the_right_against_names_set_from_the_left_meet_at_a_seam() -> None:
    assert is_seam([numbered(number, name) for number, name in ROWS], SEAM)


def test_a_row_with_a_space_drawn_in_the_strip_is_one_cell_there() -> None:
    # A telephone number's figures stand one under the other, but the PDF draws spaces between them.
    rows = [numbered(number, name, spaces=(87.0,)) for number, name in ROWS]
    assert not is_seam(rows, SEAM)


def test_where_the_pdf_draws_no_spaces_a_narrow_gap_tells_nothing() -> None:
    assert not is_seam([numbered(number, name, spaces=()) for number, name in ROWS], SEAM)


@pytest.mark.parametrize(
    "others",
    [
        # Words starting at the strip's right edge after words ending short of its left one.
        [
            band((70.0, "Tom"), (88.0, "Gale")),
            band((60.0, "Ana"), (88.0, "Lopez")),
            band((72.0, "Ed"), (88.0, "Fox")),
        ],
        # Words ending at its left edge before words starting past its right one.
        [
            band((81.5, "3"), (91.0, "Gale")),
            band((81.5, "4"), (92.0, "Lopez")),
            band((77.0, "12"), (90.0, "Fox")),
        ],
    ],
    ids=["right edge only", "left edge only"],
)
def test_edges_met_by_few_rows_are_no_seam(others: list[Band]) -> None:
    rows = [numbered(number, name) for number, name in ROWS[:2]]
    assert not is_seam(rows + others, SEAM)


def test_too_few_rows_too_narrow_a_strip_a_monospaced_face_or_dot_leaders_make_no_seam() -> None:
    rows = [numbered(number, name) for number, name in ROWS]
    assert not is_seam(rows[:2], SEAM)
    # Half a point apart: glyphs of one word set loosely, not two cells.
    touching = [band((86.0 - CHAR, "1"), (86.5, "Linda"), (111.5, "Price")) for _ in ROWS]
    assert not is_seam(touching, (86.0, 86.5))
    typed = [band((86.0 - CHAR, "1"), (88.0, "Linda"), (113.0, "Price"), font="DejaVuSansMono") for _ in ROWS]
    assert not is_seam(typed, SEAM)
    # Dots standing one under the other at the strip's left edge, before the values.
    led = [band((50.0, "Rent"), (86.0 - CHAR * 3, "..."), (88.0, "950"), (110.0, "a month")) for _ in ROWS]
    assert not is_seam(led, SEAM)
