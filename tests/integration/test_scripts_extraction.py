# Sample texts in Arabic, Greek and CJK scripts look like Latin letters to ruff's confusables check.
# ruff: noqa: RUF001
"""The extractor on corpus PDFs in Arabic, Japanese, Russian and mixed scripts: text in reading order.

quran-test2.pdf is XeTeX output: each Arabic line is stored left to right as displayed, every diacritic
before its letter, so pdfminer reads it backwards; multilang.pdf mixes six scripts on one page.
"""

import re
import unicodedata
from collections.abc import Callable
from functools import cache

import pytest

from docrelay_common.document import Document
from docrelay_extractor.extract import extract_document
from docrelay_extractor.language import document_language
from docrelay_extractor.text import SPACE_BETWEEN_CJK

Extract = Callable[[str], Document]


@pytest.fixture(scope="module")
def extracted(corpus) -> Extract:
    return cache(lambda name: extract_document(corpus(name)))


def page_text(document: Document, number: int) -> str:
    return " ".join(block.text for block in document.pages[number - 1].blocks)


def without_marks(text: str) -> str:
    """The letters alone: vowel marks and other diacritics dropped."""
    return "".join(char for char in text if not unicodedata.category(char).startswith("M"))


@pytest.mark.parametrize(
    "phrase",
    [
        "بسم الله",
        # The verse number sits between the two words it separates, and "الحمد" has no space inside
        # (pdfminer guesses one where a vowel mark is drawn off the end of the letter before it).
        "الرحيم ﴿١﴾ الحمد",
        "لم يلد ولم يولد ﴿٣﴾ ولم يكن له كفوا أحد ﴿٤﴾",
        "غير المغضوب عليهم ولا الضالين ﴿٧﴾",
        "الإخلاص",  # a hamza drawn before its alef composes with it: U+0625
    ],
)
def test_arabic_is_read_in_logical_order(extracted: Extract, phrase: str) -> None:
    assert phrase in without_marks(page_text(extracted("quran-test2.pdf"), 1))


def test_arabic_keeps_its_vowel_marks_on_their_letters(extracted: Extract) -> None:
    text = page_text(extracted("quran-test2.pdf"), 1)
    assert "بِسمِ اللَّهِ" in unicodedata.normalize("NFC", text)


@pytest.mark.parametrize("reversed_word", ["هللا", "ميحرلا", "نمحرلا", "دمحلا", "نيملاعلا"])
def test_no_arabic_word_is_left_reversed(extracted: Extract, reversed_word: str) -> None:
    document = extracted("quran-test2.pdf")
    assert all(reversed_word not in without_marks(block.text) for block in document.blocks())


def test_arabic_text_has_no_presentation_forms(extracted: Extract) -> None:
    forms = re.compile(r"[\ufb50-\ufd3d\ufd40-\ufdff\ufe70-\ufeff]")  # the Quran's ornate brackets are kept
    assert not any(forms.search(block.text) for block in extracted("quran-test2.pdf").blocks())


def test_each_script_of_the_mixed_page_reads_as_written(extracted: Extract) -> None:
    texts = [block.text for block in extracted("multilang.pdf").pages[0].blocks]
    for written in ["Hello World", "مرحبا بالعالم", "Привет, мир", "สวัสดีชาวโลก", "こんにちは世界"]:
        assert written in texts
    assert any("你好世界" in text for text in texts)


def test_japanese_reads_without_spaces_and_keeps_full_width_punctuation(extracted: Extract) -> None:
    document = extracted("zxjafont-ja.pdf")
    first_page = page_text(document, 1)
    assert "zxjafont パッケージ（v1.3）" in first_page
    assert "本パッケージの目的は、日本の日本語" in first_page
    assert not any(SPACE_BETWEEN_CJK.search(block.text) for block in document.blocks())
    assert document_language(document) == "ja"


def test_russian_reads_as_russian(extracted: Extract) -> None:
    document = extracted("texlive-ru.pdf")
    assert "Руководство пользователя TEX Live — 2021" in page_text(document, 1)
    assert document_language(document) == "ru"
    letters = [char for block in document.blocks() for char in block.text if char.isalpha()]
    cyrillic = [char for char in letters if "CYRILLIC" in unicodedata.name(char, "")]
    assert len(cyrillic) > 0.6 * len(letters)
