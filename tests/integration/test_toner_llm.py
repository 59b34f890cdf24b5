"""The tone stage with a chat model configured through the environment, as deployed.

The fake OpenAI-compatible server runs on a local port; the toner's settings are cached per process,
so the cache is cleared around each test.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from docrelay_common.artifacts import job_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.constants import Tone
from docrelay_common.document import Document, Emphasis
from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_common.messages import JobOptions, PageRange, StageMessage
from docrelay_common.stages import Stage
from docrelay_toner.settings import toner_settings
from docrelay_toner.tone import apply_tone
from docrelay_toner.worker import work
from tests.support.documents import text_document
from tests.support.fake_http import Reply, serve
from tests.support.fake_openai import FakeOpenAI, fake_rewrite
from tests.support.stage import (
    RecordingTask,
    message_with_document,
    read_document,
    recording_context,
    run_in_process,
)

MODEL = "qwen2.5:7b-instruct"
KEY = "sk-tone"
JOB = "job-1"
TRANSLATED = job_key(JOB, "translated")
TONED = job_key(JOB, "toned")
# Every document here has one page, stored as one range.
TONED_RANGE = f"{TONED}/{PageRange(first=1, last=1).label}.json"
SPANISH = [
    "Hola, tú puedes ver tu pedido 42.",
    "Gracias por tu compra.",
    "Hola, tú puedes ver tu pedido 42.",
    "Escribe a ayuda@example.com o visita https://example.com/ayuda.",
]


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    fake = FakeOpenAI(models=frozenset({MODEL}), api_key=KEY)
    with serve(fake) as url:
        monkeypatch.setenv("DOCRELAY_TONER_OPENAI_BASE_URL", f"{url}/v1")
        monkeypatch.setenv("DOCRELAY_TONER_OPENAI_API_KEY", KEY)
        monkeypatch.setenv("DOCRELAY_TONER_OPENAI_MODEL", MODEL)
        toner_settings.cache_clear()
        yield fake
    toner_settings.cache_clear()


@pytest.fixture
def store(tmp_path: Path) -> LocalArtifactStore:
    return LocalArtifactStore(tmp_path / "artifacts")


def translated(texts: list[str], target_lang: str = "es", tone_applied: str | None = None) -> Document:
    document = text_document(texts, source_lang="en", target_lang=target_lang, engine="deepl")
    return document.model_copy(update={"tone_applied": tone_applied})


def run(store: LocalArtifactStore, document: Document, tone: Tone) -> tuple[StageMessage, RecordingTask]:
    options = JobOptions(target_lang=document.target_lang or "es", tone=tone)
    message = message_with_document(store, "translated", document, options, JOB)
    context, task = recording_context(Stage.TONE, store)
    return run_in_process(work, message, context), task


def texts(store: LocalArtifactStore, message: StageMessage) -> list[str]:
    """The texts of the document the stage hands on as toned."""
    return [block.text for block in read_document(store, message, "toned").blocks()]


def segments_asked(fake: FakeOpenAI) -> list[list[str]]:
    requests = fake.requests_to("POST", "/v1/chat/completions")
    return [list(json.loads(request.json()["messages"][-1]["content"]).values()) for request in requests]


def test_the_model_rewrites_every_distinct_block_in_one_request(
    model: FakeOpenAI, store: LocalArtifactStore
) -> None:
    result, task = run(store, translated(SPANISH), Tone.FORMAL)
    assert result.artifacts["toned"] == TONED
    assert texts(store, result) == [fake_rewrite(text, "formal") for text in SPANISH]
    assert texts(store, result)[:2] == [
        "Buenos días, tú puedes ver tu pedido 42.",
        "Le agradecemos por tu compra.",
    ]
    assert segments_asked(model) == [[SPANISH[0], SPANISH[1], SPANISH[3]]]
    (request,) = model.requests
    body = request.json()
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert (body["model"], body["temperature"]) == (MODEL, 0)
    assert "Spanish" in body["messages"][0]["content"] and "formal" in body["messages"][0]["content"]
    assert task.info() == {"stage": "tone", "tone_method": "llm"}
    assert task.progress() == [(4, 4)]


def test_informal_english_through_the_model(model: FakeOpenAI, store: LocalArtifactStore) -> None:
    english = ["Good morning, we cannot open the file.", "Good morning"]
    result, task = run(store, translated(english, "en"), Tone.INFORMAL)
    assert texts(store, result) == ["Hi, we cannot open the file.", "Hi"]
    assert "English" in model.requests[0].json()["messages"][0]["content"]
    assert task.info() == {"stage": "tone", "tone_method": "llm"}


@pytest.mark.parametrize("style", ["fenced", "chatter", "thinking", "numbered_lines", "drops_one", "prose"])
def test_messy_answers_are_read_or_asked_again_in_halves(
    model: FakeOpenAI, store: LocalArtifactStore, style: str
) -> None:
    model.style = style
    result, _ = run(store, translated(SPANISH), Tone.FORMAL)
    assert texts(store, result) == [fake_rewrite(text, "formal") for text in SPANISH]


def test_a_rewrite_that_lost_a_number_or_address_keeps_the_rule_based_text(
    model: FakeOpenAI, store: LocalArtifactStore
) -> None:
    model.style = "spells_numbers"
    result, _ = run(store, translated(SPANISH), Tone.FORMAL)
    rules = apply_tone(SPANISH[0], "es", Tone.FORMAL)
    assert rules == "Hola, usted puede ver su pedido 42."
    assert texts(store, result) == [
        rules,
        fake_rewrite(SPANISH[1], "formal"),
        rules,
        fake_rewrite(SPANISH[3], "formal"),
    ]


def test_a_busy_model_is_transient_and_the_retry_succeeds(
    model: FakeOpenAI, store: LocalArtifactStore
) -> None:
    busy = {
        "error": {
            "message": "Rate limit reached for requests",
            "type": "requests",
            "code": "rate_limit_exceeded",
        }
    }
    model.fail_next(Reply(429, busy, headers={"Retry-After": "1"}))
    with pytest.raises(TransientError) as failure:
        run(store, translated(SPANISH), Tone.FORMAL)
    assert failure.value.code == ErrorCode.ENGINE_ERROR
    assert failure.value.message.startswith(f"the tone model {MODEL} at http://127.0.0.1:")
    assert failure.value.message.endswith("is unavailable: Rate limit reached for requests (HTTP 429)")
    result, _ = run(store, translated(SPANISH), Tone.FORMAL)
    assert texts(store, result) == [fake_rewrite(text, "formal") for text in SPANISH]
    assert len(model.requests) == 2


def test_a_refused_request_is_permanent_with_the_servers_message(
    model: FakeOpenAI, store: LocalArtifactStore
) -> None:
    too_long = "This model's maximum context length is 8192 tokens. Please reduce the length of the messages."
    error = {"message": too_long, "type": "invalid_request_error", "code": "context_length_exceeded"}
    model.fail_next(Reply(400, {"error": error}))
    with pytest.raises(PermanentError) as failure:
        run(store, translated(SPANISH), Tone.FORMAL)
    assert failure.value.code == ErrorCode.ENGINE_ERROR
    assert failure.value.message.endswith(f"refused the request: {too_long} (HTTP 400)")
    assert not store.exists(TONED_RANGE)


def test_an_unknown_model_is_permanent(
    model: FakeOpenAI, store: LocalArtifactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCRELAY_TONER_OPENAI_MODEL", "no-such-model")
    toner_settings.cache_clear()
    with pytest.raises(PermanentError) as failure:
        run(store, translated(SPANISH), Tone.FORMAL)
    assert failure.value.message.endswith("The model `no-such-model` does not exist. (HTTP 404)")


def test_a_tone_the_engine_wrote_passes_through(model: FakeOpenAI, store: LocalArtifactStore) -> None:
    document = translated(SPANISH, tone_applied="formal")
    result, task = run(store, document, Tone.FORMAL)
    assert result.artifacts["toned"] == TRANSLATED
    assert not store.exists(TONED_RANGE)
    assert read_document(store, result, "toned") == document
    assert task.info() == {"stage": "tone", "tone_method": "native"}
    assert model.requests == []


def test_an_engines_other_tone_is_rewritten(model: FakeOpenAI, store: LocalArtifactStore) -> None:
    result, task = run(store, translated(["Buenos días"], tone_applied="formal"), Tone.INFORMAL)
    assert texts(store, result) == ["Hola"]
    assert task.info() == {"stage": "tone", "tone_method": "llm"}


def test_a_pseudo_locale_never_goes_to_the_model(model: FakeOpenAI, store: LocalArtifactStore) -> None:
    document = translated(["[Ţĥîš îš one]"], "en-XA")
    result, task = run(store, document, Tone.FORMAL)
    assert texts(store, result) == ["[Ţĥîš îš one]"]
    assert task.info() == {"stage": "tone", "tone_method": "none"}
    assert model.requests == []


def test_the_translators_model_serves_when_the_toner_has_none(
    model: FakeOpenAI, store: LocalArtifactStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = os.environ["DOCRELAY_TONER_OPENAI_BASE_URL"]
    for name in (
        "DOCRELAY_TONER_OPENAI_BASE_URL",
        "DOCRELAY_TONER_OPENAI_API_KEY",
        "DOCRELAY_TONER_OPENAI_MODEL",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DOCRELAY_OPENAI_BASE_URL", url)
    monkeypatch.setenv("DOCRELAY_OPENAI_API_KEY", KEY)
    monkeypatch.setenv("DOCRELAY_OPENAI_MODEL", MODEL)
    toner_settings.cache_clear()
    result, _ = run(store, translated(SPANISH[:2]), Tone.FORMAL)
    assert texts(store, result) == [fake_rewrite(text, "formal") for text in SPANISH[:2]]
    assert len(model.requests) == 1


def test_a_block_the_model_rewrote_loses_its_emphasis_and_one_it_left_keeps_it(
    model: FakeOpenAI, store: LocalArtifactStore
) -> None:
    kept = "Tu pedido."
    document = translated([SPANISH[1], kept])
    bold = Emphasis(start=0, end=7, bold=True, italic=False)
    pages = [
        page.model_copy(
            update={"blocks": [block.model_copy(update={"emphasis": [bold]}) for block in page.blocks]}
        )
        for page in document.pages
    ]

    result, _ = run(store, document.model_copy(update={"pages": pages}), Tone.FORMAL)

    rewritten, unchanged = read_document(store, result, "toned").blocks()
    # The model writes plain text: which of its words stand for the emphasised ones is unknown.
    assert rewritten.text == fake_rewrite(SPANISH[1], "formal") != SPANISH[1] and rewritten.emphasis == []
    assert unchanged.text == fake_rewrite(kept, "formal") == kept and unchanged.emphasis == [bold]
