"""A font declaring neither ascent nor descent is given its bounding box's depth, if a text face's."""

import pytest
from pdfminer.pdffont import PDFFont

from docrelay_extractor.font_descent import repair_descent


def font(ascent: int, descent: int, bottom: int) -> PDFFont:
    return PDFFont({"Ascent": ascent, "Descent": descent, "FontBBox": [-500, bottom, 1100, 1000]}, {})


def test_a_font_declaring_no_depth_is_as_deep_as_its_box() -> None:
    # LibreOffice's Carlito: /Ascent 0 /Descent 0, /FontBBox down to -258.
    carlito = font(0, 0, -258)
    repair_descent(carlito)
    assert carlito.get_descent() == pytest.approx(-0.258)


@pytest.mark.parametrize(
    ("ascent", "descent", "bottom"),
    [
        (952, -269, -258),  # declared: kept as it is
        (514, 0, -250),  # an ascent declared, a descent of 0 meant (LaTeX's small capitals)
        (0, 0, -2000),  # a symbol font's box (LaTeX's circles), no measure of its glyphs
        (0, 0, -11),  # a box hardly below the baseline (LaTeX's logo font)
    ],
)
def test_declared_depths_and_boxes_no_text_face_has_are_left_alone(
    ascent: int, descent: int, bottom: int
) -> None:
    declared = font(ascent, descent, bottom)
    repair_descent(declared)
    assert declared.descent == descent
