"""A stage's steps in the job ledger, through a real stage worker process on a real Redis: a range whose
process keeps dying is given up after MAX_STEP_RUNS deaths, a worker stopped cold in a range counts no
death, and a stage writes its step marks within the writes it makes anyway."""

import re
import signal
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from celery import Celery
from redis import Redis

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_common.artifacts import Artifact, artifact_key
from docrelay_common.artifacts_local import LocalArtifactStore
from docrelay_common.celery_app import create_celery_app, send_to_stage
from docrelay_common.constants import StageState
from docrelay_common.ledger import STEP_RUNNING, STEP_RUNS, JobLedger, StageRecord, ledger_key
from docrelay_common.messages import JobOptions, StageMessage
from docrelay_common.settings import CommonSettings
from docrelay_common.stages import Stage
from docrelay_common.step_failures import MAX_STEP_RUNS
from tests.support.pdfs import pages_of
from tests.support.servers import redis_server

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "sample-en.pdf"
# The sample's one page is one range.
RANGE = "p00001-00001"


@dataclass
class StageWorker:
    """A real chaos worker (tests/support/chaos_worker.py) of `stage`, and what a test needs around it."""

    stage: Stage
    knobs: Path
    app: Celery
    ledger: JobLedger
    store: LocalArtifactStore
    process: ManagedProcess

    def send(self, message: StageMessage) -> None:
        send_to_stage(self.app, self.stage, message)

    def ended(self, job_id: str, timeout: float = 90) -> StageRecord:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            record = self.ledger.stage(job_id, self.stage)
            if record is not None and record.state in (StageState.SUCCEEDED, StageState.FAILED):
                return record
            time.sleep(0.1)
        raise AssertionError(f"the {self.stage} stage of {job_id} did not end: {self.process.log_tail()}")

    def wait_until_active(self, job_id: str, timeout: float = 60) -> None:
        """Wait until the worker's main process counts a task of `job_id` among those it runs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            replies = self.app.control.inspect(timeout=1).active() or {}
            if any(job_id in task["id"] for tasks in replies.values() for task in tasks):
                return
        raise AssertionError(f"no task of {job_id} became active: {self.process.log_tail()}")

    def step_marks_after_failing(self, job_id: str, timeout: float = 10) -> list[str]:
        """The step marks once the failing task is through: it records the failure, then ends its step
        (two writes), so a reader may see the stage failed a moment before the marks go."""
        deadline = time.monotonic() + timeout
        while (marks := self.step_marks(job_id)) and time.monotonic() < deadline:
            time.sleep(0.05)
        return marks

    def step_marks(self, job_id: str) -> list[str]:
        """The ledger's fields that say a step of the stage runs."""
        prefixes = tuple(f"{self.stage.value}.{kind}." for kind in (STEP_RUNNING, STEP_RUNS))
        names = [_text(name) for name in self.ledger.redis.hkeys(ledger_key(job_id))]
        return [name for name in names if name.startswith(prefixes)]


@contextmanager
def extract_worker(root: Path, redis_url: str, stop_signal: int | None = None) -> Iterator[StageWorker]:
    """A chaos extract worker of one pool process, its knobs in `root`/chaos; stopped with
    `stop_signal` (SIGQUIT: a cold shutdown, as `docrelay up` stops it), by default SIGTERM."""
    knobs = root / "chaos"
    knobs.mkdir(exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "DOCRELAY_DATA_DIR": str(root / "data"),
        "DOCRELAY_REDIS_URL": redis_url,
        "CHAOS_DIR": str(knobs),
        "DOCRELAY_PAGES_PER_PART": "1",
        # No metrics server: the default port may be taken by a test running alongside.
        "DOCRELAY_METRICS_PORT": "0",
    }
    argv = [sys.executable, "-m", "tests.support.chaos_worker", "extract", "--concurrency=1"]
    process = ManagedProcess("extract", argv, env, root / "extract.log", stop_signal=stop_signal)
    process.start()
    settings = CommonSettings(redis_url=redis_url, data_dir=root / "data")
    app = create_celery_app("test", settings)
    try:
        yield StageWorker(
            Stage.EXTRACT,
            knobs,
            app,
            # One connection, so that a test can tell its own commands from the worker's.
            JobLedger(Redis.from_url(redis_url, single_connection_client=True), ttl_seconds=600),
            LocalArtifactStore(settings.artifact_root),
            process,
        )
    finally:
        app.close()
        stop_all([process])


