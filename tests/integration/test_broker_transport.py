"""Our Redis transport: a channel used after its connection was closed (what a worker does when Redis
restarts while it holds a task) fails with a connection error, which Celery rides out, where kombu's
own transport fails with an AttributeError that ends the worker; and a channel keeps one Redis client
for its pool, where kombu's builds one per message."""

import time

import pytest
from kombu import Connection

from docrelay_common.broker_transport import Transport
from docrelay_common.celery_app import create_celery_app
from docrelay_common.settings import CommonSettings


def _connect(redis_url: str) -> Connection:
    connection: Connection = create_celery_app(
        "broker-test", CommonSettings(redis_url=redis_url)
    ).connection_for_read()
    return connection


def test_every_celery_app_uses_the_transport(redis_url: str) -> None:
    with _connect(redis_url) as connection:
        assert isinstance(connection.transport, Transport)


def test_a_channel_publishes_every_message_through_one_client(redis_url: str) -> None:
    with _connect(redis_url) as connection:
        channel = connection.channel()
        queue = "broker-test-one-client"
        clients = set()
        for number in range(5):
            channel._put(queue, {"body": number})
            with channel.conn_or_acquire() as client:
                clients.add(id(client))
        assert len(clients) == 1
        assert channel._size(queue) == 5
        channel._purge(queue)


def test_a_channel_whose_pool_was_dropped_uses_a_client_of_the_new_pool(redis_url: str) -> None:
    with _connect(redis_url) as connection:
        channel = connection.channel()
        with channel.conn_or_acquire() as client:
            before = client
        # What kombu does when the connection breaks: the next command needs a new pool.
        channel._disconnect_pools()
        with channel.conn_or_acquire() as client:
            assert client is not before
            assert client.connection_pool is channel.pool
            assert client.ping()


def test_a_channel_used_after_its_connection_closed_fails_as_a_connection_error(redis_url: str) -> None:
    connection = _connect(redis_url)
    channel = connection.channel()
    assert channel.client.ping()
    with channel.conn_or_acquire() as client:
        assert client.ping()
    errors = connection.connection_errors
    connection.release()

    # The late acknowledgement of a task taken before the broker went away takes this path.
    with (
        pytest.raises(errors, match="connection of this channel was closed"),
        channel.conn_or_acquire() as client,
    ):
        client.ping()


def test_a_sweep_lock_left_by_a_killed_worker_holds_killed_tasks_back_for_seconds(redis_url: str) -> None:
    """A worker holding a task dies; so does one in the middle of the sweep that puts such tasks back
    (it held the sweep's lock). Once the visibility timeout has passed, another worker's sweeps put
    the task back as soon as that lock expires, not after kombu's five minutes."""
    app = create_celery_app("broker-test", CommonSettings(redis_url=redis_url, visibility_timeout=1))
    queue_name = "broker-test-dead-sweeper"
    holder, sweeper = app.connection_for_read(), app.connection_for_read()
    held = holder.SimpleQueue(queue_name)
    held.put({"job": "j1"})
    assert held.get(timeout=5).payload == {"job": "j1"}  # taken, never acknowledged: the holder dies
    channel = sweeper.channel()
    with channel.conn_or_acquire() as client:
        assert client.lock(channel.unacked_mutex_key, timeout=channel.unacked_mutex_expire).acquire(
            blocking=False
        )
    deadline = time.monotonic() + 60
    while channel._size(queue_name) == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
        channel.qos.restore_visible(num=10, interval=1)
    assert channel._size(queue_name) == 1
    held.close()
    holder.release()
    channel._purge(queue_name)
    sweeper.release()
