"""Engine selection and the translate stage's handler, with the real engines and a real artifact store."""

from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import EVENT_INFO, EVENT_PROGRESS
from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.stages import Stage
from docrelay_translator.engines.apertium import ApertiumEngine
from docrelay_translator.engines.pseudo import PseudoEngine
from docrelay_translator.engines.registry import registered_engines, select_engine
from tests.support.documents import text_document
from tests.support.stage import (
    RecordingTask,
    message_with_document,
    read_document,
    recording_context,
    run_in_process,
)

pytestmark = pytest.mark.skipif(
    not registered_engines()[0].is_available(), reason="apertium is not installed"
)


def test_automatic_choice_prefers_apertium_and_falls_back_to_pseudo() -> None:
    assert select_engine(None, "en", "es").name == "apertium"
    assert select_engine(None, "es", "en").name == "apertium"
    assert select_engine(None, "en", "en-XA").name == "pseudo"
    assert select_engine(None, "de", "ar-XB").name == "pseudo"


def test_explicit_choice_is_honoured() -> None:
    assert select_engine("pseudo", "en", "en-XA").name == "pseudo"
    assert select_engine("apertium", "en", "es").name == "apertium"


def test_document_already_in_the_target_language_needs_no_engine() -> None:
    assert select_engine(None, "fr", "fr").name == "none"


def test_unknown_engine_lists_the_known_ones() -> None:
    with pytest.raises(PermanentError) as failure:
        select_engine("nosuchengine", "en", "es")
    assert failure.value.code == ErrorCode.ENGINE_UNAVAILABLE
    assert "apertium" in failure.value.message and "pseudo" in failure.value.message


def test_uninstalled_engine_is_unavailable(tmp_path: Path) -> None:
    engines = (ApertiumEngine("apertium", tmp_path, 5), PseudoEngine())
    with pytest.raises(PermanentError) as failure:
        select_engine("apertium", "en", "es", engines)
    assert (
        failure.value.code == ErrorCode.ENGINE_UNAVAILABLE
        and "available engines: pseudo" in failure.value.message
    )
    with pytest.raises(PermanentError) as failure:
        select_engine(None, "en", "es", engines)
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR


def test_unsupported_pair_lists_every_engines_pairs() -> None:
    with pytest.raises(PermanentError) as failure:
        select_engine(None, "fr", "de")
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR
    message = failure.value.message
    assert message.startswith("no engine translates fr -> de; supported: apertium: ")
    assert "en->es" in message and "es->en" in message and "pseudo: *->en-XA, *->ar-XB" in message
    with pytest.raises(PermanentError) as failure:
        select_engine("pseudo", "en", "es")
    assert (
        failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR and "apertium" not in failure.value.message
    )


def run(
    worker: ModuleType, tmp_path: Path, document: Document, **options: Any
) -> tuple[StageMessage, LocalArtifactStore, RecordingTask]:
    store = LocalArtifactStore(tmp_path / "artifacts")
    # The extractor hands on the document's language in the options, as detected or as asked for.
    options.setdefault("source_lang", document.source_lang)
    message = message_with_document(store, "extracted", document, JobOptions(**options))
    context, task = recording_context(Stage.TRANSLATE, store)
    return run_in_process(worker.work, message, context), store, task


def english_document(source_lang: str | None = "en") -> Document:
    texts = ["The results of the experiment were clear.", "We describe a new system."]
    return text_document(texts, source_lang=source_lang)


def test_handler_writes_the_translated_document(worker: ModuleType, tmp_path: Path) -> None:
    result, store, task = run(worker, tmp_path, english_document(), target_lang="es")
    assert result.artifacts["translated"] == job_key("job1", "translated")
    assert result.options.engine == "apertium"
    translated = read_document(store, result, "translated")
    assert (translated.source_lang, translated.target_lang, translated.engine) == ("en", "es", "apertium")
    assert "resultados" in translated.blocks()[0].text
    assert translated.blocks()[0].source_text == "The results of the experiment were clear."
    events = task.events
    assert (EVENT_INFO, {"stage": "translate", "engine": "apertium", "source_lang": "en"}) in events
    assert events[-1] == (EVENT_PROGRESS, {"stage": "translate", "done": 2, "total": 2})


def test_handler_prefers_the_requested_source_language(worker: ModuleType, tmp_path: Path) -> None:
    result, store, _ = run(worker, tmp_path, english_document(None), target_lang="en-XA", source_lang="EN")
    translated = read_document(store, result, "translated")
    assert (translated.source_lang, translated.engine) == ("en", "pseudo")


def test_handler_needs_a_source_language(worker: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(PermanentError) as failure:
        run(worker, tmp_path, english_document(None), target_lang="es")
    assert failure.value.code == ErrorCode.LANGUAGE_UNDETECTED and "source_lang" in failure.value.message


def test_a_document_already_in_the_target_language_says_so(worker: ModuleType, tmp_path: Path) -> None:
    result, store, task = run(worker, tmp_path, english_document(), target_lang="en")
    translated = read_document(store, result, "translated")
    assert translated.engine == "none"
    assert [block.text for block in translated.blocks()] == [b.text for b in english_document().blocks()]
    assert task.info()["notices"] == ["the document is already in en: its text was not translated"]