@pytest.fixture(scope="module")
def extractor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StageWorker]:
    with redis_server() as redis_url, extract_worker(tmp_path_factory.mktemp("steps"), redis_url) as worker:
        yield worker


def sample_job(worker: StageWorker, job_id: str, pages: int = 1) -> StageMessage:
    """The extract stage's input for a job of `pages` copies of the sample's page, as the gateway
    submits it; the worker cuts it into ranges of one page."""
    key = artifact_key(job_id, Artifact.SOURCE)
    source = worker.knobs.parent / "sources" / f"{job_id}.pdf"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(pages_of(*[(SAMPLE, 0)] * pages))
    worker.store.write_file(key, source)
    options = JobOptions(target_lang="es", source_lang="en")
    return StageMessage(job_id=job_id, options=options, artifacts={Artifact.SOURCE: key})


@pytest.mark.parametrize(
    ("pages", "dying", "attempts"),
    [
        # The stage's own task runs a lone range right after its plan: each redelivery starts the
        # stage again (tests/hardening/test_outages.py ends a plan's process through the whole stack).
        (1, RANGE, MAX_STEP_RUNS + 1),
        # Two ranges are two part tasks: only the dying one is delivered again.
        (2, "p00002-00002", 1),
    ],
)
def test_a_range_whose_process_keeps_dying_is_given_up_after_its_third_death(
    extractor: StageWorker, pages: int, dying: str, attempts: int
) -> None:
    runs = extractor.knobs / "extract.runs"
    runs.unlink(missing_ok=True)
    knob = extractor.knobs / "extract.die"
    knob.write_text(dying)
    job_id = f"dies-in-{dying}"
    try:
        extractor.send(sample_job(extractor, job_id, pages))
        record = extractor.ended(job_id)
    finally:
        knob.unlink()
    assert (record.state, record.error_code) == (StageState.FAILED, "worker_lost"), record
    assert record.error_message is not None
    assert f"died {MAX_STEP_RUNS} times while running {dying} of this job" in record.error_message
    assert record.attempts == attempts
    # The range ran until its process died, and not after.
    assert runs.read_text().split().count(dying) == MAX_STEP_RUNS
    assert extractor.step_marks_after_failing(job_id) == []
    # The worker lives on: the next job runs through.
    job_id = f"after-{dying}"
    extractor.send(sample_job(extractor, job_id, pages))
    assert extractor.ended(job_id).state == StageState.SUCCEEDED
    assert extractor.step_marks(job_id) == []


def test_a_worker_stopped_in_a_range_hands_it_back_without_counting_a_death(tmp_path: Path) -> None:
    job_id = "stopped-in-its-range"
    with redis_server() as redis_url:
        with extract_worker(tmp_path, redis_url, stop_signal=signal.SIGQUIT) as stopping:
            (stopping.knobs / "extract.hold").write_text(RANGE)
            stopping.send(sample_job(stopping, job_id))
            running = f"extract.{STEP_RUNNING}.{RANGE}"
            deadline = time.monotonic() + 60
            while running not in stopping.step_marks(job_id):
                assert time.monotonic() < deadline, stopping.process.log_tail()
                time.sleep(0.1)
            # Until the worker's main process has read its pool process's word that the task started
            # (a moment later, or longer under load), a cold shutdown neither stops the task nor knows
            # its steps: it waits for the task to end, as a warm one does.
            stopping.wait_until_active(job_id)
        # The range's marks went with the cold shutdown (the pool process, told to stop, ends its step;
        # the main process clears the steps of the tasks it hands back, for a pool process that could
        # not): the range waits in the queue, its run not counted as a death.
        assert stopping.step_marks(job_id) == [], stopping.process.log_tail()
        (stopping.knobs / "extract.hold").unlink()
        with extract_worker(tmp_path, redis_url) as restarted:
            record = restarted.ended(job_id)
    assert record.state == StageState.SUCCEEDED, record
    assert record.attempts == 2


