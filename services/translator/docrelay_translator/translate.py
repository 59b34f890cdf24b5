"""Translating a document: its translatable blocks go to an engine in batches, in reading order."""

from collections.abc import Callable, Iterator

from docrelay_common.document import Document, TextBlock

from docrelay_translator.engines.base import Engine

ProgressCallback = Callable[[int, int], None]


def translate_document(
    document: Document, engine: Engine, source: str, target: str, on_progress: ProgressCallback
) -> Document:
    """A copy of `document` with every translatable block's text translated; `source_text` is kept.

    `on_progress(done, total)` counts the blocks sent to the engine, after each batch.
    """
    translated = document.model_copy(
        deep=True, update={"source_lang": source, "target_lang": target, "engine": engine.name}
    )
    blocks = [block for block in translated.blocks() if block.translatable and block.text.strip()]
    done = 0
    for batch in batches(blocks, engine.batch_chars):
        texts = engine.translate_batch([block.text for block in batch], source, target)
        for block, text in zip(batch, texts, strict=True):
            block.text = text
        done += len(batch)
        on_progress(done, len(blocks))
    return translated


def batches(blocks: list[TextBlock], max_chars: int) -> Iterator[list[TextBlock]]:
    """Consecutive runs of blocks of at most `max_chars` characters; a longer block goes alone."""
    batch: list[TextBlock] = []
    size = 0
    for block in blocks:
        if batch and size + len(block.text) > max_chars:
            yield batch
            batch, size = [], 0
        batch.append(block)
        size += len(block.text)
    if batch:
        yield batch
