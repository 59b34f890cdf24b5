"""The argos engine through the real Argos Translate library (argostranslate, CTranslate2, SentencePiece,
MiniSBD) on real language packages, built by tests.support.argos_package and installed with
argostranslate's own `install_from_path`.

A built package enciphers text character by character: en->es swaps the case of letters, es->fr is
ROT13, so en->fr, which Argos makes by pivoting through es, does both. en->zt is installed too: "zt"
is Argos's own code for Traditional Chinese, which is no standard tag.
"""

import codecs
import importlib
import importlib.util
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

if importlib.util.find_spec("argostranslate") is None:
    pytest.skip(
        "argostranslate is not installed: it comes with docrelay-translator[argos] (argos-translate-lt)",
        allow_module_level=True,
    )

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_translator.capabilities import capabilities
from docrelay_translator.engines.argos import ArgosEngine, installed_languages
from tests.support.argos_package import build_package


def rot13(text: str) -> str:
    return codecs.encode(text, "rot13")


CIPHERS: dict[tuple[str, str], Callable[[str], str]] = {
    ("en", "es"): str.swapcase,
    ("es", "fr"): rot13,
    ("en", "zt"): str.swapcase,
}


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    directory = tmp_path_factory.mktemp("argosmodels")
    return {pair: build_package(directory, *pair, cipher) for pair, cipher in CIPHERS.items()}


@pytest.fixture
def argos_settings(tmp_path: Path) -> Iterator[ModuleType]:
    """argostranslate's settings, with its data, config, cache and package directories under tmp_path.

    It reads them from the environment once, on import: it is reloaded with the test's environment,
    then again with the one restored, for the tests after. It also keeps each pair's loaded
    translation for the life of the process, still linked to the languages of the packages it saw
    then: forgotten, so that a test sees only the packages it installs.
    """
    with pytest.MonkeyPatch.context() as env:
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "ARGOS_PACKAGES_DIR"):
            env.setenv(variable, str(tmp_path / variable.lower()))
        settings = importlib.reload(importlib.import_module("argostranslate.settings"))
        translations = importlib.import_module("argostranslate.translate").installed_translates
        translations.clear()
        yield settings
    translations.clear()
    importlib.reload(settings)


@pytest.fixture
def install(argos_settings: ModuleType, archives: dict[tuple[str, str], Path]) -> Callable[..., None]:
    """install(("en", "es"), ...) installs the built packages of those pairs, as `argospm` does."""
    package = importlib.import_module("argostranslate.package")

    def install_pairs(*pairs: tuple[str, str]) -> None:
        for pair in pairs:
            package.install_from_path(archives[pair])

    return install_pairs


def test_without_packages_argos_is_unavailable(argos_settings: ModuleType) -> None:
    engine = ArgosEngine()
    assert not engine.is_available()
    assert engine.language_pairs() == []


def test_the_installed_packages_and_their_pivots_are_the_pairs(install: Callable[..., None]) -> None:
    install(("en", "es"), ("es", "fr"), ("en", "zt"))
    engine = ArgosEngine()
    assert engine.is_available()
    assert engine.language_pairs() == [("en", "es"), ("en", "fr"), ("es", "fr")]
    assert engine.supports("en", "fr") and not engine.supports("fr", "en")


def test_a_batch_is_translated_by_the_package_model_text_by_text(install: Callable[..., None]) -> None:
    install(("en", "es"))
    texts = [
        "Hello world.",
        "  ",
        "Two sentences, split by MiniSBD. Then (3) tokens each!",
        "A paragraph.\nAnother one?",
    ]
    assert ArgosEngine().translate_batch(texts, "en", "es") == [
        text.swapcase() if text.strip() else text for text in texts
    ]


def test_a_pair_argos_pivots_goes_through_both_models(install: Callable[..., None]) -> None:
    install(("en", "es"), ("es", "fr"))
    text = "The green house."
    assert ArgosEngine().translate_batch([text], "en", "fr") == [rot13(text.swapcase())]


def test_a_pair_without_a_package_fails_the_job(install: Callable[..., None]) -> None:
    install(("en", "es"))
    with pytest.raises(PermanentError) as failure:
        ArgosEngine().translate_batch(["Hola"], "es", "en")
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR
    assert failure.value.message == "argos does not translate es -> en"


def test_a_package_installed_by_another_process_is_seen(
    argos_settings: ModuleType, archives: dict[tuple[str, str], Path]
) -> None:
    assert installed_languages().pairs.pairs() == []
    install = (
        "import sys; from argostranslate.package import install_from_path; install_from_path(sys.argv[1])"
    )
    subprocess.run([sys.executable, "-c", install, str(archives["en", "es"])], check=True)
    assert installed_languages().pairs.pairs() == [("en", "es")]


def test_the_engine_catalog_lists_argos_with_its_pairs(install: Callable[..., None]) -> None:
    install(("en", "es"))
    [argos] = capabilities([ArgosEngine()])
    assert (argos.name, argos.available, argos.kind) == ("argos", True, "offline")
    assert [(pair.source, pair.target) for pair in argos.pairs] == [("en", "es")]
