"""The pieces of a justified line pdfminer read apart, joined again: on pieces with known places."""

from dataclasses import dataclass

from docrelay_extractor.justified import join_justified

SIZE = 7.0
PITCH = 9.0


@dataclass(frozen=True)
class Piece:
    x0: float
    x1: float
    baseline: float
    size: float = SIZE
    mono: bool = False
    spaces: tuple[float, ...] = ()
    led: bool = False
    ends_sentence: bool = False
    bulleted: bool = False
    # Where its ink ends, if a space glyph is drawn after it (None: at x1).
    ink_end: float | None = None

    @property
    def ink_x0(self) -> float:
        return self.x0

    @property
    def ink_x1(self) -> float:
        return self.x1 if self.ink_end is None else self.ink_end


def line(
    baseline: float, *spans: tuple[float, float], spaces: tuple[float, ...] = (9.0,), mono: bool = False
):
    """A band of one-piece groups at these spans; each piece holds words `spaces` apart."""
    return [[Piece(x0, x1, baseline, spaces=spaces, mono=mono)] for x0, x1 in spans]


def column(middle: list[list[Piece]]) -> list[list[list[Piece]]]:
    """The band between two lines of the column, bands up the page as pdfminer's baselines run."""
    return [line(100.0, (72, 120), (129, 227)), middle, line(100.0 + 2 * PITCH, (72, 150), (159, 227))]


def test_a_line_spread_evenly_across_the_column_is_one_line() -> None:
    bands = join_justified(column(line(100.0 + PITCH, (72, 140), (149, 227))))
    assert [len(groups) for groups in bands] == [1, 1, 1]


def test_pieces_spread_unevenly_in_face_or_far_apart_stay_apart() -> None:
    # A label ("Total wages", its words 2 pt apart) and its amount 12 pt further: a table's row.
    uneven = column(line(100.0 + PITCH, (72, 140), (152, 227), spaces=(2.0,)))
    assert len(join_justified(uneven)[1]) == 2
    # A description and its code beside it, half as far again as the description's words are apart
    # (as far as that is one justified line in one face)...
    code = column(
        [[Piece(72, 140, 100.0 + PITCH, spaces=(9.0,))], [Piece(153.5, 227, 100.0 + PITCH, mono=True)]]
    )
    assert len(join_justified(code)[1]) == 2
    # ... while a loose line of prose naming a function has its words as far apart all along.
    prose = column(
        [[Piece(72, 140, 100.0 + PITCH, spaces=(9.0,))], [Piece(149, 227, 100.0 + PITCH, mono=True)]]
    )
    assert len(join_justified(prose)[1]) == 1
    # An index's entry ending in its dot leaders, and its page number.
    led = column(
        [
            [Piece(72, 140, 100.0 + PITCH, spaces=(9.0,), led=True)],
            [Piece(149, 227, 100.0 + PITCH, spaces=(9.0,))],
        ]
    )
    assert len(join_justified(led)[1]) == 2
    # More than three ems apart.
    wide = column(line(100.0 + PITCH, (72, 110), (135, 227), spaces=(25.0,)))
    assert len(join_justified(wide)[1]) == 2


def test_two_justified_columns_stay_apart_across_their_gutter() -> None:
    # A left column's words to 140, the gutter (no wider than a space), the right column's from 149.
    spans = [
        [(72, 100), (109, 140), (149, 190), (199, 227)],
        [(72, 115), (124, 140), (149, 170), (179, 227)],
        [(72, 90), (99, 140), (149, 200), (209, 227)],
    ]
    # A title across both columns, a few lines above them, does not make the gap they share a column's.
    title = line(100.0 + PITCH * (len(spans) + 2), (72, 227))
    bands = join_justified([*(line(100.0 + PITCH * index, *row) for index, row in enumerate(spans)), title])
    extents = [[(min(p.x0 for p in group), max(p.x1 for p in group)) for group in groups] for groups in bands]
    assert extents[:3] == [[(72, 140), (149, 227)]] * 3


def test_a_line_with_no_column_around_it_stays_as_it_is() -> None:
    lone = [line(100.0, (72, 140), (149, 227))]
    assert len(join_justified(lone)[0]) == 2
    # Lines around it that end elsewhere: a table's rows of different lengths.
    ragged = [
        line(100.0, (72, 120), (129, 200)),
        line(109.0, (72, 140), (149, 227)),
        line(118.0, (72, 150), (159, 210)),
    ]
    assert len(join_justified(ragged)[1]) == 2
    # The column runs on above it, but below it comes a row of two pieces ending short: no last line.
    row_below = [
        line(100.0, (72, 120), (129, 200)),
        line(109.0, (72, 140), (149, 227)),
        line(118.0, (72, 150), (159, 227)),
    ]
    assert len(join_justified(row_below)[1]) == 2


