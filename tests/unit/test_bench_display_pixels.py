"""The display measure compares a display's box but where the source drew other text into it."""

from PIL import Image, ImageDraw

from bench.display_pixels import crops_differ, foreign_chars
from docrelay_common.document import BBox

# At 100 dpi a point is 100/72 pixels: a 72 x 72 pt page is 100 x 100 pixels.
DISPLAY = BBox(x0=18, top=18, x1=54, bottom=54)


def test_only_characters_from_outside_that_reach_in_are_foreign() -> None:
    own = BBox(x0=20, top=20, x1=30, bottom=30)
    reaching = BBox(x0=20, top=10, x1=28, bottom=21)
    apart = BBox(x0=60, top=60, x1=70, bottom=70)

    assert foreign_chars(DISPLAY, [own, reaching, apart]) == [reaching]


def test_pixels_under_foreign_characters_are_not_compared_and_all_others_are() -> None:
    source = Image.new("L", (100, 100), 255)
    output = source.copy()
    # The source's paragraph drew a descender into the box's top; the translation did not.
    ImageDraw.Draw(source).rectangle((28, 26, 34, 28), fill=0)
    descender = BBox(x0=20, top=10, x1=26, bottom=21)

    assert crops_differ(source, output, DISPLAY) > 0
    assert crops_differ(source, output, DISPLAY, [descender]) == 0
    # Ink anywhere else in the box still counts.
    ImageDraw.Draw(output).rectangle((50, 50, 52, 52), fill=0)
    assert crops_differ(source, output, DISPLAY, [descender]) == 9
