"""The DeepL engine against a fake DeepL API v2 running on a local port."""

import re
from collections.abc import Iterator

import pytest
from pydantic import TypeAdapter

from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_translator.engines.deepl import DeepLEngine
from tests.support.fake_deepl import FakeDeepL, fake_translation
from tests.support.fake_http import Reply, serve

KEY = "0123abcd-0000-4000-8000-123456789abc:fx"


@pytest.fixture
def server() -> Iterator[tuple[FakeDeepL, str]]:
    fake = FakeDeepL(keys=frozenset({KEY}))
    with serve(fake) as url:
        yield fake, url


def engine(url: str, key: str = KEY) -> DeepLEngine:
    return DeepLEngine(key, url, timeout=5, retry_after_max=0.1)


def test_a_batch_comes_back_in_order_in_requests_of_at_most_50_texts(server: tuple[FakeDeepL, str]) -> None:
    fake, url = server
    texts = [f"Hello world {index}" for index in range(120)]
    translations = engine(url).translate_batch(texts, "en", "de")
    assert translations == [fake_translation(text, "DE") for text in texts]
    assert translations[7] == "[DE] Hallo Welt 7"
    requests = fake.requests_to("POST", "/v2/translate")
    assert [len(request.json()["text"]) for request in requests] == [50, 50, 20]
    assert all(request.headers["authorization"] == f"DeepL-Auth-Key {KEY}" for request in requests)
    body = requests[0].json()
    assert (body["source_lang"], body["target_lang"], body["preserve_formatting"]) == ("EN", "DE", True)
    assert "formality" not in body


@pytest.mark.parametrize(
    ("target", "code"),
    [("en", "EN-US"), ("en-GB", "EN-GB"), ("pt", "PT-BR"), ("pt-PT", "PT-PT"), ("es", "ES")],
)
def test_targets_take_deepls_forms(server: tuple[FakeDeepL, str], target: str, code: str) -> None:
    fake, url = server
    assert engine(url).translate_batch(["the house"], "de", target) == [fake_translation("the house", code)]
    assert fake.requests_to("POST", "/v2/translate")[0].json()["target_lang"] == code


def test_language_pairs_come_from_both_lists(server: tuple[FakeDeepL, str]) -> None:
    fake, url = server
    translator = engine(url)
    pairs = translator.language_pairs()
    assert ("en", "de") in pairs and ("zh", "pt-BR") in pairs and ("ja", "en-GB") in pairs
    assert ("en", "en") not in pairs and ("en", "zh") not in pairs
    assert translator.supports("pt-BR", "en") and translator.supports("en", "pt")
    assert not translator.supports("fr", "de") and not translator.supports("en", "fr")
    assert not translator.supports("en", "en-XA")
    assert [request.query["type"] for request in fake.requests_to("GET", "/v2/languages")] == [
        ["source"],
        ["target"],
    ]


def test_formality_is_passed_to_deepl(server: tuple[FakeDeepL, str]) -> None:
    fake, url = server
    translator = engine(url)
    assert translator.translate_batch(["Hello"], "en", "de", formality="more") == ["[DE more] Hallo"]
    assert translator.translate_batch(["Hello"], "en", "es", formality="less") == ["[ES less] Hola"]
    assert translator.translate_batch(["Hello"], "de", "en", formality="prefer_more") == [
        "[EN-US prefer_more] Hello"
    ]
    with pytest.raises(PermanentError) as failure:
        translator.translate_batch(["Hello"], "de", "en", formality="more")
    assert failure.value.message == (
        "deepl refused the request: 'formality' is not supported for given 'target_lang'. (HTTP 400)"
    )
    formalities = [request.json()["formality"] for request in fake.requests_to("POST", "/v2/translate")]
    assert formalities == ["more", "less", "prefer_more", "more"]


def test_an_exhausted_quota_is_permanent(server: tuple[FakeDeepL, str]) -> None:
    fake, url = server
    fake.character_limit = 30
    translator = engine(url)
    assert translator.translate_batch(["Hello world"] * 2, "en", "de") == ["[DE] Hallo Welt"] * 2
    with pytest.raises(PermanentError) as failure:
        translator.translate_batch(["Hello world, again"], "en", "de")
    assert failure.value.code == ErrorCode.ENGINE_ERROR
    assert failure.value.message == (
        "deepl refused the request: Quota for this billing period has been exceeded. (HTTP 456)"
    )


def test_a_wrong_key_is_permanent(server: tuple[FakeDeepL, str]) -> None:
    _, url = server
    with pytest.raises(PermanentError) as failure:
        engine(url, key="not-a-key:fx").language_pairs()
    assert failure.value.message == "deepl refused the request: Forbidden (HTTP 403)"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(429, headers={"Retry-After": "1"}), "Too Many Requests (HTTP 429)"),
        (Reply(503, {"message": "Temporary Error"}), "Temporary Error (HTTP 503)"),
        (Reply(529), "(HTTP 529)"),
    ],
)
def test_overload_is_transient(server: tuple[FakeDeepL, str], reply: Reply, message: str) -> None:
    fake, url = server
    translator = engine(url)
    translator.supports("en", "de")
    fake.fail_next(reply)
    with pytest.raises(TransientError) as failure:
        translator.translate_batch(["Hello"], "en", "de")
    assert failure.value.code == ErrorCode.ENGINE_ERROR
    assert failure.value.message.startswith("deepl is unavailable: ")
    assert failure.value.message.endswith(message)


def test_the_fake_refuses_what_deepl_refuses(server: tuple[FakeDeepL, str]) -> None:
    """The engine's requests pass because they are right, not because the fake accepts anything."""
    _, url = server
    api = engine(url).api
    for body, message in [
        ({"texts": ["Hello"], "target_lang": "DE"}, "Parameter 'text' not specified"),
        ({"text": ["Hello"], "target_lang": "EN"}, "Value for 'target_lang' not supported."),
        ({"text": ["Hello"] * 51, "target_lang": "DE"}, "Too many texts: at most 50 per request"),
    ]:
        with pytest.raises(PermanentError, match=re.escape(message)):
            api.post("/v2/translate", TypeAdapter(object), body)
