# Japanese and Chinese samples hold full-width punctuation that ruff's confusables check takes for ASCII.
# ruff: noqa: RUF001
"""Line breaks inside Chinese and Japanese text, which has no spaces, with the kinsoku rules."""

import pytest

from docrelay_reconstructor.breaks import segments
from docrelay_reconstructor.fit import fit_text, wrap


def cjk_em(text: str) -> float:
    """Ideographs and kana are a full em wide, everything else half an em."""
    return sum(1.0 if ord(char) >= 0x2E80 else 0.5 for char in text)


@pytest.mark.parametrize(
    ("word", "pieces"),
    [
        ("日本語", ["日", "本", "語"]),
        # Small kana and the prolonged sound mark never start a line.
        ("パッケージ", ["パッ", "ケー", "ジ"]),
        # Brackets stay with what they enclose, closing punctuation with what it closes.
        ("「例」です。", ["「例」", "で", "す。"]),
        ("汉字书写，没有", ["汉", "字", "书", "写，", "没", "有"]),
        ("fontspecパッケージを", ["fontspec", "パッ", "ケー", "ジ", "を"]),
        ("（v1.3）", ["（v1.3）"]),
        ("incomprehensibilities", ["incomprehensibilities"]),
        ("한국어", ["한국어"]),  # Korean breaks at its spaces only
    ],
)
def test_a_line_may_break_between_cjk_characters(word: str, pieces: list[str]) -> None:
    assert segments(word) == pieces


def test_wrapping_joins_the_pieces_of_a_word_without_spaces() -> None:
    lines = wrap(["日本語のテキストは", "LaTeX", "で書かれています。"], 5.0, cjk_em)

    assert lines == ["日本語のテ", "キストは", "LaTeX で書", "かれていま", "す。"]
    assert all(cjk_em(line) <= 5.0 for line in lines)


def test_cjk_text_breaks_into_lines_instead_of_shrinking() -> None:
    text = "漢字の多い文章です。"  # 10 em: two lines of 5 at the original size, or one line at half of it
    fit = fit_text(text, width=50, height=40, size=10, ratio=1.2, measure=cjk_em)

    assert fit.fits
    assert fit.size == 10
    assert fit.lines == ("漢字の多い", "文章です。")


def test_japanese_with_latin_words_breaks_by_the_kinsoku_rules() -> None:
    text = (
        "XeLaTeX では fontspec パッケージを用いることでフォント名やファイル名によるフォント指定が可能である。"
    )
    fit = fit_text(text, width=100, height=80, size=10, ratio=1.2, measure=cjk_em)

    assert fit.fits
    assert fit.size == 10
    assert "".join(fit.lines).replace(" ", "") == text.replace(" ", "")
    assert not any(line[0] in "、。ーッ" for line in fit.lines)
