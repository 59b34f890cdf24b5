"""Word of a job's changes over a real Redis: announced by the status service (and the gateway when it
ends a job itself), heard by SSE streams, which share one pub/sub connection per event loop."""

import asyncio
import contextlib
import random
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from pathlib import Path

import anyio
import pytest
from redis import Redis

from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.celery_app import create_celery_app
from docrelay_common.dead_letters import DeadLetterStore
from docrelay_common.job_changes import RETRY_AFTER_FAILURE, announce_changes, job_changes
from docrelay_common.ledger import JobLedger
from docrelay_common.settings import CommonSettings
from docrelay_gateway.lifecycle import JobServices, cancel_job
from docrelay_gateway.reuse import ResultReuse
from docrelay_jobs.store import JobStore
from tests.support.job_changes import announcements
from tests.support.jobs import new_job
from tests.support.servers import restartable_redis

pytestmark = pytest.mark.anyio

# Long enough that a wait ending before it was woken by the word, not by its timer.
LONG_WAIT = 60.0
# Guards against a hang only: Redis sees a closed connection go within moments.
CLOSE_DEADLINE = 30.0


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_a_stream_hears_each_announced_change_of_its_job_and_no_other(
    redis_url: str, redis: Redis
) -> None:
    async with job_changes(redis_url, "job-a") as changed:
        announce_changes(redis, ["job-b"])
        assert await changed.wait(0.5) is False, "another job's change is not this job's"
        announce_changes(redis, ["job-a"])
        assert await changed.wait(LONG_WAIT) is True
        assert changed.listening


async def test_changes_announced_meanwhile_wake_a_stream_once(redis_url: str, redis: Redis) -> None:
    async with job_changes(redis_url, "job-c") as changed:
        for _ in range(3):
            announce_changes(redis, ["job-c", "job-d"])
        # Give Redis the moment to deliver all three before the stream looks.
        await anyio.sleep(0.2)
        assert await changed.wait(LONG_WAIT) is True
        assert await changed.wait(0.2) is False, "the three announcements were one read, not three"


async def test_the_streams_of_one_process_share_one_connection_while_any_is_open(
    redis_url: str, redis: Redis
) -> None:
    async with AsyncExitStack() as streams:
        heard = {job: await streams.enter_async_context(job_changes(redis_url, job)) for job in ("h1", "h2")}
        also_h1 = await streams.enter_async_context(job_changes(redis_url, "h1"))
        [client] = redis.client_list(_type="pubsub")
        assert client["sub"] == "2", "one subscription per job, however many streams watch it"
        announce_changes(redis, ["h2"])
        assert await heard["h2"].wait(LONG_WAIT) is True
        assert await heard["h1"].wait(0.2) is False
        announce_changes(redis, ["h1"])
        assert await heard["h1"].wait(LONG_WAIT) is True
        assert await also_h1.wait(LONG_WAIT) is True
    assert _pubsub_clients_gone(redis), "no connection is held while no stream is open"


async def test_a_stream_leaving_its_job_leaves_the_jobs_other_stream_listening(
    redis_url: str, redis: Redis
) -> None:
    async with job_changes(redis_url, "k1") as staying:
        async with job_changes(redis_url, "k1") as leaving:
            assert leaving.listening
        announce_changes(redis, ["k1"])
        assert await staying.wait(LONG_WAIT) is True


async def test_a_quiet_channel_stays_heard_past_the_connections_command_timeout(
    redis_url: str, redis: Redis
) -> None:
    async with job_changes(redis_url, "q1") as changed:
        # Longer than the hub's 2 s socket timeout, which bounds its commands, not its waiting reader.
        assert await changed.wait(2.5) is False
        announce_changes(redis, ["q1"])
        assert await changed.wait(LONG_WAIT) is True


async def test_a_stream_whose_client_goes_away_while_joining_leaves_nothing_behind(
    redis_url: str, redis: Redis
) -> None:
    async def stream(job_id: str) -> None:
        async with job_changes(redis_url, job_id) as changed:
            await changed.wait(0.01)

    # Cancelled at random moments of joining: before, during and after the subscription.
    for number in range(60):
        task = asyncio.create_task(stream(f"gone-{number % 3}"))
        await asyncio.sleep(random.uniform(0, 0.002))
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    assert _pubsub_clients_gone(redis), "no stream was left behind holding the connection"
    async with job_changes(redis_url, "gone-0") as changed:
        assert changed.listening
        announce_changes(redis, ["gone-0"])
        assert await changed.wait(LONG_WAIT) is True


async def test_streams_that_come_while_redis_does_not_answer_read_on_their_timers_at_once() -> None:
    with _silent_server() as (url, connections):
        streams = [job_changes(url, f"mute-{number}") for number in range(3)]
        async with AsyncExitStack() as stack:
            # Together: one waits for Redis (up to the 2 s command timeout), the others behind it do not
            # try again but read on their timers.
            heard = await asyncio.gather(*(stack.enter_async_context(stream) for stream in streams))
            assert not any(changed.listening for changed in heard)
        async with job_changes(url, "mute-late") as late:
            assert not late.listening
        assert len(connections) == 1, f"one try within {RETRY_AFTER_FAILURE} s, not one per stream"


@contextmanager
def _silent_server() -> Iterator[tuple[str, list[socket.socket]]]:
    """A TCP port that accepts connections and never answers: a Redis that hangs."""
    listener = socket.create_server(("127.0.0.1", 0))
    connections: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                connections.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0", connections
    finally:
        listener.close()
        for connection in connections:
            connection.close()


def _pubsub_clients_gone(redis: Redis) -> bool:
    deadline = time.monotonic() + CLOSE_DEADLINE
    while redis.client_list(_type="pubsub"):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


async def test_without_redis_a_stream_reads_on_its_timer() -> None:
    async with job_changes("redis://127.0.0.1:1/0", "job-e") as changed:
        assert not changed.listening
        assert await changed.wait(0.1) is False


def test_announcing_without_redis_only_delays_the_streams() -> None:
    announce_changes(Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1), ["job-f"])


async def test_a_stream_whose_redis_goes_away_reads_on_its_timer() -> None:
    with restartable_redis() as server:
        async with job_changes(server.url, "job-g") as changed:
            announce_changes(Redis.from_url(server.url), ["job-g"])
            assert await changed.wait(LONG_WAIT) is True
            server.stop()
            assert await changed.wait(LONG_WAIT) is False
            assert not changed.listening, "the lost connection was noticed, not waited out"
            assert await changed.wait(0.1) is False


def test_a_job_cancelled_while_queued_is_announced_by_the_gateway(
    redis_url: str, redis: Redis, tmp_path: Path
) -> None:
    """A queued job's stages send no event, so the status service has nothing to sync: the gateway,
    which ends the job's row itself, tells its streams."""
    jobs = JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    job = new_job(jobs, uuid.uuid4().hex)
    store = LocalArtifactStore(tmp_path / "artifacts")
    services = JobServices(
        jobs=jobs,
        ledger=JobLedger(redis, 3600),
        store=store,
        celery=create_celery_app("cancel-test", CommonSettings(redis_url=redis_url)),
        dead_letters=DeadLetterStore(redis),
        reuse=ResultReuse(redis, jobs, store, 3600),
    )
    try:
        with announcements(redis, job.id) as announced:
            cancel_job(job, services)
            assert announced()
    finally:
        jobs.close()
