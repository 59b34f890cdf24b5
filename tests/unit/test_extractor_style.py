import pytest

from docrelay_common.typeface import font_name
from docrelay_extractor.style import color_hex, is_bold, is_italic, is_monospace


def test_font_name_strips_subset_tag():
    assert font_name("ABCDEF+Times-Roman") == "Times-Roman"
    assert font_name("Times-Roman") == "Times-Roman"
    assert font_name("abcdef+Lower") == "abcdef+Lower"


@pytest.mark.parametrize(
    ("font", "bold", "italic"),
    [
        ("Times-Roman", False, False),
        ("Times-BoldItalic", True, True),
        ("Helvetica-Oblique", False, True),
        ("Garamond,Bold", True, False),
        ("Arial-BoldMT", True, False),
        ("MinionPro-SemiboldIt", True, True),
        ("MinionPro-It", False, True),
        ("SourceSansPro-Black", True, False),
        ("Avenir-Heavy", True, False),
        ("Futura-DemiBold", True, False),
        ("NimbusRomNo9L-Medi", True, False),
        ("NimbusRomNo9L-ReguItal", False, True),
        ("GothicBBB-Medium", False, False),
        ("Lucida-Bold", True, False),
        ("CMR10", False, False),
        ("CMBX12", True, False),
        ("CMTI10", False, True),
        ("CMSL10", False, True),
        ("CMBXTI10", True, True),
        ("CMMI10", False, True),
        ("CMTT10", False, False),
        ("SFBX1200", True, False),
        ("SFRM1000", False, False),
        ("cmcbx12", True, False),
        ("cmcti10", False, True),
    ],
)
def test_face_from_font_name(font, bold, italic):
    assert (is_bold(font), is_italic(font)) == (bold, italic)


@pytest.mark.parametrize(
    ("font", "monospace"),
    [
        ("Courier-Bold", True),
        ("LMMono10-Regular", True),
        ("NimbusMonL-Regu", True),
        ("CMTT10", True),
        ("CMSLTT10", True),
        ("CMR10", False),
        ("Helvetica", False),
    ],
)
def test_monospace_from_font_name(font, monospace):
    assert is_monospace(font) is monospace


@pytest.mark.parametrize(
    ("space", "components", "expected"),
    [
        ("DeviceGray", (0,), "#000000"),
        ("DeviceGray", (1.0,), "#ffffff"),
        ("DeviceGray", (0.5,), "#808080"),
        ("DeviceRGB", (1.0, 0.0, 0.0), "#ff0000"),
        ("ICCBased", (0.0, 0.0, 0.75), "#0000bf"),
        ("ICCBased", (0.2,), "#333333"),
        ("DeviceCMYK", (0.0, 0.0, 0.0, 1.0), "#000000"),
        ("DeviceCMYK", (1.0, 0.0, 0.0, 0.0), "#00ffff"),
        ("DeviceRGB", (2.0, -1.0, 0.5), "#ff0080"),
        ("Pattern", (0.2,), "#000000"),
        ("Separation", (1.0,), "#000000"),
        ("DeviceRGB", (None,), "#000000"),
        ("DeviceRGB", (0.1, 0.2), "#000000"),
    ],
)
def test_color_hex(space, components, expected):
    assert color_hex(space, components) == expected
