"""The engines this translator knows, in order of preference."""

from collections.abc import Sequence
from functools import cache

from docrelay_common.errors import ErrorCode, PermanentError
from docrelay_translator.engines.apertium import ApertiumEngine
from docrelay_translator.engines.argos import ArgosEngine
from docrelay_translator.engines.base import Engine
from docrelay_translator.engines.deepl import DeepLEngine
from docrelay_translator.engines.libretranslate import LibreTranslateEngine
from docrelay_translator.engines.openai import OpenAIEngine
from docrelay_translator.engines.pseudo import PseudoEngine
from docrelay_translator.settings import translator_settings


@cache
def registered_engines() -> tuple[Engine, ...]:
    """In order of preference: the local rule-based engine, then servers usually run in-house
    (LibreTranslate, an OpenAI-compatible model server), then Argos, whose neural models would share
    this worker's CPU and memory with the job, then DeepL's service, so that a document goes out to
    DeepL only for a pair nothing nearer translates, or when a job asks for it. Pseudo-locales come
    last."""
    settings = translator_settings()
    http = {"timeout": settings.engine_timeout, "retry_after_max": settings.engine_retry_after_max}
    return (
        ApertiumEngine(
            settings.apertium_bin,
            settings.apertium_data_dir,
            settings.apertium_timeout,
            exclude=frozenset(mode.strip() for mode in settings.apertium_exclude.split(",")),
        ),
        LibreTranslateEngine(
            settings.libretranslate_url, settings.libretranslate_api_key.get_secret_value(), **http
        ),
        OpenAIEngine(settings.openai, **http),
        ArgosEngine(),
        DeepLEngine(settings.deepl_api_key.get_secret_value(), settings.deepl_url, **http),
        PseudoEngine(),
    )


def requested_engine(name: str, engines: Sequence[Engine] | None = None) -> Engine:
    """The engine a job asks for by name; engine_unavailable when it is unknown or not installed."""
    engines = registered_engines() if engines is None else engines
    engine = next((engine for engine in engines if engine.name == name), None)
    if engine is None:
        known = ", ".join(engine.name for engine in engines)
        raise PermanentError(ErrorCode.ENGINE_UNAVAILABLE, f"unknown engine {name!r}; known engines: {known}")
    if not engine.is_available():
        available = ", ".join(other.name for other in engines if other.is_available()) or "none"
        message = f"engine {name!r} is not installed or configured on this translator"
        raise PermanentError(ErrorCode.ENGINE_UNAVAILABLE, f"{message}; available engines: {available}")
    return engine
