"""Apertium's mode names ("eng-spa", "spa-cat_valencia", "hbs-eng") as BCP 47 language pairs.

A mode names its languages in ISO 639 codes, each with an optional variant after "_": a region
("por_BR", "eng_US"), a registered BCP 47 variant ("cat_valencia"), or one of Apertium's own
(orthography reforms such as "_iec2017", "_pre1990"), which have no tag and are left out.
"""

import re

import langcodes

from docrelay_common.languages import normalize_language

# "eng-spa", "spa-eng_US", "oc_aran-ca"; tagger, debugging and other modes have more parts.
_MODE_NAME = re.compile(r"([a-z]{2,3})(?:_([A-Za-z0-9]+))?-([a-z]{2,3})(?:_([A-Za-z0-9]+))?")
_REGION = re.compile(r"[A-Z]{2}")
# Serbo-Croatian is one language to Apertium; its standards are languages of their own in BCP 47
# (and langcodes would read "hbs" as Serbian alone). Apertium writes and reads it in Latin script.
_SERBO_CROATIAN = {"BS": "bs", "HR": "hr", "SR": "sr-Latn"}
# Apertium's short names of registered BCP 47 variants.
_VARIANTS = {"aran": "aranes"}


def pairs_from_mode(mode: str) -> list[tuple[str, str]]:
    """The (source, target) tags a mode translates; none for modes that are not a language pair."""
    match = _MODE_NAME.fullmatch(mode)
    if match is None:
        return []
    source_code, source_variant, target_code, target_variant = match.groups()
    sources, targets = _tags(source_code, source_variant), _tags(target_code, target_variant)
    return [(source, target) for source in sources for target in targets]


def _tags(code: str, variant: str | None) -> list[str]:
    """The tags of one side of a mode: Serbo-Croatian without a variant reads all its standards."""
    if code == "hbs":
        if variant is None:
            return sorted(_SERBO_CROATIAN.values())
        return [_SERBO_CROATIAN[variant]] if variant in _SERBO_CROATIAN else []
    tag = _tag(code, variant)
    return [tag] if tag else []


def _tag(code: str, variant: str | None) -> str | None:
    try:
        language = normalize_language(code)
        if variant is None:
            return language
        if _REGION.fullmatch(variant):
            return normalize_language(f"{language}-{variant}")
        subtag = _VARIANTS.get(variant, variant).lower()
        # langcodes would read a four-letter variant as a script ("aran": Nastaliq); a variant it is not.
        tag = normalize_language(f"{language}-{subtag}")
        return tag if subtag in (langcodes.Language.get(tag).variants or ()) else None
    except ValueError:
        return None
