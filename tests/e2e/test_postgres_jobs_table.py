"""The same pipeline with the jobs table in PostgreSQL instead of the default SQLite."""

from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from docrelay_cli.readiness import free_port
from docrelay_cli.stack import Stack, StackConfig
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job
from tests.support.servers import postgres_server, redis_server


def test_a_job_is_tracked_in_postgresql(tmp_path: Path, sample_pdf: Path) -> None:
    with redis_server() as redis_url, postgres_server() as database_url:
        stack = Stack(
            StackConfig(
                data_dir=tmp_path,
                port=free_port(),
                redis_url=redis_url,
                extra_env={"DOCRELAY_DATABASE_URL": database_url},
            )
        )
        stack.start()
        try:
            with httpx.Client(base_url=stack.gateway_url, timeout=30) as gateway:
                job = wait_for_job(gateway, submit(gateway, sample_pdf, target_lang="es").json()["id"])
            assert job["status"] == "succeeded"
            engine = create_engine(database_url)
            try:
                with engine.connect() as connection:
                    row = connection.execute(
                        text("SELECT status, progress, pages FROM jobs WHERE id = :id"), {"id": job["id"]}
                    ).one()
                    stages = connection.execute(
                        text("SELECT stage, state FROM job_stages WHERE job_id = :id"), {"id": job["id"]}
                    ).all()
            finally:
                # A pooled connection left to the garbage collector would warn during a later test.
                engine.dispose()
            assert tuple(row) == ("succeeded", 100, 1)
            assert dict(stages) == {
                stage: "succeeded" for stage in ("extract", "translate", "tone", "reconstruct")
            }
            assert not (tmp_path / "jobs.db").exists()
        finally:
            stack.stop()
