"""The OpenAI-compatible engine against a fake chat-completions server running on a local port."""

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import SecretStr, TypeAdapter

from docrelay_common.chat import ChatServerSettings
from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_common.language_routes import ANY_LANGUAGE
from docrelay_translator.engines.openai import OpenAIEngine
from tests.support.fake_http import Reply, serve
from tests.support.fake_openai import FakeOpenAI, fake_translation

MODEL = "qwen2.5:7b-instruct"
TEXTS = ["Hello world.", "The green house", "of the world", "Hello {0}, 42 times"]
SPANISH = ["Hola mundo.", "La verde casa", "of la mundo", "Hola {0}, 42 times"]


@pytest.fixture
def server() -> Iterator[tuple[FakeOpenAI, str]]:
    fake = FakeOpenAI(models=frozenset({MODEL}))
    with serve(fake) as url:
        yield fake, f"{url}/v1"


def engine(base_url: str, api_key: str = "", model: str = MODEL) -> OpenAIEngine:
    server = ChatServerSettings(base_url=base_url, api_key=SecretStr(api_key), model=model)
    return OpenAIEngine(server, timeout=5, retry_after_max=0.1)


def batch_sizes(fake: FakeOpenAI) -> list[int]:
    requests = fake.requests_to("POST", "/v1/chat/completions")
    return [len(json.loads(request.json()["messages"][-1]["content"])) for request in requests]


def test_a_batch_is_one_request_with_the_model_and_temperature_zero(server: tuple[FakeOpenAI, str]) -> None:
    fake, url = server
    assert engine(url).translate_batch(TEXTS, "en", "es") == SPANISH
    assert [fake_translation(text, "Spanish") for text in TEXTS] == SPANISH
    (request,) = fake.requests_to("POST", "/v1/chat/completions")
    body = request.json()
    assert (body["model"], body["temperature"]) == (MODEL, 0)
    assert [message["role"] for message in body["messages"]] == ["system", "user"]
    assert "from English to Spanish" in body["messages"][0]["content"]
    assert "authorization" not in request.headers


@pytest.mark.parametrize(
    "style", ["array", "fenced", "chatter", "thinking", "object", "numbered_object", "numbered_lines"]
)
def test_every_answer_style_gives_the_translations_at_once(
    server: tuple[FakeOpenAI, str], style: str
) -> None:
    fake, url = server
    fake.style = style
    assert engine(url).translate_batch(TEXTS, "en", "es") == SPANISH
    assert batch_sizes(fake) == [4]


def test_a_wrong_count_is_asked_again_in_halves_down_to_single_segments(
    server: tuple[FakeOpenAI, str],
) -> None:
    fake, url = server
    fake.style = "drops_one"
    assert engine(url).translate_batch(TEXTS, "en", "es") == SPANISH
    assert batch_sizes(fake) == [4, 2, 1, 1, 2, 1, 1]


def test_a_single_segment_answered_in_plain_text_is_taken_as_it_is(server: tuple[FakeOpenAI, str]) -> None:
    fake, url = server
    fake.style = "prose"
    assert engine(url).translate_batch(TEXTS[:2], "en", "de") == ["Hallo Welt.", "Das grün Haus"]
    assert batch_sizes(fake) == [2, 1, 1]


def test_large_batches_go_in_several_requests(server: tuple[FakeOpenAI, str]) -> None:
    fake, url = server
    texts = [f"Hello world {index}" for index in range(45)]
    assert engine(url).translate_batch(texts, "en", "es") == [f"Hola mundo {index}" for index in range(45)]
    assert batch_sizes(fake) == [20, 20, 5]


def test_any_real_language_pair_is_supported_when_configured(server: tuple[FakeOpenAI, str]) -> None:
    _, url = server
    translator = engine(url)
    assert translator.is_available() and translator.language_pairs() == [(ANY_LANGUAGE, ANY_LANGUAGE)]
    assert translator.supports("en", "es") and translator.supports("ja", "pt-BR")
    assert not translator.supports("en", "en-XA")
    assert not engine("").is_available() and not engine(url, model="").is_available()


def test_the_key_goes_in_a_bearer_header(server: tuple[FakeOpenAI, str]) -> None:
    fake, url = server
    fake.api_key = "sk-test"
    assert engine(url, api_key="sk-test").translate_batch(["Hello"], "en", "es") == ["Hola"]
    with pytest.raises(PermanentError) as failure:
        engine(url, api_key="sk-wrong").translate_batch(["Hello"], "en", "es")
    assert failure.value.code == ErrorCode.ENGINE_ERROR
    assert failure.value.message == "openai refused the request: Incorrect API key provided. (HTTP 401)"


def test_an_unknown_model_is_permanent_with_the_servers_message(server: tuple[FakeOpenAI, str]) -> None:
    _, url = server
    with pytest.raises(PermanentError, match="The model `llama-9000` does not exist"):
        engine(url, model="llama-9000").translate_batch(["Hello"], "en", "es")


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (
            Reply(429, {"error": {"message": "Rate limit reached"}}, {"Retry-After": "0"}),
            "Rate limit reached",
        ),
        (Reply(500, {"object": "error", "message": "CUDA out of memory"}), "CUDA out of memory"),
        (Reply(200, {"choices": []}), "openai answered without a choice"),
        (Reply(200, {"id": "x"}), "in an unexpected form"),
    ],
)
def test_overload_and_broken_answers_are_transient(
    server: tuple[FakeOpenAI, str], reply: Reply, message: str
) -> None:
    fake, url = server
    fake.fail_next(reply)
    with pytest.raises(TransientError, match=message):
        engine(url).translate_batch(["Hello"], "en", "es")


def test_an_empty_answer_for_one_segment_is_transient(server: tuple[FakeOpenAI, str]) -> None:
    fake, url = server
    empty = {
        "choices": [{"index": 0, "message": {"role": "assistant", "content": ""}, "finish_reason": "stop"}]
    }
    fake.fail_next(Reply(200, empty))
    with pytest.raises(TransientError, match=f"openai model {MODEL} gave no translation for 'Hello'"):
        engine(url).translate_batch(["Hello"], "en", "es")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"model": MODEL, "prompt": "Hello"}, "Unrecognized request argument supplied: prompt"),
        ({"model": MODEL, "messages": [{"role": "user"}]}, "'messages' must be a non-empty list"),
        ({"model": MODEL, "messages": [{"role": "user", "content": "x"}], "temperature": 5}, "'temperature'"),
    ],
)
def test_the_fake_refuses_what_openai_refuses(
    server: tuple[FakeOpenAI, str], body: dict[str, Any], message: str
) -> None:
    """The engine's requests pass because they are right, not because the fake accepts anything."""
    _, url = server
    with pytest.raises(PermanentError, match=re.escape(message)):
        engine(url).chat.api.post("/chat/completions", TypeAdapter(object), body)
