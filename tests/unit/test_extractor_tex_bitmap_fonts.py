"""pdfTeX's bitmap fonts get a ToUnicode map in T1's encoding; other fonts are left as they are."""

import pikepdf
import pytest

from docrelay_extractor.tex_bitmap_fonts import map_bitmap_fonts, t1_text


def type3_font(pdf: pikepdf.Pdf, codes: list[int], name: str = "/a{code}") -> pikepdf.Dictionary:
    differences: list[object] = []
    for code in codes:
        differences += [code, pikepdf.Name(name.format(code=code))]
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type3,
            Encoding=pikepdf.Dictionary(Differences=pikepdf.Array(differences)),
        )
    )


def with_fonts(pdf: pikepdf.Pdf, fonts: dict[str, pikepdf.Dictionary]) -> pikepdf.Pdf:
    pdf.add_blank_page()
    pdf.pages[0].obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(fonts))
    return pdf


def mapping(font: pikepdf.Dictionary) -> bytes:
    return bytes(font.ToUnicode.read_bytes())


@pytest.mark.parametrize(
    ("code", "text"),
    [(0x1C, "fi"), (0x1B, "ff"), (0x10, "\u201c"), (0x27, "\u2019"), (0x61, "a"), (0xF3, "ó"), (0xFF, "ß")],
)
def test_t1_codes_read_as_their_letters(code: int, text: str) -> None:
    assert t1_text(code) == text


def test_a_pdftex_bitmap_font_gets_a_map_and_other_fonts_keep_theirs() -> None:
    pdf = pikepdf.new()
    latin = type3_font(pdf, [0x1C, 0x61, 0x62, 0x63, 0xF3])
    drawn = type3_font(pdf, [0x1C, 0x61], name="/g{code}")  # another producer's glyph names
    mapped = type3_font(pdf, [0x61])
    mapped.ToUnicode = pdf.make_stream(b"")
    with_fonts(pdf, {"/F1": latin, "/F2": drawn, "/F3": mapped})

    assert map_bitmap_fonts(pdf) == 1
    assert b"<1C> <00660069>" in mapping(latin) and b"<F3> <00F3>" in mapping(latin)
    assert "/ToUnicode" not in drawn and mapping(mapped) == b""


def test_a_font_of_mostly_upper_codes_keeps_its_upper_half_unmapped() -> None:
    # Cyrillic's T2 encodings share T1's lower half and hold their letters where T1 has Latin ones.
    pdf = pikepdf.new()
    cyrillic = type3_font(pdf, [0x1C, 0x61, *range(0xE0, 0xE6)])
    with_fonts(pdf, {"/F1": cyrillic})
    assert map_bitmap_fonts(pdf) == 1
    cmap = mapping(cyrillic)
    assert b"<1C> <00660069>" in cmap and b"<E0>" not in cmap
