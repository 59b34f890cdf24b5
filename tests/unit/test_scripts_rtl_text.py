# Sample texts in Arabic, Greek and CJK scripts look like Latin letters to ruff's confusables check.
# ruff: noqa: RUF001
"""The extractor's right-to-left handling: visual order to logical order, presentation forms to letters."""

import pytest

from docrelay_extractor.rtl import has_rtl, is_mainly_rtl, visual_to_logical
from docrelay_extractor.text import base_letters, clean_line


def logical(visual: str) -> str:
    """A line stored one glyph per character, left to right as displayed, read back and cleaned."""
    return clean_line(visual_to_logical(list(visual)))


@pytest.mark.parametrize(
    ("visual", "expected"),
    [
        ("ملاعلاب ابحرم", "مرحبا بالعالم"),
        ("םלוע םולש", "שלום עולם"),
        # Numbers keep their left-to-right order inside right-to-left text, Arabic-Indic digits too.
        ("انه 2024 ماع يف", "في عام 2024 هنا"),
        # The Quran's ornate verse brackets are not mirrored: they come back as they were drawn.
        ("\ufd3e٢١\ufd3f نيملاعلا", "العالمين \ufd3f٢١\ufd3e"),
        # A Latin word inside Arabic keeps its own order.
        ("يل Hello لاق دقل", "لقد قال Hello لي"),
        # Brackets drawn mirrored in right-to-left text are mirrored back.
        ("(ةملك) بتك", "كتب (كلمة)"),
        # Punctuation at the logical end of the sentence is at its visual left.
        (".ةلمج", "جملة."),
        ("رخآ ،لوأ", "أول، آخر"),
    ],
)
def test_right_to_left_lines_are_read_in_logical_order(visual: str, expected: str) -> None:
    assert logical(visual) == expected


def test_a_left_to_right_line_reorders_only_its_right_to_left_words() -> None:
    assert logical("Arabic: ابحرم (hello)") == "Arabic: مرحبا (hello)"


def test_diacritics_drawn_before_their_letter_follow_it_in_logical_order() -> None:
    # As XeTeX stores "بِسمِ اللَّهِ": each mark before the letter it sits on, left to right.
    visual = "\u0650\u0647\u064e\u0651\u0644\u0644\u0627 \u0650\u0645\u0633\u0650\u0628"
    assert logical(visual) == "\u0628\u0650\u0633\u0645\u0650 \u0627\u0644\u0644\u064e\u0651\u0647\u0650"


def test_a_hamza_mark_before_its_alef_composes_with_it() -> None:
    # "إياك": the hamza below is drawn before the alef; reordered and composed it is U+0625.
    assert logical("كاي\u0655\u0627") == "\u0625ياك"


def test_a_glyph_standing_for_several_letters_keeps_their_order() -> None:
    # "السلام" drawn with a lam-alef ligature glyph whose text is "لا" in logical order.
    assert clean_line(visual_to_logical(["م", "لا", "س", "ل", "ا"])) == "السلام"


def test_presentation_forms_in_visual_order_become_plain_letters_in_logical_order() -> None:
    visual = "\ufee2\ufedf\ufe8e\ufecc\ufedf\ufe8e\ufe91 \ufe8e\ufe92\ufea3\ufeae\ufee3"
    assert logical(visual) == "مرحبا بالعالم"


def test_spaces_and_line_ends_around_the_line_are_dropped() -> None:
    assert visual_to_logical([" ", "ب", "ا", "\n"]) == "اب"


@pytest.mark.parametrize(
    ("form", "letters"),
    [
        ("\ufefb", "\u0644\u0627"),  # lam-alef ligature
        ("\ufef7", "\u0644\u0623"),  # lam-alef with hamza above
        ("\ufe91\ufe8e\ufe91", "\u0628\u0627\u0628"),  # initial, final, initial beh/alef
        ("\ufdf2", "\u0627\u0644\u0644\u0647"),  # the "Allah" ligature
        ("\ufe76", "\u064e"),  # the spacing fatha is just the mark, without a space before it
        ("\ufe77", "\u064e"),  # the medial fatha, without its tatweel
        ("de\ufb01ned", "defined"),
        ("\ufb2a", "\u05e9\u05c1"),  # Hebrew shin with shin dot
    ],
)
def test_presentation_forms_become_the_letters_they_show(form: str, letters: str) -> None:
    assert base_letters(form) == letters


@pytest.mark.parametrize(
    "text",
    ["m² and ½", "パッケージ（v1.3）、「例」", "ｶﾀｶﾅ", "\u2026", "™", "\ufd3e\u0661\ufd3f"],
)
def test_other_compatibility_characters_are_kept(text: str) -> None:
    assert base_letters(text) == text


def test_decomposed_letters_are_composed() -> None:
    assert base_letters("e\u0301 \u0627\u0655") == "é \u0625"


def test_direction_of_a_line() -> None:
    assert has_rtl("abc ب") and not has_rtl("abc 123")
    assert is_mainly_rtl("ملاعلاب Hello") and not is_mainly_rtl("Hello ابحرم")
