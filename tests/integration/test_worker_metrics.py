"""A real translator worker process (prefork, two pool processes) on a real Redis: what its /metrics
endpoint reports after real tasks, and what the status service's gauges read from the same Redis.

One scenario runs once: two jobs translate, and one job's engine is unreachable (a retry, then failure).
"""

import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import redis
from celery import Celery
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_cli.readiness import NotReady, free_port, http_ok, wait_until
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.celery_app import create_celery_app, send_to_stage
from docrelay_common.constants import JobStatus
from docrelay_common.messages import JobOptions
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import Stage
from docrelay_common.telemetry import observe_publishing
from docrelay_jobs.store import JobStore
from docrelay_status.health import serve_health
from docrelay_status.metrics import PipelineCollector, WorkerLiveness
from docrelay_translator.engines.registry import registered_engines
from tests.support.documents import text_document
from tests.support.jobs import new_job
from tests.support.servers import redis_server
from tests.support.stage import message_with_document

pytestmark = pytest.mark.skipif(
    not registered_engines()[0].is_available(), reason="apertium is not installed"
)

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]
# job id -> the engine it asks for; libretranslate points at a port nobody listens on.
JOBS = {"ok-1": "apertium", "ok-2": "apertium", "down-1": "libretranslate"}


def scrape(url: str) -> Samples:
    """Every sample a /metrics endpoint serves, parsed as Prometheus does: (name, labels) -> value."""
    text = httpx.get(url, timeout=10).raise_for_status().text
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    """The sample's value; 0 when the endpoint has not reported it (a counter never incremented)."""
    return samples.get((name, frozenset(labels.items())), 0.0)


def await_worker(worker: ManagedProcess, check: Callable[[], bool], what: str, timeout: float) -> None:
    try:
        wait_until(check, what, timeout, alive=lambda: worker.exit_code() is None)
    except NotReady as exc:
        raise NotReady(f"{exc}; worker log:\n{worker.log_tail()}") from None


@dataclass
class Scenario:
    worker: ManagedProcess
    metrics_url: str
    redis_url: str
    app: Celery


def start_translator(redis_url: str, data_dir: Path, metrics_port: int) -> ManagedProcess:
    env = {key: value for key, value in os.environ.items() if not key.startswith("DOCRELAY_")}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    env |= {
        "DOCRELAY_REDIS_URL": redis_url,
        "DOCRELAY_DATA_DIR": str(data_dir),
        "DOCRELAY_METRICS_HOST": "127.0.0.1",
        "DOCRELAY_METRICS_PORT": str(metrics_port),
        "DOCRELAY_TRANSLATION_CACHE_ENABLED": "false",
        # One quick retry, then the job fails.
        "DOCRELAY_MAX_RETRIES": "1",
        "DOCRELAY_RETRY_BACKOFF_MAX": "1",
        "DOCRELAY_LIBRETRANSLATE_URL": f"http://127.0.0.1:{free_port()}",
    }
    argv = [sys.executable, "-m", "docrelay_translator", "--concurrency=2", "--loglevel=INFO"]
    argv += ["--without-gossip", "--without-mingle"]
    worker = ManagedProcess("translate", argv, env, data_dir / "translate.log")
    worker.start()
    return worker


def send_jobs(app: Celery, store: LocalArtifactStore) -> None:
    for job_id, engine in JOBS.items():
        document = text_document(["The library is open."])
        options = JobOptions(target_lang="es", source_lang="en", engine=engine)
        send_to_stage(
            app, Stage.TRANSLATE, message_with_document(store, "extracted", document, options, job_id)
        )


def tasks_ended(url: str) -> float:
    samples = scrape(url)
    count = "docrelay_stage_duration_seconds_count"
    return sum(value(samples, count, stage="translate", outcome=end) for end in ("succeeded", "failed"))


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scenario]:
    data_dir = tmp_path_factory.mktemp("worker-metrics")
    with redis_server() as redis_url:
        port = free_port()
        worker = start_translator(redis_url, data_dir, port)
        app = create_celery_app("tests", CommonSettings(redis_url=redis_url))
        # As the gateway does: stamp the publication time on every message this process sends.
        observe_publishing("tests")
        url = f"http://127.0.0.1:{port}/metrics"
        try:
            await_worker(worker, http_ok(url), "worker metrics", 60)
            send_jobs(app, LocalArtifactStore(data_dir / "artifacts"))
            await_worker(worker, lambda: tasks_ended(url) == len(JOBS), "the jobs' translate tasks", 90)
            yield Scenario(worker, url, redis_url, app)
        finally:
            app.close()
            stop_all([worker])


