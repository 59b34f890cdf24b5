"""The translator's configuration, read once from `DOCRELAY_*` environment variables."""

from functools import cache
from pathlib import Path

from pydantic import Field, PositiveInt, SecretStr

from docrelay_common.chat import ChatServerSettings
from docrelay_common.settings import CommonSettings
from docrelay_translator.engine_limits import EngineLimit


class TranslatorSettings(CommonSettings):
    apertium_bin: str = "apertium"
    # Apertium's data directory; the installed language pairs are the `*.mode` files in its `modes/`.
    apertium_data_dir: Path = Path("/usr/share/apertium")
    # Seconds one batch may take; a batch of 30,000 characters normally takes under a second.
    apertium_timeout: float = 120.0
    # The translation memory shared by all replicas; empty URL means the broker's Redis (`redis_url`).
    translation_cache_enabled: bool = True
    translation_cache_url: str = ""
    # Days a remembered translation lives after it was written.
    translation_cache_ttl: PositiveInt = 30

    # The network engines are used only once configured, so no text leaves the machine by default.
    libretranslate_url: str = ""
    libretranslate_api_key: SecretStr = SecretStr("")
    deepl_api_key: SecretStr = SecretStr("")
    # Empty: https://api-free.deepl.com for free keys (ending in ":fx"), https://api.deepl.com otherwise.
    deepl_url: str = ""
    # The OpenAI-compatible chat server of the `openai` engine: DOCRELAY_OPENAI_BASE_URL, _API_KEY, _MODEL.
    openai: ChatServerSettings = Field(default_factory=ChatServerSettings)
    # Seconds one request to a network engine may take; a local LLM on a CPU can need minutes per batch.
    engine_timeout: float = 120.0
    # The longest Retry-After wait honoured before the stage's own retry with backoff takes over.
    engine_retry_after_max: float = 10.0
    # Seconds the gateway lists this worker's engines after its last report; it reports every third of it.
    engine_catalog_ttl: PositiveInt = 60
    # Limits per engine shared by all replicas, as JSON: {"deepl": {"concurrency": 2, "per_second": 5}}.
    engine_limits: dict[str, EngineLimit] = Field(default_factory=dict)


@cache
def translator_settings() -> TranslatorSettings:
    return TranslatorSettings()
