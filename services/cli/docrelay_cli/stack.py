"""The whole pipeline as local processes: Redis (embedded unless given), status, workers, gateway,
and Flower on request."""

import logging
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from celery import Celery
from redis.exceptions import RedisError

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_cli.readiness import NotReady, free_port, http_ok, redis_ok, wait_until
from docrelay_common.celery_app import create_celery_app
from docrelay_common.redis_client import connect_redis
from docrelay_common.settings import MULTIPROC_DIR_VARIABLE, CommonSettings
from docrelay_common.stages import PIPELINE, STAGES, Stage, queue_name

logger = logging.getLogger(__name__)

STARTUP_TIMEOUT = 60.0
FLOWER_PORT = 5555
FLOWER_AUTH_VARIABLE = "FLOWER_BASIC_AUTH"
# Where kombu's Redis transport keeps the messages workers took and have not acknowledged.
UNACKED_KEY = "unacked"


@dataclass
class StackConfig:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    # None: start a private redis-server on a free port inside data_dir.
    redis_url: str | None = None
    # Task processes per stage worker; None: each worker's pool autoscales (DOCRELAY_WORKER_MIN_PROCESSES
    # to DOCRELAY_WORKER_MAX_PROCESSES, by default 1 to the number of cores).
    concurrency: int | None = None
    # Gateway processes sharing its port; 0: one per core.
    gateway_workers: int = 0
    # Worker processes per stage, as containers would be: they share the stage's queue and its jobs.
    replicas: int = 1
    extra_env: dict[str, str] = field(default_factory=dict)
    # None: no Flower. Flower asks for FLOWER_BASIC_AUTH (user:password); without it, loopback only.
    flower_port: int | None = None
    # The command of a stage's worker; tests swap in workers they can slow down or break.
    worker_command: Callable[[Stage], list[str]] | None = None
    # How long each service may take to answer at start-up.
    startup_timeout: float = STARTUP_TIMEOUT

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"


def stage_worker_command(stage: Stage) -> list[str]:
    return [sys.executable, "-m", STAGES[stage].module]


def waiting_tasks(redis_url: str) -> int:
    """Stage tasks waiting in their queues (or taken and not yet put back); 0 when Redis is away."""
    try:
        with connect_redis(redis_url, attempts=1) as redis:
            lengths = [redis.llen(queue_name(stage)) for stage in PIPELINE]
            return sum(lengths) + int(redis.hlen(UNACKED_KEY))
    except RedisError:
        return 0


@dataclass(frozen=True)
class Stopped:
    seconds: float
    # Stage tasks left in the queues (or taken and not acknowledged): they resume on the next start.
    waiting: int


# Housekeeping (retention on a Beat schedule, webhook delivery): one per stack, like one per deployment.
MAINTENANCE = "maintenance"
# Given a process that exited while the stack starts: True once it is started again, False to give up.
Revive = Callable[[ManagedProcess], bool]


