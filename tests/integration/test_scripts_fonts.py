# Sample texts in Arabic, Greek and CJK scripts look like Latin letters to ruff's confusables check.
# ruff: noqa: RUF001
"""Font choice on this machine's installed fonts: a family per script, fallbacks for the rest, glyph coverage
read from the font files, and widths that match what WeasyPrint draws."""

from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest

from docrelay_common.document import BBox, Page, TextBlock, TextStyle
from docrelay_extractor.extract import extract_document
from docrelay_extractor.normalize import normalize_pdf
from docrelay_reconstructor.families import choose_font
from docrelay_reconstructor.fontconfig import font_file, installed_families
from docrelay_reconstructor.fonts import Face, metrics, missing_glyphs
from docrelay_reconstructor.html import document_html
from docrelay_reconstructor.reconstruct import reconstruct
from docrelay_reconstructor.render import StoreOnlyFetcher, render_pdf

SERIF = TextStyle(font="Times-Roman")
SANS_BOLD = TextStyle(font="Helvetica-Bold", bold=True)
MONO = TextStyle(font="Courier")

SAMPLES = {
    "ja": "日本語の文章は、ひらがなとカタカナと漢字で書かれています。",
    "zh": "中文的句子使用汉字书写，词与词之间没有空格。",
    "ko": "한국어 문장은 한글로 씁니다.",
    "ru": "Русский текст набран кириллицей.",
    "el": "Το ελληνικό κείμενο γράφεται με το ελληνικό αλφάβητο.",
    "ar": "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ، الحمد لله رب العالمين 2024.",
    "he": "שלום עולם, זהו טקסט בעברית.",
    "th": "สวัสดีชาวโลก",
    "mixed": "LaTeX 文書 and Привет, مرحبا",
}


@pytest.mark.parametrize(
    ("style", "text", "lang", "first_family"),
    [
        (SERIF, SAMPLES["ja"], None, "Noto Serif CJK JP"),
        (SANS_BOLD, SAMPLES["ja"], None, "Noto Sans CJK JP"),
        (SERIF, SAMPLES["zh"], None, "Noto Serif CJK SC"),
        (SERIF, SAMPLES["zh"], "zh-TW", "Noto Serif CJK TC"),
        (SERIF, "概要", "ja", "Noto Serif CJK JP"),  # Han alone: the language decides
        (MONO, SAMPLES["ko"], None, "Noto Sans Mono CJK KR"),
        # Latin, Greek and Cyrillic: the family with the source font's metrics, when it has the script
        (SERIF, SAMPLES["ru"], None, "Liberation Serif"),
        (SANS_BOLD, SAMPLES["el"], None, "Liberation Sans"),
        (MONO, SAMPLES["ru"], None, "Liberation Mono"),
        (TextStyle(font="ABCDEF+CMR10"), "Texto traducido.", None, "LM Roman 10"),
        (TextStyle(font="CMTT8", typeface="mono"), "Texto traducido.", None, "LM Mono 8"),
        (TextStyle(font="ABCDEF+Calibri", typeface="sans"), "Texto traducido.", None, "Carlito"),
        (TextStyle(font="Cambria,Bold", typeface="serif", bold=True), "Texto traducido.", None, "Caladea"),
        (TextStyle(font="ABCDEF+Garamond", typeface="serif"), "Texto traducido.", None, "DejaVu Serif"),
        (TextStyle(font="CambriaMath", typeface="serif"), "Texto traducido.", None, "DejaVu Serif"),
        (TextStyle(font="Lucida-Bold", typeface="serif"), "Texto traducido.", None, "DejaVu Serif"),
        (SERIF, SAMPLES["ar"], None, "Noto Naskh Arabic"),
        (SANS_BOLD, SAMPLES["ar"], None, "Noto Sans Arabic"),
        (SERIF, SAMPLES["he"], None, "Noto Serif Hebrew"),
        (SERIF, SAMPLES["mixed"], None, "Liberation Serif"),
    ],
)
def test_each_script_gets_an_installed_family_made_for_it(
    style: TextStyle, text: str, lang: str | None, first_family: str
) -> None:
    choice = choose_font(style, text, lang)

    assert choice.families[0] == first_family
    assert set(choice.families) <= installed_families()
    assert choice.css_family.startswith(f"'{first_family}', ")
    assert choice.css_family.endswith(choice.generic.value)
    assert (choice.bold, choice.italic) == (style.bold, style.italic)


