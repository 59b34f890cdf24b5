"""lingua's confidence in each candidate language, with its models kept small.

The low-accuracy models (trigrams) of ~30 languages take ~20 MB and suffice for a paragraph. Short
texts need the high-accuracy models (unigrams to fivegrams), which take ~15-20 MB per language: for
all candidates that would be ~500 MB in every worker process. So a short text is first ranked by the
low-accuracy models, then only its likeliest few languages are loaded in high accuracy; the models of
the last few languages used stay loaded, the least recently used dropped first, so a worker that sees
the same languages job after job loads them once (`bench/detection.py` measures memory and time).
"""

from collections import OrderedDict
from collections.abc import Iterable
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

# Bosnian, Croatian and Serbian are one language to Apertium and too close for lingua to tell apart
# reliably: their confidences are added up and given to the likeliest of them.
SERBO_CROATIAN = frozenset({"bs", "hr", "sr"})
# How many of the low-accuracy ranking's languages a short text is compared among in high accuracy.
SHORTLIST = 5
# High-accuracy models of this many languages stay loaded (~15-20 MB each): a shortlist, with room.
KEPT_ACCURATE = 10

Confidences = list[tuple[str, float]]


def confidences(text: str, candidates: frozenset[str], accurate: bool) -> Confidences:
    """(ISO 639-1 code, confidence) of every candidate with a chance, best first; they add up to 1."""
    ranked = _ranked(_detector(candidates, accurate=False), text)
    if not accurate or not ranked:
        return ranked
    shortlist = frozenset(code for code, _ in ranked[:SHORTLIST])
    if shortlist & SERBO_CROATIAN:
        shortlist = (shortlist | SERBO_CROATIAN) & candidates
    if len(shortlist) < 2:
        return ranked
    return _accurately_ranked(shortlist, text)


def pair_confidences(text: str, first: str, second: str) -> Confidences:
    """As `confidences`, in high accuracy, between two languages only (a block against its document)."""
    return _accurately_ranked(frozenset({first, second}), text)


# The languages whose high-accuracy models are loaded, least recently used first.
_loaded_accurate: OrderedDict[str, None] = OrderedDict()


def _accurately_ranked(codes: frozenset[str], text: str) -> Confidences:
    ranked = _ranked(_detector(codes, accurate=True), text)
    for code in sorted(codes):
        _loaded_accurate[code] = None
        _loaded_accurate.move_to_end(code)
    stale = list(_loaded_accurate)[: max(0, len(_loaded_accurate) - KEPT_ACCURATE)]
    if stale:
        _detector(frozenset(stale), accurate=True).unload_language_models()
        for code in stale:
            del _loaded_accurate[code]
    return ranked


def _ranked(detector: LanguageDetector, text: str) -> Confidences:
    merged: dict[str, float] = {}
    for value in detector.compute_language_confidence_values(text):
        merged[_code(value.language)] = value.value
    best_of_group = max(SERBO_CROATIAN & merged.keys(), key=merged.__getitem__, default=None)
    if best_of_group is not None:
        merged[best_of_group] = sum(merged.pop(code) for code in SERBO_CROATIAN & merged.keys())
    return sorted(((code, value) for code, value in merged.items() if value > 0), key=lambda cv: -cv[1])


# Detectors hold no models themselves (lingua keeps those per language), so many cost little.
@lru_cache(maxsize=64)
def _detector(codes: frozenset[str], accurate: bool) -> LanguageDetector:
    builder = LanguageDetectorBuilder.from_languages(*_languages(codes))
    return builder.build() if accurate else builder.with_low_accuracy_mode().build()


def _languages(codes: Iterable[str]) -> list[Language]:
    return [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in sorted(codes)]


def _code(language: Language) -> str:
    return str(language.iso_code_639_1.name.lower())
