"""Fixtures shared by the integration tests: a real Redis, and the translator's worker module."""

import importlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from redis import Redis

from docrelay_common.settings import common_settings
from docrelay_translator.engines.base import Engine
from docrelay_translator.engines.registry import registered_engines
from docrelay_translator.settings import translator_settings
from tests.support.servers import redis_server


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    """A fresh Redis server, one per test module."""
    with redis_server() as url:
        yield url


@pytest.fixture(scope="module")
def redis(redis_url: str) -> Iterator[Redis]:
    """A client of the module's Redis server."""
    client = Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture(scope="module")
def apertium() -> Engine:
    engine = registered_engines()[0]
    if not engine.is_available():
        pytest.skip("apertium is not installed")
    return engine


@pytest.fixture
def worker_env() -> dict[str, str]:
    """What the translator worker's environment has besides its data directory; a module overrides it."""
    # The translation memory has tests of its own against a Redis they start; none is needed elsewhere.
    return {"DOCRELAY_TRANSLATION_CACHE_ENABLED": "false"}


@pytest.fixture
def worker(
    worker_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ModuleType]:
    """The translator's worker module, configured by the environment as deployed.

    The settings and the engine registry are cached per process, so they are cleared around each test.
    """
    monkeypatch.setenv("DOCRELAY_DATA_DIR", str(tmp_path / "data"))
    for name, value in worker_env.items():
        monkeypatch.setenv(name, value)
    _clear_caches()
    yield importlib.import_module("docrelay_translator.worker")
    _clear_caches()


def _clear_caches() -> None:
    for cached in (common_settings, translator_settings, registered_engines):
        cached.cache_clear()
