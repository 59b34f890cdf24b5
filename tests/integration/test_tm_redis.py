"""The translation memory on a real Redis server, with real engines whose calls are counted."""

import logging
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import redis

from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import EVENT_INFO, EVENT_PROGRESS
from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, TransientError
from docrelay_common.messages import JobOptions
from docrelay_common.stages import Stage
from docrelay_translator.engines.base import Engine
from docrelay_translator.engines.pseudo import PseudoEngine
from docrelay_translator.glossary import Glossary
from docrelay_translator.memory import LOOKUP_CHUNK, open_memory
from docrelay_translator.routing import direct_route
from docrelay_translator.settings import TranslatorSettings
from docrelay_translator.translate import translate_document
from tests.support.documents import text_document
from tests.support.servers import redis_server
from tests.support.stage import (
    RecordingTask,
    message_with_document,
    read_document,
    recording_context,
    run_in_process,
)

SENTENCES = [
    "The results of the experiment were clear.",
    "We describe a new system for extracting information from text.",
    "Each page of the document contains a table and a figure.",
    "You can download the software from our website.",
]
HEADER = "Journal of Experimental Results"
TTL_DAYS = 7


class CountingEngine:
    """A real engine, under its own name or another, that records every text it is asked to translate."""

    def __init__(self, engine: Engine, name: str | None = None, fail_on_call: int | None = None) -> None:
        self.engine = engine
        self.name = name or engine.name
        self.batch_chars = engine.batch_chars
        self.fail_on_call = fail_on_call
        self.calls: list[list[str]] = []

    @property
    def texts(self) -> list[str]:
        return [text for call in self.calls for text in call]

    def is_available(self) -> bool:
        return self.engine.is_available()

    def language_pairs(self) -> list[tuple[str, str]]:
        return self.engine.language_pairs()

    def supports(self, source: str, target: str) -> bool:
        return self.engine.supports(source, target)

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        self.calls.append(texts)
        if len(self.calls) == self.fail_on_call:
            raise TransientError(ErrorCode.ENGINE_ERROR, "the engine is overloaded")
        return self.engine.translate_batch(texts, source, target)


@pytest.fixture
def client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    client.flushdb()
    client.config_resetstat()
    yield client
    client.close()


@pytest.fixture
def settings(redis_url: str, client: redis.Redis) -> TranslatorSettings:
    return TranslatorSettings(translation_cache_url=redis_url, translation_cache_ttl=TTL_DAYS)


def document(texts: list[str], pages: int = 1) -> Document:
    """`pages` pages with the same texts."""
    return text_document(*[texts] * pages)


def translate(
    source: Document, engine: Engine, target: str, settings: TranslatorSettings, **options: object
) -> tuple[list[str], list[tuple[int, int]]]:
    """The translated texts, and the (hits, misses) the memory lookup reported."""
    lookups: list[tuple[int, int]] = []
    with open_memory(settings) as memory:
        result = translate_document(
            source,
            direct_route(engine, "en", target),
            lambda done, total: None,
            memory=memory,
            on_lookup=lambda hits, misses: lookups.append((hits, misses)),
            **options,  # type: ignore[arg-type]
        )
    return [block.text for block in result.blocks()], lookups


def command_calls(client: redis.Redis, command: str) -> int:
    return int(client.info("commandstats").get(f"cmdstat_{command}", {"calls": 0})["calls"])


def test_a_second_identical_document_is_served_from_memory(
    apertium: Engine, settings: TranslatorSettings, client: redis.Redis
) -> None:
    first_engine, second_engine = CountingEngine(apertium), CountingEngine(apertium)
    first, first_lookups = translate(document(SENTENCES), first_engine, "es", settings)
    second, second_lookups = translate(document(SENTENCES), second_engine, "es", settings)
    assert first_engine.texts and not second_engine.calls
    assert second == first and "resultados" in first[0]
    assert (first_lookups, second_lookups) == ([(0, 4)], [(4, 0)])
    assert command_calls(client, "mget") == 2 and command_calls(client, "get") == 0


def test_a_repeated_text_is_translated_once(settings: TranslatorSettings, client: redis.Redis) -> None:
    texts = [HEADER, *SENTENCES, f" {HEADER.replace(' ', chr(10))} "]
    source = document(texts, pages=40)
    for memory_settings in (settings.model_copy(update={"translation_cache_enabled": False}), settings):
        engine = CountingEngine(PseudoEngine())
        translated, _ = translate(source, engine, "en-XA", memory_settings)
        assert sorted(engine.texts) == sorted([HEADER, *SENTENCES])
        headers = {
            text for text, block in zip(translated, source.blocks(), strict=True) if "Journal" in block.text
        }
        assert len(headers) == 1 and HEADER not in headers
    assert client.dbsize() == 5


