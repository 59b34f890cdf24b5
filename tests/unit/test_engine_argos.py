"""The argos engine against argostranslate's Python API.

argostranslate is an optional extra that is not installed here, and its language packages cannot be
downloaded here. So besides the engine without it, these tests put a small module of the same shape
as `argostranslate.translate` in its place: Languages with `translations_from` (an identity translation
first, then direct and pivot ones, as `get_installed_languages()` builds them) and `get_translation`.
This is not a real Argos run: it checks how the engine drives that API, not Argos's translations.
"""

import sys
from types import ModuleType

import pytest

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_translator.engines.argos import ArgosEngine


class FakeTranslation:
    """An ITranslation: `translate(text)` gives the translated text; it records each call."""

    def __init__(self, from_lang: "FakeLanguage", to_lang: "FakeLanguage") -> None:
        self.from_lang, self.to_lang = from_lang, to_lang
        self.calls: list[str] = []

    def translate(self, text: str) -> str:
        self.calls.append(text)
        return text if self.from_lang is self.to_lang else f"[{self.to_lang.code}] {text}"


class FakeLanguage:
    def __init__(self, code: str, name: str) -> None:
        self.code, self.name = code, name
        self.translations_from: list[FakeTranslation] = [FakeTranslation(self, self)]

    def get_translation(self, to: "FakeLanguage") -> FakeTranslation | None:
        return next((t for t in self.translations_from if t.to_lang.code == to.code), None)


def argos_module(monkeypatch: pytest.MonkeyPatch, languages: list[FakeLanguage]) -> None:
    """Install `argostranslate` and `argostranslate.translate` answering `languages` as installed."""
    package, translate = ModuleType("argostranslate"), ModuleType("argostranslate.translate")
    translate.get_installed_languages = lambda: languages  # type: ignore[attr-defined]
    package.translate = translate  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "argostranslate", package)
    monkeypatch.setitem(sys.modules, "argostranslate.translate", translate)


def installed(*pairs: tuple[str, str]) -> list[FakeLanguage]:
    """Languages with a package for each pair, plus the pivots through a shared language Argos adds."""
    languages: dict[str, FakeLanguage] = {}
    for source, target in pairs:
        for code in (source, target):
            languages.setdefault(code, FakeLanguage(code, code.upper()))
        languages[source].translations_from.append(FakeTranslation(languages[source], languages[target]))
    for language in languages.values():
        for first in list(language.translations_from[1:]):
            for second in first.to_lang.translations_from[1:]:
                if second.to_lang is not language and language.get_translation(second.to_lang) is None:
                    language.translations_from.append(FakeTranslation(language, second.to_lang))
    return list(languages.values())


def test_without_argostranslate_the_engine_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "argostranslate", None)  # what an absent package gives import
    engine = ArgosEngine()
    assert not engine.is_available()
    assert engine.language_pairs() == []
    assert not engine.supports("en", "es")


def test_without_language_packages_the_engine_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    argos_module(monkeypatch, [])
    assert not ArgosEngine().is_available()


def test_installed_packages_and_their_pivots_are_the_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    argos_module(monkeypatch, installed(("en", "es"), ("es", "en"), ("en", "fr")))
    engine = ArgosEngine()
    assert engine.is_available()
    assert engine.language_pairs() == [("en", "es"), ("en", "fr"), ("es", "en"), ("es", "fr")]
    assert engine.supports("es", "fr") and not engine.supports("fr", "en")


def test_codes_argos_has_no_standard_tag_for_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    argos_module(monkeypatch, installed(("en", "zt"), ("en", "pt")))
    assert ArgosEngine().language_pairs() == [("en", "pt")]


def test_a_batch_is_translated_text_by_text_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    languages = installed(("en", "es"))
    argos_module(monkeypatch, languages)
    texts = ["Hello world.", "  ", "The green house."]
    assert ArgosEngine().translate_batch(texts, "en", "es") == [
        "[es] Hello world.",
        "  ",
        "[es] The green house.",
    ]
    english, spanish = languages
    translation = english.get_translation(spanish)
    assert translation is not None and translation.calls == ["Hello world.", "The green house."]


def test_a_pair_without_a_package_fails_the_job(monkeypatch: pytest.MonkeyPatch) -> None:
    argos_module(monkeypatch, installed(("en", "es")))
    with pytest.raises(PermanentError) as failure:
        ArgosEngine().translate_batch(["Hola"], "es", "en")
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR
    assert failure.value.message == "argos does not translate es -> en"
