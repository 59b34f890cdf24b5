"""Which of Tesseract's language packs read a page: the document's language's, or the script's.

A language's own pack reads it best (French: fra 99.7% of characters right, fra+eng 98.5%, eng 92.4%),
so Latin text of an unknown language is read once with eng, its language detected from that text, and
read again with its own pack. Cyrillic pages mix in Latin terms (rus 77.7%, rus+eng 96.7%).
"""

from dataclasses import dataclass, field

# ISO 639-1 -> packs, for the packs scripts/install-system-deps.sh installs.
LANGUAGE_PACKS = {
    "en": "eng",
    "es": "spa",
    "fr": "fra",
    "de": "deu",
    "pt": "por",
    "it": "ita",
    "ca": "cat",
    "ru": "rus+eng",
    "ar": "ara",
    "zh": "chi_sim",
    "ja": "jpn",
}
# Tesseract's script names (orientation and script detection) -> packs. Latin text is read with eng
# until its language is known; Fraktur is Latin set in blackletter.
SCRIPT_PACKS = {
    "Latin": "eng",
    "Fraktur": "eng",
    "Cyrillic": "rus+eng",
    "Arabic": "ara",
    "Han": "chi_sim",
    "Japanese": "jpn",
    "Katakana": "jpn",
    "Hiragana": "jpn",
}
LATIN_PACK = "eng"
# Languages written in Latin script that have packs: what a Latin page found to be in one is read with.
LATIN_LANGUAGES = frozenset({"en", "es", "fr", "de", "pt", "it", "ca"})
# Below this script confidence the detected script is a guess: the page is taken for Latin.
MIN_SCRIPT_CONFIDENCE = 1.0


@dataclass(frozen=True)
class PackChoice:
    packs: str
    # Read with `packs` only to find the language, then again with the language's own packs.
    detect: bool = False
    # Why the packs are not the page's language's own, in words.
    notice: str | None = None


def packs_for_language(language: str) -> PackChoice:
    """The packs of a known language; languages without a pack of their own are read as Latin text."""
    packs = LANGUAGE_PACKS.get(language.split("-")[0].lower())
    if packs is None:
        return PackChoice(LATIN_PACK, notice=f"no OCR language data for {language}: read as English")
    return PackChoice(packs)


def packs_for_script(script: str | None, confidence: float) -> PackChoice | None:
    """The packs of a script of a page whose language is unknown; None for a script without any."""
    packs = SCRIPT_PACKS.get(_script_key(script, confidence))
    if packs is None:
        return None
    return PackChoice(packs, detect=packs == LATIN_PACK)


@dataclass
class RangeLanguage:
    """The packs chosen for each script so far in a page range: later pages of it start with them."""

    source_lang: str | None
    chosen: dict[str, PackChoice] = field(default_factory=dict)

    def choice(self, script: str | None, confidence: float) -> PackChoice | None:
        if self.source_lang:
            return packs_for_language(self.source_lang)
        return self.chosen.get(_script_key(script, confidence)) or packs_for_script(script, confidence)

    def remember(self, script: str | None, confidence: float, choice: PackChoice) -> None:
        self.chosen[_script_key(script, confidence)] = choice


def detected_choice(language: str | None) -> PackChoice:
    """The packs for Latin text in `language`, as lingua named it from the eng reading."""
    if language in LATIN_LANGUAGES:
        return PackChoice(LANGUAGE_PACKS[language])
    if language is None or language in LANGUAGE_PACKS:
        # Not recognised, or a language of another script read into Latin letters: eng is all there is.
        return PackChoice(LATIN_PACK)
    return PackChoice(LATIN_PACK, notice=f"no OCR language data for {language}: read as English")


def _script_key(script: str | None, confidence: float) -> str:
    return script if script and confidence >= MIN_SCRIPT_CONFIDENCE else "Latin"
