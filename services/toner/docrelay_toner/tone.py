"""Applying a tone to text and to documents, with the rule set of the text's language."""

from collections.abc import Callable

from docrelay_common.constants import Tone
from docrelay_common.document import Document
from docrelay_common.emphasis import marked, unmarked
from docrelay_common.languages import PSEUDO_LOCALES
from docrelay_toner.rules import en, es
from docrelay_toner.rules.rewrite import Rewrite

RULE_SETS: dict[str, dict[Tone, tuple[Rewrite, ...]]] = {"en": en.RULES, "es": es.RULES}

ProgressCallback = Callable[[int, int], None]


def supported_languages() -> list[str]:
    return sorted(RULE_SETS)


def rules_language(lang: str) -> str | None:
    """The rule set that applies to text in `lang` ("es-MX" -> "es"), or None if there is none."""
    if lang in PSEUDO_LOCALES:
        return None
    primary = lang.split("-")[0].lower()
    return primary if primary in RULE_SETS else None


def apply_tone(text: str, lang: str, tone: Tone) -> str:
    """`text` rewritten in `tone`; unchanged for the neutral tone and for languages without rules."""
    rule_set = rules_language(lang)
    if tone == Tone.NEUTRAL or rule_set is None:
        return text
    for rewrite in RULE_SETS[rule_set][tone]:
        text = rewrite(text)
    return text


def tone_document(document: Document, lang: str, tone: Tone, on_progress: ProgressCallback) -> Document:
    """A copy of `document` with every translatable block rewritten; progress is counted in pages."""
    toned = document.model_copy(deep=True)
    for done, page in enumerate(toned.pages, start=1):
        for block in page.blocks:
            if block.translatable:
                # Emphasised words are rewritten marked, so their runs follow them (emphasis).
                toned_text = apply_tone(marked(block.text, block.emphasis), lang, tone)
                block.text, block.emphasis = unmarked(toned_text)
        on_progress(done, len(toned.pages))
    return toned
