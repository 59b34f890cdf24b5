"""Glyphs of fonts that declare no descent are boxed where they are drawn (font_descent).

LibreOffice writes /Ascent 0 and /Descent 0 into the fonts it embeds; pdfminer boxed each glyph from its
baseline up, a quarter of an em higher than it is drawn, and a table's translated cells were set that
much above the numbers kept beside them. The same page typeset by WeasyPrint in Carlito or DejaVu Sans (whose
bounding box reaches twice as deep as its descent), its fonts then made to declare no depth, reads with
the boxes it had.
"""

from pathlib import Path

import pikepdf
import pytest
from weasyprint import HTML

from docrelay_extractor.extract import extract_document
from tests.support.typeset import html_table

PAGE = (
    "<style>@page{size:A5;margin:2cm} body{font:11pt %s}</style>"
    "<p>Price list, valid until further notice.</p>"
    + html_table(
        ["Code", "Product", "Price"], [["C-101", "Espresso", "2.10"], ["C-102", "Flat white", "3.10"]]
    )
)


def declaring_no_depth(source: Path, target: Path) -> None:
    with pikepdf.open(source) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            fonts = font.DescendantFonts if font.Subtype == "/Type0" else [font]
            for each in fonts:
                each.FontDescriptor.Ascent = 0
                each.FontDescriptor.Descent = 0
        pdf.save(target)


@pytest.mark.parametrize("family", ["Carlito", "'DejaVu Sans'"])
def test_glyphs_of_fonts_declaring_no_descent_are_boxed_where_they_are_drawn(
    tmp_path: Path, family: str
) -> None:
    declared = tmp_path / "declared.pdf"
    declared.write_bytes(HTML(string=PAGE % family).write_pdf())
    undeclared = tmp_path / "undeclared.pdf"
    declaring_no_depth(declared, undeclared)

    expected = extract_document(declared).pages[0].blocks
    found = extract_document(undeclared).pages[0].blocks

    assert [block.text for block in found] == [block.text for block in expected]
    for block, reference in zip(found, expected, strict=True):
        assert block.bbox.top == pytest.approx(reference.bbox.top, abs=0.2)
        assert block.bbox.bottom == pytest.approx(reference.bbox.bottom, abs=0.2)
