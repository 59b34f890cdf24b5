"""translate_document on hand-built documents, with the in-process pseudo-localization engine."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from docrelay_common.constants import Tone
from docrelay_common.document import BBox, Document, Page, TextBlock
from docrelay_translator.engines.base import writes_tone
from docrelay_translator.engines.passthrough import PassThroughEngine
from docrelay_translator.engines.pseudo import PseudoEngine, pseudo_accented
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import batches, translate_document

BOX = BBox(x0=10, top=10, x1=200, bottom=30)


def block(block_id: str, text: str, translatable: bool = True) -> TextBlock:
    return TextBlock(id=block_id, bbox=BOX, text=text, source_text=text, translatable=translatable)


def sample_document() -> Document:
    first = Page(
        number=1,
        width=612,
        height=792,
        blocks=[
            block("p1-b1", "Introduction"),
            block("p1-b2", "12.5 %", translatable=False),
            block("p1-b3", "  "),
        ],
    )
    second = Page(
        number=2,
        width=612,
        height=792,
        blocks=[block(f"p2-b{index}", f"Sentence number {index} of the text.") for index in range(1, 8)],
    )
    return Document(source_lang="en", pages=[first, second])


def test_translatable_blocks_are_translated_and_the_rest_untouched() -> None:
    document = sample_document()
    translated = translate_document(
        document, direct_route(PseudoEngine(), "en", "en-XA"), lambda done, total: None
    )
    for before, after in zip(document.blocks(), translated.blocks(), strict=True):
        assert after.source_text == before.source_text == before.text
        changed = before.translatable and bool(before.text.strip())
        assert after.text == (pseudo_accented(before.text) if changed else before.text)
    assert (translated.source_lang, translated.target_lang, translated.engine) == ("en", "en-XA", "pseudo")
    assert document.engine is None and document.blocks()[0].text == "Introduction"


def test_progress_counts_segments_after_every_batch() -> None:
    engine = PseudoEngine()
    engine.batch_chars = 80
    calls: list[tuple[int, int]] = []
    translate_document(
        sample_document(),
        direct_route(engine, "en", "en-XA"),
        lambda done, total: calls.append((done, total)),
    )
    assert len(calls) > 2
    assert {total for _, total in calls} == {8}
    assert [done for done, _ in calls] == sorted({done for done, _ in calls})
    assert calls[-1] == (8, 8)


def test_document_in_the_target_language_passes_through() -> None:
    document = sample_document()
    same = translate_document(
        document, direct_route(PassThroughEngine(), "en", "en"), lambda done, total: None
    )
    assert [b.text for b in same.blocks()] == [b.text for b in document.blocks()]
    assert same.engine == "none"


def test_batches_respect_the_character_budget_and_keep_order() -> None:
    blocks = [block(str(index), "x" * length) for index, length in enumerate([30, 30, 30, 100, 10, 10])]
    grouped = list(batches(blocks, 70))
    assert [[b.id for b in batch] for batch in grouped] == [["0", "1"], ["2"], ["3"], ["4", "5"]]


@pytest.mark.parametrize("tone", list(Tone))
def test_an_engine_without_a_register_of_its_own_leaves_the_tone_to_the_toner(tone: Tone) -> None:
    engine = PseudoEngine()
    assert not writes_tone(engine, "en", "en-XA", tone)
    translated = translate_document(
        sample_document(), direct_route(engine, "en", "en-XA"), lambda *_: None, tone=tone
    )
    neutral = translate_document(sample_document(), direct_route(engine, "en", "en-XA"), lambda *_: None)
    assert translated.tone_applied is None
    assert [b.text for b in translated.blocks()] == [b.text for b in neutral.blocks()]


def test_every_engine_request_holds_a_request_slot() -> None:
    engine = PseudoEngine()
    engine.batch_chars = 80
    held: list[str] = []

    @contextmanager
    def slot() -> Iterator[None]:
        held.append("enter")
        yield
        held.append("exit")

    progress: list[int] = []
    translate_document(
        sample_document(),
        direct_route(engine, "en", "en-XA"),
        lambda d, _: progress.append(d),
        request_slot=lambda engine: slot,
    )
    # One slot per batch sent to the engine; each batch's progress report comes after it.
    assert held == ["enter", "exit"] * len(progress) and len(progress) > 2


def test_one_text_with_other_inline_code_is_another_segment() -> None:
    # The same words, once with "mode" set as code and once in the text face: each keeps its own.
    document = Document(
        source_lang="en",
        pages=[
            Page(
                number=1,
                width=612,
                height=792,
                blocks=[block("p1-b1", "Set the mode."), block("p1-b2", "Set the mode.")],
            )
        ],
    )
    document.pages[0].blocks[0].code = ["mode"]
    as_code, as_word = translate_document(
        document, direct_route(PseudoEngine(), "en", "en-XA"), lambda done, total: None
    ).blocks()
    assert "mode" in as_code.text and as_code.text != as_word.text == pseudo_accented("Set the mode.")
    assert "mode" not in as_word.text
