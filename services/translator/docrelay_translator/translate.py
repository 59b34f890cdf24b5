"""Translating a document: its translatable blocks and form fields' tooltips go along their route in
batches, in reading order.

Each distinct segment is translated once (a running header on forty pages is one segment), segments
the translation memory knows are not sent at all, and spans no engine may change are protected before
the first hop and put back after the last, so they survive a bridge language; glossary target terms
are inserted then too, in the target language. Text in capitals goes in title case and comes back in
capitals (capitals.py). Words in another weight or slant than their block go
marked (docrelay_common.emphasis) through routes whose engines keep the marks on their words. An engine
that writes the job's tone itself (DeepL's formality) gets it on the last hop, and the document says so.
"""

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol, TypeVar

from docrelay_common.constants import Tone
from docrelay_common.document import Document, FormField, TextBlock
from docrelay_common.emphasis import marked, unmarked
from docrelay_translator.capitals import in_capitals, one_word_in_capitals, title_case
from docrelay_translator.continued import Chain, with_chains
from docrelay_translator.engines.base import writes_tone
from docrelay_translator.glossary import Glossary
from docrelay_translator.memory import MemoryScope, TranslationMemory, normalize_segment
from docrelay_translator.protect import Protected, Protector, restore
from docrelay_translator.routing import BatchTranslator, EngineRoute, RequestSlots, no_limits

ProgressCallback = Callable[[int, int], None]
# What holds text to translate: a block, a sentence cut by a column's or a page's end (the blocks it runs
# through), or a form field's tooltip.
Translatable = TextBlock | Chain | FormField
# (hits, misses): distinct segments the memory knew, and those left for the engine.
LookupCallback = Callable[[int, int], None]


# A segment's normalised text, and the inline code (TextBlock.code) it keeps as written.
SegmentSource = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Segment:
    """A distinct text of the document, as the engine gets it."""

    source: SegmentSource
    protected: Protected
    key: str
    # How many units of translation (blocks, chains of blocks, tooltips) hold this text: progress counts
    # them.
    blocks: int

    @property
    def capitals(self) -> bool:
        """Set in capitals: the engine gets it in title case, and its translation is put in capitals."""
        return in_capitals(self.source[0])

    @property
    def text(self) -> str:
        return title_case(self.protected.line) if self.capitals else self.protected.line

    def restored(self, output: str) -> str:
        """The engine's output for this segment with its protected spans back (protect.restore), in
        capitals where the source is (a single word too: capitals.one_word_in_capitals)."""
        in_capitals = self.capitals or one_word_in_capitals(self.source[0])
        return restore(self.protected, output.upper() if in_capitals else output)


@dataclass(frozen=True)
class Options:
    """What every group of blocks of one job is translated with besides its route."""

    tone: Tone
    glossary: Glossary | None
    memory: TranslationMemory | None
    on_lookup: LookupCallback | None
    request_slot: RequestSlots


def translate_document(
    document: Document,
    route: EngineRoute,
    on_progress: ProgressCallback,
    *,
    tone: Tone = Tone.NEUTRAL,
    glossary: Glossary | None = None,
    memory: TranslationMemory | None = None,
    on_lookup: LookupCallback | None = None,
    request_slot: RequestSlots = no_limits,
    other_languages: Mapping[str, EngineRoute | None] | None = None,
) -> Document:
    """A copy of `document` with every translatable block's text (and tooltip) translated; `source_text`
    is kept.

    A block detected in another language than the document's (`block.lang`) takes the route of its
    language from `other_languages`; one whose language has none (None, or not listed) is kept as it is.
    Tooltips take the document's route. `on_progress(done, total)` counts units of translation (blocks,
    a sentence cut by a column's or a page's end once, tooltips), after the memory lookup and after each
    engine batch.
    """
    last = route.legs[-1]
    translated = document.model_copy(
        deep=True,
        update={
            "source_lang": route.hops[0].source,
            "target_lang": last.hop.target,
            "engine": route.engine_name,
            "tone_applied": tone
            if writes_tone(last.engine, last.hop.source, last.hop.target, tone)
            else None,
        },
    )
    options = Options(tone, glossary, memory, on_lookup, request_slot)
    blocks = translation_units(translated)
    groups = _groups(blocks, route, other_languages or {})
    done = sum(len(group) for group_route, group in groups if group_route is None)
    for group_route, group in groups:
        if group_route is None:
            continue
        for count in _translate_blocks(group, group_route, options):
            done += count
            on_progress(done, len(blocks))
    return translated


