"""kombu's Redis transport, made to treat a closed connection as a connection error.

When Redis restarts while a worker holds a task, Celery closes the broken connection (kombu then tries
to put the held task back through it) and later acknowledges that task on its old channel. Both reach
`_connparams` after the connection was taken apart, and kombu 5.7 fails there with an AttributeError
that Celery calls unrecoverable: the worker process exits. Raised as a connection error instead, both
are the failures Celery already rides out: the close is ignored, the ack is logged, and the held task,
still unacknowledged in Redis, is delivered again after the visibility timeout.
"""

from typing import Any

from kombu.transport import redis as kombu_redis
from redis.exceptions import ConnectionError as RedisConnectionError

# Where Celery finds this transport (`broker_transport`); the URL still says where Redis is.
TRANSPORT_PATH = f"{__name__}:Transport"


class Channel(kombu_redis.Channel):  # type: ignore[misc]
    def _connparams(self, asynchronous: bool = False) -> dict[str, Any]:
        if self.connection is None or self.connection.client is None:
            raise RedisConnectionError("the broker connection of this channel was closed")
        params: dict[str, Any] = super()._connparams(asynchronous=asynchronous)
        return params


class Transport(kombu_redis.Transport):  # type: ignore[misc]
    Channel = Channel
