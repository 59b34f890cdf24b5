"""This translator's engines and language pairs, published in Redis for the gateway's `GET /v1/engines`.

Only the translator knows what is installed on its machine, and the gateway never imports it: each
worker publishes its view once it is ready and renews it every ttl/3 seconds from a daemon thread,
so the view of a worker that dies disappears after `engine_catalog_ttl` seconds.
"""

import logging
import threading
from collections.abc import Sequence
from typing import Any

import redis
from celery import Celery
from celery.signals import worker_ready, worker_shutdown

from docrelay_common.engine_catalog import EngineInfo, EngineKind, LanguagePair, publish, withdraw
from docrelay_common.errors import DocrelayError
from docrelay_common.redis_client import connect_redis
from docrelay_translator.engines.base import Engine
from docrelay_translator.engines.registry import registered_engines
from docrelay_translator.settings import translator_settings

logger = logging.getLogger(__name__)

# What a user choosing an engine needs to know of each one, by engine name; every registered engine
# must have an entry (the catalog's integration test lists them all from a real worker).
DESCRIPTIONS: dict[str, tuple[EngineKind, str]] = {
    "apertium": ("offline", "Apertium: rule-based translation on the translator's machine"),
    "libretranslate": ("server", "LibreTranslate: a self-hosted translation server"),
    "openai": ("llm", "A language model behind an OpenAI-compatible API (vLLM, Ollama, OpenAI)"),
    "argos": ("offline", "Argos Translate: neural translation on the translator's machine"),
    "deepl": ("commercial", "DeepL: a commercial service; the document's text leaves the machine"),
    "pseudo": ("test", "Pseudo-localization (en-XA, ar-XB) for layout tests; not a translation"),
}


def engine_info(engine: Engine) -> EngineInfo:
    """What the catalog says of one engine; a server that cannot list its languages is unavailable."""
    kind, description = DESCRIPTIONS[engine.name]
    available, pairs = engine.is_available(), []
    if available:
        try:
            pairs = engine.language_pairs()
        except DocrelayError as exc:
            logger.warning("engine %s cannot list its language pairs: %s", engine.name, exc.message)
            available = False
    return EngineInfo(
        name=engine.name,
        available=available,
        pairs=[LanguagePair(source=source, target=target) for source, target in pairs],
        kind=kind,
        description=description,
    )


def capabilities(engines: Sequence[Engine] | None = None) -> list[EngineInfo]:
    """Every registered engine, in order of preference."""
    return [engine_info(engine) for engine in (registered_engines() if engines is None else engines)]


class CatalogPublisher:
    """Publishes this worker's capabilities now and every ttl/3 seconds, until stopped."""

    def __init__(self, client: redis.Redis, worker: str, ttl: int) -> None:
        self.client, self.worker, self.ttl = client, worker, ttl
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="engine-catalog", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop renewing and withdraw the view, so the gateway stops listing this worker at once."""
        self._stopped.set()
        # A publish under way may wait on a slow engine server; past the TTL its view expires anyway.
        self._thread.join(self.ttl)
        try:
            withdraw(self.client, self.worker)
        except redis.RedisError as exc:
            logger.warning("could not withdraw the engine catalog of %s: %s", self.worker, exc)

    def _run(self) -> None:
        rules = translator_settings().route_rules()
        while True:
            try:
                publish(self.client, self.worker, capabilities(), self.ttl, rules)
            except redis.RedisError as exc:
                logger.warning("could not publish the engine catalog, retrying: %s", exc)
            except Exception:  # a thread that died would make the gateway report no worker at all
                logger.exception("could not describe the engines for the catalog, retrying")
            if self._stopped.wait(self.ttl / 3):
                return


class _Lifecycle:
    """Starts the publisher when `app`'s worker is ready and stops it when the worker shuts down."""

    def __init__(self, app: Celery) -> None:
        self.app = app
        self.publisher: CatalogPublisher | None = None

    def on_ready(self, sender: Any, **_: Any) -> None:
        if sender.app is not self.app:
            return
        settings = translator_settings()
        # Few retries: the publisher tries again every ttl/3 anyway, and must not hold up a shutdown.
        client = connect_redis(settings.redis_url, attempts=2)
        self.publisher = CatalogPublisher(client, sender.hostname, settings.engine_catalog_ttl)
        self.publisher.start()

    def on_shutdown(self, sender: Any, **_: Any) -> None:
        if sender.app is self.app and self.publisher is not None:
            self.publisher.stop()
            self.publisher = None


def publish_capabilities(app: Celery) -> None:
    """Publish the engine catalog for as long as a worker of `app` runs."""
    lifecycle = _Lifecycle(app)
    worker_ready.connect(lifecycle.on_ready, weak=False)
    worker_shutdown.connect(lifecycle.on_shutdown, weak=False)