def translation_units(document: Document) -> list[Translatable]:
    """What the document sends to translation, in reading order: its translatable blocks, each sentence
    cut by a column's or a page's end as one chain of blocks, then its form fields' tooltips."""
    blocks = [block for block in document.blocks() if block.translatable]
    units: list[Translatable] = [*with_chains(blocks), *document.form_fields()]
    return [unit for unit in units if unit.text.strip()]


def _groups(
    blocks: list[Translatable], route: EngineRoute, others: Mapping[str, EngineRoute | None]
) -> list[tuple[EngineRoute | None, list[Translatable]]]:
    """The blocks by the route each takes, the document's first; None: kept as they are."""
    source = route.hops[0].source
    groups: dict[str, tuple[EngineRoute | None, list[Translatable]]] = {source: (route, [])}
    for block in blocks:
        own = block.lang if isinstance(block, TextBlock | Chain) else None
        language = own if own is not None and own in others else source
        groups.setdefault(language, (others.get(language), []))[1].append(block)
    return list(groups.values())


def _translate_blocks(blocks: list[Translatable], route: EngineRoute, options: Options) -> Iterator[int]:
    """Translate the blocks' texts in place; yields how many blocks each step finished.

    Emphasised words go marked (emphasis) through a route whose every engine keeps the marks on their
    words, and their runs are read back from the translation; another route gets plain text (its
    segments are those of the same words without emphasis, in the memory too), and its translations
    have no emphasis.
    """
    pieces = [piece for unit in blocks for piece in _text_blocks(unit)]
    if route.keeps_marks:
        for piece in pieces:
            piece.text = marked(piece.text, piece.emphasis)
    hops = route.hops
    scope = MemoryScope(route.memory_name, hops[0].source, hops[-1].target, options.tone)
    # Each block's source once: a chain's is its pieces joined.
    sources = [segment_source(block) for block in blocks]
    segments = _distinct_segments(sources, Protector(options.glossary), scope)
    translations: dict[SegmentSource, str] = {}
    translate = route.batch_call(options.tone, options.request_slot)
    for found in _translations(
        list(segments.values()), translate, route.batch_chars, scope, options.memory, options.on_lookup
    ):
        translations.update(found)
        if found:
            yield sum(segments[source].blocks for source in found)
    for block, source in zip(blocks, sources, strict=True):
        block.text = translations[source]
    for piece in pieces:
        piece.text, piece.emphasis = unmarked(piece.text)


def _text_blocks(unit: Translatable) -> tuple[TextBlock, ...]:
    """The blocks a unit of translation writes: a block, a chain's blocks; none for a tooltip."""
    if isinstance(unit, Chain):
        return unit.blocks
    return (unit,) if isinstance(unit, TextBlock) else ()


def _distinct_segments(
    sources: list[SegmentSource], protector: Protector, scope: MemoryScope
) -> dict[SegmentSource, Segment]:
    """The blocks' sources (texts normalised, with the code they keep), once each, in reading order."""
    counts = Counter(sources)
    segments = {}
    for source, count in counts.items():
        text, code = source
        protected = protector.protect(text, code)
        segments[source] = Segment(source, protected, scope.key(text, protected.spans), count)
    return segments


def segment_source(block: Translatable) -> SegmentSource:
    """What the block (or tooltip) is translated as: its text normalised, with the code it keeps; blocks
    with the same source share one translation, and one request."""
    code = tuple(block.code) if isinstance(block, TextBlock | Chain) else ()
    return normalize_segment(block.text), code


def _translations(
    segments: list[Segment],
    translate: BatchTranslator,
    batch_chars: int,
    scope: MemoryScope,
    memory: TranslationMemory | None,
    on_lookup: LookupCallback | None,
) -> Iterator[dict[SegmentSource, str]]:
    """Translations by source: first all the memory knows, then the engine's, batch by batch."""
    known = memory.lookup([segment.key for segment in segments]) if memory is not None else {}
    if memory is not None and on_lookup is not None:
        on_lookup(len(known), len(segments) - len(known))
    yield {segment.source: known[segment.key] for segment in segments if segment.key in known}
    for batch in batches([segment for segment in segments if segment.key not in known], batch_chars):
        outputs = translate([segment.text for segment in batch])
        new = {segment.key: segment.restored(output) for segment, output in zip(batch, outputs, strict=True)}
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
