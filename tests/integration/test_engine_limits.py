"""Per-engine limits held in a real Redis, as several translator replicas would share them."""

import json
import threading
import time

import pytest
from redis import Redis

from docrelay_translator.engine_limits import EngineLimit, EngineLimiter, request_slots
from docrelay_translator.settings import TranslatorSettings


class BusyEngine:
    """Records how many requests overlap; each takes `seconds`."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.running, self.most = seconds, 0, 0
        self.starts: list[float] = []
        self._lock = threading.Lock()

    def call(self) -> None:
        with self._lock:
            self.running += 1
            self.most = max(self.most, self.running)
            self.starts.append(time.monotonic())
        time.sleep(self.seconds)
        with self._lock:
            self.running -= 1


def run_replicas(redis: Redis, engine_name: str, limit: EngineLimit, engine: BusyEngine, calls: int) -> None:
    """`calls` requests from as many threads, each with its own limiter, like separate replicas."""

    def replica() -> None:
        with EngineLimiter(redis, engine_name, limit).request():
            engine.call()

    threads = [threading.Thread(target=replica) for _ in range(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)


def test_no_more_requests_at_once_than_the_limit_across_replicas(redis: Redis) -> None:
    engine = BusyEngine(0.1)
    run_replicas(redis, "deepl", EngineLimit(concurrency=2), engine, calls=6)
    assert len(engine.starts) == 6
    assert engine.most == 2
    assert redis.zcard("docrelay:engine:deepl:slots") == 0, "every slot was given back"


def test_requests_are_spaced_to_the_rate(redis: Redis) -> None:
    engine = BusyEngine(0.0)
    run_replicas(redis, "libretranslate", EngineLimit(per_second=10), engine, calls=5)
    starts = sorted(engine.starts)
    assert starts[-1] - starts[0] >= 0.35, "five requests at 10/s span at least 0.4 s (less clock slack)"


def test_a_slot_whose_holder_died_is_free_after_its_lease(redis: Redis) -> None:
    limit = EngineLimit(concurrency=1, lease_seconds=0.5)
    held = EngineLimiter(redis, "openai", limit).request()
    held.__enter__()  # a replica that takes the slot and is then killed: it never gives it back
    started = time.monotonic()
    with EngineLimiter(redis, "openai", limit).request():
        waited = time.monotonic() - started
    assert 0.3 <= waited < 5


def test_limits_come_from_the_environment_and_unlimited_engines_never_wait(
    redis: Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCRELAY_ENGINE_LIMITS", json.dumps({"deepl": {"concurrency": 1, "per_second": 2}}))
    limits = TranslatorSettings().engine_limits
    assert limits == {"deepl": EngineLimit(concurrency=1, per_second=2)}
    started = time.monotonic()
    for _ in range(3):
        with request_slots(redis, "apertium", limits)():
            pass
    assert time.monotonic() - started < 0.2
