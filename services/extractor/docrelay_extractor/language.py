"""Which language a document is written in, guessed from a sample of its text."""

from collections.abc import Sequence
from functools import cache

from lingua import LanguageDetector, LanguageDetectorBuilder

from docrelay_common.document import Document

# Enough text for a confident guess; more only costs time.
SAMPLE_CHARS = 3000


@cache
def _detector() -> LanguageDetector:
    # Low-accuracy mode uses trigrams only: fast and light, and plenty for a page of text.
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code ("en", "ru", "ja", ...) of the text's language, or None when unsure."""
    language = _detector().detect_language_of(text)
    return None if language is None else language.iso_code_639_1.name.lower()


def text_sample(texts: Sequence[str], limit: int = SAMPLE_CHARS) -> str:
    """About `limit` characters taken from across the whole document, not just its first page."""
    total = sum(len(text) + 1 for text in texts)
    stride = max(1, -(-total // limit))
    return " ".join(texts[::stride])[:limit]


def document_language(document: Document) -> str | None:
    """The language of the document's translatable text, or None when unsure."""
    return texts_language([block.text for block in document.blocks() if block.translatable])


def texts_language(texts: Sequence[str]) -> str | None:
    """The language of a document's texts (its blocks, in reading order), or None when unsure."""
    return detect_language(text_sample(texts))
