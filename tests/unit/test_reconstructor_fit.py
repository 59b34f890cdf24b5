"""Fitting a text to its box and to the room around it.

Measured with a fixed-pitch 'font' whose every character is half an em wide.
"""

from docrelay_common.document import BBox, Page, Table, TableCell, TextBlock
from docrelay_reconstructor.fit import (
    DEFAULT_LINE_RATIO,
    MAX_LINE_RATIO,
    MIN_LINE_RATIO,
    candidate_sizes,
    fit_text,
    line_ratio,
    text_height,
    wrap,
)
from docrelay_reconstructor.free_space import free_rooms
from docrelay_reconstructor.sizing import group_scale, page_sizing, size_groups


def half_em(text: str) -> float:
    return 0.5 * len(text)


def test_wrap_fills_lines_greedily_within_the_width() -> None:
    lines = wrap(["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"], 5.0, half_em)

    assert lines == ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
    assert all(half_em(line) <= 5.0 for line in lines)


def test_wrap_gives_a_too_long_word_its_own_line_unless_words_may_be_cut() -> None:
    words = ["a", "incomprehensibilities", "b"]

    assert wrap(words, 5.0, half_em) == ["a", "incomprehensibilities", "b"]
    cut = wrap(words, 5.0, half_em, cut_words=True)
    assert "".join(cut).replace(" ", "") == "".join(words)
    assert all(half_em(line) <= 5.0 for line in cut)


def test_text_that_fits_keeps_its_size() -> None:
    fit = fit_text("short text", width=100, height=12, size=10, ratio=1.2, measure=half_em)

    assert fit.fits
    assert fit.size == 10
    assert fit.lines == ("short text",)


def test_longer_text_in_a_one_line_box_shrinks_until_it_fits_the_width() -> None:
    text = "a translation that is much longer than the original"  # 51 characters: 25.5 em
    fit = fit_text(text, width=200, height=10, size=10, ratio=1.2, measure=half_em)

    assert fit.fits
    assert fit.size < 10
    assert len(fit.lines) == 1
    assert half_em(fit.lines[0]) * fit.size <= 200 + 0.5


def test_paragraph_wraps_into_the_box_and_respects_its_height() -> None:
    text = " ".join(["word"] * 60)
    fit = fit_text(text, width=150, height=60, size=10, ratio=1.2, measure=half_em)

    assert fit.fits
    assert len(fit.lines) > 1
    assert max(half_em(line) for line in fit.lines) * fit.size <= 150 + 0.5
    assert text_height(len(fit.lines), fit.size, fit.line_height) <= 60 + 0.5
    assert fit.line_height == fit.size * 1.2


def test_text_that_cannot_fit_stops_at_the_floor_and_runs_past_the_right_edge() -> None:
    text = " ".join(["overflowing"] * 50)
    fit = fit_text(text, width=50, height=10, size=10, ratio=1.2, measure=half_em)

    assert not fit.fits
    assert fit.size == candidate_sizes(10)[-1] == 4.0
    assert text_height(len(fit.lines), fit.size, fit.line_height) <= 10
    assert " ".join(fit.lines).split() == text.split()


def test_a_degenerate_box_still_gets_every_word_on_one_line() -> None:
    fit = fit_text("no room at all", width=0, height=0, size=10, ratio=1.2, measure=half_em)

    assert not fit.fits
    assert fit.lines == ("no room at all",)


def test_text_without_spaces_is_cut_rather_than_shrunk_to_the_floor() -> None:
    text = "翻訳" * 30  # a script written without spaces: one 60-character "word"
    fit = fit_text(text, width=100, height=40, size=10, ratio=1.2, measure=half_em)

    assert fit.fits
    assert fit.size > candidate_sizes(10)[-1]
    assert "".join(fit.lines) == text


def test_candidate_sizes_shrink_from_the_original_to_the_floor() -> None:
    sizes = candidate_sizes(10)

    assert sizes[0] == 10
    assert list(sizes) == sorted(sizes, reverse=True)
    assert sizes[-1] == 4.0
    assert candidate_sizes(3) == (3,)
    assert candidate_sizes(6)[-1] == 4.0


def test_line_ratio_follows_the_source_line_pitch_within_bounds() -> None:
    assert line_ratio(box_height=34, size=10, line_count=3) == 1.2
    assert line_ratio(box_height=10, size=10, line_count=1) == DEFAULT_LINE_RATIO
    assert line_ratio(box_height=15, size=10, line_count=3) == MIN_LINE_RATIO
    assert line_ratio(box_height=100, size=10, line_count=2) == MAX_LINE_RATIO


