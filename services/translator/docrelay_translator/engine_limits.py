"""Per-engine limits shared by every translator replica: requests at once, and requests per second.

A paid API or a small self-hosted server must not see more load because the translator was scaled
out, so the limits live in Redis, not in each process. Concurrency is a semaphore of leased slots (a
slot whose holder died expires after its lease); the rate spaces requests evenly (the generic cell
rate algorithm: each request reserves the next free instant).
"""

import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from pydantic import BaseModel, PositiveFloat, PositiveInt
from redis import Redis

# Reserve a slot if fewer than ARGV[2] unexpired leases are held; returns 1 when reserved.
_ACQUIRE = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
  redis.call('EXPIRE', KEYS[1], ARGV[5])
  return 1
end
return 0
"""
# Reserve the next instant at which a request may start; returns the seconds to wait for it.
_NEXT_START = """
local now = tonumber(ARGV[1])
local start = math.max(now, tonumber(redis.call('GET', KEYS[1]) or now))
redis.call('SET', KEYS[1], start + tonumber(ARGV[2]), 'PX', math.ceil((start - now) * 1000) + 60000)
return tostring(start - now)
"""

SLOT_POLL_SECONDS = 0.05


class EngineLimit(BaseModel):
    """`DOCRELAY_ENGINE_LIMITS`, per engine name: e.g. {"deepl": {"concurrency": 2, "per_second": 5}}."""

    concurrency: PositiveInt | None = None
    per_second: PositiveFloat | None = None
    # Seconds a slot is held at most: longer than the slowest request (DOCRELAY_ENGINE_TIMEOUT).
    lease_seconds: PositiveFloat = 300.0


class EngineLimiter:
    def __init__(self, redis: Redis, engine: str, limit: EngineLimit) -> None:
        self.redis, self.engine, self.limit = redis, engine, limit
        self._acquire = redis.register_script(_ACQUIRE)
        self._next_start = redis.register_script(_NEXT_START)

    @contextmanager
    def request(self) -> Iterator[None]:
        """Wait for a slot and the next allowed instant, then hold the slot for one request."""
        token = self._take_slot() if self.limit.concurrency else None
        try:
            if self.limit.per_second:
                wait = float(self._next_start([self._key("next")], [time.time(), 1 / self.limit.per_second]))
                time.sleep(wait)
            yield
        finally:
            if token is not None:
                self.redis.zrem(self._key("slots"), token)

    def _take_slot(self) -> str:
        token = secrets.token_hex(8)
        concurrency, lease = self.limit.concurrency or 0, self.limit.lease_seconds
        while True:
            now = time.time()
            if self._acquire([self._key("slots")], [now, concurrency, now + lease, token, int(lease) + 1]):
                return token
            time.sleep(SLOT_POLL_SECONDS)

    def _key(self, name: str) -> str:
        return f"docrelay:engine:{self.engine}:{name}"


RequestSlot = Callable[[], AbstractContextManager[None]]


def request_slots(redis: Redis, engine: str, limits: dict[str, EngineLimit]) -> RequestSlot:
    """What each request to `engine` must hold; nothing to wait for when the engine has no limits."""
    limit = limits.get(engine)
    return EngineLimiter(redis, engine, limit).request if limit is not None else nullcontext
