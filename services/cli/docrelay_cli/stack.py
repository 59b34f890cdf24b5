"""The whole pipeline as local processes: Redis (embedded unless given), status, workers, gateway."""

import logging
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docrelay_cli.processes import ManagedProcess, stop_all
from docrelay_cli.readiness import NotReady, free_port, http_ok, redis_ok, wait_until
from docrelay_common.celery_app import create_celery_app
from docrelay_common.constants import PIPELINE, Stage
from docrelay_common.settings import CommonSettings

logger = logging.getLogger(__name__)

STARTUP_TIMEOUT = 60.0


@dataclass
class StackConfig:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 8000
    # None: start a private redis-server on a free port inside data_dir.
    redis_url: str | None = None
    concurrency: int = 1
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"


def _module_of(stage: Stage) -> str:
    return {
        Stage.EXTRACT: "docrelay_extractor",
        Stage.TRANSLATE: "docrelay_translator",
        Stage.TONE: "docrelay_toner",
        Stage.RECONSTRUCT: "docrelay_reconstructor",
    }[stage]


class Stack:
    def __init__(self, config: StackConfig) -> None:
        self.config = config
        self.processes: list[ManagedProcess] = []
        self.redis_url = config.redis_url or ""
        self.status_port = free_port()

    @property
    def gateway_url(self) -> str:
        return f"http://{self.config.host}:{self.config.port}"

    def start(self) -> None:
        """Start every service and return once each one answers; on any failure stop them all."""
        self.config.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            if not self.redis_url:
                self._start_embedded_redis()
            self._start_status()
            for stage in PIPELINE:
                self._launch(stage.value, [sys.executable, "-m", _module_of(stage), *self._worker_flags()])
            self._wait_for_workers()
            self._start_gateway()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        stop_all(list(reversed(self.processes)))

    def dead_processes(self) -> list[ManagedProcess]:
        return [process for process in self.processes if process.exit_code() is not None]

    def process(self, name: str) -> ManagedProcess:
        return next(process for process in self.processes if process.name == name)

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "DOCRELAY_DATA_DIR": str(self.config.data_dir),
            "DOCRELAY_REDIS_URL": self.redis_url,
            "DOCRELAY_HOST": self.config.host,
            "DOCRELAY_PORT": str(self.config.port),
            "DOCRELAY_STATUS_PORT": str(self.status_port),
            **self.config.extra_env,
        }

    def _launch(self, name: str, argv: list[str]) -> ManagedProcess:
        process = ManagedProcess(name, argv, self._env(), self.config.log_dir / f"{name}.log")
        process.start()
        self.processes.append(process)
        return process

    def _await(self, process: ManagedProcess, check: Callable[[], bool], what: str) -> None:
        try:
            wait_until(check, what, STARTUP_TIMEOUT, alive=lambda: process.exit_code() is None)
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
        self._await(process, redis_ok(self.redis_url), "redis-server")

    def _start_status(self) -> None:
        process = self._launch("status", [sys.executable, "-m", "docrelay_status"])
        self._await(process, http_ok(f"http://127.0.0.1:{self.status_port}/healthz"), "status service")

    def _start_gateway(self) -> None:
        process = self._launch("gateway", [sys.executable, "-m", "docrelay_gateway"])
        self._await(process, http_ok(f"{self.gateway_url}/readyz"), "gateway")

    def _worker_flags(self) -> list[str]:
        return [
            f"--concurrency={self.config.concurrency}",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
        ]

    def _wait_for_workers(self) -> None:
        app = create_celery_app("docrelay-cli", CommonSettings(redis_url=self.redis_url))
        expected = {stage.value for stage in PIPELINE}

        def all_answer() -> bool:
            replies = app.control.ping(timeout=1.0)
            return expected <= {name.split("@")[0] for reply in replies for name in reply}

        alive = lambda: not self.dead_processes()  # noqa: E731
        try:
            wait_until(all_answer, "pipeline workers", STARTUP_TIMEOUT, alive=alive)
        except NotReady as exc:
            tails = "\n".join(f"--- {p.name}\n{p.log_tail(15)}" for p in self.processes)
            raise NotReady(f"{exc}\n{tails}") from None
        finally:
            app.close()
