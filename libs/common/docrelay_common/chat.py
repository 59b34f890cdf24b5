"""One client and one settings block for OpenAI-compatible chat servers (vLLM, Ollama, llama.cpp, OpenAI).

The translator's `openai` engine and the toner's `llm` tone path both ask a model through `ChatClient`:
429, 5xx, timeouts and lost connections are transient (the stage retries them with backoff), any other
4xx is permanent and carries the server's own message.
"""

from typing import Any, Self

from pydantic import SecretStr, TypeAdapter
from pydantic_settings import BaseSettings, SettingsConfigDict

from docrelay_common.chat_segments import ChatCompletion
from docrelay_common.errors import ErrorCode, TransientError
from docrelay_common.json_api import JsonApi

# The translator's server; the toner reads DOCRELAY_TONER_OPENAI_* first (`ChatServerSettings.named`).
DEFAULT_PREFIX = "DOCRELAY_OPENAI_"
_COMPLETION = TypeAdapter(ChatCompletion)


class ChatServerSettings(BaseSettings):
    """A chat-completions server and the model to ask: <prefix>BASE_URL, <prefix>API_KEY, <prefix>MODEL."""

    model_config = SettingsConfigDict(env_prefix=DEFAULT_PREFIX, extra="ignore")

    # With its /v1, e.g. http://127.0.0.1:11434/v1 for Ollama; empty means no server.
    base_url: str = ""
    api_key: SecretStr = SecretStr("")
    model: str = ""

    @classmethod
    def named(cls, prefix: str) -> Self:
        """The settings under another prefix, e.g. DOCRELAY_TONER_OPENAI_."""
        return cls(_env_prefix=prefix)  # type: ignore[call-arg]

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.model)


class ChatClient:
    """Asks one model of one server; `described` names it in error messages (e.g. "openai")."""

    def __init__(
        self, server: ChatServerSettings, *, described: str, timeout: float, retry_after_max: float
    ) -> None:
        key = server.api_key.get_secret_value()
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.api = JsonApi(
            described, server.base_url, timeout=timeout, retry_after_max=retry_after_max, headers=headers
        )
        self.model = server.model
        self.described = described

    def complete(self, messages: list[dict[str, str]]) -> str:
        """The model's answer to `messages`, at temperature 0 so that a retried job gets the same text."""
        body: dict[str, Any] = {"model": self.model, "messages": messages, "temperature": 0}
        completion = self.api.post("/chat/completions", _COMPLETION, body)
        if not completion.choices:
            raise TransientError(ErrorCode.ENGINE_ERROR, f"{self.described} answered without a choice")
        return completion.choices[0].message.content or ""
