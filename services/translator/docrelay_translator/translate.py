"""Translating a document: its translatable blocks (and form fields' tooltips) go to an engine in batches,
in reading order.

Each distinct segment is translated once (a running header on forty pages is one segment), segments
the translation memory knows are not sent at all, and spans no engine may change are protected.
An engine that writes the job's tone itself (DeepL's formality) gets it, and the document says so.
"""

import time
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from functools import partial
from typing import Protocol, TypeVar

from docrelay_common.constants import Tone
from docrelay_common.document import Document, FormField, TextBlock
from docrelay_common.metrics import observe_engine_request
from docrelay_translator.engine_limits import RequestSlot
from docrelay_translator.engines.base import Engine, writes_tone
from docrelay_translator.glossary import Glossary
from docrelay_translator.memory import MemoryScope, TranslationMemory, normalize_segment
from docrelay_translator.protect import Protected, Protector, restore

ProgressCallback = Callable[[int, int], None]
# What holds text to translate: a block, or a form field's tooltip.
Translatable = TextBlock | FormField
# One engine call for the job's pair: texts in, one translation per text out.
BatchTranslator = Callable[[list[str]], list[str]]
# (hits, misses): distinct segments the memory knew, and those left for the engine.
LookupCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class Segment:
    """A distinct text of the document, as the engine gets it."""

    source: str
    protected: Protected
    key: str
    # How many blocks hold this text: progress counts blocks.
    blocks: int

    @property
    def text(self) -> str:
        return self.protected.line


def translate_document(
    document: Document,
    engine: Engine,
    source: str,
    target: str,
    on_progress: ProgressCallback,
    *,
    tone: Tone = Tone.NEUTRAL,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    on_lookup: LookupCallback | None = None,
    request_slot: RequestSlot = nullcontext,
) -> Document:
    """A copy of `document` with every translatable block's text (and tooltip) translated; `source_text`
    is kept.

    `on_progress(done, total)` counts blocks and tooltips, after the memory lookup and after each batch.
    """
    translate, tone_applied = _engine_call(engine, source, target, tone)
    translated = document.model_copy(
        deep=True,
        update={
            "source_lang": source,
            "target_lang": target,
            "engine": engine.name,
            "tone_applied": tone_applied,
        },
    )
    blocks: list[Translatable] = [block for block in translated.blocks() if block.translatable]
    blocks = [item for item in [*blocks, *translated.form_fields()] if item.text.strip()]
    scope = MemoryScope(engine.name, source, target, tone)
    segments = _distinct_segments(blocks, Protector(glossary), scope)
    translations: dict[str, str] = {}
    done = 0
    distinct = list(segments.values())
    for found in _translations(
        distinct, translate, engine.batch_chars, scope, memory, on_lookup, request_slot
    ):
        translations.update(found)
        done += sum(segments[text].blocks for text in found)
        if found:
            on_progress(done, len(blocks))
    for block in blocks:
        block.text = translations[normalize_segment(block.text)]
    return translated


def _engine_call(engine: Engine, source: str, target: str, tone: Tone) -> tuple[BatchTranslator, Tone | None]:
    """The engine's call for this pair, and the job's tone if the engine writes it itself."""
    if writes_tone(engine, source, target, tone):
        return partial(engine.translate_batch, source=source, target=target, tone=tone), tone
    return partial(engine.translate_batch, source=source, target=target), None


def _distinct_segments(
    blocks: list[Translatable], protector: Protector, scope: MemoryScope
) -> dict[str, Segment]:
    """The blocks' texts, normalised, once each, in reading order."""
    counts: dict[str, int] = {}
    for block in blocks:
        text = normalize_segment(block.text)
        counts[text] = counts.get(text, 0) + 1
    segments = {}
    for text, count in counts.items():
        protected = protector.protect(text)
        segments[text] = Segment(text, protected, scope.key(text, protected.spans), count)
    return segments


def _translations(
    segments: list[Segment],
    translate: BatchTranslator,
    batch_chars: int,
    scope: MemoryScope,
    memory: TranslationMemory | None,
    on_lookup: LookupCallback | None,
    request_slot: RequestSlot,
) -> Iterator[dict[str, str]]:
    """Translations by source text: first all the memory knows, then the engine's, batch by batch."""
    known = memory.lookup([segment.key for segment in segments]) if memory is not None else {}
    if memory is not None and on_lookup is not None:
        on_lookup(len(known), len(segments) - len(known))
    yield {segment.source: known[segment.key] for segment in segments if segment.key in known}
    for batch in batches([segment for segment in segments if segment.key not in known], batch_chars):
        with request_slot():
            started = time.perf_counter()
            outputs = translate([segment.text for segment in batch])
            observe_engine_request(scope.engine, time.perf_counter() - started)
        new = {
            segment.key: restore(segment.protected, output)
            for segment, output in zip(batch, outputs, strict=True)
        }
        # Written after every batch, so a job retried after an engine failure resumes where it stopped.
        if memory is not None:
            memory.remember(new)
        yield {segment.source: new[segment.key] for segment in batch}


class _HasText(Protocol):
    @property
    def text(self) -> str: ...


T = TypeVar("T", bound=_HasText)


def batches(items: list[T], max_chars: int) -> Iterator[list[T]]:
    """Consecutive runs of items of at most `max_chars` characters of text; a longer item goes alone."""
    batch: list[T] = []
    size = 0
    for item in items:
        if batch and size + len(item.text) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item.text)
    if batch:
        yield batch
