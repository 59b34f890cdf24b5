"""The translate stage with LibreTranslate configured through the environment, as deployed.

The fake LibreTranslate server runs on a local port; the settings and the engine registry are
cached per process, so the caches are cleared around each test.
"""

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_common.messages import JobOptions
from docrelay_common.stages import Stage
from docrelay_translator.engines.registry import registered_engines
from tests.support.documents import text_document
from tests.support.fake_http import Reply, serve
from tests.support.fake_libretranslate import FakeLibreTranslate, fake_translation
from tests.support.stage import (
    RecordingTask,
    message_with_document,
    read_document,
    recording_context,
    run_in_process,
)

TEXTS = ["Hello world.", "The green house is here.", "Hello again, world."]


@pytest.fixture
def libretranslate(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeLibreTranslate]:
    fake = FakeLibreTranslate(api_keys=frozenset({"sesame"}))
    with serve(fake) as url:
        monkeypatch.setenv("DOCRELAY_LIBRETRANSLATE_URL", url)
        monkeypatch.setenv("DOCRELAY_LIBRETRANSLATE_API_KEY", "sesame")
        monkeypatch.setenv("DOCRELAY_ENGINE_RETRY_AFTER_MAX", "0.1")
        for name in ("DOCRELAY_OPENAI_BASE_URL", "DOCRELAY_OPENAI_MODEL", "DOCRELAY_DEEPL_API_KEY"):
            monkeypatch.delenv(name, raising=False)
        yield fake


@pytest.fixture
def worker_env(libretranslate: FakeLibreTranslate) -> dict[str, str]:
    """Depends on `libretranslate` so that the server is configured before the shared `worker` fixture
    clears the cached settings."""
    # This test is about the engine: no translation memory in between.
    return {"DOCRELAY_TRANSLATION_CACHE_ENABLED": "false"}


def run(
    worker: ModuleType, tmp_path: Path, source_lang: str, **options: Any
) -> tuple[Document, RecordingTask]:
    store = LocalArtifactStore(tmp_path / "artifacts")
    # As the extractor hands it on: the document's language in the options, not in the document.
    job_options = JobOptions(source_lang=source_lang, **options)
    message = message_with_document(store, "extracted", text_document(TEXTS), job_options)
    context, task = recording_context(Stage.TRANSLATE, store)
    result = run_in_process(worker.work, message, context)
    return read_document(store, result, "translated"), task


def test_a_job_asking_for_libretranslate_is_translated_by_the_server(
    worker: ModuleType, libretranslate: FakeLibreTranslate, tmp_path: Path
) -> None:
    translated, task = run(worker, tmp_path, "en", target_lang="es", engine="libretranslate")
    assert [block.text for block in translated.blocks()] == [fake_translation(text, "es") for text in TEXTS]
    assert translated.blocks()[1].text == "[es] La verde casa is here."
    assert [block.source_text for block in translated.blocks()] == TEXTS
    assert (translated.engine, translated.source_lang, translated.target_lang) == (
        "libretranslate",
        "en",
        "es",
    )
    assert task.info()["engine"] == "libretranslate" and task.progress()[-1] == (3, 3)
    assert all(
        request.json()["api_key"] == "sesame" for request in libretranslate.requests_to("POST", "/translate")
    )


def test_a_pair_only_libretranslate_has_is_sent_there_automatically(
    worker: ModuleType, tmp_path: Path
) -> None:
    assert not registered_engines()[0].supports("de", "en"), "apertium translates de->en here"
    translated, task = run(worker, tmp_path, "de", target_lang="en")
    assert translated.engine == "libretranslate" and task.info()["engine"] == "libretranslate"
    assert translated.blocks()[0].text == "[en] Hello world."


def test_a_pair_the_server_lacks_goes_through_a_bridge_language(worker: ModuleType, tmp_path: Path) -> None:
    translated, task = run(worker, tmp_path, "es", target_lang="de", engine="libretranslate")
    assert task.info()["engine_path"] == ["libretranslate:es-en", "libretranslate:en-de"]
    assert [block.text for block in translated.blocks()] == [
        fake_translation(fake_translation(text, "en"), "de") for text in TEXTS
    ]


def test_a_pair_the_server_cannot_reach_names_what_it_can(worker: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(PermanentError) as failure:
        run(worker, tmp_path, "es", target_lang="fr", engine="libretranslate")
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR
    message = failure.value.message
    assert "the nearest targets es translates to: " in message
    assert "de (libretranslate:es-en, libretranslate:en-de)" in message and "apertium" not in message


def test_an_overloaded_server_fails_the_attempt_for_the_stage_to_retry(
    worker: ModuleType, libretranslate: FakeLibreTranslate, tmp_path: Path
) -> None:
    libretranslate.fail_next(Reply(503, {"error": "Service Unavailable"}))
    with pytest.raises(TransientError) as failure:
        run(worker, tmp_path, "en", target_lang="es", engine="libretranslate")
    assert failure.value.code == ErrorCode.ENGINE_ERROR
    translated, _ = run(worker, tmp_path, "en", target_lang="es", engine="libretranslate")
    assert translated.blocks()[0].text == "[es] Hola mundo."
