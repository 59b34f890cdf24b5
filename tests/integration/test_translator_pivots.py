"""Pivot translation through the real Apertium: protected spans and glossaries survive both hops,
the translation memory keys on the whole path, and blocks in other languages take their own route."""

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import redis

from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.document import Document
from docrelay_common.language_routes import RouteRules
from docrelay_common.messages import JobOptions
from docrelay_common.stages import Stage
from docrelay_translator.glossary import Glossary
from docrelay_translator.routing import plan_route
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

RULES = RouteRules(max_hops=2, bridges=("en", "es", "ca", "fr"))
FRENCH = "Le contrat est signé par les deux parties."
ENGLISH = "The results of the experiment were clear and the method is simple to use."
GERMAN = "Die Ergebnisse des Experiments waren eindeutig und die Methode ist einfach."
SPANISH = [
    "El contrato fue firmado por las dos partes en la ciudad de Madrid.",
    "La empresa se compromete a entregar los productos antes del final del mes.",
]


@pytest.fixture(autouse=True)
def _needs_apertium(apertium: object) -> None:
    """Every test here runs the real Apertium pairs (skipped where it is not installed)."""


def french_to_english(*texts: str, glossary: Glossary | None = None) -> list[str]:
    route = plan_route(None, "fr", "en", RULES)
    assert route.path == ["apertium:fr-es", "apertium:es-en"]
    translated = translate_document(text_document(list(texts)), route, lambda *_: None, glossary=glossary)
    return [block.text for block in translated.blocks()]


def test_french_reaches_english_through_spanish() -> None:
    [english] = french_to_english(FRENCH)
    # Apertium says "The agreement is signed by both parts.": French words would be a failed hop.
    assert {"agreement", "signed", "by", "both"} <= set(english.lower().rstrip(".").split()), english


def test_protected_spans_and_numbers_survive_both_hops() -> None:
    [english] = french_to_english(
        "Voir https://example.org/a_b?x=1 ou écrire à info@example.org avant le 12.03.2025."
    )
    assert "https://example.org/a_b?x=1" in english and "info@example.org" in english
    assert "12.03.2025" in english


def test_the_glossary_is_applied_at_the_last_hop_in_the_target_language() -> None:
    glossary = Glossary({"contrat": "contract", "deux parties": "both signatories"})
    [english] = french_to_english(FRENCH, glossary=glossary)
    assert "contract" in english and "both signatories" in english and "agreement" not in english


@pytest.fixture
def memory_redis() -> Iterator[str]:
    with redis_server() as url:
        yield url


def run(
    worker: ModuleType, tmp_path: Path, document: Document, **options: object
) -> tuple[Document, RecordingTask]:
    store = LocalArtifactStore(tmp_path / "artifacts")
    message = message_with_document(store, "extracted", document, JobOptions(**options))  # type: ignore[arg-type]
    context, task = recording_context(Stage.TRANSLATE, store)
    return read_document(store, run_in_process(worker.work, message, context), "translated"), task


@pytest.fixture
def worker_env(memory_redis: str) -> dict[str, str]:
    return {"DOCRELAY_TRANSLATION_CACHE_URL": memory_redis}


def test_the_memory_keys_on_the_whole_path(worker: ModuleType, tmp_path: Path, memory_redis: str) -> None:
    document = text_document([FRENCH])
    _, first = run(worker, tmp_path, document, source_lang="fr", target_lang="en")
    _, second = run(worker, tmp_path, document, source_lang="fr", target_lang="en")
    assert first.info()["engine_path"] == ["apertium:fr-es", "apertium:es-en"]
    assert (first.info()["cache_misses"], second.info()["cache_hits"]) == (1, 1)
    keys = [str(key, "utf-8") for key in redis.Redis.from_url(memory_redis).scan_iter("docrelay:tm:*")]
    assert len(keys) == 1 and keys[0].startswith("docrelay:tm:5:apertium:fr-es,apertium:es-en:fr:en:neutral:")


def test_blocks_in_other_languages_take_their_own_route_or_are_kept(
    worker: ModuleType, tmp_path: Path
) -> None:
    document = text_document([*SPANISH, FRENCH, ENGLISH, GERMAN], source_lang="es")
    for block, language in zip(document.blocks()[2:], ["fr", "en", "de"], strict=True):
        block.lang = language
    translated, task = run(worker, tmp_path, document, source_lang="es", target_lang="en")
    texts = [block.text for block in translated.blocks()]
    assert texts[0].startswith("The agreement was signed") and texts[2].startswith("The agreement is signed")
    # Already in the target language, and a language nothing translates: kept as written.
    assert texts[3:] == [ENGLISH, GERMAN]
    info = task.info()
    assert info["engine_path"] == ["apertium:es-en"]
    assert info["other_language_blocks"] == {"fr": 1, "en": 1, "de": 1}
    assert info["notices"] == [
        "1 block in de kept as written: no engine translates de -> en",
        "1 block in en, already the target language, kept as written",
        "1 block in fr translated from fr (apertium:fr-es > apertium:es-en)",
    ]
