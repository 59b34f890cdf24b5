"""Our language tags against the codes translation servers publish, and DeepL's endpoints."""

import pytest

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_translator.engines.deepl import FREE_API, PRO_API, deepl_url
from docrelay_translator.engines.language_codes import ServerLanguages, server_code, standard_codes

DEEPL_TARGETS = standard_codes(["DE", "EN-GB", "EN-US", "PT-BR", "PT-PT", "ZH-HANS", "ZH-HANT", "JA"])
LIBRE_CODES = standard_codes(["en", "es", "pt", "zh-Hans", "zt", "pb"])


def test_server_codes_are_keyed_by_standard_tags_and_junk_is_dropped() -> None:
    assert DEEPL_TARGETS["en-US"] == "EN-US" and DEEPL_TARGETS["zh-Hant"] == "ZH-HANT"
    assert set(LIBRE_CODES) == {"en", "es", "pt", "zh-Hans"}


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("de", "DE"),
        ("en", "EN-US"),
        ("en-GB", "EN-GB"),
        ("en-AU", "EN-US"),
        ("pt", "PT-BR"),
        ("pt-PT", "PT-PT"),
        ("zh", "ZH-HANS"),
        ("zh-TW", "ZH-HANT"),
        ("zh-Hant", "ZH-HANT"),
        ("fr", None),
        ("en-XA", None),
    ],
)
def test_deepl_targets_take_their_regional_forms(tag: str, code: str | None) -> None:
    assert server_code(tag, DEEPL_TARGETS) == code


@pytest.mark.parametrize(
    ("tag", "code"), [("pt-BR", "pt"), ("es-MX", "es"), ("zh", "zh-Hans"), ("en", "en"), ("ar-XB", None)]
)
def test_a_regional_tag_finds_the_language_of_a_server_without_regions(tag: str, code: str | None) -> None:
    assert server_code(tag, LIBRE_CODES) == code


def test_server_languages_give_pairs_and_codes_per_source() -> None:
    languages = ServerLanguages(
        sources={"en": "en", "es": "es"}, targets={"en": {"es": "es", "pt-BR": "pb"}, "es": {"en": "en"}}
    )
    assert languages.pairs() == [("en", "es"), ("en", "pt-BR"), ("es", "en")]
    assert languages.codes("en", "pt") == ("en", "pb")
    assert languages.codes("es", "pt") is None and languages.codes("fr", "en") is None
    with pytest.raises(PermanentError) as failure:
        languages.require("libretranslate", "es", "pt")
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR
    assert failure.value.message == "libretranslate does not translate es -> pt"


def test_free_deepl_keys_use_the_free_api() -> None:
    assert deepl_url("0123abcd-0000-4000-8000-123456789abc:fx") == FREE_API == "https://api-free.deepl.com"
    assert deepl_url("0123abcd-0000-4000-8000-123456789abc") == PRO_API == "https://api.deepl.com"
