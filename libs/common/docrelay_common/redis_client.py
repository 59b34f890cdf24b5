"""The one way docrelay code opens Redis for its own keys (the ledger, dead letters, the cache)."""

from redis import Redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError, TimeoutError
from redis.retry import Retry

# Ride out a Redis restart of about a minute before giving up: stages block rather than lose state.
RETRY_ATTEMPTS = 30
RETRY_BACKOFF_CAP = 3.0


def connect_redis(url: str, attempts: int = RETRY_ATTEMPTS) -> Redis:
    """A client that retries commands with backoff while the server is unreachable.

    Workers keep the default and wait a restart out; request handlers pass few attempts and answer
    503 instead. redis-py pools notice a fork and reconnect, so a client built before prefork is safe.
    """
    return Redis.from_url(
        url,
        retry=Retry(ExponentialBackoff(cap=RETRY_BACKOFF_CAP, base=0.1), attempts),
        retry_on_error=[ConnectionError, TimeoutError],
        health_check_interval=30,
        socket_connect_timeout=5,
    )
