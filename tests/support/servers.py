"""Real servers for tests: a container when a Docker engine answers, a local binary otherwise."""

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from docrelay_cli.readiness import free_port, redis_ok, wait_until


@cache
def docker_available() -> bool:
    """Is a Docker engine answering? Asked once per test run."""
    if os.environ.get("DOCRELAY_TEST_NO_DOCKER"):
        return False
    if not os.environ.get("DOCKER_HOST") and not Path("/var/run/docker.sock").exists():
        return False
    import docker

    try:
        client = docker.from_env(timeout=3)
    except docker.errors.DockerException:
        return False
    try:
        return bool(client.ping())
    except docker.errors.DockerException:
        return False
    finally:
        client.close()


@contextmanager
def redis_server() -> Iterator[str]:
    """Yield the URL of a fresh Redis server."""
    if docker_available():
        from testcontainers.redis import RedisContainer

        with RedisContainer("redis:7-alpine") as container:
            yield f"redis://{container.get_container_host_ip()}:{container.get_exposed_port(6379)}/0"
        return
    with _local_redis() as server:
        yield server.url


class LocalRedis:
    """A redis-server process on a fixed port and directory, so it can be stopped and started again.

    `persistent` turns on the append-only file with an fsync per write, as README recommends for
    production, so a restart keeps every queued task and ledger entry.
    """

    def __init__(self, workdir: Path, persistent: bool = False) -> None:
        binary = shutil.which("redis-server")
        assert binary, "redis-server is needed for the tests: run .ci/run or `make install`"
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        persistence = (
            ["--appendonly", "yes", "--appendfsync", "always"] if persistent else ["--appendonly", "no"]
        )
        self.argv = [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", *persistence]
        self.argv += ["--dir", str(workdir)]
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        process = subprocess.Popen(self.argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.process = process
        wait_until(redis_ok(self.url), "redis-server", 20, alive=lambda: process.poll() is None)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


@contextmanager
def _local_redis(persistent: bool = False) -> Iterator[LocalRedis]:
    with tempfile.TemporaryDirectory(prefix="docrelay-redis-") as workdir:
        server = LocalRedis(Path(workdir), persistent)
        server.start()
        try:
            yield server
        finally:
            server.stop()


@contextmanager
def restartable_redis() -> Iterator[LocalRedis]:
    """A persistent local Redis the test may stop and start (always a local binary: a test that
    restarts the server needs the same port and data directory each time)."""
    with _local_redis(persistent=True) as server:
        yield server


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh PostgreSQL database."""
    if docker_available():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:15-alpine", driver="psycopg") as container:
            yield container.get_connection_url()
        return
    with _local_postgres() as url:
        yield url


@contextmanager
def _local_postgres() -> Iterator[str]:
    initdb = shutil.which("initdb")
    assert initdb, "PostgreSQL binaries (initdb, pg_ctl) are needed for the tests"
    port = free_port()
    workdir = Path(tempfile.mkdtemp(prefix="docrelay-pg-"))
    as_user = _run_as_postgres_user(workdir)
    data = workdir / "data"
    subprocess.run(
        [*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "docrelay"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = shutil.which("pg_ctl") or "pg_ctl"
    subprocess.run(
        [*as_user, pg_ctl, "-D", str(data), "-o", options, "-w", "-l", str(workdir / "log"), "start"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"postgresql+psycopg://docrelay@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], stdout=subprocess.DEVNULL
        )
        shutil.rmtree(workdir, ignore_errors=True)


def _run_as_postgres_user(workdir: Path) -> list[str]:
    # PostgreSQL refuses to run as root; CI runs as root, so drop to the 'postgres' account there.
    if os.geteuid() != 0:
        return []
    shutil.chown(workdir, "postgres", "postgres")
    return ["runuser", "-u", "postgres", "--"]
