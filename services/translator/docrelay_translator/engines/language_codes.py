"""Our BCP 47 tags against the codes a translation server publishes ("EN-US", "zh-Hans", "pt", "zt")."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import langcodes

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.languages import PSEUDO_LOCALES, normalize_language


def standard_codes(codes: Iterable[str]) -> dict[str, str]:
    """The server's code for each standard tag among `codes`; codes that are no language are left out."""
    standard = {}
    for code in codes:
        try:
            standard[normalize_language(code)] = code
        except ValueError:
            continue
    return standard


def server_code(tag: str, codes: Mapping[str, str]) -> str | None:
    """The server's code for `tag`, from `standard_codes`: the tag itself, else the closest one.

    "zh-TW" finds "zh-Hant" (its script), "en" finds "EN-US" and "pt" "PT-BR" (the likeliest region)
    when the server only has regional forms, and "pt-BR" finds "pt" when it only has the language.
    Pseudo-locales find nothing: "en-XA" is a test rendering, not English.
    """
    if tag in PSEUDO_LOCALES:
        return None
    for candidate in _candidates(tag):
        if candidate in codes:
            return codes[candidate]
    return None


def _candidates(tag: str) -> list[str]:
    likely = langcodes.Language.get(tag).maximize()
    language = likely.language or tag
    usual_territory = langcodes.Language.get(language).maximize().territory
    return [
        tag,
        f"{language}-{likely.script}",
        f"{language}-{likely.territory}",
        language,
        f"{language}-{usual_territory}",
    ]


@dataclass(frozen=True)
class ServerLanguages:
    """The pairs a server translates: its source codes, and the target codes of each source code."""

    sources: dict[str, str]
    targets: dict[str, dict[str, str]]

    def pairs(self) -> list[tuple[str, str]]:
        sources = self.sources.items()
        return sorted((source, target) for source, code in sources for target in self.targets[code])

    def codes(self, source: str, target: str) -> tuple[str, str] | None:
        """The server's (source, target) codes for our tags, or None when it does not have the pair."""
        source_code = server_code(source, self.sources)
        if source_code is None:
            return None
        target_code = server_code(target, self.targets[source_code])
        return None if target_code is None else (source_code, target_code)

    def require(self, engine: str, source: str, target: str) -> tuple[str, str]:
        """As `codes`, for a pair the engine must have."""
        codes = self.codes(source, target)
        if codes is None:
            message = f"{engine} does not translate {source} -> {target}"
            raise PermanentError(ErrorCode.UNSUPPORTED_LANGUAGE_PAIR, message)
        return codes
