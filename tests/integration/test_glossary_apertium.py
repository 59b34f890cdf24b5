"""Glossaries and protected spans through the real Apertium, and the glossary artifact of a job."""

import json
from pathlib import Path
from types import ModuleType

import pytest

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.document import Document
from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_common.messages import JobOptions
from docrelay_common.stages import Stage
from docrelay_translator.engines.base import Engine
from docrelay_translator.glossary import Glossary
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import translate_document
from tests.support.documents import text_document
from tests.support.stage import message_with_document, read_document, recording_context, run_in_process


def to_spanish(engine: Engine, *texts: str, glossary: Glossary | None = None) -> list[str]:
    source = text_document(list(texts), source_lang="en")
    translated = translate_document(
        source, direct_route(engine, "en", "es"), lambda *_: None, glossary=glossary
    )
    return [block.text for block in translated.blocks()]


def test_the_glossary_overrides_apertiums_own_choice(apertium: Engine) -> None:
    [plain] = to_spanish(apertium, "The library is open.")
    [enforced] = to_spanish(apertium, "The library is open.", glossary=Glossary({"library": "mediateca"}))
    assert "biblioteca" in plain and "mediateca" not in plain
    assert "mediateca" in enforced and "biblioteca" not in enforced and "abiert" in enforced


def test_multi_word_terms_and_sentence_starts(apertium: Engine) -> None:
    glossary = Glossary({"machine learning": "aprendizaje automático", "library": "mediateca"})
    first, second = to_spanish(
        apertium, "Machine learning needs data.", "Library hours are long.", glossary=glossary
    )
    assert first.startswith("Aprendizaje automático") and "máquina" not in first.lower()
    assert second.startswith("Mediateca")


def test_text_in_capitals_is_translated_as_words_and_comes_back_in_capitals(apertium: Engine) -> None:
    # Apertium read capitals as names: "INSTRUCCIONES generales PARA FORMAS", "El COPYRIGHT de MILENIO
    # DIGITAL OBRA DE 1998"; lowered, names and acronyms became words ("PORCELANA", "NOS").
    heading, title, china, acronym, mixed = to_spanish(
        apertium,
        "GENERAL INSTRUCTIONS FOR FORMS",
        "THE DIGITAL MILLENNIUM COPYRIGHT ACT OF 1998",
        "MADE IN CHINA",
        "THE US GOVERNMENT",
        "Member states of the WIPO.",
        glossary=Glossary({"forms": "formularios"}),
    )
    assert heading == "INSTRUCCIONES GENERALES PARA FORMULARIOS"
    assert title == "LA LEY DE COPYRIGHT DE MILENIO DIGITAL DE 1998"
    assert china == "HECHO EN CHINA"
    assert acronym == "EL GOBIERNO DE EE.UU."
    # Capitals among words in lower case are a name, as the engine sees them.
    assert "WIPO" in mixed and mixed[:1].isupper() and not mixed.isupper()


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Solve x^2 + y = 3 for the value.", ["x^2 + y = 3"]),
        ("Call `parse_all()` and then run_it() from the shell.", ["`parse_all()`", "run_it()"]),
        ("The file is at ~/notes/the_file.txt on the server.", ["~/notes/the_file.txt"]),
        ("Write to the.owner@example.com or see https://example.com/the/dog.", ["the.owner@example.com"]),
        ("The office opens at 9:00 on 2024-01-15 and the ticket costs 3.50 euros.", ["9:00", "2024-01-15"]),
    ],
)
def test_protected_spans_and_numbers_come_through_apertium(
    apertium: Engine, text: str, kept: list[str]
) -> None:
    [translation] = to_spanish(apertium, text)
    for token in kept:
        assert token in translation, (token, translation)


def test_numbers_stay_visible_so_apertium_translates_the_words_around_them(apertium: Engine) -> None:
    [translation] = to_spanish(apertium, "The ticket costs 3.50 euros.")
    assert "cuesta 3.50 euros" in translation


def run_job(worker: ModuleType, tmp_path: Path, glossary: bytes) -> Document:
    store = LocalArtifactStore(tmp_path / "artifacts")
    store.write_bytes(job_key("job1", "glossary.json"), glossary)
    message = message_with_document(
        store,
        "extracted",
        text_document(["The library is open."]),
        JobOptions(target_lang="es", source_lang="en"),
        artifacts={"glossary": job_key("job1", "glossary.json")},
    )
    context, _ = recording_context(Stage.TRANSLATE, store)
    result = run_in_process(worker.work, message, context)
    return read_document(store, result, "translated")


def test_the_stage_applies_the_jobs_glossary_artifact(
    apertium: Engine, worker: ModuleType, tmp_path: Path
) -> None:
    translated = run_job(worker, tmp_path, json.dumps({"library": "mediateca"}).encode())
    assert "mediateca" in translated.blocks()[0].text


def test_a_malformed_glossary_artifact_fails_the_job(
    apertium: Engine, worker: ModuleType, tmp_path: Path
) -> None:
    with pytest.raises(PermanentError) as failure:
        run_job(worker, tmp_path, b'["library", "mediateca"]')
    assert failure.value.code == ErrorCode.INVALID_REQUEST


def test_a_blocks_inline_code_comes_through_apertium_as_written(apertium: Engine) -> None:
    # The extractor's TextBlock.code: words set in a monospaced font inside the sentence.
    text = "The function list returns TRUE when the mode is known."
    [plain] = to_spanish(apertium, text)
    source = text_document([text], source_lang="en")
    [block] = source.blocks()
    block.code = ["list", "mode", "TRUE"]
    [kept] = translate_document(source, direct_route(apertium, "en", "es"), lambda *_: None).blocks()
    assert "lista" in plain and "modo" in plain
    for word in block.code:
        assert word in kept.text.split()
    assert "lista" not in kept.text and "modo" not in kept.text and "función" in kept.text
