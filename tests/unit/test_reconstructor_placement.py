"""The pure decisions of the reconstructor: generic families, colours, shown text and page placement."""

import pytest

from docrelay_common.document import BBox, TextBlock
from docrelay_reconstructor.families import Generic, generic_for
from docrelay_reconstructor.html import safe_color
from docrelay_reconstructor.overlay import Matrix, display_matrix
from docrelay_reconstructor.sizing import display_text


@pytest.mark.parametrize(
    ("font_name", "generic"),
    [
        ("QTLIUY+NimbusRomNo9L-Regu", Generic.SERIF),
        ("Times-Roman", Generic.SERIF),
        ("FUPTOA+CMR10", Generic.SERIF),
        ("GISIRQ+SFRM1000", Generic.SERIF),
        ("Garamond,Bold", Generic.SERIF),
        ("VRLTXJ+CMTT10", Generic.MONO),
        ("Courier-BoldOblique", Generic.MONO),
        ("MBAJCP+LMMono9-Regular", Generic.MONO),
        ("FMMNOT+Helvetica", Generic.SANS),
        ("BAAAAA+ArialMT", Generic.SANS),
        ("Microsoft Sans Serif", Generic.SANS),
        ("ESGSBI+Scheherazade-Regular", Generic.SERIF),
        ("NotoSerifCJKjp-Regular-VKana", Generic.SERIF),
        ("Ryumin-Light", Generic.SERIF),
        ("GothicBBB-Medium", Generic.SANS),
        ("", Generic.SANS),
    ],
)
def test_generic_family_follows_the_source_font_name(font_name: str, generic: Generic) -> None:
    assert generic_for(font_name) == generic


@pytest.mark.parametrize("color", ["#000000", "#1a2B3c", "#fff"])
def test_hex_colours_are_kept(color: str) -> None:
    assert safe_color(color) == color


@pytest.mark.parametrize("color", ["red; background: url(http://example.com)", "#12345", "", "#0000007"])
def test_anything_else_becomes_black(color: str) -> None:
    assert safe_color(color) == "#000000"


def test_untranslatable_blocks_show_their_source_text() -> None:
    bbox = BBox(x0=0, top=0, x1=10, bottom=10)
    translated = TextBlock(id="a", bbox=bbox, text="Hola", source_text="Hello")
    kept = TextBlock(id="b", bbox=bbox, text="", source_text="42 %", translatable=False)

    assert display_text(translated) == "Hola"
    assert display_text(kept) == "42 %"


def apply(matrix: Matrix, point: tuple[float, float]) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    x, y = point
    return a * x + c * y + e, b * x + d * y + f


@pytest.mark.parametrize(
    ("rotation", "displayed_top_left", "displayed_top_right"),
    [
        # MediaBox [10 20 110 220]: 100 wide, 200 high in user space.
        (0, (10, 220), (110, 220)),
        (90, (10, 20), (10, 220)),  # shown clockwise: the user space's left edge is on top
        (180, (110, 20), (10, 20)),
        (270, (110, 220), (110, 20)),
        (-90, (110, 220), (110, 20)),
    ],
)
def test_display_matrix_maps_the_displayed_corners_to_user_space(
    rotation: int, displayed_top_left: tuple[float, float], displayed_top_right: tuple[float, float]
) -> None:
    matrix = display_matrix([10, 20, 110, 220], rotation)
    width, height = (100, 200) if rotation % 180 == 0 else (200, 100)

    assert apply(matrix, (0, height)) == displayed_top_left
    assert apply(matrix, (width, height)) == displayed_top_right
