"""What the stage workers' own /metrics say about a phase of the load benchmark.

Each worker counts its tasks' run time and queue wait in Prometheus histograms; the difference of two
scrapes, summed over a stage's workers, is that stage's busy time and queue wait during the phase.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import httpx
from prometheus_client.parser import text_string_to_metric_families

from bench.load_clients import percentile

DURATION = "docrelay_stage_duration_seconds"
QUEUE_WAIT = "docrelay_stage_queue_wait_seconds"


@dataclass
class Scrape:
    """Per stage: seconds its tasks ran, and the queue-wait histogram (sum, count, bucket counts)."""

    busy: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    wait_sum: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    wait_count: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    wait_buckets: dict[str, dict[float, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )


def scrape(urls: dict[str, list[str]]) -> Scrape:
    """Add up the /metrics of every worker, `urls` by stage."""
    total = Scrape()
    for stage, addresses in urls.items():
        for url in addresses:
            _add(total, stage, httpx.get(url, timeout=10).text)
    return total


def _add(total: Scrape, stage: str, text: str) -> None:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.labels.get("stage") != stage:
                continue
            if sample.name == f"{DURATION}_sum":
                total.busy[stage] += sample.value
            elif sample.name == f"{QUEUE_WAIT}_sum":
                total.wait_sum[stage] += sample.value
            elif sample.name == f"{QUEUE_WAIT}_count":
                total.wait_count[stage] += sample.value
            elif sample.name == f"{QUEUE_WAIT}_bucket":
                total.wait_buckets[stage][float(sample.labels["le"])] += sample.value


def stage_report(before: Scrape, after: Scrape, seconds: float, cores: int) -> dict[str, dict[str, float]]:
    """Per stage: share of the cores its tasks held during the phase, and their queue wait."""
    report = {}
    for stage in after.busy.keys() | after.wait_count.keys():
        count = after.wait_count[stage] - before.wait_count[stage]
        waited = after.wait_sum[stage] - before.wait_sum[stage]
        report[stage] = {
            "busy_seconds": after.busy[stage] - before.busy[stage],
            "busy_share": (after.busy[stage] - before.busy[stage]) / (seconds * cores),
            "tasks": count,
            "queue_wait_mean_ms": 1000 * waited / count if count else 0.0,
            "queue_wait_p50_ms": 1000 * _bucket_percentile(before, after, stage, 0.5),
            "queue_wait_p99_ms": 1000 * _bucket_percentile(before, after, stage, 0.99),
        }
    return report


def _bucket_percentile(before: Scrape, after: Scrape, stage: str, share: float) -> float:
    """The upper bound of the histogram bucket holding that share of the phase's waits."""
    bounds = sorted(after.wait_buckets[stage])
    cumulative = [after.wait_buckets[stage][b] - before.wait_buckets[stage].get(b, 0.0) for b in bounds]
    if not cumulative or cumulative[-1] <= 0:
        return 0.0
    # Expand the cumulative counts into one value per task (bounded: a phase has a few hundred tasks).
    values: list[float] = []
    previous = 0.0
    for bound, count in zip(bounds, cumulative, strict=True):
        values += [bound] * int(count - previous)
        previous = count
    return percentile(values, share)
