"""The pieces of a line as the justified-line rules see them: glyphs laid out by hand
(tests/support/glyph_lines)."""

from pdfminer.layout import LTAnno

from docrelay_extractor.baselines import _Piece
from tests.support.glyph_lines import Line


def test_the_gap_after_a_list_items_bullet_is_no_word_space() -> None:
    # "•", a bullet's own gap, then words 4 pt apart: the words' spacing is 4 pt alone.
    line = Line().add("\u2022").gap(7.0)
    line.items.append(LTAnno(" "))
    line.add("Windows").gap(4.0)
    line.items.append(LTAnno(" "))
    line.add("UNC")
    piece = _Piece.of(line.items)
    assert piece.bulleted and piece.spaces == (4.0,)
    # The same gap after a word is a word space.
    plain = Line().add("A").gap(7.0)
    plain.items.append(LTAnno(" "))
    plain.add("Windows")
    assert not _Piece.of(plain.items).bulleted and _Piece.of(plain.items).spaces == (7.0,)