def test_task_durations_and_queue_waits_add_up_over_the_pool(scenario: Scenario) -> None:
    samples = scrape(scenario.metrics_url)
    duration = "docrelay_stage_duration_seconds"
    assert value(samples, f"{duration}_count", stage="translate", outcome="succeeded") == 2
    assert value(samples, f"{duration}_count", stage="translate", outcome="retried") == 1
    assert value(samples, f"{duration}_count", stage="translate", outcome="failed") == 1
    assert 0 < value(samples, f"{duration}_sum", stage="translate", outcome="succeeded") < 60
    # Each of the three first attempts and the retry waited in the queue.
    wait = "docrelay_stage_queue_wait_seconds"
    assert value(samples, f"{wait}_count", stage="translate") == 4
    assert value(samples, f"{wait}_bucket", stage="translate", le="+Inf") == 4
    assert 0 <= value(samples, f"{wait}_sum", stage="translate") < 60


def test_retries_and_failures_are_counted_by_error_code(scenario: Scenario) -> None:
    samples = scrape(scenario.metrics_url)
    assert value(samples, "docrelay_stage_retries_total", stage="translate", code="engine_error") == 1
    assert value(samples, "docrelay_stage_failures_total", stage="translate", code="engine_error") == 1
    # Other codes are reported at zero from start-up; only the job's own failure counted.
    counted = [
        labels
        for (name, labels), count in samples.items()
        if name == "docrelay_stage_failures_total" and count
    ]
    assert counted == [frozenset({("stage", "translate"), ("code", "engine_error")})]


def metrics_directory(scenario: Scenario) -> Path:
    return Path(tempfile.gettempdir()) / f"docrelay-metrics-translate-{scenario.worker.pid}"


def test_the_pool_counts_into_a_directory_of_this_worker_alone(scenario: Scenario) -> None:
    directory = metrics_directory(scenario)
    assert {path.name.split("_")[0] for path in directory.glob("*.db")} >= {"counter", "histogram"}


def test_a_pool_process_file_not_yet_sized_leaves_the_scrape_whole(scenario: Scenario) -> None:
    # What a pool process leaves between creating its file and sizing it (prometheus_client's
    # MmapedDict): for as long as the process is descheduled there, or for good if it is killed there.
    unsized = metrics_directory(scenario) / "counter_999999.db"
    unsized.touch()
    try:
        samples = scrape(scenario.metrics_url)
    finally:
        unsized.unlink()
    count = "docrelay_stage_duration_seconds_count"
    assert value(samples, count, stage="translate", outcome="succeeded") == 2


@pytest.fixture
def liveness(scenario: Scenario) -> Iterator[WorkerLiveness]:
    """Fed by a real Celery event receiver, as in the status service."""
    liveness = WorkerLiveness()
    connection = scenario.app.connection_for_read()
    receiver = scenario.app.events.Receiver(connection, handlers={"*": liveness})
    # wakeup: ask the workers for a heartbeat now rather than within the next two seconds.
    thread = threading.Thread(target=receiver.capture, kwargs={"wakeup": True}, daemon=True)
    thread.start()
    yield liveness
    receiver.should_stop = True
    thread.join(10)
    connection.release()


@pytest.fixture
def jobs(tmp_path: Path) -> Iterator[JobStore]:
    store = JobStore(f"sqlite:///{tmp_path / 'jobs.db'}")
    for job_id in ("a", "b", "c"):
        new_job(store, job_id)
    store.cancel("c")
    yield store
    store.close()


def test_the_status_gauges_read_jobs_queues_dead_letters_and_live_workers(
    scenario: Scenario, liveness: WorkerLiveness, jobs: JobStore
) -> None:
    # Waiting in the reconstruct queue, which nobody consumes here: one plain and two prioritized.
    for priority in (None, 3, 9):
        scenario.app.send_task("docrelay.reconstruct", args=[{}], queue="reconstruct", priority=priority)
    broker = redis.Redis.from_url(scenario.redis_url)
    registry = CollectorRegistry()
    registry.register(PipelineCollector(jobs.count_by_status, broker, liveness))
    ready = threading.Event()
    ready.set()
    port = free_port()
    server = serve_health("127.0.0.1", port, ready, registry)
    url = f"http://127.0.0.1:{port}/metrics"
    try:
        alive = lambda: value(scrape(url), "docrelay_workers", stage="translate") == 1  # noqa: E731
        wait_until(alive, "the translator's heartbeat", 20, alive=lambda: True)
        samples = scrape(url)
    finally:
        server.shutdown()
        server.server_close()
        broker.close()
    by_status = {status.value: value(samples, "docrelay_jobs", status=status) for status in JobStatus}
    assert by_status == {**dict.fromkeys(by_status, 0), "queued": 2, "cancelled": 1}
    # The two translated jobs went on to the tone queue, which nobody consumes here either.
    depths = {queue: value(samples, "docrelay_queue_depth", queue=queue) for queue in ("translate", "tone")}
    assert depths == {"translate": 0, "tone": 2}
    assert value(samples, "docrelay_queue_depth", queue="reconstruct") == 3
    assert value(samples, "docrelay_queue_depth", queue="maintenance") == 0
    # The job whose engine stayed unreachable is kept as a dead letter by the stage wrapper.
    assert value(samples, "docrelay_dead_letters") == 1
    assert value(samples, "docrelay_workers", stage="extract") == 0
