"""The toner's configuration, read once from `DOCRELAY_*` environment variables."""

from functools import cache

from pydantic import Field

from docrelay_common.chat import ChatServerSettings
from docrelay_common.settings import CommonSettings

TONER_PREFIX = "DOCRELAY_TONER_OPENAI_"


class TonerSettings(CommonSettings):
    # An OpenAI-compatible server for rewriting text in a tone (DOCRELAY_TONER_OPENAI_BASE_URL, _API_KEY,
    # _MODEL); when it is not set, the translator's server (DOCRELAY_OPENAI_*): one model server can
    # serve both stages. With neither the toner uses its rule sets.
    toner_openai: ChatServerSettings = Field(default_factory=lambda: ChatServerSettings.named(TONER_PREFIX))
    openai: ChatServerSettings = Field(default_factory=ChatServerSettings)
    # Seconds one request may take; a local LLM on a CPU can need minutes per batch.
    engine_timeout: float = 120.0
    # The longest Retry-After wait honoured before the stage's own retry with backoff takes over.
    engine_retry_after_max: float = 10.0

    def chat_server(self) -> ChatServerSettings | None:
        """The server to rewrite with, or None when none is configured.

        The toner's own settings win as a whole: the translator's key never goes to the toner's server.
        """
        server = self.toner_openai if self.toner_openai.base_url else self.openai
        return server if server.configured else None


@cache
def toner_settings() -> TonerSettings:
    return TonerSettings()
