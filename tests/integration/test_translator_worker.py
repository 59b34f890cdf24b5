"""Engine selection and the translate stage's handler, with the real engines and a real artifact store."""

from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import EVENT_INFO, EVENT_PROGRESS
from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.language_routes import Hop, RouteRules
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.stages import Stage
from docrelay_translator.engines.apertium import ApertiumEngine
from docrelay_translator.engines.base import Engine
from docrelay_translator.engines.pseudo import PseudoEngine
from docrelay_translator.engines.registry import registered_engines
from docrelay_translator.routing import plan_route
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


RULES = RouteRules(max_hops=2, bridges=("en", "es", "ca", "fr"))


def route(
    requested: str | None, source: str, target: str, engines: Sequence[Engine] | None = None
) -> list[str]:
    return plan_route(requested, source, target, RULES, engines).path


def test_automatic_choice_prefers_apertium_and_falls_back_to_pseudo() -> None:
    assert route(None, "en", "es") == ["apertium:en-es"]
    assert route(None, "es", "en") == ["apertium:es-en"]
    assert route(None, "en", "en-XA") == ["pseudo:en-en-XA"]
    assert route(None, "de", "ar-XB") == ["pseudo:de-ar-XB"]


def test_explicit_choice_is_honoured() -> None:
    assert route("pseudo", "en", "en-XA") == ["pseudo:en-en-XA"]
    assert route("apertium", "en", "es") == ["apertium:en-es"]


def test_document_already_in_the_target_language_needs_no_engine() -> None:
    assert route(None, "fr", "fr") == ["none:fr-fr"]


def test_pairs_without_an_engine_go_through_a_bridge_language() -> None:
    assert route(None, "fr", "en") == ["apertium:fr-es", "apertium:es-en"]
    assert route(None, "it", "en") == ["apertium:it-es", "apertium:es-en"]
    assert route(None, "ro", "ca") == ["apertium:ro-es", "apertium:es-ca"]
    # Catalan comes first among the bridges for nothing here: Spanish is listed before it.
    assert route(None, "pt", "en") == ["apertium:pt-es", "apertium:es-en"]
    # A source with a region reads as its language when only the language has routes.
    assert route(None, "pt-BR", "en") == ["apertium:pt-es", "apertium:es-en"]
    assert plan_route(None, "fr", "en", RULES.model_copy(update={"bridges": ("ca",)})).path == [
        "apertium:fr-ca",
        "apertium:ca-en",
    ]


def test_direct_pairs_only_when_one_hop_is_allowed() -> None:
    with pytest.raises(PermanentError) as failure:
        plan_route(None, "fr", "en", RouteRules(max_hops=1))
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR
    assert failure.value.message.startswith("no engine translates fr -> en (directly)")


def test_unknown_engine_lists_the_known_ones() -> None:
    with pytest.raises(PermanentError) as failure:
        route("nosuchengine", "en", "es")
    assert failure.value.code == ErrorCode.ENGINE_UNAVAILABLE
    assert "apertium" in failure.value.message and "pseudo" in failure.value.message


def test_uninstalled_engine_is_unavailable(tmp_path: Path) -> None:
    engines = (ApertiumEngine("apertium", tmp_path, 5), PseudoEngine())
    with pytest.raises(PermanentError) as failure:
        route("apertium", "en", "es", engines)
    assert (
        failure.value.code == ErrorCode.ENGINE_UNAVAILABLE
        and "available engines: pseudo" in failure.value.message
    )
    with pytest.raises(PermanentError) as failure:
        route(None, "en", "es", engines)
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR


def test_unsupported_pair_names_the_nearest_reachable_targets() -> None:
    with pytest.raises(PermanentError) as failure:
        route(None, "mk", "fr")
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR
    message = failure.value.message
    assert message.startswith("no engine translates mk -> fr (in up to 2 hops through bridge languages); ")
    assert "en (apertium:mk-en)" in message and "ca (apertium:mk-en, apertium:en-ca)" in message
    # Three hops reach it: Macedonian > English > Spanish > French.
    three = plan_route(None, "mk", "fr", RULES.model_copy(update={"max_hops": 3}))
    assert three.path == ["apertium:mk-en", "apertium:en-es", "apertium:es-fr"]
    with pytest.raises(PermanentError) as failure:
        route(None, "fr", "en-GB")
    # The closest target first: English itself, through Spanish.
    assert "targets fr translates to: en (apertium:fr-es, apertium:es-en)" in failure.value.message
    # Pseudo-localization reaches en-XA from anything, but it is no translation to offer.
    with pytest.raises(PermanentError) as failure:
        route(None, "de", "en")
    assert "nothing translates from de (GET /v1/languages lists" in failure.value.message


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
    assert result.options.route == (Hop(engine="apertium", source="en", target="es"),)
    translated = read_document(store, result, "translated")
    assert (translated.source_lang, translated.target_lang, translated.engine) == ("en", "es", "apertium")
    assert "resultados" in translated.blocks()[0].text
    assert translated.blocks()[0].source_text == "The results of the experiment were clear."
    events = task.events
    info = {
        "stage": "translate",
        "engine": "apertium",
        "engine_path": ["apertium:en-es"],
        "source_lang": "en",
    }
    assert (EVENT_INFO, info) in events
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
