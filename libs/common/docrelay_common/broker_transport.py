"""kombu's Redis transport, made to treat a closed connection as a connection error and to keep its
Redis client.

When Redis restarts while a worker holds a task, Celery closes the broken connection (kombu then tries
to put the held task back through it) and later acknowledges that task on its old channel. Both reach
`_connparams` after the connection was taken apart, and kombu 5.7 fails there with an AttributeError
that Celery calls unrecoverable: the worker process exits. Raised as a connection error instead, both
are the failures Celery already rides out: the close is ignored, the ack is logged, and the held task,
still unacknowledged in Redis, is delivered again after the visibility timeout.

kombu also builds a new redis-py client for every message it publishes, acknowledges or counts (the
client's lookup table of reply parsers, some 300 entries, each time: ~50 us, more than the publish
itself). A channel here keeps one client per connection pool: redis-py clients are thread-safe, and
each command still takes a connection from the pool.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import redis
from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError

# Where Celery finds this transport (`broker_transport`); the URL still says where Redis is.
TRANSPORT_PATH = f"{__name__}:Transport"


class Channel(kombu_redis.Channel):  # type: ignore[misc]
    _kept_client: redis.Redis | None = None

    def _connparams(self, asynchronous: bool = False) -> dict[str, Any]:
        if self.connection is None or self.connection.client is None:
            raise RedisConnectionError("the broker connection of this channel was closed")
        params: dict[str, Any] = super()._connparams(asynchronous=asynchronous)
        return params

    @contextmanager
    def conn_or_acquire(self, client: redis.Redis | None = None) -> Iterator[redis.Redis]:
        if client:
            yield client
            return
        # kombu drops the pool when the connection breaks (`_disconnect_pools`): a new pool, a new client.
        if self._kept_client is None or self._kept_client.connection_pool is not self.pool:
            self._kept_client = self._create_client()
        yield self._kept_client


class Transport(kombu_redis.Transport):  # type: ignore[misc]
    Channel = Channel
