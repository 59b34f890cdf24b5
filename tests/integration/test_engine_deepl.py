"""The DeepL engine against a fake DeepL API v2 running on a local port."""

import re
from collections.abc import Iterator

import pytest
from pydantic import TypeAdapter

from docrelay_common.constants import Tone
from docrelay_common.document import Document, Emphasis
from docrelay_common.emphasis import Face, opening
from docrelay_common.errors import ErrorCode, PermanentError, TransientError
from docrelay_translator.engines.base import ToneEngine
from docrelay_translator.engines.deepl import DeepLEngine
from docrelay_translator.routing import direct_route
from docrelay_translator.translate import translate_document
from tests.support.documents import text_document
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


def test_a_tone_goes_to_deepl_as_a_preferred_formality(server: tuple[FakeDeepL, str]) -> None:
    fake, url = server
    translator = engine(url)
    assert translator.translate_batch(["Hello"], "en", "de", tone=Tone.FORMAL) == ["[DE prefer_more] Hallo"]
    assert translator.translate_batch(["Hello"], "en", "es", tone=Tone.INFORMAL) == ["[ES prefer_less] Hola"]
    # English has no formal register: "prefer_" makes DeepL fall back to its default instead of refusing.
    assert translator.translate_batch(["Hello"], "de", "en", tone=Tone.FORMAL) == [
        "[EN-US prefer_more] Hello"
    ]
    assert translator.translate_batch(["Hello"], "en", "de", tone=Tone.NEUTRAL) == ["[DE] Hallo"]
    bodies = [request.json() for request in fake.requests_to("POST", "/v2/translate")]
    assert [body.get("formality") for body in bodies] == ["prefer_more", "prefer_less", "prefer_more", None]


def test_native_tone_follows_the_formality_flag_of_deepls_target_list(server: tuple[FakeDeepL, str]) -> None:
    fake, url = server
    translator = engine(url)
    assert isinstance(translator, ToneEngine)
    formal = [("en", "de"), ("en", "es"), ("de", "pt"), ("en", "pt-PT"), ("zh", "ja")]
    assert all(translator.native_tone(source, target) for source, target in formal)
    plain = [("de", "en"), ("de", "en-GB"), ("en", "fr"), ("fr", "de"), ("en", "en-XA")]
    assert not any(translator.native_tone(source, target) for source, target in plain)
    assert len(fake.requests_to("GET", "/v2/languages")) == 2


@pytest.mark.parametrize(
    ("target", "tone", "formality", "tone_applied"),
    [
        ("es", Tone.FORMAL, "prefer_more", "formal"),
        ("de", Tone.INFORMAL, "prefer_less", "informal"),
        ("es", Tone.NEUTRAL, None, None),
    ],
)
def test_a_document_translated_in_deepls_register_says_so(
    server: tuple[FakeDeepL, str], target: str, tone: Tone, formality: str | None, tone_applied: str | None
) -> None:
    fake, url = server
    document = text_document(["Hello world", "the green house"], source_lang="en")
    translated = translate_document(
        document, direct_route(engine(url), "en", target), lambda *_: None, tone=tone
    )
    code = target.upper()
    assert [block.text for block in translated.blocks()] == [
        fake_translation("Hello world", code, formality),
        fake_translation("the green house", code, formality),
    ]
    # As the toner reads it from the artifact store.
    assert Document.model_validate_json(translated.model_dump_json()).tone_applied == tone_applied
    [request] = fake.requests_to("POST", "/v2/translate")
    assert request.json().get("formality") == formality


def test_a_target_without_a_formal_register_leaves_the_tone_to_the_toner(
    server: tuple[FakeDeepL, str],
) -> None:
    fake, url = server
    document = text_document(["Hallo Welt"], source_lang="de")
    translated = translate_document(
        document, direct_route(engine(url), "de", "en"), lambda *_: None, tone=Tone.FORMAL
    )
    assert [block.text for block in translated.blocks()] == [fake_translation("Hallo Welt", "EN-US")]
    assert translated.tone_applied is None
    [request] = fake.requests_to("POST", "/v2/translate")
    assert "formality" not in request.json()


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
        (
            {"text": ["Hello"], "target_lang": "EN-US", "formality": "more"},
            "'formality' is not supported for given 'target_lang'.",
        ),
    ]:
        with pytest.raises(PermanentError, match=re.escape(message)):
            api.post("/v2/translate", TypeAdapter(object), body)


def test_emphasised_words_go_as_xml_tags_and_come_back_on_their_translations(
    server: tuple[FakeDeepL, str],
) -> None:
    fake, url = server
    bold = opening(Face(True, False))
    document = text_document(["The green house.", "Fish & <chips>"], source_lang="en")
    page = document.pages[0]
    green = Emphasis(start=4, end=9, bold=True, italic=False)
    blocks = [page.blocks[0].model_copy(update={"emphasis": [green]}), *page.blocks[1:]]
    document = document.model_copy(update={"pages": [page.model_copy(update={"blocks": blocks})]})

    translated = translate_document(document, direct_route(engine(url), "en", "es"), lambda done, total: None)

    [request] = fake.requests_to("POST", "/v2/translate")
    body = request.json()
    # The request holds emphasis: it goes as XML, every text escaped, the marked word in its face's tag.
    assert body["tag_handling"] == "xml"
    assert body["text"] == ["The <e2>green</e2> house.", "Fish &amp; &lt;chips&gt;"]
    first, second = translated.blocks()
    assert first.text == "[ES] La verde casa." and second.text == "[ES] Fish & <chips>"
    assert [(first.text[run.start : run.end], run.bold) for run in first.emphasis] == [("verde", True)]
    assert bold not in first.text


def test_a_request_without_emphasis_is_plain_text(server: tuple[FakeDeepL, str]) -> None:
    fake, url = server
    engine(url).translate_batch(["Fish & <chips>"], "en", "es")

    [request] = fake.requests_to("POST", "/v2/translate")
    assert "tag_handling" not in request.json() and request.json()["text"] == ["Fish & <chips>"]
