"""GET /v1/engines, answered from the catalog that real translator worker processes publish in Redis.

The route is served over real HTTP by uvicorn in a thread: starlette's TestClient warns that its
httpx backend is deprecated, and warnings are errors here.
"""

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
import uvicorn
from fastapi import FastAPI

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_cli.readiness import NotReady, free_port, wait_until
from docrelay_common.engine_catalog import CATALOG_KEY, live_entries
from docrelay_gateway.api import deps
from docrelay_gateway.api.routes import engines
from docrelay_gateway.config import gateway_settings
from docrelay_gateway.errors import install_error_handlers
from docrelay_translator.engines.registry import registered_engines

pytestmark = pytest.mark.skipif(
    not registered_engines()[0].is_available(), reason="apertium is not installed"
)

# Short, so a dead worker drops out quickly; its workers then report every TTL/3 seconds.
TTL = 2
STARTUP_TIMEOUT = 60.0
NO_WORKER = "no translator worker is running; start one and try again"


@pytest.fixture
def catalog(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.close()


@contextmanager
def gateway(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[httpx.Client]:
    """The engines route in an app of its own, configured by the environment as deployed."""
    monkeypatch.setenv("DOCRELAY_REDIS_URL", redis_url)
    gateway_settings.cache_clear()
    deps.catalog_redis.cache_clear()
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(engines.router)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        wait_until(lambda: server.started, "uvicorn", 10, alive=thread.is_alive)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            yield client
    finally:
        server.should_exit = True
        thread.join(10)
        deps.catalog_redis.cache_clear()
        gateway_settings.cache_clear()


@pytest.fixture
def api(redis_url: str, catalog: redis.Redis, monkeypatch: pytest.MonkeyPatch) -> Iterator[httpx.Client]:
    with gateway(redis_url, monkeypatch) as client:
        yield client


@pytest.fixture
def translators(
    redis_url: str, catalog: redis.Redis, tmp_path: Path
) -> Iterator[Callable[..., ManagedProcess]]:
    """Starts translator workers (`python -m docrelay_translator`) and stops whichever are left."""
    started: list[ManagedProcess] = []

    def start(name: str, **env: str) -> ManagedProcess:
        inherited = {key: value for key, value in os.environ.items() if not key.startswith("DOCRELAY_")}
        settings = {
            "DOCRELAY_REDIS_URL": redis_url,
            "DOCRELAY_DATA_DIR": str(tmp_path / "data"),
            "DOCRELAY_ENGINE_CATALOG_TTL": str(TTL),
            "DOCRELAY_TRANSLATION_CACHE_ENABLED": "false",
            # Two workers on one machine would both want the default metrics port.
            "DOCRELAY_METRICS_PORT": "0",
        }
        argv = [sys.executable, "-m", "docrelay_translator", "--concurrency=1", f"--hostname={name}@%h"]
        argv += ["--without-gossip", "--without-mingle"]
        process = ManagedProcess(name, argv, {**inherited, **settings, **env}, tmp_path / f"{name}.log")
        process.start()
        started.append(process)
        return process

    yield start
    stop_all(started)


def has_published(catalog: redis.Redis, worker: ManagedProcess) -> bool:
    """Has the worker (hostname "<name>@<host>") written its view?"""
    return any(entry.worker.startswith(f"{worker.name}@") for entry in live_entries(catalog))


def is_running(worker: ManagedProcess) -> bool:
    return worker.exit_code() is None


def await_published(catalog: redis.Redis, *workers: ManagedProcess) -> None:
    for worker in workers:
        check, alive = partial(has_published, catalog, worker), partial(is_running, worker)
        try:
            wait_until(check, f"{worker.name}'s engine catalog", STARTUP_TIMEOUT, alive)
        except NotReady as exc:
            pytest.fail(f"{exc}; last lines of its log:\n{worker.log_tail(60)}")


def by_name(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {engine["name"]: engine for engine in body["engines"]}


def pairs(engine: dict[str, Any]) -> list[tuple[str, str]]:
    return [(pair["source"], pair["target"]) for pair in engine["pairs"]]


def test_without_a_translator_worker_the_catalog_is_unavailable(api: httpx.Client) -> None:
    response = api.get("/v1/engines")
    assert response.status_code == 503
    assert response.json() == {"error": {"code": "service_unavailable", "message": NO_WORKER}}


def test_a_running_worker_lists_every_engine_and_what_is_installed(
    api: httpx.Client, catalog: redis.Redis, translators: Callable[..., ManagedProcess]
) -> None:
    await_published(catalog, translators("translate-a"))
    response = api.get("/v1/engines")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["default"] == "apertium"
    assert [engine["name"] for engine in body["engines"]] == [e.name for e in registered_engines()]
    listed = by_name(body)
    apertium = listed["apertium"]
    assert (apertium["available"], apertium["kind"]) == (True, "offline")
    assert ("en", "es") in pairs(apertium)
    assert pairs(apertium) == registered_engines()[0].language_pairs()
    assert (listed["pseudo"]["available"], listed["pseudo"]["kind"]) == (True, "test")
    assert pairs(listed["pseudo"]) == [("*", "en-XA"), ("*", "ar-XB")]
    for name in ("libretranslate", "openai", "argos", "deepl"):
        assert (listed[name]["available"], listed[name]["pairs"]) == (False, []), name
    assert all(engine["description"] for engine in body["engines"])


def test_replicas_are_merged_an_engine_any_replica_has_is_available(
    api: httpx.Client, catalog: redis.Redis, translators: Callable[..., ManagedProcess], tmp_path: Path
) -> None:
    no_apertium_data = tmp_path / "empty-apertium"
    (no_apertium_data / "modes").mkdir(parents=True)
    await_published(
        catalog,
        translators("translate-a"),
        translators("translate-b", DOCRELAY_APERTIUM_DATA_DIR=str(no_apertium_data)),
    )
    assert catalog.hlen(CATALOG_KEY) == 2
    apertium = by_name(api.get("/v1/engines").json())["apertium"]
    assert apertium["available"] is True
    assert pairs(apertium) == registered_engines()[0].language_pairs()


def test_a_killed_worker_drops_out_once_its_ttl_has_passed(
    api: httpx.Client, catalog: redis.Redis, translators: Callable[..., ManagedProcess]
) -> None:
    worker = translators("translate-a")
    await_published(catalog, worker)
    worker.signal_group(signal.SIGKILL)
    killed = time.monotonic()
    assert api.get("/v1/engines").status_code == 200, "the last report is good for TTL seconds"
    while api.get("/v1/engines").status_code == 200:
        assert time.monotonic() - killed < TTL + 1, "the dead worker is still listed after its TTL"
        time.sleep(0.1)
    assert api.get("/v1/engines").json()["error"]["message"] == NO_WORKER
    assert catalog.hlen(CATALOG_KEY) == 0, "the reader removes the dead worker's entry"


def test_a_worker_stopping_cleanly_withdraws_at_once(
    api: httpx.Client, catalog: redis.Redis, translators: Callable[..., ManagedProcess]
) -> None:
    worker = translators("translate-a")
    await_published(catalog, worker)
    worker.signal_group(signal.SIGTERM)
    assert worker.popen is not None
    worker.popen.wait(30)
    assert (catalog.hlen(CATALOG_KEY), catalog.keys(f"{CATALOG_KEY}:*")) == (0, [])
    assert api.get("/v1/engines").status_code == 503


def test_an_unreachable_redis_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    with gateway(f"redis://127.0.0.1:{free_port()}/0", monkeypatch) as api:
        response = api.get("/v1/engines")
    assert response.status_code == 503
    assert response.json()["error"] == {
        "code": "service_unavailable",
        "message": "the engine catalog in Redis is unreachable",
    }
