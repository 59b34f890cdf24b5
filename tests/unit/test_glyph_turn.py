"""The one rule both the extractor and the reconstructor use to tell which way a glyph is turned."""

import math

from docrelay_common.glyph_turn import glyph_turn


def turned(degrees_clockwise: float, size: float = 10.0) -> tuple[float, ...]:
    # A text matrix turned clockwise on the page (PDF user space has y upwards).
    radians = math.radians(-degrees_clockwise)
    return (
        size * math.cos(radians),
        size * math.sin(radians),
        -size * math.sin(radians),
        size * math.cos(radians),
        0,
        0,
    )


def test_quarter_turns_are_told_apart() -> None:
    assert [glyph_turn(turned(angle), upright=angle == 0) for angle in (0, 90, 180, 270)] == [0, 90, 180, 270]


def test_a_slight_skew_still_counts_as_its_quarter_turn() -> None:
    assert glyph_turn(turned(93), upright=False) == 90
    assert glyph_turn(turned(-4), upright=False) == 0


def test_other_angles_follow_pdfminer_and_mirrored_text_reads_no_turn() -> None:
    assert glyph_turn(turned(45), upright=False) is None
    assert glyph_turn(turned(30), upright=True) == 0
    assert glyph_turn((-10, 0, 0, 10, 0, 0), upright=False) is None
