"""The typeface class of a font (serif, sans, mono), and the family with its metrics a translation gets."""

import pytest
from pdfminer.pdffont import PDFFont
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.psparser import LIT

from docrelay_common.document import TextStyle, Typeface
from docrelay_common.typeface import typeface_from_name
from docrelay_extractor.typefaces import DEFAULT, font_class
from docrelay_reconstructor.metric_families import metric_family


@pytest.mark.parametrize(
    ("name", "typeface"),
    [
        ("QTLIUY+NimbusRomNo9L-Regu", "serif"),
        ("Times-Roman", "serif"),
        ("FUPTOA+CMR10", "serif"),
        ("CMBX12", "serif"),
        ("SFRM1000", "serif"),
        ("LMRoman10-Regular", "serif"),
        ("Garamond,Bold", "serif"),
        ("VRLTXJ+CMTT10", "mono"),
        ("CMSLTT10", "mono"),
        ("cmctt10", "mono"),  # Cyrillic Computer Modern typewriter
        ("ectt1000", "mono"),
        ("LMMono9-Regular", "mono"),
        ("Courier-BoldOblique", "mono"),
        ("DejaVuSansMono", "mono"),
        ("SourceCodePro-Regular", "mono"),
        ("ArialUnicodeMS", "sans"),
        ("LucidaSansUnicode", "sans"),
        ("MonotypeCorsiva", None),
        ("CMSS10", "sans"),
        ("LMSans10-Regular", "sans"),
        ("FMMNOT+Helvetica", "sans"),
        ("ArialMT", "sans"),
        ("Microsoft Sans Serif", "sans"),
        ("LOGO10", None),
        ("Lucida-Bold", None),
        ("", None),
    ],
)
def test_the_name_tells_the_class_when_it_can(name: str, typeface: Typeface | None) -> None:
    assert typeface_from_name(name) == typeface


def simple_font(name: str, flags: int, widths: list[int]) -> PDFFont:
    """A Type 1 font as pdfminer reads it from a PDF: letters from 'a' on, of these widths."""
    spec = {
        "Type": LIT("Font"),
        "Subtype": LIT("Type1"),
        "BaseFont": LIT(name),
        "FirstChar": ord("a"),
        "LastChar": ord("a") + len(widths) - 1,
        "Widths": widths,
        "Encoding": LIT("WinAnsiEncoding"),
        "FontDescriptor": {"FontName": LIT(name), "Flags": flags, "FontBBox": [0, -250, 1000, 750]},
    }
    return PDFResourceManager().get_font(None, spec)


def test_unknown_names_are_told_by_the_descriptor_and_the_widths() -> None:
    # pdfTeX calls every font symbolic (flags 4): only set flags and equal widths are believed.
    assert font_class(simple_font("LOGO10", 4, [500, 300, 700, 450, 520, 610])) == DEFAULT == "sans"
    assert font_class(simple_font("Unnamed1", 4, [525] * 10)) == "mono"
    assert font_class(simple_font("Unnamed2", 1, [500, 300, 700])) == "mono"
    assert font_class(simple_font("Unnamed3", 2 + 32, [500, 300, 700])) == "serif"
    # Digits are as wide as each other in most fonts: a few letters of one width say nothing.
    assert font_class(simple_font("Unnamed4", 4, [500] * 3)) == "sans"
    assert font_class(simple_font("Courier", 4 + 32, [500, 300, 700])) == "mono"  # the name first


@pytest.mark.parametrize(
    ("font", "typeface", "bold", "italic", "family"),
    [
        ("CMR10", "serif", False, False, "LM Roman 10"),
        ("ABCDEF+CMR8", "serif", False, False, "LM Roman 8"),
        ("CMBX12", "serif", True, False, "LM Roman 12"),
        ("CMR11", "serif", False, False, "LM Roman 10"),  # the nearest design size
        ("CMBXTI10", "serif", True, True, "LM Roman 10"),
        ("CMR12", "serif", True, True, "LM Roman 10"),  # bold italic exists at 10 pt only
        ("SFRM1000", "serif", False, False, "LM Roman 10"),
        ("CMSS9", "sans", False, False, "LM Sans 9"),
        ("CMTT8", "mono", False, False, "LM Mono 8"),
        ("LMMono12-Regular", "mono", False, False, "LM Mono 12"),
        ("NimbusRomNo9L-Regu", "serif", False, False, "Liberation Serif"),
        ("Times-Bold", "serif", True, False, "Liberation Serif"),
        ("Helvetica-Oblique", "sans", False, True, "Liberation Sans"),
        ("ArialMT", "sans", False, False, "Liberation Sans"),
        ("Courier", "mono", False, False, "Liberation Mono"),
        # As Cairo and WeasyPrint name the fonts they embed.
        ("ABCDEF+Liberation-Serif", "serif", False, False, "Liberation Serif"),
        ("Liberation_Sans-Bold", "sans", True, False, "Liberation Sans"),
        ("Cambria-Math", "serif", False, False, None),
        ("Garamond", "serif", False, False, None),
        # Installed families are their own twins (the bundled sample's headings are in DejaVu Sans).
        ("ABCDEF+DejaVu-Sans-Bold", "sans", True, False, "DejaVu Sans"),
        ("DejaVuSerif-Italic", "serif", False, True, "DejaVu Serif"),
        ("DejaVuSansMono-Bold", "mono", True, False, "DejaVu Sans Mono"),
        ("DejaVuSansCondensed-Bold", "sans", True, False, "DejaVu Sans Condensed"),
        # As WeasyPrint names the condensed faces.
        ("DejaVu-Serif-Bold-Semi-Condensed", "serif", True, False, "DejaVu Serif Condensed"),
        ("NotoSans-Regular", "sans", False, False, "Noto Sans"),
        ("NotoSerif-Bold", "serif", True, False, "Noto Serif"),
        # Another script's Noto family has other Latin letters.
        ("NotoSansJP-Regular", "sans", False, False, None),
    ],
)
def test_fonts_with_a_metric_compatible_family_get_it(
    font: str, typeface: Typeface, bold: bool, italic: bool, family: str | None
) -> None:
    assert metric_family(TextStyle(font=font, bold=bold, italic=italic), typeface) == family
