"""Argos Translate, neural translation on this machine, through its Python API.

`argostranslate` comes with the optional extra `docrelay-translator[argos]`, as argos-translate-lt:
LibreTranslate's build of it, which splits sentences with MiniSBD (ONNX) instead of Stanza, so it
needs no PyTorch. It is imported only when first needed. Its language packages are installed apart
(`argospm install translate-en_es`); one without a MiniSBD model of its own makes MiniSBD fetch the
source language's on first use. Argos pivots through English by itself, so en->es and es->fr also
give en->fr.
"""

import importlib
import logging
from dataclasses import dataclass
from typing import Any

from docrelay_translator.engines.answers import Expiring
from docrelay_translator.engines.language_codes import ServerLanguages, standard_codes

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class InstalledLanguages:
    """The pairs of the installed packages, and argostranslate's Language object for each Argos code."""

    pairs: ServerLanguages
    by_code: dict[str, Any]


NOTHING_INSTALLED = InstalledLanguages(ServerLanguages(sources={}, targets={}), {})


def installed_languages() -> InstalledLanguages:
    """What the installed language packages translate; nothing when argostranslate is not installed."""
    try:
        translate = importlib.import_module("argostranslate.translate")
    except (ImportError, OSError) as exc:  # not installed, or a native library of it is missing
        logger.debug("argos is unavailable: %s", exc)
        return NOTHING_INSTALLED
    # argostranslate keeps the first answer for the life of the process, and `argospm install` runs in
    # another one: forget it, or a package installed later is never seen. Models stay loaded.
    translate.get_installed_languages.cache_clear()
    by_code = {language.code: language for language in translate.get_installed_languages()}
    targets = {
        code: standard_codes(
            translation.to_lang.code
            for translation in language.translations_from
            if translation.to_lang.code != code  # Argos lists an identity translation per language
        )
        for code, language in by_code.items()
    }
    sources = {tag: code for tag, code in standard_codes(by_code).items() if targets[code]}
    return InstalledLanguages(ServerLanguages(sources=sources, targets=targets), by_code)


class ArgosEngine:
    name = "argos"
    # Argos translates a few sentences a second on a CPU: a batch is a progress step of seconds.
    batch_chars = 2_000

    def __init__(self) -> None:
        # Re-read now and then, so that a language package installed later is picked up.
        self._installed = Expiring(installed_languages)

    def is_available(self) -> bool:
        return bool(self._installed.get().pairs.sources)

    def language_pairs(self) -> list[tuple[str, str]]:
        return self._installed.get().pairs.pairs()

    def supports(self, source: str, target: str) -> bool:
        return self._installed.get().pairs.codes(source, target) is not None

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        installed = self._installed.get()
        source_code, target_code = installed.pairs.require(self.name, source, target)
        translation = installed.by_code[source_code].get_translation(installed.by_code[target_code])
        return [translation.translate(text) if text.strip() else text for text in texts]