LONG_TITLE = "a translation that is much longer than the original"  # 51 characters: 25.5 em


def test_a_one_line_text_too_long_for_its_box_takes_more_lines_in_its_room_at_its_size() -> None:
    fit = fit_text(LONG_TITLE, width=200, height=10, size=10, ratio=1.2, measure=half_em, room=(200, 40))

    assert fit.fits
    assert fit.size == 10
    assert fit.line_height == 12
    assert len(fit.lines) == 2
    assert max(half_em(line) for line in fit.lines) * fit.size <= 200 + 0.5
    assert text_height(len(fit.lines), fit.size, fit.line_height) <= 40


def test_a_widened_room_takes_longer_lines() -> None:
    fit = fit_text(LONG_TITLE, width=200, height=10, size=10, ratio=1.2, measure=half_em, room=(300, 40))

    assert fit.size == 10
    assert max(half_em(line) for line in fit.lines) * fit.size > 200
    assert fit.lines == tuple(wrap(LONG_TITLE.split(), 30, half_em))


def test_text_that_fits_its_box_keeps_the_box_lines_whatever_room_it_has() -> None:
    text = "the quick brown fox"
    fit = fit_text(text, width=60, height=24, size=10, ratio=1.2, measure=half_em, room=(400, 100))

    assert fit.lines == tuple(wrap(text.split(), 6, half_em))
    assert len(fit.lines) == 2


def test_a_room_too_small_for_the_full_size_still_shrinks_less_than_the_box_alone() -> None:
    in_box = fit_text(LONG_TITLE, width=200, height=10, size=10, ratio=1.2, measure=half_em)
    in_room = fit_text(LONG_TITLE, width=200, height=10, size=10, ratio=1.2, measure=half_em, room=(200, 18))

    assert in_box.fits and in_room.fits
    assert in_box.size < in_room.size < 10
    assert len(in_room.lines) == 2
    assert text_height(len(in_room.lines), in_room.size, in_room.line_height) <= 18 + 0.5


def test_text_that_overflows_its_room_runs_past_the_room_not_below_it() -> None:
    text = " ".join(["overflowing"] * 50)
    fit = fit_text(text, width=50, height=10, size=10, ratio=1.2, measure=half_em, room=(50, 30))

    assert not fit.fits
    assert fit.size == candidate_sizes(10)[-1]
    assert len(fit.lines) > 1
    assert text_height(len(fit.lines), fit.size, fit.line_height) <= 30


def test_a_style_shrinks_as_its_most_crowded_block_needs_unless_that_block_needs_far_more() -> None:
    assert group_scale([1.0, 0.92, 0.84]) == 0.84
    # A two-letter header spelled out in a narrow column would make every header tiny: it shrinks alone.
    assert group_scale([1.0, 1.0, 0.96, 0.52]) == 0.96
    # Far more than most of its style on the page, though not than its column's others: alone too.
    assert group_scale([0.8, 0.8, 0.6]) == 0.6
    assert group_scale([0.8, 0.8, 0.6], [1.0, 1.0, 1.0, 1.0, 0.8, 0.8, 0.6]) == 0.8
    # A column whose every cell needs far more than its style's others is measured against itself.
    assert group_scale([0.6, 0.58, 0.3], [1.0] * 6 + [0.6, 0.58, 0.3]) == 0.58


def test_cells_shrink_alike_by_column_heads_across_their_row_other_blocks_by_style() -> None:
    def placed(
        name: str, table: str = "", row: int = 1, column: int = 0, span: int = 1, bold: bool = False
    ) -> TextBlock:
        bbox = BBox(x0=0, top=0, x1=50, bottom=10)
        cell = TableCell(table=table, row=row, column=column, column_span=span, bbox=bbox) if table else None
        made = TextBlock(id=name, bbox=bbox, text="Texto", source_text="Text", cell=cell)
        return made.model_copy(update={"style": made.style.model_copy(update={"bold": bold})})

    blocks = [
        placed("prose"),
        placed("prose in bold", bold=True),
        *(placed(f"t1 column 1 row {row}", "t1", row, 1) for row in (1, 2)),
        placed("t1 column 2", "t1", 1, 2),
        placed("t1 columns 2-3", "t1", 2, 2, span=2),
        placed("t2 column 1", "t2", 1, 1),
        *(placed(f"t1 head {column}", "t1", 0, column, bold=True) for column in range(3)),
    ]
    groups = size_groups(Page(number=1, width=600, height=800, blocks=blocks))
    assert groups["t1 column 1 row 1"] == groups["t1 column 1 row 2"]
    # Heads in bold, a style of the table's first row only, are one group across it.
    assert groups["t1 head 0"] == groups["t1 head 1"] == groups["t1 head 2"]
    apart = [
        "prose",
        "prose in bold",
        "t1 column 1 row 1",
        "t1 column 2",
        "t1 columns 2-3",
        "t2 column 1",
        "t1 head 0",
    ]
    assert len({groups[name] for name in apart}) == len(apart)


