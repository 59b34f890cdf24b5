"""Word that a job's row changed, from the status service to the gateway's live event streams.

The status service publishes on each job's channel after a transaction wrote its row; the gateway's
SSE stream of the job waits on that channel as well as on its timer, so a change reaches the client as
soon as it is in the table rather than at the stream's next look; the streams of one gateway process
share one pub/sub connection. Best effort: the stream still reads the job every
`DOCRELAY_EVENTS_POLL_INTERVAL` without word (the ETA counts down meanwhile), so a lost message (Redis
away for a moment, a status service of an older version) only delays an update.
"""

import asyncio
import logging
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager

import anyio
from anyio.lowlevel import RunVar
from redis import Redis, RedisError
from redis.asyncio import Redis as AsyncRedis

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "docrelay:job-changed:"
# Seconds to wait for Redis to confirm a subscription before the stream's first read of its job.
SUBSCRIBE_TIMEOUT = 2.0
# Seconds after a lost or refused connection during which new streams read on their timers at once.
RETRY_AFTER_FAILURE = 5.0


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
    """One stream's ear on its job's channel; `wait` returns at the next word of a change or after
    `timeout`. Several announcements between two waits wake it once."""

    def __init__(self, listening: bool) -> None:
        # False: the subscription failed or its connection was lost, and `wait` only waits out its timeout.
        self._listening = listening
        self._heard = asyncio.Event()

    @property
    def listening(self) -> bool:
        """Whether the channel is subscribed; False once it failed (the stream then reads on its timer)."""
        return self._listening

    async def wait(self, timeout: float) -> bool:
        """True at word of a change (several announced meanwhile count as one), False after `timeout`."""
        if not self._listening:
            await anyio.sleep(timeout)
            return False
        with anyio.move_on_after(timeout):
            await self._heard.wait()
        if not self._listening:
            return False
        heard = self._heard.is_set()
        self._heard.clear()
        return heard

    def _announced(self) -> None:
        self._heard.set()

    def _lost(self) -> None:
        self._listening = False
        self._heard.set()


class _HubClosed(Exception):
    """The hub closed (its last stream left, or its connection was lost) before a stream could join."""


class _Hubs:
    """The hubs of one event loop, one per Redis URL, and when each URL last failed."""

    def __init__(self) -> None:
        self.open: dict[str, _ChangesHub] = {}
        self.failed_at: dict[str, float] = {}

    def hub(self, redis_url: str) -> "_ChangesHub | None":
        """The URL's open hub, a new one, or None while the URL's last failure is recent: the streams
        that come meanwhile read on their timers at once instead of each waiting for Redis in turn."""
        failed_at = self.failed_at.get(redis_url)
        if failed_at is not None and asyncio.get_running_loop().time() - failed_at < RETRY_AFTER_FAILURE:
            return None
        if redis_url not in self.open:
            self.open[redis_url] = _ChangesHub(redis_url, self)
        return self.open[redis_url]


