"""Word that a job's row changed, from the status service to the gateway's live event streams.

The status service publishes on each job's channel after a transaction wrote its row; the gateway's
SSE stream of the job waits on that channel as well as on its timer, so a change reaches the client as
soon as it is in the table rather than at the stream's next look. Best effort: the stream still reads
the job every `DOCRELAY_EVENTS_POLL_INTERVAL` without word (the ETA counts down meanwhile), so a lost
message (Redis away for a moment, a status service of an older version) only delays an update.
"""

import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

import anyio
from redis import Redis, RedisError
from redis.asyncio import Redis as AsyncRedis
from redis.asyncio.client import PubSub

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "docrelay:job-changed:"
# Seconds to wait for Redis to confirm a subscription before the stream's first read of its job.
SUBSCRIBE_TIMEOUT = 2.0


def job_channel(job_id: str) -> str:
    return CHANNEL_PREFIX + job_id


def announce_changes(redis: Redis, job_ids: Iterable[str]) -> None:
    """Publish that each job's row changed, in one round trip; a failure only delays the streams."""
    try:
        with redis.pipeline(transaction=False) as pipe:
            for job_id in job_ids:
                pipe.publish(job_channel(job_id), b"")
            pipe.execute()
    except RedisError as exc:
        logger.debug("could not announce job changes: %s", exc)


class JobChanges:
    """One job's channel, subscribed; `wait` returns at the next word of a change or after `timeout`."""

    def __init__(self, pubsub: PubSub | None) -> None:
        # None: the subscription failed, and `wait` only waits out its timeout.
        self._pubsub = pubsub

    @property
    def listening(self) -> bool:
        """Whether the channel is subscribed; False once it failed (the stream then reads on its timer)."""
        return self._pubsub is not None

    async def wait(self, timeout: float) -> bool:
        """True at word of a change (several announced meanwhile count as one), False after `timeout`."""
        if self._pubsub is None:
            await anyio.sleep(timeout)
            return False
        try:
            if not await self._next_message(timeout):
                return False
            while await self._next_message(0):
                pass
        except (RedisError, OSError) as exc:
            logger.warning("lost the channel of a job's changes, reading it on a timer instead: %s", exc)
            self._pubsub = None
            return False
        return True

    async def _next_message(self, timeout: float) -> bool:
        """Whether a change was announced within `timeout`. redis-py answers None for the subscription's
        own confirmation as for a timeout, so it is asked again until the time is up."""
        assert self._pubsub is not None
        deadline = anyio.current_time() + timeout
        while True:
            left = max(0.0, deadline - anyio.current_time())
            if await self._pubsub.get_message(ignore_subscribe_messages=True, timeout=left) is not None:
                return True
            if left == 0.0:
                return False


@asynccontextmanager
async def job_changes(redis_url: str, job_id: str) -> AsyncIterator[JobChanges]:
    """Subscribe to the job's channel for as long as the block runs. Subscribe before the first read of
    the job: a change between that read and the subscription would otherwise go unheard."""
    client = AsyncRedis.from_url(redis_url, socket_connect_timeout=2)
    pubsub = client.pubsub()
    try:
        subscribed: PubSub | None = pubsub
        try:
            await pubsub.subscribe(job_channel(job_id))
            # Redis's confirmation: from here on, no announcement of this job is missed.
            await pubsub.get_message(timeout=SUBSCRIBE_TIMEOUT)
        except (RedisError, OSError) as exc:
            logger.warning("cannot subscribe to job %s's changes, reading it on a timer: %s", job_id, exc)
            subscribed = None
        yield JobChanges(subscribed)
    finally:
        # The stream ended or its client went away: both close the connection it held.
        with anyio.CancelScope(shield=True):
            try:
                await pubsub.aclose()
                await client.aclose()
            except (RedisError, OSError) as exc:
                logger.debug("closing a job's change channel: %s", exc)
