"""The family nearest in width for fonts without metric twins, measured on hand-made one-line blocks with
the real fonts' metrics."""

import pytest

from docrelay_common.document import BBox, Document, Page, TextBlock, TextStyle
from docrelay_reconstructor.families import FontChoice, Generic, choose_font
from docrelay_reconstructor.fonts import metrics
from docrelay_reconstructor.sizing import setting
from docrelay_reconstructor.width_twins import MIN_CHARACTERS, width_twins

LINES = [
    "Registration as a Prerequisite to Suit",
    "The remaining technical amendment relates to the prohibition",
    "General approach",
    "Article 18 of the WPPT contains nearly identical language.",
]


def width_in(family: str, text: str, style: TextStyle, stretch: float = 1.0) -> float:
    choice = FontChoice((family,), Generic.SERIF, style.bold, style.italic)
    return metrics(choice.faces).width(text) * style.size * stretch


def line(index: int, text: str, style: TextStyle, width: float, **update: object) -> TextBlock:
    box = BBox(x0=72, top=100 + 20 * index, x1=72 + width, bottom=112 + 20 * index)
    block = TextBlock(id=f"b{index}", bbox=box, text=text, source_text=text, style=style)
    return block.model_copy(update=update)


def document(*blocks: TextBlock) -> Document:
    return Document(source_lang="en", pages=[Page(number=1, width=612, height=792, blocks=list(blocks))])


def garamond(bold: bool = False, italic: bool = False) -> TextStyle:
    name = "Garamond" + (",Bold" if bold else "") + (",Italic" if italic else "")
    return TextStyle(font=name, size=11, bold=bold, italic=italic, typeface="serif")


def test_a_font_drawn_as_narrow_as_liberation_serif_is_set_in_it_with_all_its_faces() -> None:
    # dmca's Garamond is drawn ~3% narrower than Liberation Serif, and far narrower than DejaVu Serif. Its
    # faces are one decision: the bold line alone is too short to tell.
    assert len(LINES[2]) < MIN_CHARACTERS
    styles = [garamond(), garamond(bold=True), garamond(italic=True), garamond()]
    blocks = [
        line(index, text, style, width_in("Liberation Serif", text, style, 0.97))
        for index, (text, style) in enumerate(zip(LINES, styles, strict=True))
    ]

    # A face seen only in paragraphs of several lines is the family's too.
    paragraph = line(9, "An italic paragraph.", garamond(bold=True, italic=True), 300, line_count=3)
    twins = width_twins(document(*blocks, paragraph))

    assert twins == dict.fromkeys(
        ["Garamond", "Garamond,Bold", "Garamond,Italic", "Garamond,Bold,Italic"], "Liberation Serif"
    )
    chosen = setting(blocks[0], blocks[0].bbox, "en", twins=twins)
    assert chosen.font_choice.families[0] == "Liberation Serif"
    # Without a twin, the default: DejaVu first.
    assert choose_font(garamond(), LINES[0]).families[0] == "DejaVu Serif"


def test_a_font_as_wide_as_dejavu_keeps_it() -> None:
    style = TextStyle(font="Georgia-Wide", size=10, typeface="serif")
    blocks = [
        line(index, text, style, width_in("DejaVu Serif", text, style)) for index, text in enumerate(LINES)
    ]

    assert width_twins(document(*blocks)) == {"Georgia-Wide": "DejaVu Serif"}


def test_fonts_with_metric_twins_or_too_little_text_or_lines_that_do_not_measure_are_left_out() -> None:
    short = "Page 3"
    assert len(short) < MIN_CHARACTERS
    times = TextStyle(font="Times-Roman", size=10, typeface="serif")
    style = garamond()
    narrow = width_in("Liberation Serif", LINES[1], style)
    blocks = [
        line(0, short, style, width_in("Liberation Serif", short, style)),
        line(1, LINES[1], times, width_in("Liberation Serif", LINES[1], times)),
        # Two lines, a dot leader in the box, OCR's word boxes, text turned: no measure of the font.
        line(2, LINES[1], style, narrow, line_count=2),
        line(3, LINES[1], style, narrow, leader="."),
        line(4, LINES[1], style, narrow, source="ocr"),
        line(5, LINES[1], style, narrow, rotation=90),
    ]

    assert width_twins(document(*blocks)) == {}


@pytest.mark.parametrize(
    ("sans_font", "serif_font"),
    [("ABCDEF+Source-Sans-Bold", "ABCDEF+Source-Serif"), ("IBM-Plex-Sans-Bold", "IBM-Plex-Serif")],
)
def test_the_sans_and_serif_designs_of_one_family_are_two_decisions(sans_font: str, serif_font: str) -> None:
    # The two share the name before their first hyphen; decided as one family, the sans headings were
    # set in the serif text's twin (or the other way round).
    sans = TextStyle(font=sans_font, size=11, bold=True, typeface="sans")
    serif = TextStyle(font=serif_font, size=11, typeface="serif")
    blocks = [
        line(index, text, style, width_in(family, text, style))
        for index, (text, style, family) in enumerate(
            [
                (LINES[0], sans, "Liberation Sans"),
                (LINES[1], serif, "Liberation Serif"),
                (LINES[3], sans, "Liberation Sans"),
                (LINES[3], serif, "Liberation Serif"),
            ]
        )
    ]

    twins = width_twins(document(*blocks))

    assert twins == {sans_font: "Liberation Sans", serif_font: "Liberation Serif"}