class _ChangesHub:
    """Every stream of one event loop listens to its job's channel over this one pub/sub connection.

    A connection per stream would cost Redis a client for every open page watching a job. A task of the
    hub reads the connection and wakes the streams of each announced job; a stream joins once Redis
    confirmed its channel. A lost connection ends the hub: its streams read on their timers from then
    on, and streams that come later make a new hub (after RETRY_AFTER_FAILURE).
    """

    def __init__(self, redis_url: str, hubs: _Hubs) -> None:
        self._redis_url, self._hubs = redis_url, hubs
        # socket_timeout bounds connecting, subscribing and unsubscribing; the reader's blocking read
        # waits for the next message however long it takes.
        self._client = AsyncRedis.from_url(redis_url, socket_connect_timeout=2, socket_timeout=2)
        self._pubsub = self._client.pubsub()
        self._streams: dict[bytes, set[JobChanges]] = {}
        # Each subscribed channel's confirmation by Redis: from then on, no announcement is missed.
        self._confirmed: dict[bytes, asyncio.Future[None]] = {}
        self._reader: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()
        self._closed = False

    async def join(self, job_id: str) -> JobChanges:
        channel = job_channel(job_id).encode()
        changes = JobChanges(listening=True)
        try:
            async with self._lock:
                if self._closed:
                    raise _HubClosed
                self._streams.setdefault(channel, set()).add(changes)
                confirmed = self._confirmed.get(channel)
                if confirmed is None:
                    confirmed = self._confirmed[channel] = asyncio.get_running_loop().create_future()
                    if not await self._subscribe(channel, job_id):
                        return changes  # the hub closed, which told this stream too
            with anyio.fail_after(SUBSCRIBE_TIMEOUT):
                await asyncio.shield(confirmed)
        except TimeoutError:
            logger.warning("Redis did not confirm job %s's channel, reading it on a timer", job_id)
            changes._lost()
        except BaseException:
            # The stream's client went away while it joined: it leaves at once.
            with anyio.CancelScope(shield=True):
                await self.leave(changes, job_id)
            raise
        return changes

    async def _subscribe(self, channel: bytes, job_id: str) -> bool:
        """Subscribe to `channel` (the lock held); False if the hub had to close."""
        try:
            await self._pubsub.subscribe(channel)
        except (RedisError, OSError) as exc:
            logger.warning("cannot subscribe to job %s's changes, reading it on a timer: %s", job_id, exc)
            await self._close_locked(failed=True)
            return False
        except BaseException:
            # Interrupted: whether Redis had the subscription is unknown, and redis-py dropped the
            # connection. The hub closes; streams that come later make a new one.
            with anyio.CancelScope(shield=True):
                await self._close_locked(failed=False)
            raise
        if self._reader is None:
            self._reader = asyncio.create_task(self._read(), name="job-changes")
        return True

    async def leave(self, changes: JobChanges, job_id: str) -> None:
        channel = job_channel(job_id).encode()
        async with self._lock:
            streams = self._streams.get(channel)
            if self._closed or streams is None or changes not in streams:
                return
            streams.discard(changes)
            if streams:
                return
            del self._streams[channel]
            self._confirmed.pop(channel, None)
            if self._streams:
                try:
                    await self._pubsub.unsubscribe(channel)
                except (RedisError, OSError) as exc:
                    logger.debug("unsubscribing from a job's changes: %s", exc)
            else:
                # The last stream left: no connection is held while nobody watches.
                await self._close_locked(failed=False)

    async def _read(self) -> None:
        try:
            while True:
                message = await self._pubsub.get_message(timeout=None)
                if message is None:
                    continue
                channel = message["channel"]
                if message["type"] == "message":
                    for changes in self._streams.get(channel, ()):
                        changes._announced()
                elif message["type"] == "subscribe":
                    confirmed = self._confirmed.get(channel)
                    if confirmed is not None and not confirmed.done():
                        confirmed.set_result(None)
        except Exception as exc:  # any: a reader that died silently would leave its streams deaf
            logger.warning("lost the channel of jobs' changes, streams read on a timer instead: %s", exc)
            async with self._lock:
                self._reader = None  # this task: closing must not cancel it
                await self._close_locked(failed=True)

    async def _close_locked(self, failed: bool) -> None:
        """Close the hub (its lock held): its streams read on their timers, and the next stream to
        come makes a new hub (after RETRY_AFTER_FAILURE if Redis `failed`)."""
        if self._closed:
            return
        self._closed = True
        if self._hubs.open.get(self._redis_url) is self:
            del self._hubs.open[self._redis_url]
        if failed:
            self._hubs.failed_at[self._redis_url] = asyncio.get_running_loop().time()
        for streams in self._streams.values():
            for changes in streams:
                changes._lost()
        self._streams.clear()
        for confirmed in self._confirmed.values():
            # A stream waiting for its confirmation goes on, told it is not listening.
            if not confirmed.done():
                confirmed.set_result(None)
        self._confirmed.clear()
        if self._reader is not None:
            self._reader.cancel()
            self._reader = None
        try:
            await self._pubsub.aclose()
            await self._client.aclose()
        except (RedisError, OSError) as exc:
            logger.debug("closing the channel of jobs' changes: %s", exc)


# asyncio objects belong to the loop that made them: each event loop has hubs of its own.
_loop_hubs: RunVar[_Hubs] = RunVar("docrelay_job_changes_hubs")


def _hubs() -> _Hubs:
    try:
        return _loop_hubs.get()
    except LookupError:
        hubs = _Hubs()
        _loop_hubs.set(hubs)
        return hubs


@asynccontextmanager
async def job_changes(redis_url: str, job_id: str) -> AsyncIterator[JobChanges]:
    """Listen to the job's channel for as long as the block runs. The channel is subscribed before the
    block starts, so that a change between the stream's first read of the job and the subscription is
    not missed."""
    while True:
        hub = _hubs().hub(redis_url)
        if hub is None:
            yield JobChanges(listening=False)
            return
        try:
            changes = await hub.join(job_id)
            break
        except _HubClosed:
            continue
    try:
        yield changes
    finally:
        # The stream ended or its client went away.
        with anyio.CancelScope(shield=True):
            await hub.leave(changes, job_id)
