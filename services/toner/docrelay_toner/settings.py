"""The toner's configuration, read once from `DOCRELAY_*` environment variables."""

from dataclasses import dataclass
from functools import cache

from pydantic import SecretStr

from docrelay_common.settings import CommonSettings


@dataclass(frozen=True)
class ChatServer:
    """An OpenAI-compatible chat-completions server and the model to ask."""

    base_url: str
    api_key: str
    model: str


class TonerSettings(CommonSettings):
    # Base URL of an OpenAI-compatible server, with its /v1, for rewriting text in a tone; empty means the
    # translator's server below, and with neither the toner uses its rule sets.
    toner_openai_base_url: str = ""
    toner_openai_api_key: SecretStr = SecretStr("")
    toner_openai_model: str = ""
    # The translator's server (DOCRELAY_OPENAI_*): one model server can serve both stages.
    openai_base_url: str = ""
    openai_api_key: SecretStr = SecretStr("")
    openai_model: str = ""
    # Seconds one request may take; a local LLM on a CPU can need minutes per batch.
    engine_timeout: float = 120.0

    def chat_server(self) -> ChatServer | None:
        """The server to rewrite with, or None when none is configured.

        The toner's own settings win as a whole: the translator's key never goes to the toner's server.
        """
        if self.toner_openai_base_url:
            url, key, model = self.toner_openai_base_url, self.toner_openai_api_key, self.toner_openai_model
        else:
            url, key, model = self.openai_base_url, self.openai_api_key, self.openai_model
        if not (url and model):
            return None
        return ChatServer(url, key.get_secret_value(), model)


@cache
def toner_settings() -> TonerSettings:
    return TonerSettings()
