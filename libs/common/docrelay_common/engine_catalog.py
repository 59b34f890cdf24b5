"""The engines the translator replicas can run, published by each replica in Redis for the gateway.

Each replica writes its view into one hash, field = worker hostname, and keeps a heartbeat key of its
own alive with an expiry: a replica that dies stops renewing it, so its view drops out within `ttl`
seconds. Readers keep only the views whose heartbeat still exists.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal, cast

import redis
from pydantic import BaseModel, ConfigDict

from docrelay_common.language_routes import EnginePairs, RouteRules

CATALOG_KEY = "docrelay:engines"

EngineKind = Literal["offline", "server", "llm", "commercial", "test"]


class LanguagePair(BaseModel):
    # Frozen, so that pairs can be collected in a set when views are merged.
    model_config = ConfigDict(frozen=True)

    source: str
    target: str


class EngineInfo(BaseModel):
    name: str
    available: bool
    # BCP 47 tags; a source of "*" means any language.
    pairs: list[LanguagePair]
    kind: EngineKind
    description: str


class CatalogEntry(BaseModel):
    """One replica's view, as stored in the hash."""

    worker: str
    published_at: datetime
    engines: list[EngineInfo]
    # How the replica plans routes through bridge languages, so that the gateway lists what it reaches.
    routing: RouteRules = RouteRules()

    def engine_pairs(self) -> list[EnginePairs]:
        """The available engines' pairs, in the replica's order of preference."""
        return engine_pairs(self.engines)


def heartbeat_key(worker: str) -> str:
    return f"{CATALOG_KEY}:alive:{worker}"


def engine_pairs(engines: Sequence[EngineInfo]) -> list[EnginePairs]:
    """The available engines' pairs, in the given order."""
    return [
        EnginePairs(engine.name, frozenset((pair.source, pair.target) for pair in engine.pairs))
        for engine in engines
        if engine.available
    ]


def publish(
    client: redis.Redis, worker: str, engines: list[EngineInfo], ttl: int, routing: RouteRules
) -> None:
    """Store the worker's view and renew its heartbeat for `ttl` seconds, in one transaction."""
    entry = CatalogEntry(worker=worker, published_at=datetime.now(UTC), engines=engines, routing=routing)
    with client.pipeline() as pipeline:
        pipeline.hset(CATALOG_KEY, worker, entry.model_dump_json())
        pipeline.set(heartbeat_key(worker), entry.published_at.isoformat(), ex=ttl)
        pipeline.execute()


def withdraw(client: redis.Redis, worker: str) -> None:
    """Remove the worker's view at once, as a worker shutting down cleanly does."""
    with client.pipeline() as pipeline:
        pipeline.hdel(CATALOG_KEY, worker)
        pipeline.delete(heartbeat_key(worker))
        pipeline.execute()


def live_entries(client: redis.Redis) -> list[CatalogEntry]:
    """The views of the workers whose heartbeat has not expired, by worker name.

    `client` answers bytes, as `redis.Redis.from_url(url)` does.
    """
    stored = cast(dict[bytes, bytes], client.hgetall(CATALOG_KEY))
    if not stored:
        return []
    workers = sorted(stored)
    beats = cast(list[bytes | None], client.mget([heartbeat_key(worker.decode()) for worker in workers]))
    alive = [worker for worker, beat in zip(workers, beats, strict=True) if beat is not None]
    dead = [worker for worker in workers if worker not in alive]
    if dead:
        # Without this the hash would keep a field for every worker hostname ever started. A worker
        # whose heartbeat expired and that publishes again between the two calls is back within ttl/3.
        client.hdel(CATALOG_KEY, *dead)
    return [CatalogEntry.model_validate_json(stored[worker]) for worker in alive]


def read_catalog(client: redis.Redis) -> list[EngineInfo]:
    """Every live worker's engines merged, in the workers' order of preference; empty when none is alive.

    An engine is available if any replica has it; its pairs are those of all replicas together.
    """
    merged: dict[str, EngineInfo] = {}
    for entry in live_entries(client):
        for engine in entry.engines:
            known = merged.get(engine.name)
            merged[engine.name] = engine if known is None else _merge(known, engine)
    return list(merged.values())


def _merge(known: EngineInfo, other: EngineInfo) -> EngineInfo:
    pairs = list(dict.fromkeys([*known.pairs, *other.pairs]))
    return known.model_copy(update={"available": known.available or other.available, "pairs": pairs})
