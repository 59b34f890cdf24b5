"""The LibreTranslate engine against a fake LibreTranslate server running on a local port."""

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import TypeAdapter

from docrelay_cli.readiness import free_port
from docrelay_common.document import BBox, Document, Emphasis, Page, TextBlock
from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_translator.engines.libretranslate import LibreTranslateEngine
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import translate_document
from tests.support.fake_http import Reply, serve
from tests.support.fake_libretranslate import FakeLibreTranslate, fake_translation

TEXTS = [f"Hello world number {index}. The green house." for index in range(40)]


@pytest.fixture
def server() -> Iterator[tuple[FakeLibreTranslate, str]]:
    fake = FakeLibreTranslate(api_keys=frozenset({"sesame"}), batch_limit=LibreTranslateEngine.max_texts)
    with serve(fake) as url:
        yield fake, url


def engine(
    url: str, api_key: str = "sesame", timeout: float = 5, retry_after_max: float = 5
) -> LibreTranslateEngine:
    return LibreTranslateEngine(url, api_key, timeout=timeout, retry_after_max=retry_after_max)


def test_a_batch_comes_back_in_order_over_several_requests(server: tuple[FakeLibreTranslate, str]) -> None:
    fake, url = server
    translations = engine(url).translate_batch(TEXTS, "en", "es")
    assert translations == [fake_translation(text, "es") for text in TEXTS]
    assert translations[3] == "[es] Hola mundo number 3. La verde casa."
    requests = fake.requests_to("POST", "/translate")
    assert [len(request.json()["q"]) for request in requests] == [16, 16, 8]
    assert all(len("".join(request.json()["q"])) <= LibreTranslateEngine.batch_chars for request in requests)
    body = requests[0].json()
    assert (body["source"], body["target"], body["format"], body["api_key"]) == ("en", "es", "text", "sesame")
    # One kept-alive connection carried every request (the languages and the three batches).
    assert len({request.client_port for request in fake.requests}) == 1


def test_language_pairs_come_from_the_server_once_for_a_while(server: tuple[FakeLibreTranslate, str]) -> None:
    fake, url = server
    translator = engine(url)
    assert translator.language_pairs() == [
        ("de", "en"),
        ("en", "de"),
        ("en", "es"),
        ("en", "pt-BR"),
        ("es", "en"),
    ]
    assert translator.supports("en", "es") and translator.supports("en", "pt")
    assert not translator.supports("es", "de") and not translator.supports("en", "en-XA")
    assert translator.translate_batch(["The house"], "en", "pt") == ["[pt-BR] A casa"]
    assert len(fake.requests_to("GET", "/languages")) == 1


def test_an_unsupported_pair_is_refused_before_any_translation(
    server: tuple[FakeLibreTranslate, str],
) -> None:
    fake, url = server
    with pytest.raises(PermanentError) as failure:
        engine(url).translate_batch(["Hello"], "es", "de")
    assert failure.value.code == ErrorCode.UNSUPPORTED_LANGUAGE_PAIR
    assert fake.requests_to("POST", "/translate") == []


def test_engine_is_available_only_when_configured() -> None:
    assert not engine("").is_available()
    assert engine("http://127.0.0.1:5000").is_available()


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("", "Please contact the server operator to get an API key (HTTP 400)"),
        ("wrong", "Invalid API key (HTTP 403)"),
    ],
)
def test_a_refused_key_is_permanent_with_the_servers_message(
    server: tuple[FakeLibreTranslate, str], key: str, message: str
) -> None:
    _, url = server
    with pytest.raises(PermanentError) as failure:
        engine(url, api_key=key).translate_batch(["Hello"], "en", "es")
    assert failure.value.code == ErrorCode.ENGINE_ERROR
    assert failure.value.message == f"libretranslate refused the request: {message}"


