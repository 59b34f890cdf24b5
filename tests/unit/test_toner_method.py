"""How the toner chooses to give a document its tone, and where a chat model's server comes from."""

import pytest
from pydantic import SecretStr

from docrelay_common.chat import ChatServerSettings
from docrelay_common.constants import Tone
from docrelay_common.document import Document
from docrelay_toner.method import ToneMethod, tone_method
from docrelay_toner.settings import TonerSettings


@pytest.mark.parametrize(
    ("lang", "tone_applied", "tone", "llm", "method"),
    [
        ("es", "formal", Tone.FORMAL, True, ToneMethod.NATIVE),
        ("de", "informal", Tone.INFORMAL, False, ToneMethod.NATIVE),
        ("es", "formal", Tone.INFORMAL, True, ToneMethod.LLM),
        ("es", None, Tone.FORMAL, True, ToneMethod.LLM),
        ("fr", None, Tone.FORMAL, True, ToneMethod.LLM),
        ("es", "formal", Tone.INFORMAL, False, ToneMethod.RULES),
        ("en-GB", None, Tone.INFORMAL, False, ToneMethod.RULES),
        ("fr", None, Tone.FORMAL, False, ToneMethod.NONE),
        ("en-XA", None, Tone.FORMAL, True, ToneMethod.NONE),
    ],
)
def test_native_then_model_then_rules_then_nothing(
    lang: str, tone_applied: str | None, tone: Tone, llm: bool, method: ToneMethod
) -> None:
    document = Document(target_lang=lang, tone_applied=tone_applied)
    assert tone_method(document, lang, tone, llm=llm) == method


def settings(
    toner: tuple[str, str, str] = ("", "", ""), translator: tuple[str, str, str] = ("", "", "")
) -> TonerSettings:
    """Settings with both servers given as (base URL, key, model), so the environment cannot leak in."""
    return TonerSettings(toner_openai=server(*toner), openai=server(*translator))


def server(base_url: str, api_key: str, model: str) -> ChatServerSettings:
    return ChatServerSettings(base_url=base_url, api_key=SecretStr(api_key), model=model)


def test_without_any_server_the_toner_uses_its_rules() -> None:
    assert settings().chat_server() is None
    assert settings(toner=("http://gpu:8000/v1", "", "")).chat_server() is None
    assert settings(translator=("", "", "gpt-4o-mini")).chat_server() is None


def test_the_toners_server_comes_first() -> None:
    toner = ("http://gpu:8000/v1", "", "llama3.1:8b")
    both = settings(toner, ("https://api.openai.com/v1", "sk-translator", "gpt-4o-mini"))
    # The translator's key never goes to the toner's server, nor its model.
    assert both.chat_server() == server("http://gpu:8000/v1", "", "llama3.1:8b")


def test_the_translators_server_serves_the_toner_too() -> None:
    translator = settings(translator=("http://ollama:11434/v1", "sk-1", "qwen2.5:7b"))
    assert translator.chat_server() == server("http://ollama:11434/v1", "sk-1", "qwen2.5:7b")
