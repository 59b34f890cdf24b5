"""The tone stage with a real artifact store; Celery's event sending is replaced by a recorder."""

from pathlib import Path

import pytest

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import EVENT_PROGRESS, Tone
from docrelay_common.document import Document
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.stages import Stage
from docrelay_toner.worker import work
from tests.support.documents import text_document
from tests.support.stage import (
    RecordingTask,
    message_with_document,
    read_document,
    recording_context,
    run_in_process,
)

JOB = "job-1"
TRANSLATED = job_key(JOB, "translated")
TONED = job_key(JOB, "toned")


@pytest.fixture
def store(tmp_path: Path) -> LocalArtifactStore:
    return LocalArtifactStore(tmp_path / "artifacts")


def translated_document(target_lang: str | None, *pages: list[tuple[str, str]]) -> Document:
    """A translated document: one page per list of (source text, translated text) pairs."""
    sources = [[source for source, _ in blocks] for blocks in pages]
    extracted = text_document(*sources, source_lang="en", target_lang=target_lang, engine="apertium")
    return with_texts(extracted, [text for blocks in pages for _, text in blocks])


def run(
    store: LocalArtifactStore, document: Document, target_lang: str, tone: Tone, pages_per_part: int = 40
) -> tuple[StageMessage, RecordingTask]:
    options = JobOptions(target_lang=target_lang, tone=tone)
    message = message_with_document(
        store, "translated", document, options, JOB, pages_per_part=pages_per_part
    )
    context, task = recording_context(Stage.TONE, store)
    return run_in_process(work, message, context), task


def toned_anything(store: LocalArtifactStore, message: StageMessage) -> bool:
    """Whether the stage wrote any range of its own toned document."""
    return any(store.exists(f"{TONED}/{part.label}.json") for part in message.parts)


def with_texts(document: Document, texts: list[str]) -> Document:
    """`document` with its blocks' texts replaced, in reading order, and everything else kept."""
    expected = document.model_copy(deep=True)
    for block, text in zip(expected.blocks(), texts, strict=True):
        block.text = text
    return expected


def test_neutral_passes_the_translated_document_on_as_it_is(store: LocalArtifactStore) -> None:
    document = translated_document("es", [("You can see your results.", "Tú puedes ver tus resultados.")])
    result, task = run(store, document, "es", Tone.NEUTRAL)
    assert result.artifacts == {"translated": TRANSLATED, "toned": TRANSLATED}
    assert not toned_anything(store, result)
    assert read_document(store, result, "toned") == document
    assert task.events == []


def test_formal_spanish_addresses_the_reader_as_usted(store: LocalArtifactStore) -> None:
    document = translated_document(
        "es",
        [("You can see your results.", "Tú puedes ver tus resultados.")],
        [("You can download the file.", "Puedes descargar el archivo."), ("This is for you.", "Es para ti.")],
    )
    result, task = run(store, document, "es", Tone.FORMAL)
    assert result.artifacts == {"translated": TRANSLATED, "toned": TONED}
    expected = ["Usted puede ver sus resultados.", "Puede descargar el archivo.", "Es para usted."]
    assert read_document(store, result, "toned") == with_texts(document, expected)
    assert read_document(store, result, "translated") == document
    assert task.info() == {"stage": "tone", "tone_method": "rules"}
    assert task.progress() == [(1, 2), (2, 2)]
    assert all(fields["stage"] == "tone" for fields in task.fields_of(EVENT_PROGRESS))


def test_informal_english_contracts_and_expands_nothing(store: LocalArtifactStore) -> None:
    texts = ["We do not know why it's late.", "I know who you are."]
    document = translated_document("en", [(text, text) for text in texts])
    result, task = run(store, document, "en", Tone.INFORMAL)
    expected = ["We don't know why it's late.", "I know who you are."]
    assert read_document(store, result, "toned") == with_texts(document, expected)
    assert task.info() == {"stage": "tone", "tone_method": "rules"}
    assert task.progress() == [(1, 1)]


@pytest.mark.parametrize(
    ("lang", "tone", "text"),
    [
        ("fr", Tone.FORMAL, "Tu peux voir tes résultats."),
        ("en-XA", Tone.INFORMAL, "We do not know."),
        ("en-XA", Tone.FORMAL, "It's late and we don't know."),
    ],
)
def test_a_language_without_rules_passes_through(
    store: LocalArtifactStore, lang: str, tone: Tone, text: str
) -> None:
    document = translated_document(lang, [("Source text.", text)])
    result, task = run(store, document, lang, tone)
    assert result.artifacts["toned"] == TONED
    assert read_document(store, result, "toned") == document
    assert task.info() == {"stage": "tone", "tone_method": "none"}
    assert task.progress() == [(1, 1)]


def test_a_document_without_target_language_takes_the_requested_one(store: LocalArtifactStore) -> None:
    document = translated_document(None, [("You can see your results.", "Tú puedes ver tus resultados.")])
    result, task = run(store, document, "es-MX", Tone.FORMAL)
    toned = read_document(store, result, "toned")
    assert toned == with_texts(document, ["Usted puede ver sus resultados."])
    assert task.info() == {"stage": "tone", "tone_method": "rules"}


def test_each_page_range_is_toned_on_its_own(store: LocalArtifactStore) -> None:
    document = translated_document(
        "es",
        [("You can see your results.", "Tú puedes ver tus resultados.")],
        [("You can download the file.", "Puedes descargar el archivo."), ("This is for you.", "Es para ti.")],
    )
    result, task = run(store, document, "es", Tone.FORMAL, pages_per_part=1)
    assert len(result.parts) == 2
    second = store.read_document(result.part_key("toned", result.parts[1]))
    assert [block.text for block in second.blocks()] == ["Puede descargar el archivo.", "Es para usted."]
    expected = ["Usted puede ver sus resultados.", "Puede descargar el archivo.", "Es para usted."]
    assert read_document(store, result, "toned") == with_texts(document, expected)
    # Progress is counted in pages, within each range.
    assert task.progress() == [(1, 1), (1, 1)]
