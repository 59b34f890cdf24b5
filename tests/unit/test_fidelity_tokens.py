"""The bench's "unchanged tokens in place" and "cell overflows": pure arithmetic on word boxes."""

from bench.layout_metrics import cell_overflows
from bench.token_metrics import TokenCounts, Word, is_numeric, is_token, token_counts
from docrelay_common.document import BBox


def word(text: str, x0: float, top: float, width: float = 20.0) -> Word:
    return Word(text, BBox(x0=x0, top=top, x1=x0 + width, bottom=top + 8))


def test_tokens_hold_a_letter_or_a_digit_and_numbers_only_numeric_signs() -> None:
    assert [is_token(text) for text in ("MENA", "12", ".", "—", "(X)")] == [True, True, False, False, True]
    numbers = ("1.250,50", "(1,234)", "12%", "09/11/2024", "-3.5", "€12")
    assert all(is_numeric(text) for text in numbers)
    assert not any(is_numeric(text) for text in ("C-101", "73695798A", "Room"))


def test_an_unchanged_token_is_in_place_by_its_top_and_either_edge() -> None:
    source = [word("12", 100, 50), word("MENA", 200, 50), word("Total", 300, 50), word("7", 400, 50)]
    output = [
        word("12", 104, 52),  # within 6 pt and 3 pt
        word("MENA", 190, 50, width=30),  # left edge 10 pt off, right edge the same: right-aligned
        word("Total", 300, 60),  # dropped a line
        word("Gesamt", 400, 50),  # translated: not counted
    ]
    counts = token_counts(source, output)
    assert counts == TokenCounts(unchanged=3, in_place=2, numbers_unchanged=1, numbers_in_place=1)
    assert (round(counts.share, 2), counts.numbers_share) == (0.67, 1.0)


def test_repeated_tokens_are_paired_nearest_first_and_counted_as_often_as_both_pages_hold_them() -> None:
    source = [word("0", 100, 50), word("0", 100, 70), word("0", 100, 90)]
    output = [word("0", 100, 91), word("0", 100, 49)]
    assert token_counts(source, output) == TokenCounts(2, 2, 2, 2)


def test_a_word_reaching_into_the_next_cell_overflows_it() -> None:
    cells = [
        BBox(x0=0, top=0, x1=100, bottom=20),
        BBox(x0=100, top=0, x1=200, bottom=20),
        BBox(x0=0, top=-20, x1=100, bottom=0),
    ]
    words = [
        BBox(x0=10, top=5, x1=60, bottom=15),  # inside its cell
        BBox(x0=60, top=5, x1=99.8, bottom=15),  # touches the border
        BBox(x0=80, top=5, x1=130, bottom=15),  # its centre in the first cell, 30 pt in the second
        BBox(x0=10, top=-0.5, x1=90, bottom=10),  # a wide word grazing the row above by half a point
        BBox(x0=10, top=30, x1=60, bottom=40),  # in no cell
    ]
    assert cell_overflows(cells, words) == 1
