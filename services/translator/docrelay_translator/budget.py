"""The most characters one job may send to an engine that bills by the character.

Checked once, when the stage plans, over every extracted range: a job over the limit fails before the
engine sees a single request, instead of running up a bill a range at a time.
"""

from collections.abc import Iterable, Sequence

from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_translator.engines.base import Engine
from docrelay_translator.engines.libretranslate import LibreTranslateEngine
from docrelay_translator.translate import SegmentSource, segment_source, translation_units

# DeepL and OpenAI-compatible APIs charge by the character or token. A LibreTranslate server is metered
# when it wants an API key (libretranslate.com does); a self-hosted one without a key costs nothing.
METERED_ENGINES = frozenset({"deepl", "openai"})


def is_metered(engine: Engine) -> bool:
    if isinstance(engine, LibreTranslateEngine):
        return bool(engine.api_key)
    return engine.name in METERED_ENGINES


def characters_to_send(documents: Iterable[Document]) -> int:
    """Characters of the distinct translatable texts (blocks, sentences cut by a column's or a page's end,
    and form fields' tooltips): each is sent once, however often it repeats (once for each inline code
    it keeps, as translation sends it)."""
    seen: set[SegmentSource] = set()
    for document in documents:
        seen.update(segment_source(unit) for unit in translation_units(document))
    return sum(len(text) for text, _ in seen)


def require_within_budget(engines: Sequence[Engine], documents: Iterable[Document], max_chars: int) -> None:
    """PermanentError(char_limit_exceeded) when the metered engines of a job's route (each hop of a pivot
    gets the text) would get more than `max_chars`."""
    metered = [engine.name for engine in engines if is_metered(engine)]
    if max_chars <= 0 or not metered:
        return
    count = characters_to_send(documents)
    if count > max_chars:
        raise PermanentError(
            ErrorCode.CHAR_LIMIT_EXCEEDED,
            f"this document has {count:,} characters to translate, more than the {max_chars:,} this "
            f"server sends to the paid engine {' and '.join(metered)} for one job; nothing was sent. "
            "Choose another engine, or split the document",
        )
