"""A font declaring neither ascent nor descent is given its embedded program's descent (font_descent)."""

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pdfminer.pdffont import PDFFont
from pdfminer.pdftypes import PDFStream

from docrelay_extractor.font_descent import repair_descent

CARLITO = Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")


def font(ascent: int, descent: int, program: bytes | None) -> PDFFont:
    descriptor: dict[str, object] = {
        "Ascent": ascent,
        "Descent": descent,
        "FontBBox": [-500, -300, 1100, 1000],
    }
    if program is not None:
        descriptor["FontFile2"] = PDFStream({"Length": len(program)}, program)
    return PDFFont(descriptor, {})


def test_a_font_declaring_no_depth_is_as_deep_as_its_program_says() -> None:
    # LibreOffice's Carlito: /Ascent 0 /Descent 0, its program's hhea descent a quarter of an em.
    with TTFont(CARLITO, lazy=True) as carlito:
        expected = carlito["hhea"].descent / carlito["head"].unitsPerEm
    undeclared = font(0, 0, CARLITO.read_bytes())
    repair_descent(undeclared)
    assert undeclared.get_descent() == pytest.approx(expected)
    assert -0.3 < expected < -0.2


@pytest.mark.parametrize(
    ("ascent", "descent", "program"),
    [
        (952, -269, CARLITO.read_bytes()),  # declared: kept as it is
        (514, 0, CARLITO.read_bytes()),  # an ascent declared, a descent of 0 meant (LaTeX's small capitals)
        (0, 0, None),  # no program to read it from (a Type 1 or CFF font)
        (0, 0, b"no font program"),  # a damaged one
    ],
    ids=["declared", "ascent declared", "no program", "damaged program"],
)
def test_declared_depths_and_fonts_without_a_readable_program_are_left_alone(
    ascent: int, descent: int, program: bytes | None
) -> None:
    declared = font(ascent, descent, program)
    repair_descent(declared)
    assert declared.descent == descent
