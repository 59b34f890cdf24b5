"""The translator's configuration, read once from `DOCRELAY_*` environment variables."""

from functools import cache
from pathlib import Path

from pydantic import Field, PositiveInt, SecretStr

from docrelay_common.chat import ChatServerSettings
from docrelay_common.language_routes import RouteRules
from docrelay_common.languages import normalize_language
from docrelay_common.settings import CommonSettings
from docrelay_translator.engine_limits import EngineLimit


class TranslatorSettings(CommonSettings):
    apertium_bin: str = "apertium"
    # Apertium's data directory; the installed language pairs are the `*.mode` files in its `modes/`.
    apertium_data_dir: Path = Path("/usr/share/apertium")
    # Seconds one batch may take; a batch of 30,000 characters normally takes under a second.
    apertium_timeout: float = 120.0
    # Modes left out although installed (comma-separated): Debian bookworm's Russian modes crash in
    # apertium-tagger and print nothing.
    apertium_exclude: str = "rus-bel,rus-ukr,ukr-rus"
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
    # The most characters one job may send to an engine that bills for them (deepl, openai, a
    # LibreTranslate server with an API key); 0: no limit. About 300 pages of dense text.
    max_chars_per_job: int = Field(default=1_000_000, ge=0)
    # Seconds one request to a network engine may take; a local LLM on a CPU can need minutes per batch.
    engine_timeout: float = 120.0
    # The longest Retry-After wait honoured before the stage's own retry with backoff takes over.
    engine_retry_after_max: float = 10.0
    # Seconds the gateway lists this worker's engines after its last report; it reports every third of it.
    engine_catalog_ttl: PositiveInt = 60
    # Limits per engine shared by all replicas, as JSON: {"deepl": {"concurrency": 2, "per_second": 5}}.
    engine_limits: dict[str, EngineLimit] = Field(default_factory=dict)
    # A pair no engine translates directly goes through bridge languages, in at most this many hops
    # (1: direct pairs only); bridges are tried in this order (comma-separated), other languages after.
    max_hops: PositiveInt = 2
    pivot_languages: str = "en,es,ca,fr"

    def route_rules(self) -> RouteRules:
        bridges = tuple(normalize_language(tag) for tag in self.pivot_languages.split(",") if tag.strip())
        return RouteRules(max_hops=self.max_hops, bridges=bridges)


@cache
def translator_settings() -> TranslatorSettings:
    return TranslatorSettings()