def test_a_text_set_lower_than_its_box_top_shrinks_until_its_lines_and_the_drop_fit() -> None:
    # Six 9-letter words in a 15 pt high box: two lines of three words fit from 6.8 pt down.
    text = " ".join(["x" * 9] * 6)
    drops: dict[float, float] = {}

    def drop(size: float) -> float:
        # As a block with inline formulas: the smaller its type, the lower its first line starts.
        drops[size] = 0.78 * (10 - size)
        return drops[size]

    plain = fit_text(text, width=100, height=15, size=10, ratio=1.2, measure=half_em)
    dropped = fit_text(text, width=100, height=15, size=10, ratio=1.2, measure=half_em, drop=drop)

    assert plain.fits and dropped.fits
    assert dropped.size < plain.size
    lines_height = text_height(len(dropped.lines), dropped.size, dropped.line_height)
    assert lines_height + drops[dropped.size] <= 15 + 0.5
    # At the size the lines take without it, the drop would not have fitted.
    assert text_height(2, plain.size, plain.line_height) + drops[plain.size] > 15 + 0.5


def test_a_cell_needing_far_more_than_most_of_its_style_on_the_page_shrinks_alone() -> None:
    """Cells 60 points wide and one line high: a short word in each of column 0's, column 1's words of
    12, 12 and 17 letters (0.8, 0.8 and 0.56 of their size). The 17 letters need far more than most
    10-point cells of the page, though not than their column's others: they shrink alone."""

    def cell(column: int, row: int, text: str) -> TextBlock:
        bbox = BBox(x0=40 + 70 * column, top=40 + 14 * row, x1=100 + 70 * column, bottom=52 + 14 * row)
        cell = TableCell(table="t", row=row, column=column, bbox=bbox)
        return TextBlock(id=f"{column}/{row}", bbox=bbox, text=text, source_text="x", cell=cell)

    words = ["a" * 12, "a" * 12, "a" * 17]
    blocks = [
        *(cell(0, row, "ab") for row in range(5)),
        *(cell(1, row, word) for row, word in enumerate(words)),
    ]
    layout = Page(number=1, width=600, height=800, blocks=blocks)
    sizing = page_sizing(layout, free_rooms(layout), "es")
    sizes = {block.id: sizing.setting(block, sizing.rooms[block.id], "es").fit.size for block in blocks}
    assert sizes["1/0"] == sizes["1/1"] < 9
    assert sizes["1/2"] < sizes["1/0"] - 1
    assert sizes["0/0"] == 10


def test_a_ruled_cell_shrinks_to_keep_its_padding_from_the_rule_a_bare_one_to_its_side() -> None:
    """One cell a line high in each of two tables, its text 5 points from the cell's left side: in the
    ruled one the translation stops 2 points (a fifth of an em) short of the right rule ("Código de
    impuesto" had run up to it), in the bare one it may reach the cell's side."""

    def cell(table: str) -> TextBlock:
        top = 40 if table == "ruled" else 80
        text, box = (
            BBox(x0=105, top=top + 1, x1=150, bottom=top + 11),
            BBox(x0=100, top=top, x1=200, bottom=top + 12),
        )
        at = TableCell(table=table, row=0, column=0, bbox=box)
        return TextBlock(
            id=table, bbox=text, text="Código de impuesto nacional", source_text="Tax code", cell=at
        )

    layout = Page(number=1, width=600, height=800, blocks=[cell("ruled"), cell("bare")])
    layout.tables = [
        Table(id="ruled", bbox=BBox(x0=100, top=40, x1=200, bottom=52), rows=1, columns=1, ruled=True),
        Table(id="bare", bbox=BBox(x0=100, top=80, x1=200, bottom=92), rows=1, columns=1),
    ]
    layout.rules = [BBox(x0=100, top=39.5, x1=200, bottom=40.5), BBox(x0=100, top=91.5, x1=600, bottom=92.5)]
    sizing = page_sizing(layout, free_rooms(layout), "es")
    sizes = {
        block.id: sizing.setting(block, sizing.rooms[block.id], "es").fit.size for block in layout.blocks
    }
    assert sizing.rooms["ruled"].x1 == 198 and sizing.rooms["bare"].x1 == 200
    assert sizes["ruled"] < sizes["bare"] < 10
