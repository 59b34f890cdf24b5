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
    with _local_redis() as url:
        yield url


@contextmanager
def _local_redis() -> Iterator[str]:
    binary = shutil.which("redis-server")
    assert binary, "redis-server is needed for the tests: run .ci/run or `make install`"
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="docrelay-redis-") as workdir:
        argv = [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            workdir,
        ]
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"redis://127.0.0.1:{port}/0"
        try:
            wait_until(redis_ok(url), "redis-server", 20, alive=lambda: process.poll() is None)
            yield url
        finally:
            process.terminate()
            process.wait(10)


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
