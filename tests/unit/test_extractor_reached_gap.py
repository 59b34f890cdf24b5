"""A cell running into the column gap beside it, short of the next column's cell (table_bands.reached_gap),
on synthetic rows: 10-point text, half an em a character."""

from docrelay_extractor.table_bands import Band, reached_gap
from tests.support.bands import band_of

SIZE = 10.0
CHAR = 5.0
# The gap the other rows leave between the names (ending by 150 at most) and the grounds (from 170).
RIVER = (150.0, 170.0)


def band(*placed: tuple[float, str], font: str = "DejaVuSans") -> Band:
    """A row of words, each at its left edge."""
    return band_of(placed, SIZE, CHAR, font)


def test_a_long_name_up_to_the_next_columns_cell_leaves_the_gap_between_them() -> None:
    # "Wanderers" ends at 164, 6 points before the ground, which stands at the river's end.
    row = band((87, "Castle"), (119, "Wanderers"), (170, "Road"))
    assert reached_gap(row, RIVER) == (164.0, 170.0)


def test_a_cell_may_run_in_from_the_right_up_to_a_value_set_flush_right() -> None:
    # The left column's values end at the river's start; a long description runs left into the gap.
    row = band((135, "123"), (156, "Overnight"), (205, "delivery"))
    assert reached_gap(row, RIVER) == (150.0, 156.0)


def test_no_gap_where_the_next_cell_does_not_stand_at_the_rivers_edge() -> None:
    row = band((87, "Castle"), (119, "Wanderers"), (173, "Road"))
    assert reached_gap(row, RIVER) is None


def test_no_gap_half_an_em_wide_where_a_border_would_not_split_the_line() -> None:
    # 5 points at 10: a drawn border splits a line at a gap wider than that (lines.RULED_GAP_EM).
    assert reached_gap(band((86, "Castle"), (120, "Wanderers"), (170, "Road")), RIVER) is None


def test_no_gap_a_word_space_wide() -> None:
    # 3 points: the space between two words of one cell, not between two cells.
    row = band((90, "Castle"), (122, "Wanderers"), (170, "Road"))
    assert reached_gap(row, RIVER) is None


def test_no_gap_for_a_word_in_the_river_that_no_cell_runs_in_with() -> None:
    # "F" stands 7 points (more than a river's width) after the name running into the gap: no word of it.
    assert reached_gap(band((116, "Harbour"), (158, "F"), (170, "Quay")), RIVER) is None
    # A word wholly inside the river, after a cell ending before it, or before a value ending at it.
    assert reached_gap(band((50, "Harbour"), (152, "FC"), (170, "Quay")), RIVER) is None
    assert reached_gap(band((135, "123"), (156, "kg"), (200, "Overnight")), RIVER) is None


def test_no_gap_in_a_monospaced_face_or_at_dot_leaders() -> None:
    assert reached_gap(band((87, "Castle"), (119, "Wanderers"), (170, "Road"), font="Courier"), RIVER) is None
    # A contents' entry: its leader dots stand in step down the page, one of them where a column starts.
    row = band((87, "Castle"), (119, "Wanderers"), (170, "."), (180, "."), (190, "12"))
    assert reached_gap(row, RIVER) is None
