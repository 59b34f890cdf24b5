"""Which way a job's text gets its tone: already from the engine, from a chat model, or from rules."""

from enum import StrEnum

from docrelay_common.constants import Tone
from docrelay_common.document import Document
from docrelay_common.languages import PSEUDO_LOCALES
from docrelay_toner.tone import rules_language


class ToneMethod(StrEnum):
    # The translation engine wrote the tone itself (DeepL's formality): nothing is left to do.
    NATIVE = "native"
    LLM = "llm"
    RULES = "rules"
    # No way to write the tone in this language: the text passes through as it is.
    NONE = "none"


def tone_method(document: Document, lang: str, tone: Tone, *, llm: bool) -> ToneMethod:
    """How `document`, in `lang`, gets the non-neutral `tone`; `llm`: a chat model is configured."""
    if document.tone_applied == tone:
        return ToneMethod.NATIVE
    # A model writes languages, and a pseudo-locale is none: it is a rendering test.
    if llm and lang not in PSEUDO_LOCALES:
        return ToneMethod.LLM
    return ToneMethod.RULES if rules_language(lang) is not None else ToneMethod.NONE
