"""The text of a run of glyphs laid out by hand (tests/support/glyph_lines)."""

from docrelay_extractor.glyph_text import run_text
from tests.support.glyph_lines import Line


def test_letters_set_apart_in_a_line_that_draws_its_spaces_are_one_word() -> None:
    # An OCR layer placing each letter where the scan shows it, 2 pt apart, its word spaces drawn 5 pt
    # wide: pdfminer guessed "T he T o wer 1".
    line = Line().add("T").guessed_space(2.0).add("he ", drawn_spaces=True)
    line.add("T").guessed_space(2.0).add("o").guessed_space(2.0).add("wer ", drawn_spaces=True).add("1")
    assert run_text(line.items) == "The Tower 1"
    # A dash set off by thin spaces keeps them.
    dashed = Line().add("pay ", drawn_spaces=True).add("by ", drawn_spaces=True).add("deposit")
    dashed.guessed_space(1.0).add("\u2013").guessed_space(1.0).add("now")
    assert run_text(dashed.items) == "pay by deposit \u2013 now"


def test_a_line_without_drawn_spaces_keeps_the_spaces_pdfminer_guessed() -> None:
    # TeX draws no spaces: its word gaps are guessed, however narrow.
    line = Line().add("T").guessed_space(2.0).add("he").guessed_space(2.0).add("end")
    assert run_text(line.items) == "T he end"


def test_a_spacing_accent_drawn_over_a_letter_beside_it_is_that_letters_mark() -> None:
    # TeX's OT1 "\'o": the acute first, then the "o" drawn under it; "\c{c}": the cedilla after the "c";
    # "\"{\i}": the dieresis over a dotless i.
    region = Line().add("regi").add("\u00b4").gap(-5.0).add("on")
    francois = Line().add("Fran").add("c").gap(-5.0).add("\u00b8").add("ois")
    naive = Line().add("na").add("\u00a8").gap(-5.0).add("\u0131ve")
    assert [run_text(line.items) for line in (region, francois, naive)] == ["región", "François", "naïve"]
    # An accent standing on its own, between letters or before a word, is a character of the text.
    apart = Line().add("don\u00b4t ").add("`quoted' ^x")
    assert run_text(apart.items) == "don\u00b4t `quoted' ^x"