class Stack:
    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self.processes: list[ManagedProcess] = []
        self.redis_url = config.redis_url or ""
        self.status_port = free_port()
        # Each worker serves its own /metrics: process name -> port.
        self.metrics_ports: dict[str, int] = {}
        # How to tell that a process (re)started and answers, by process name.
        self._ready_checks: dict[str, Callable[[], bool]] = {}
        # Pings workers while the stack starts or restarts one; made once the broker URL is known.
        self._control_app: Celery | None = None
        # How the stack last stopped; None while it runs.
        self._stopped: Stopped | None = None
        # While the stack starts: what to do with a process that exits (None: the start fails).
        self._revive: Revive | None = None

    @property
    def gateway_url(self) -> str:
        return f"http://{self.config.host}:{self.config.port}"

    @property
    def flower_url(self) -> str:
        assert self.config.flower_port is not None, "the stack runs without Flower"
        return f"http://{self._flower_address()}:{self.config.flower_port}"

    def metrics_url(self, name: str) -> str:
        """Where the process `name` (gateway, status, or a stage worker: extract, ...) serves metrics."""
        if name == "gateway":
            return f"{self.gateway_url}/metrics"
        if name == "status":
            return f"http://127.0.0.1:{self.status_port}/metrics"
        return f"http://127.0.0.1:{self.metrics_ports[name]}/metrics"

    def start(self, revive: Revive | None = None) -> None:
        """Start every service and return once each one answers; on any failure stop them all. A process
        that exits meanwhile fails the start, unless `revive` starts it again."""
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        self._stopped = None
        self._revive = revive
        try:
            if not self.redis_url:
                self._start_embedded_redis()
            # The status service first: it brings the jobs database's schema up to date.
            self._start_status()
            # Then everything else at once, since importing their libraries is most of their start-up.
            command = self.config.worker_command or stage_worker_command
            for stage in PIPELINE:
                for name in self.worker_names(stage):
                    self._start_worker(name, [*command(stage), f"--hostname={name}@%h"])
            self._start_worker(MAINTENANCE, [sys.executable, "-m", "docrelay_status.maintenance"])
            started = [self._start_gateway()]
            if self.config.flower_port is not None:
                started.append(self._start_flower(self.config.flower_port))
            self._wait_for_workers()
            for process, check in started:
                self._await(process, check, process.name)
        except BaseException:
            self.stop()
            raise
        finally:
            self._revive = None

    def stop(self) -> Stopped:
        """Stop every process, Redis last; say how long it took and how many tasks wait for the next start.

        Stopping a stopped stack tells the same again: Ctrl-C while `start` still waits for a worker
        stops the stack there, and `docrelay up` asks afterwards, when the embedded Redis is gone.
        """
        if self._stopped is not None:
            return self._stopped
        began = time.monotonic()
        stop_all([process for process in reversed(self.processes) if process.name != "redis"])
        waiting = waiting_tasks(self.redis_url) if self.redis_url else 0
        stop_all([process for process in self.processes if process.name == "redis"])
        if self._control_app is not None:
            self._control_app.close()
            self._control_app = None
        self._stopped = Stopped(time.monotonic() - began, waiting)
        return self._stopped

    def stop_process(self, name: str) -> None:
        """Stop one service (its whole process group), as when its container goes away."""
        stop_all([self.process(name)])

    def restart(self, *names: str) -> None:
        """Start stopped or killed services again, all at once, and wait until each answers."""
        processes = [self.process(name) for name in names]
        stop_all([process for process in processes if process.exit_code() is None])
        for process in processes:
            process.start()
        for name in names:
            self.await_ready(name)

    def await_ready(self, name: str) -> None:
        """Wait until the service `name`, started, answers."""
        self._await(self.process(name), self._ready_checks[name], name)

    def worker_names(self, stage: Stage) -> list[str]:
        """The stage's worker processes: `extract`, then `extract-2`, ... for more replicas."""
        return [stage.value] + [f"{stage.value}-{index}" for index in range(2, self.config.replicas + 1)]

    def dead_processes(self) -> list[ManagedProcess]:
        return [process for process in self.processes if process.exit_code() is not None]

    def process(self, name: str) -> ManagedProcess:
        return next(process for process in self.processes if process.name == name)

    def _env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "DOCRELAY_DATA_DIR": str(self.config.data_dir),
            "DOCRELAY_REDIS_URL": self.redis_url,
            "DOCRELAY_HOST": self.config.host,
            "DOCRELAY_PORT": str(self.config.port),
            "DOCRELAY_STATUS_PORT": str(self.status_port),
            **self.config.extra_env,
        }
        # Shared by several workers, one metrics directory would mix (and wipe) their counts.
        env.pop(MULTIPROC_DIR_VARIABLE, None)
        return env

    def _launch(
        self, name: str, argv: list[str], env: dict[str, str] | None = None, stop_signal: int | None = None
    ) -> ManagedProcess:
        log = self.config.log_dir / f"{name}.log"
        process = ManagedProcess(name, argv, {**self._env(), **(env or {})}, log, stop_signal)
        process.start()
        self.processes.append(process)
        return process

    def _await(self, process: ManagedProcess, check: Callable[[], bool], what: str) -> None:
        try:
            wait_until(check, what, self.config.startup_timeout, alive=lambda: self._running([process]))
        except NotReady as exc:
            raise NotReady(f"{exc}; last lines of {process.log_path}:\n{process.log_tail()}") from None

    def _start_embedded_redis(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise NotReady(
                "redis-server is not installed: install it (apt-get install redis-server) or set --redis-url"
            )
        port = free_port()
        redis_dir = self.config.data_dir / "redis"
        redis_dir.mkdir(parents=True, exist_ok=True)
        # Append-only persistence, so queued jobs survive a restart of the stack.
        argv = [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--dir",
            str(redis_dir),
            "--save",
            "",
            "--appendonly",
            "yes",
            "--protected-mode",
            "yes",
        ]
        self.redis_url = f"redis://127.0.0.1:{port}/0"
        process = self._launch("redis", argv)
        self._ready_checks["redis"] = redis_ok(self.redis_url)
        self._await(process, self._ready_checks["redis"], "redis-server")

    def _start_status(self) -> None:
        process = self._launch("status", [sys.executable, "-m", "docrelay_status"])
        self._ready_checks["status"] = http_ok(f"http://127.0.0.1:{self.status_port}/healthz")
        self._await(process, self._ready_checks["status"], "status service")

    def _start_gateway(self) -> tuple[ManagedProcess, Callable[[], bool]]:
        """The gateway's process, launched, and the check that it is ready."""
        workers = self.config.gateway_workers or len(os.sched_getaffinity(0))
        env = {"DOCRELAY_GATEWAY_WORKERS": str(workers)}
        process = self._launch("gateway", [sys.executable, "-m", "docrelay_gateway"], env)
        self._ready_checks["gateway"] = http_ok(f"{self.gateway_url}/readyz")
        return process, self._ready_checks["gateway"]

    def _start_worker(self, name: str, command: list[str]) -> None:
        port = self.metrics_ports[name] = free_port()
        metrics = {"DOCRELAY_METRICS_HOST": "127.0.0.1", "DOCRELAY_METRICS_PORT": str(port)}
        # Stopped at once (Celery's cold shutdown): the unfinished task goes back to the queue.
        self._launch(name, [*command, *self._worker_flags()], metrics, stop_signal=signal.SIGQUIT)
        self._ready_checks[name] = self._workers_answer({name})

    def _flower_address(self) -> str:
        return self.config.host if self._env().get(FLOWER_AUTH_VARIABLE) else "127.0.0.1"

    def _start_flower(self, port: int) -> tuple[ManagedProcess, Callable[[], bool]]:
        address = self._flower_address()
        if not self._env().get(FLOWER_AUTH_VARIABLE):
            logger.warning(
                "Flower has no password, so it listens on 127.0.0.1 only; set %s=user:password to protect it",
                FLOWER_AUTH_VARIABLE,
            )
        # Broker URL and FLOWER_BASIC_AUTH reach Flower through its environment, so no password shows in `ps`.
        argv = [sys.executable, "-m", "celery", "flower", f"--address={address}", f"--port={port}"]
        process = self._launch("flower", argv, {"BROKER_URL": self.redis_url})
        self._ready_checks["flower"] = http_ok(f"{self.flower_url}/healthcheck")
        return process, self._ready_checks["flower"]

    def _worker_flags(self) -> list[str]:
        pool = [f"--concurrency={self.config.concurrency}"] if self.config.concurrency else []
        return [*pool, "--loglevel=INFO", "--without-gossip", "--without-mingle"]

    def _workers_answer(self, expected: set[str]) -> Callable[[], bool]:
        """A check that Celery workers with these node names (`<name>@host`) answer a ping."""
        return lambda: expected <= self._answering_workers()

    def _answering_workers(self) -> set[str]:
        if self._control_app is None:
            self._control_app = create_celery_app("docrelay-cli", CommonSettings(redis_url=self.redis_url))
        replies = self._control_app.control.ping(timeout=1.0)
        return {name.split("@")[0] for reply in replies for name in reply}

    def _wait_for_workers(self) -> None:
        workers = {*(name for stage in PIPELINE for name in self.worker_names(stage)), MAINTENANCE}
        alive = lambda: self._running(self.processes)  # noqa: E731
        try:
            wait_until(
                self._workers_answer(workers), "pipeline workers", self.config.startup_timeout, alive=alive
            )
        except NotReady as exc:
            raise NotReady(f"{exc}\n{self._why_workers_are_missing(workers)}") from None

    def _running(self, processes: list[ManagedProcess]) -> bool:
        """Are the processes running, those that exited started again (while the stack starts, as `revive`
        allows)?"""
        return all(
            process.exit_code() is None or (self._revive is not None and self._revive(process))
            for process in processes
        )

    def _why_workers_are_missing(self, workers: set[str]) -> str:
        """Which workers did not answer, how every process is and the last lines each one logged."""
        # The broker itself may be the trouble: then say so and go on.
        try:
            missing = ", ".join(sorted(workers - self._answering_workers()))
        except Exception as exc:
            missing = f"unknown, the broker did not answer: {exc!r}"
        said = [f"workers not answering: {missing}"]
        said += [f"{p.name}: {p.condition()}" for p in self.processes]
        said += [f"--- {p.name}\n{p.log_tail(15)}" for p in self.processes]
        return "\n".join(said)
