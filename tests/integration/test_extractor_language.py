"""Language detection with lingua's real models (loaded from the installed package)."""

import pytest

from docrelay_extractor.language import detect_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We are trying to extend the boundary of information extraction systems.", "en"),
        ("El documento se traduce página por página y conserva su diseño original.", "es"),
        ("Вот краткое описание корневых директорий в дистрибутиве.", "ru"),
        ("以下のようにパッケージを読み込むだけである。", "ja"),
    ],
)
def test_detect_language_returns_iso_639_1_codes(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "42 3.14", "ok"])
def test_detect_language_is_none_when_unsure(text):
    assert detect_language(text) is None
