"""Language detection benchmark: right, unsure and wrong answers, time and memory, per way of detecting.

Samples are the UDHR paragraphs of bench/data/udhr in the detector's candidate languages (those the
default install translates from, plus the common ones): every fifth whole, and every tenth cut to
its first two and four words (docrelay loads high-accuracy models for each short sample, which takes
about a second). Each way runs in a fresh process, so its peak memory is its own:
- low: lingua's low-accuracy models (trigrams) of every candidate, no margin;
- docrelay: what the extractor does (`docrelay_extractor.language.detect`);
- high, all loaded: lingua's high-accuracy models of every candidate, no margin (what docrelay avoids).
Usage: python -m bench.detection
"""

import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from bench.isolation import in_fresh_process, peak_rss_mb
from docrelay_common.detection_languages import detection_candidates
from docrelay_extractor.detector import confidences
from docrelay_extractor.language import detect

DATA = Path(__file__).parent / "data" / "udhr"
SOURCES = {path.stem for path in DATA.glob("*.tsv")}
CANDIDATES = detection_candidates(SOURCES)
Sample = tuple[str, str]


def samples(words: int | None) -> list[Sample]:
    """(language, text) of every paragraph whose language is a candidate, cut to `words` words."""
    found = []
    for path in sorted(DATA.glob("*.tsv")):
        language = path.stem.split("-")[0]
        if language not in CANDIDATES:
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for line in lines[::5] if words is None else lines[::10]:
            text = line.split("\t", 1)[1]
            found.append((language, " ".join(text.split()[:words]) if words else text))
    return found


def low(text: str) -> str | None:
    ranked = confidences(text, CANDIDATES, accurate=False)
    return ranked[0][0] if ranked else None


def docrelay(text: str) -> str | None:
    language = detect(text, CANDIDATES).language
    return language.split("-")[0] if language else None


def high_all_loaded(text: str) -> str | None:
    found = _all_high_accuracy().detect_language_of(text)
    return None if found is None else found.iso_code_639_1.name.lower()


@cache
def _all_high_accuracy() -> LanguageDetector:
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in CANDIDATES]
    return LanguageDetectorBuilder.from_languages(*languages).build()


WAYS: dict[str, Callable[[str], str | None]] = {
    "low": low,
    "docrelay": docrelay,
    "high, all loaded": high_all_loaded,
}
SERBO_CROATIAN = {"bs", "hr", "sr"}


def run(way: str, words: int | None) -> tuple[int, int, int, float, float]:
    """(right, unsure, wrong, milliseconds per sample, peak MB) of one way on one set of samples."""
    right = unsure = wrong = 0
    cases = samples(words)
    started = time.perf_counter()
    for language, text in cases:
        found = WAYS[way](text)
        if found is None:
            unsure += 1
        elif found == language or {found, language} <= SERBO_CROATIAN:
            right += 1
        else:
            wrong += 1
    return right, unsure, wrong, (time.perf_counter() - started) * 1000 / len(cases), peak_rss_mb()


def main() -> None:
    print(f"{len(CANDIDATES)} candidate languages; {len(samples(None))} paragraphs, {len(samples(2))} short")
    print(
        f"{'way':18} {'sample':>10} {'right':>6} {'unsure':>7} {'wrong':>6} {'ms/sample':>10} {'peak MB':>8}"
    )
    for words, label in ((None, "paragraph"), (4, "4 words"), (2, "2 words")):
        for way in WAYS:
            right, unsure, wrong, ms, peak = in_fresh_process(run, way, words)
            print(f"{way:18} {label:>10} {right:>6} {unsure:>7} {wrong:>6} {ms:>8.1f} {peak:>8.0f}")


if __name__ == "__main__":
    main()
