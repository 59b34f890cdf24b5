"""Listening to a job's change channel the way the gateway's streams do, from a synchronous test."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from redis import Redis

from docrelay_common.job_changes import job_channel

# Seconds an announcement may take to arrive on a loaded machine.
ANNOUNCEMENT_DEADLINE = 30


@contextmanager
def announcements(redis: Redis, job_id: str) -> Iterator[Callable[[], bool]]:
    """Subscribe to the job's channel; the function says whether a change of the job was announced
    (waiting for one up to ANNOUNCEMENT_DEADLINE)."""
    listener = redis.pubsub(ignore_subscribe_messages=True)
    listener.subscribe(job_channel(job_id))

    def announced() -> bool:
        deadline = time.monotonic() + ANNOUNCEMENT_DEADLINE
        while time.monotonic() < deadline:
            message = listener.get_message(timeout=1)
            if message is not None:
                return bool(message["channel"] == job_channel(job_id).encode())
        return False

    try:
        yield announced
    finally:
        listener.close()