def test_the_lines_of_a_paragraph_with_an_indented_first_line_are_joined() -> None:
    # Bands up the page: a full line, a line in two pieces, the paragraph's first line indented 18 pt.
    below_the_first = [
        line(100.0, (72, 120), (129, 227)),
        line(100.0 + PITCH, (72, 140), (149, 227)),
        line(100.0 + 2 * PITCH, (90, 150), (159, 227)),
    ]
    assert [len(groups) for groups in join_justified(below_the_first)] == [1, 1, 1]
    # The first line itself in two pieces: above it the last paragraph's short last line, a line of code
    # displayed, or nothing.
    for above in ([line(100.0 + 3 * PITCH, (72, 160))], [line(100.0 + 3 * PITCH, (110, 150))], []):
        first = [line(100.0, (72, 120), (129, 227)), line(100.0 + PITCH, (90, 150), (159, 227)), *above]
        assert len(join_justified(first)[1]) == 1
    # All in a monospaced face: the column titles of a program's printed table over its first row.
    titles = [line(100.0, (72, 120), (129, 227)), line(100.0 + PITCH, (90, 150), (159, 227), mono=True)]
    assert len(join_justified(titles)[1]) == 2
    # The line below it ends elsewhere: no paragraph goes on under it.
    ragged = [line(100.0, (72, 120), (129, 200)), line(100.0 + PITCH, (90, 150), (159, 227))]
    assert len(join_justified(ragged)[1]) == 2
    # Indented further than a paragraph's indent: no paragraph's first line.
    far = [line(100.0, (72, 120), (129, 227)), line(100.0 + PITCH, (72, 140), (149, 227))]
    far.append(line(100.0 + 2 * PITCH, (140, 170), (179, 227)))
    assert len(join_justified(far)[1]) == 2


def test_the_wider_space_after_a_sentence_end_keeps_a_line_justified() -> None:
    # Word spaces of 4 pt, and 11 pt after the piece that ends a sentence (TeX's loose line).
    def middle(ends_sentence: bool) -> list[list[Piece]]:
        pieces = [Piece(72, 140, 100.0 + PITCH, spaces=(4.0,), ends_sentence=ends_sentence)]
        return [pieces, [Piece(151, 227, 100.0 + PITCH, spaces=(4.0,))]]

    assert len(join_justified(column(middle(ends_sentence=True)))[1]) == 1
    # The same gap after a word that ends no sentence: a table's two columns.
    assert len(join_justified(column(middle(ends_sentence=False)))[1]) == 2


def test_a_space_drawn_as_a_glyph_at_a_pieces_end_is_no_ink() -> None:
    # WeasyPrint draws a justified line's word spaces as glyphs: the first piece's box reaches to the
    # next piece (140 + 8.5), though its ink ends at 140, as far from the next as its words are apart.
    pieces = [[Piece(72, 148.5, 100.0 + PITCH, spaces=(9.0,), ink_end=140)], [Piece(149, 227, 100.0 + PITCH)]]
    assert len(join_justified(column(pieces))[1]) == 1


def test_a_gutter_is_found_where_the_columns_lines_do_not_share_baselines() -> None:
    # The left column's footnotes (smaller, their own baselines) end at 140; the right column's lines
    # start at 149. The line read across both is not joined over the gutter.
    bands = [
        [[Piece(72, 140, 100.0, size=6.0, spaces=(9.0,))]],
        [[Piece(149, 227, 104.0, spaces=(9.0,))]],
        [[Piece(72, 140, 107.0, size=6.0, spaces=(9.0,))]],
        [[Piece(72, 140, 113.0, spaces=(9.0,))], [Piece(149, 227, 113.0, spaces=(9.0,))]],
        [[Piece(149, 227, 122.0, spaces=(9.0,))]],
    ]
    assert len(join_justified(bands)[3]) == 2
    # In one column of loose lines, two end and two others start at the gap's edges by chance; a line
    # runs across it.
    # (Their words set tight, the neighbours stay in pieces, as the evidence of a gutter would.)
    loose = [
        line(100.0, (72, 135), (149, 227), spaces=(2.0,)),
        line(109.0, (72, 140), (152, 227), spaces=(2.0,)),
        line(118.0, (72, 137), (149, 227), spaces=(2.0,)),
        line(127.0, (72, 140), (149, 227)),
        line(136.0, (72, 140), (153, 227), spaces=(2.0,)),
        line(145.0, (72, 227)),
    ]
    assert len(join_justified(loose)[3]) == 1


def test_a_script_between_two_lines_does_not_hide_the_line_below() -> None:
    # A fraction's denominator drawn under the line, before the next line of the column.
    bands = column(line(100.0 + PITCH, (72, 140), (149, 227)))
    denominator = [[Piece(140, 148, 100.0 + PITCH - 3.0, size=SIZE * 0.7)]]
    with_script = [bands[0], denominator, *bands[1:]]
    assert len(join_justified(with_script)[2]) == 1


def test_a_list_items_lines_under_its_bullet_set_out_to_the_left_are_joined() -> None:
    # The item's first line from its bullet at 60, the lines under it from 72; its first line and the
    # next one each in two pieces.
    def item(bulleted: bool) -> list[list[list[Piece]]]:
        first = [
            [Piece(60, 140, 100.0 + 2 * PITCH, spaces=(9.0,), bulleted=bulleted)],
            [Piece(149, 227, 100.0 + 2 * PITCH, spaces=(9.0,))],
        ]
        return [line(100.0, (72, 180)), line(100.0 + PITCH, (72, 140), (149, 227)), first]

    assert [len(groups) for groups in join_justified(item(bulleted=True))] == [1, 1, 1]
    # Without a bullet it is no item's first line: a line set further out than the rest stays in pieces
    # (the line under it still joins, its first line above it set out to the left).
    assert [len(groups) for groups in join_justified(item(bulleted=False))] == [1, 1, 2]
