"""The languages the extractor's detector chooses among, shared with the gateway's `GET /v1/languages`.

Detection is more often right when it chooses among fewer languages: "Hello World" is not taken for
Vietnamese when no engine translates Vietnamese anyway. The candidates are the languages some engine
translates from, plus common languages, so that a document in one of those is named for what it is
(and fails with `unsupported_language_pair`) rather than taken for a neighbour.
"""

from collections.abc import Iterable

import langcodes

from docrelay_common.language_routes import ANY_LANGUAGE

# The languages lingua, the extractor's detector, knows (ISO 639-1); a unit test checks it against lingua.
DETECTOR_LANGUAGES = frozenset({
    "af", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es",
    "et", "eu", "fa", "fi", "fr", "ga", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it", "ja",
    "ka", "kk", "ko", "la", "lg", "lt", "lv", "mi", "mk", "mn", "mr", "ms", "nb", "nl", "nn", "pa",
    "pl", "pt", "ro", "ru", "sk", "sl", "sn", "so", "sq", "sr", "st", "sv", "sw", "ta", "te", "th",
    "tl", "tn", "tr", "ts", "uk", "ur", "vi", "xh", "yo", "zh", "zu"
})  # fmt: skip
COMMON_LANGUAGES = frozenset({
    "ar", "de", "en", "es", "fr", "hi", "it", "ja", "ko", "nl", "pl", "pt", "ru", "tr", "uk", "zh"
})  # fmt: skip


def detection_candidates(sources: Iterable[str]) -> frozenset[str]:
    """The languages to detect among, given the sources engines translate from ("*": any language).

    With no sources known (no translator has published yet) every language is a candidate.
    """
    tags = set(sources)
    if not tags or ANY_LANGUAGE in tags:
        return DETECTOR_LANGUAGES
    languages = {langcodes.Language.get(tag).language or tag for tag in tags}
    return frozenset(languages & DETECTOR_LANGUAGES | COMMON_LANGUAGES)