def test_engine_target_tone_and_glossary_keep_their_own_entries(
    settings: TranslatorSettings, client: redis.Redis
) -> None:
    source = document(["The library is open.", "The museum is closed."])
    variants: list[tuple[str, str, dict[str, object], int]] = [
        ("pseudo", "en-XA", {}, 2),
        ("pseudo", "en-XA", {"tone": "formal"}, 2),
        ("pseudo-copy", "en-XA", {}, 2),
        ("pseudo", "ar-XB", {}, 2),
        # Only the segment holding the term is new: the other one's key does not involve the glossary.
        ("pseudo", "en-XA", {"glossary": Glossary({"library": "mediateca"})}, 1),
        ("pseudo", "en-XA", {}, 0),
    ]
    for name, target, options, sent in variants:
        engine = CountingEngine(PseudoEngine(), name)
        translate(source, engine, target, settings, **options)
        assert len(engine.texts) == sent, (name, target, options)
    assert client.dbsize() == 9


def test_entries_expire_after_the_configured_days(settings: TranslatorSettings, client: redis.Redis) -> None:
    translate(document(SENTENCES), PseudoEngine(), "en-XA", settings)
    keys = client.keys("docrelay:tm:5:pseudo:en:en-XA:neutral:*")
    assert len(keys) == len(SENTENCES)
    for key in keys:
        assert TTL_DAYS * 86_400 - 60 < client.ttl(key) <= TTL_DAYS * 86_400


def test_lookups_take_one_mget_per_chunk_of_keys(settings: TranslatorSettings, client: redis.Redis) -> None:
    texts = [f"Sentence {index} of a long document." for index in range(2 * LOOKUP_CHUNK + 10)]
    engine = CountingEngine(PseudoEngine())
    translate(document(texts), engine, "en-XA", settings)
    assert command_calls(client, "mget") == 3
    assert command_calls(client, "set") == len(texts) and len(engine.calls) == 1
    _, lookups = translate(document(texts), engine, "en-XA", settings)
    assert lookups == [(len(texts), 0)] and len(engine.calls) == 1


def test_a_job_retried_after_an_engine_failure_resumes_from_memory(settings: TranslatorSettings) -> None:
    failing = CountingEngine(PseudoEngine(), fail_on_call=2)
    failing.batch_chars = 50
    with pytest.raises(TransientError):
        translate(document(SENTENCES), failing, "en-XA", settings)
    retry = CountingEngine(PseudoEngine())
    _, lookups = translate(document(SENTENCES), retry, "en-XA", settings)
    assert lookups == [(1, 3)] and retry.texts == SENTENCES[1:]


def test_without_redis_the_document_is_still_translated(caplog: pytest.LogCaptureFixture) -> None:
    with redis_server() as url:
        pass  # stopped again: nothing answers at url now
    settings = TranslatorSettings(translation_cache_url=url)
    engine = CountingEngine(PseudoEngine())
    engine.batch_chars = 50
    with caplog.at_level(logging.WARNING, logger="docrelay_translator.memory"):
        translated, lookups = translate(document(SENTENCES), engine, "en-XA", settings)
    assert translated == PseudoEngine().translate_batch(SENTENCES, "en", "en-XA")
    assert lookups == [(0, 4)] and len(engine.calls) > 1
    warnings = [record for record in caplog.records if record.levelno == logging.WARNING]
    assert len(warnings) == 1 and "translation memory unavailable" in warnings[0].getMessage()


def test_a_disabled_memory_is_never_asked(settings: TranslatorSettings, client: redis.Redis) -> None:
    disabled = settings.model_copy(update={"translation_cache_enabled": False})
    _, lookups = translate(document(SENTENCES), PseudoEngine(), "en-XA", disabled)
    assert lookups == [] and client.dbsize() == 0 and command_calls(client, "mget") == 0


@pytest.fixture
def worker_env(redis_url: str) -> dict[str, str]:
    """For the shared `worker` fixture: the translation memory on, in the Redis started here."""
    return {"DOCRELAY_TRANSLATION_CACHE_URL": redis_url}


def run_job(
    worker: ModuleType, store: LocalArtifactStore, job_id: str, source: Document
) -> tuple[Document, RecordingTask]:
    options = JobOptions(target_lang="en-XA", source_lang="en")
    message = message_with_document(store, "extracted", source, options, job_id=job_id)
    context, task = recording_context(Stage.TRANSLATE, store)
    result = run_in_process(worker.work, message, context)
    return read_document(store, result, "translated"), task


def test_the_stage_reports_hits_and_misses(worker: ModuleType, tmp_path: Path, client: redis.Redis) -> None:
    store = LocalArtifactStore(tmp_path / "artifacts")
    source = document([HEADER, *SENTENCES], pages=3)
    first_translated, first = run_job(worker, store, "job1", source)
    second_translated, second = run_job(worker, store, "job2", source)
    assert (first.info()["cache_hits"], first.info()["cache_misses"]) == (0, 5)
    assert (second.info()["cache_hits"], second.info()["cache_misses"]) == (5, 0)
    assert second.events[-1] == (EVENT_PROGRESS, {"stage": "translate", "done": 15, "total": 15})
    assert EVENT_INFO in {kind for kind, _ in second.events}
    assert [block.text for block in first_translated.blocks()] == [
        block.text for block in second_translated.blocks()
    ]