def test_a_one_range_stage_marks_its_steps_within_its_other_ledger_writes(extractor: StageWorker) -> None:
    job_id = "round-trips"
    message = sample_job(extractor, job_id)
    with monitored(extractor.ledger.redis, ledger_key(job_id)) as trips:
        extractor.send(message)
        assert extractor.ended(job_id).state == StageState.SUCCEEDED
    runner = [trip for trip in trips if not _work_of_the_stage(trip)]
    # Read; started with the plan begun; the plan ended, planned, the range begun; the range ended and
    # finished; the finish claimed; begun; ended, with the check for a cancel; succeeded. A step's marks
    # are never written on their own (that took 13 round trips).
    assert len(runner) == 8, "\n".join(map(str, runner))
    assert extractor.step_marks(job_id) == []


def _work_of_the_stage(trip: list[list[str]]) -> bool:
    """A round trip the stage's own work makes (its progress, info and notices), not its runner."""
    own_fields = ("info.", "extract.progress.", "extract.running.")
    for command in trip:
        name, fields = command[0].upper(), command[2:]
        if name == "EXPIRE" or (name == "HGET" and fields[0].startswith("info.")):
            continue
        if name == "HSET" and all(field.startswith(own_fields) for field in fields[::2]):
            continue
        return False
    return True


@contextmanager
def monitored(redis: Redis, key: str) -> Iterator[list[list[list[str]]]]:
    """The round trips other clients than `redis` make on `key` meanwhile, seen by Redis's MONITOR: each
    a list of commands (one, or those of a MULTI ... EXEC), each command a list of its words."""
    ours = str(redis.client_info()["addr"])
    # Said by `redis` when the caller is done: every command before it has been seen.
    marker = f"end-of-monitoring-{uuid.uuid4().hex}"
    trips: list[list[list[str]]] = []
    listening = threading.Event()

    def listen() -> None:
        # Per client: the commands of the transaction it has open.
        open_transactions: dict[str, list[list[str]]] = {}
        with redis.monitor() as monitor:
            listening.set()
            while True:
                found = MONITOR_LINE.match(_text(monitor.connection.read_response()))
                if found is None:
                    continue
                client, words = found[1], [_unescaped(word) for word in WORD.findall(found[2])]
                if client == ours:
                    if words[1:] == [marker]:
                        return
                    continue
                if client == "lua":  # a script's own commands, run within its EVALSHA's round trip
                    continue
                name = words[0].upper()
                if name == "MULTI":
                    open_transactions[client] = []
                elif name == "EXEC":
                    trip = open_transactions.pop(client, [])
                    if any(_on_key(command, key) for command in trip):
                        trips.append(trip)
                elif client in open_transactions:
                    open_transactions[client].append(words)
                elif _on_key(words, key):
                    trips.append([words])

    listener = threading.Thread(target=listen, daemon=True)
    listener.start()
    assert listening.wait(10)
    try:
        yield trips
    finally:
        redis.echo(marker)
        listener.join(10)
        assert not listener.is_alive(), "MONITOR never showed the end marker"


# `1796422493.0578284 [0 127.0.0.1:50528] "HSET" "key" ...`: the client, then the quoted words.
MONITOR_LINE = re.compile(r"^\S+ \[\d+ ([^\]]*)\] (.*)$")
WORD = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _on_key(command: list[str], key: str) -> bool:
    """Whether the command names `key`: first, or as a script's first key (EVALSHA sha numkeys key)."""
    at = 3 if command[0].upper() in ("EVAL", "EVALSHA") else 1
    return command[at : at + 1] == [key]


def _unescaped(word: str) -> str:
    return word.replace('\\"', '"')


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