def test_rate_limiting_is_transient_after_waiting_as_asked(server: tuple[FakeLibreTranslate, str]) -> None:
    fake, url = server
    translator = engine(url)
    translator.supports("en", "es")
    fake.fail_next(Reply(429, {"error": "Slowdown: 60 per 1 minute"}, {"Retry-After": "1"}))
    started = time.monotonic()
    with pytest.raises(TransientError) as failure:
        translator.translate_batch(["Hello"], "en", "es")
    assert time.monotonic() - started >= 1
    assert failure.value.code == ErrorCode.ENGINE_ERROR
    assert failure.value.message == "libretranslate is unavailable: Slowdown: 60 per 1 minute (HTTP 429)"
    assert translator.translate_batch(["Hello"], "en", "es") == ["[es] Hola"]


def test_a_long_retry_after_is_cut_to_the_configured_wait(server: tuple[FakeLibreTranslate, str]) -> None:
    fake, url = server
    fake.fail_next(Reply(503, {"error": "overloaded"}, {"Retry-After": "3600"}))
    started = time.monotonic()
    with pytest.raises(TransientError, match="overloaded"):
        engine(url, retry_after_max=0.2).language_pairs()
    assert 0.2 <= time.monotonic() - started < 2


def test_server_errors_are_transient(server: tuple[FakeLibreTranslate, str]) -> None:
    fake, url = server
    translator = engine(url)
    translator.supports("en", "es")
    fake.fail_next(Reply(500, {"error": "Cannot translate text: model crashed"}))
    with pytest.raises(TransientError, match=r"Cannot translate text: model crashed \(HTTP 500\)"):
        translator.translate_batch(["Hello"], "en", "es")


def test_a_malformed_answer_is_transient(server: tuple[FakeLibreTranslate, str]) -> None:
    fake, url = server
    translator = engine(url)
    translator.supports("en", "es")
    fake.fail_next(Reply(200, {"translatedText": "one string for a list"}))
    with pytest.raises(TransientError, match="libretranslate answered POST /translate in an unexpected form"):
        translator.translate_batch(["Hello", "world"], "en", "es")
    fake.fail_next(Reply(200, {"translatedText": ["only one"]}))
    with pytest.raises(TransientError, match="libretranslate answered 1 translations for 2 texts"):
        translator.translate_batch(["Hello", "world"], "en", "es")


def test_an_unreachable_or_slow_server_is_transient(server: tuple[FakeLibreTranslate, str]) -> None:
    fake, url = server
    closed_url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(TransientError, match=f"libretranslate at {closed_url}/languages failed"):
        engine(closed_url).language_pairs()
    fake.delay = 1
    with pytest.raises(TransientError, match="timed out"):
        engine(url, timeout=0.2).language_pairs()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"text": ["Hello"], "source": "en", "target": "es"}, "Invalid request: missing q parameter"),
        ({"q": ["Hello"] * 17, "source": "en", "target": "es"}, "request (17) exceeds text limit (16)"),
        ({"q": ["Hello"], "source": "en", "target": "fr"}, "fr is not supported"),
    ],
)
def test_the_fake_refuses_what_libretranslate_refuses(
    server: tuple[FakeLibreTranslate, str], body: dict[str, Any], message: str
) -> None:
    """The engine's requests pass because they are right, not because the fake accepts anything."""
    _, url = server
    with pytest.raises(PermanentError, match=re.escape(message)):
        engine(url).api.post("/translate", TypeAdapter(object), {**body, "api_key": "sesame"})


def test_an_engine_that_would_lose_emphasis_marks_gets_the_text_without_them(
    server: tuple[FakeLibreTranslate, str],
) -> None:
    fake, url = server
    text = "The green house."
    box = BBox(x0=0, top=0, x1=200, bottom=20)
    block = TextBlock(
        id="b",
        bbox=box,
        text=text,
        source_text=text,
        emphasis=[Emphasis(start=4, end=9, bold=True, italic=False)],
    )
    document = Document(source_lang="en", pages=[Page(number=1, width=300, height=300, blocks=[block])])

    translated = translate_document(document, direct_route(engine(url), "en", "es"), lambda done, total: None)

    [request] = fake.requests_to("POST", "/translate")
    assert request.json()["q"] == [text]
    # The server writes plain text: which of its words is the green one is unknown, so none is bold.
    [result] = translated.blocks()
    assert result.text == fake_translation(text, "es") and result.emphasis == []
