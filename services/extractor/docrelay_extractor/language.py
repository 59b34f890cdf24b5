"""Which language a document (or one of its blocks) is written in: right, or says it is unsure.

Detection chooses among the candidates (`docrelay_common.detection_languages`), asks lingua's
high-accuracy models when the text is short, and accepts the best language only when it leads the
next one by a margin. Very short Latin-script texts that are plainly English are English.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docrelay_common.detection_languages import DETECTOR_LANGUAGES
from docrelay_common.document import Document
from docrelay_extractor.detector import SERBO_CROATIAN, confidences, pair_confidences
from docrelay_extractor.english import labelled_in_english, plainly_english
from docrelay_extractor.settings import extractor_settings
from docrelay_extractor.text import is_latin

# Enough text for a confident guess; more only costs time.
SAMPLE_CHARS = 3000
# Below this many letters a text is short: high-accuracy models, and a wider margin.
SHORT_LETTERS = 120
SHORT_MARGIN, LONG_MARGIN = 0.25, 0.2
# A block is given a language of its own only with this many letters and this lead.
BLOCK_LETTERS, BLOCK_MARGIN = 60, 0.5
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Detection:
    language: str | None
    # Why there is no language, in words a user can act on.
    doubt: str = ""


def detect(text: str, candidates: frozenset[str]) -> Detection:
    """The language of `text` among `candidates` (ISO 639-1 codes), or why it cannot be told."""
    letters = len(_LETTER.findall(text))
    if letters == 0:
        return Detection(None, "the text has no words, only numbers or symbols")
    short = letters < SHORT_LETTERS
    if short and "en" in candidates and plainly_english(text, extractor_settings().english_words):
        return Detection("en")
    ranked = confidences(text, candidates, accurate=short)
    if not ranked:
        doubt = "too short to tell its language" if short else "in a script of no candidate language"
        return Detection(None, f"the text is {doubt}")
    (best, value), runner_up = ranked[0], ranked[1] if len(ranked) > 1 else ("", 0.0)
    if value - runner_up[1] < (SHORT_MARGIN if short else LONG_MARGIN):
        what = "too short" if short else "too mixed"
        return Detection(None, f"the text is {what} to tell {best} from {runner_up[0]}")
    return Detection(_tag(best, text))


def detect_language(text: str, candidates: frozenset[str] | None = None) -> str | None:
    """ISO 639-1 code ("en", "ru", "ja", ...) of the text's language, or None when unsure."""
    return detect(text, DETECTOR_LANGUAGES if candidates is None else candidates).language


def text_sample(texts: Sequence[str], limit: int = SAMPLE_CHARS) -> str:
    """About `limit` characters taken from across the whole document, not just its first page."""
    total = sum(len(text) + 1 for text in texts)
    stride = max(1, -(-total // limit))
    return " ".join(texts[::stride])[:limit]


def document_language(document: Document) -> str | None:
    """The language of the document's translatable text, or None when unsure."""
    blocks = document.blocks()
    translatable = [block.text for block in blocks if block.translatable]
    kept = [block.text for block in blocks if not block.translatable]
    return detect_document(translatable, kept, DETECTOR_LANGUAGES).language


def detect_document(
    translatable: Sequence[str], kept: Sequence[str], candidates: frozenset[str]
) -> Detection:
    """The language of a document's `translatable` texts (with those it `kept`, see detection_sample): a
    document of labels most of them plainly English is English (english.labelled_in_english)."""
    if "en" in candidates and labelled_in_english(translatable, extractor_settings().english_words):
        return Detection("en")
    return detect(detection_sample(translatable, kept), candidates)


def detection_sample(translatable: Sequence[str], kept: Sequence[str]) -> str:
    """The sample to tell a document's language by: its translatable text's, or, when that is short (a
    function index whose entries are code, kept as they are, under a heading), all its text's: what it
    keeps untranslated is in its language too."""
    sample = text_sample(translatable)
    if len(_LETTER.findall(sample)) >= SHORT_LETTERS or not kept:
        return sample
    return text_sample([*translatable, *kept])


def block_language(text: str, candidates: frozenset[str]) -> str | None:
    """A block's own language when it has words enough for its lead to mean something.

    Only words that do not begin with a capital count: names and acronyms say nothing of a language,
    and a reference of an English paper ("Adam Meyers, Michiko Kosaka, Satoshi Sekine, ... Tzigov Chark,
    Bulgaria") read as Esperanto by their letters.
    """
    if _common_word_letters(text) < BLOCK_LETTERS:
        return None
    ranked = confidences(text[:SAMPLE_CHARS], candidates, accurate=False)
    if not ranked or ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0) < BLOCK_MARGIN:
        return None
    return _tag(ranked[0][0], text)


def differs(text: str, block_lang: str, document_lang: str) -> bool:
    """True when the block's language beats the document's by the margin, compared in high accuracy."""
    block_code, document_code = _code(block_lang), _code(document_lang)
    if block_code == document_code or {block_code, document_code} <= SERBO_CROATIAN:
        return False
    if not {block_code, document_code} <= DETECTOR_LANGUAGES:
        return False
    ranked = dict(pair_confidences(text[:SAMPLE_CHARS], block_code, document_code))
    return ranked.get(block_code, 0.0) - ranked.get(document_code, 0.0) >= BLOCK_MARGIN


def _common_word_letters(text: str) -> int:
    """Letters of the words that do not begin with a capital (all of them in scripts without case)."""
    return sum(len(word) for word in _WORD.findall(text) if not word[0].isupper())


def _tag(code: str, text: str) -> str:
    """Our tag for a detected language: Serbian in Latin script is the one Apertium reads."""
    return "sr-Latn" if code == "sr" and _mostly_latin(text) else code


def _code(tag: str) -> str:
    return tag.split("-")[0]


def _mostly_latin(text: str) -> bool:
    letters = _LETTER.findall(text)
    return sum(is_latin(char) for char in letters) * 2 > len(letters)
