"""Language tags: every service speaks BCP 47 in its shortest form ("es", "pt-BR", "en-XA")."""

import langcodes

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
    return langcodes.Language.get(tag).display_name()
