"""The status service's view of the whole pipeline as Prometheus gauges, computed when scraped.

`docrelay_jobs{status}` from the jobs table, `docrelay_queue_depth{queue}` and `docrelay_dead_letters`
from Redis, `docrelay_workers{stage}` from the workers' heartbeat events.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import redis
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy.exc import SQLAlchemyError

from docrelay_common.constants import DEAD_LETTERS_KEY, MAINTENANCE_QUEUE, JobStatus
from docrelay_common.stages import PIPELINE, queue_name

logger = logging.getLogger(__name__)

QUEUES = (*(queue_name(stage) for stage in PIPELINE), MAINTENANCE_QUEUE)
# Kombu's Redis transport keeps a queue's prioritized messages in lists named queue + SEP + priority.
PRIORITY_SEP = "\x06\x16"
PRIORITY_STEPS = (3, 6, 9)
# A worker whose last heartbeat (sent every 2 s) is older than this is no longer counted.
LIVENESS_WINDOW = 60.0


class WorkerLiveness:
    """Which workers are alive, from the Celery worker events it is fed; hostnames are `<stage>@<host>`."""

    def __init__(self, window: float = LIVENESS_WINDOW, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window
        self.clock = clock
        self._last_seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def __call__(self, event: dict[str, Any]) -> None:
        kind, hostname = event.get("type"), str(event.get("hostname", ""))
        with self._lock:
            if kind in ("worker-online", "worker-heartbeat"):
                self._last_seen[hostname] = self.clock()
            elif kind == "worker-offline":
                self._last_seen.pop(hostname, None)

    def alive_by_stage(self) -> dict[str, int]:
        """Workers seen within the window, per stage; every queue's stage is listed, 0 when none."""
        horizon = self.clock() - self.window
        counts = dict.fromkeys(QUEUES, 0)
        with self._lock:
            for hostname, seen in self._last_seen.items():
                if seen >= horizon:
                    stage = hostname.partition("@")[0]
                    counts[stage] = counts.get(stage, 0) + 1
        return counts


class PipelineCollector(Collector):
    """Reads jobs by status, queue depths and dead letters anew at every scrape.

    A source that cannot be read is left out of the scrape (and logged) instead of failing all of it.
    """

    def __init__(
        self,
        count_by_status: Callable[[], dict[str, int]],
        broker: redis.Redis,
        liveness: WorkerLiveness,
    ) -> None:
        self.count_by_status = count_by_status
        self.broker = broker
        self.liveness = liveness

    def describe(self) -> Iterator[Metric]:
        # Names only, so registering does not query the database and Redis.
        yield from _families()

    def collect(self) -> Iterator[Metric]:
        jobs, depth, dead_letters, workers = _families()
        try:
            counts = self.count_by_status()
        except SQLAlchemyError as exc:
            logger.warning("metrics: cannot count jobs (%s)", exc)
        else:
            for status in JobStatus:
                jobs.add_metric([status.value], counts.get(status.value, 0))
            yield jobs
        try:
            lengths, dead = self._read_broker()
        except redis.RedisError as exc:
            logger.warning("metrics: cannot read queue depths from Redis (%s)", exc)
        else:
            for queue, length in lengths.items():
                depth.add_metric([queue], length)
            dead_letters.add_metric([], dead)
            yield from (depth, dead_letters)
        for stage, alive in self.liveness.alive_by_stage().items():
            workers.add_metric([stage], alive)
        yield workers

    def _read_broker(self) -> tuple[dict[str, int], int]:
        """The length of every queue (all its priority lists together) and of the dead-letter store."""
        pipe = self.broker.pipeline(transaction=False)
        for queue in QUEUES:
            for key in queue_keys(queue):
                pipe.llen(key)
        pipe.hlen(DEAD_LETTERS_KEY)
        *lengths, dead = pipe.execute()
        width = 1 + len(PRIORITY_STEPS)
        depths = {queue: sum(lengths[i * width : (i + 1) * width]) for i, queue in enumerate(QUEUES)}
        return depths, int(dead)


def queue_keys(queue: str) -> list[str]:
    return [queue, *(f"{queue}{PRIORITY_SEP}{step}" for step in PRIORITY_STEPS)]


def _families() -> tuple[GaugeMetricFamily, ...]:
    return (
        GaugeMetricFamily("docrelay_jobs", "Jobs in the jobs table, by status", labels=["status"]),
        GaugeMetricFamily("docrelay_queue_depth", "Messages waiting in each queue", labels=["queue"]),
        GaugeMetricFamily("docrelay_dead_letters", "Tasks that gave up, kept in the dead-letter store"),
        GaugeMetricFamily(
            "docrelay_workers", "Workers of each stage seen alive in the last 60 s", labels=["stage"]
        ),
    )
