"""Language tags: every service speaks BCP 47 in its shortest form ("es", "pt-BR", "en-XA")."""

from functools import cache

import langcodes
from language_data.registry_parser import parse_registry

# Pseudo-locales (the convention of Android and Chromium): accented/expanded and right-to-left test text.
PSEUDO_LOCALES = frozenset({"en-XA", "ar-XB"})


def normalize_language(tag: str) -> str:
    """Return the shortest standard form of a language tag; ValueError if it is not one."""
    tag = tag.strip()
    if tag in PSEUDO_LOCALES:
        return tag
    try:
        standard = langcodes.standardize_tag(tag)
    except (ValueError, langcodes.tag_parser.LanguageTagError) as exc:
        raise ValueError(f"{tag!r} is not a language tag (use e.g. 'en', 'es', 'pt-BR')") from exc
    if not langcodes.Language.get(standard).is_valid():
        raise ValueError(f"{tag!r} is not a known language (use e.g. 'en', 'es', 'pt-BR')")
    return standard


def language_name(tag: str) -> str:
    """The English name of a tag's language, then its script and region: "Portuguese (Brazil)".

    Read from the IANA registry that langcodes ships. langcodes' own display names import a table of
    every language's name in every language: ~280 MB of address space, which a worker under its memory
    cap cannot afford in the middle of a task (a small job failed with memory_limit_exceeded so).
    """
    language, names = langcodes.Language.get(tag), _registry_names()
    code = language.language or tag
    details = [
        names.get((kind, subtag.lower()), subtag)
        for kind, subtag in (("script", language.script), ("region", language.territory))
        if subtag
    ]
    name = names.get(("language", code.lower()), code)
    return f"{name} ({', '.join(details)})" if details else name


@cache
def _registry_names() -> dict[tuple[str, str], str]:
    """(subtag type, lower-case subtag) -> its first English description, for languages, scripts, regions."""
    names: dict[tuple[str, str], str] = {}
    for entry in parse_registry():
        kind, subtag, descriptions = entry.get("Type"), entry.get("Subtag"), entry.get("Description")
        if kind in ("language", "script", "region") and subtag and descriptions:
            names.setdefault((kind, subtag.lower()), descriptions[0])
    return names