@pytest.mark.parametrize("sample", SAMPLES)
@pytest.mark.parametrize("style", [SERIF, SANS_BOLD, MONO])
def test_every_character_has_a_glyph_in_one_of_the_chosen_faces(sample: str, style: TextStyle) -> None:
    text = SAMPLES[sample]
    faces = choose_font(style, text).faces

    uncovered = set(text)
    for face in faces:
        uncovered &= missing_glyphs(text, face)
    assert uncovered == set()


def test_missing_glyphs_reads_the_font_file() -> None:
    assert missing_glyphs("Hello 漢字 мир", Face("DejaVu Sans", False, False)) == {"漢", "字"}
    assert missing_glyphs("Hello 漢字", Face("Noto Sans CJK JP", True, False)) == set()
    # Spaces and bidi controls are laid out without glyphs of their own.
    assert missing_glyphs("\u200fمرحبا\u3000\u202c", Face("Noto Naskh Arabic", False, False)) == set()


def test_a_script_without_a_family_of_its_own_gets_the_family_fontconfig_finds_for_it() -> None:
    choice = choose_font(SERIF, SAMPLES["th"])

    assert choice.families[0] == "Liberation Serif"
    fallback = Face(choice.families[-1], False, False)
    assert missing_glyphs(SAMPLES["th"], fallback) == set()


def test_a_character_no_installed_font_has_adds_no_family() -> None:
    unknown = "\U0010fffd"  # a private-use character of plane 16
    assert choose_font(SERIF, f"abc {unknown}") == choose_font(SERIF, "abc")


def test_faces_are_measured_from_the_file_fontconfig_gives_pango() -> None:
    bold_cjk = font_file(Face("Noto Sans CJK JP", True, False).fontconfig_pattern)
    assert bold_cjk.path.name == "NotoSansCJK-Bold.ttc"
    assert bold_cjk.index == 0
    regular_korean = font_file(Face("Noto Sans CJK KR", False, False).fontconfig_pattern)
    assert (regular_korean.path.name, regular_korean.index) != (bold_cjk.path.name, bold_cjk.index)


@pytest.mark.parametrize("sample", ["ja", "ru", "el", "ar", "he", "th", "mixed"])
def test_measured_width_is_the_width_weasyprint_draws(sample: str, tmp_path: Path) -> None:
    """Arabic letters are narrower joined than alone: measuring is shaping, as Pango does it.

    Within 1%: a space between two fonts may be drawn in either (Pango weighs both, we keep the first).
    """
    text, size = SAMPLES[sample], 10.0
    style = SERIF.model_copy(update={"size": size})
    block = TextBlock(
        id="b", bbox=BBox(x0=20, top=20, x1=580, bottom=34), text=text, source_text=text, style=style
    )
    pdf = render_pdf(
        document_html([Page(number=1, width=600, height=60, blocks=[block])]), StoreOnlyFetcher(tmp_path)
    )
    with pdfplumber.open(BytesIO(pdf)) as document:
        chars = document.pages[0].chars
    drawn = max(char["x1"] for char in chars) - min(char["x0"] for char in chars)

    measured = metrics(choose_font(style, text).faces).width(text) * size
    assert measured == pytest.approx(drawn, rel=0.01)


def test_the_samples_sans_headings_and_serif_text_keep_their_families(
    sample_pdf: Path, tmp_path: Path
) -> None:
    # The bundled sample is drawn in DejaVu Sans (headings) and DejaVu Serif (text). Taken for one
    # family "DejaVu" by the name before their first hyphen, both had been set in DejaVu Serif.
    base = tmp_path / "base.pdf"
    base.write_bytes(normalize_pdf(sample_pdf).pdf)
    document = extract_document(base)
    translated = document.model_copy(deep=True)
    for block in translated.blocks():
        block.text = block.source_text.upper()

    with pdfplumber.open(BytesIO(reconstruct(base, translated, tmp_path))) as result:
        chars = result.pages[0].chars
        fonts = {char["text"]: char["fontname"] for char in chars if char["size"] >= 19}
        text_fonts = {char["fontname"].partition("+")[2] for char in chars if round(char["size"]) == 11}

    # The title (20 pt) in DejaVu Sans Bold, the body (11 pt) in DejaVu Serif.
    assert fonts["L"].partition("+")[2] in {"DejaVuSans-Bold", "DejaVu-Sans-Bold"}
    assert text_fonts <= {"DejaVuSerif", "DejaVu-Serif"}
