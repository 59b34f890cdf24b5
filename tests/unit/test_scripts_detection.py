"""The reconstructor's reading of a text's scripts and direction, and the CSS font list it writes."""

import pytest

from docrelay_reconstructor.families import FontChoice, Generic
from docrelay_reconstructor.fonts import Face, needs_glyph
from docrelay_reconstructor.scripts import Script, is_rtl, script_of, scripts_by_use


@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("a", Script.LATIN),
        ("é", Script.LATIN),
        ("Ж", Script.CYRILLIC),
        ("λ", Script.GREEK),
        ("ب", Script.ARABIC),
        ("\ufefb", Script.ARABIC),  # lam-alef presentation form
        ("ש", Script.HEBREW),
        ("漢", Script.HAN),
        ("、", Script.HAN),  # CJK punctuation needs a CJK font
        ("\uff08", Script.HAN),  # full-width parenthesis
        ("か", Script.KANA),
        ("カ", Script.KANA),
        ("한", Script.HANGUL),
        ("\U00020b9f", Script.HAN),  # an ideograph outside the Basic Multilingual Plane
    ],
)
def test_letters_belong_to_their_script(char: str, script: Script) -> None:
    assert script_of(char) == script


@pytest.mark.parametrize("char", ["1", " ", ".", "(", "\u0301", "\u200f", "ก", "\u0905"])
def test_shared_characters_and_unlisted_scripts_have_none(char: str) -> None:
    assert script_of(char) is None


def test_scripts_come_most_used_first() -> None:
    assert scripts_by_use("LaTeX 文書") == [Script.LATIN, Script.HAN]
    assert scripts_by_use("日本語のテキスト in LaTeX") == [Script.LATIN, Script.KANA, Script.HAN]
    assert scripts_by_use("مرحبا بالعالم Hello") == [Script.ARABIC, Script.LATIN]
    assert scripts_by_use("2024 — 42 %") == []


def test_a_text_is_rtl_when_most_of_its_letters_are() -> None:
    assert is_rtl("مرحبا بالعالم")
    assert is_rtl("2024 שלום")
    assert is_rtl("Google هي شركة أمريكية")  # starts with a Latin word, mostly Arabic
    assert not is_rtl("Hello مرحبا")
    assert not is_rtl("The word مرحبا means hello")
    assert not is_rtl("1234")
    # Pseudo-localised ar-XB text: Latin letters wrapped in bidi controls stay left-to-right.
    assert not is_rtl("\u200f\u202eword\u202c\u200f")


def test_the_css_list_names_the_families_in_order_then_the_generic_family() -> None:
    choice = FontChoice(("Noto Naskh Arabic", "DejaVu Serif"), Generic.SERIF, bold=True, italic=False)

    assert choice.css_family == "'Noto Naskh Arabic', 'DejaVu Serif', serif"
    assert choice.faces == (Face("Noto Naskh Arabic", True, False), Face("DejaVu Serif", True, False))


def test_without_an_installed_family_the_generic_family_is_measured() -> None:
    choice = FontChoice((), Generic.MONO, bold=False, italic=True)

    assert choice.css_family == "monospace"
    assert choice.faces == (Face("monospace", False, True),)


@pytest.mark.parametrize("char", [" ", "\u00a0", "\u3000", "\u200f", "\u202e", "\n"])
def test_spaces_and_format_characters_need_no_glyph(char: str) -> None:
    assert not needs_glyph(char)


@pytest.mark.parametrize("char", ["a", "\u064e", "漢", "ก"])
def test_letters_and_marks_need_a_glyph(char: str) -> None:
    assert needs_glyph(char)
