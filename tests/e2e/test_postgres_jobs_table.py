"""The e2e stack keeps its jobs table in PostgreSQL instead of the default SQLite: a job is tracked there."""

from pathlib import Path

import httpx
from sqlalchemy import create_engine, text

from docrelay_cli.stack import Stack
from tests.e2e.conftest import submit
from tests.e2e.helpers import wait_for_job


def test_a_job_is_tracked_in_postgresql(stack: Stack, gateway: httpx.Client, sample_pdf: Path) -> None:
    database_url = stack.config.extra_env["DOCRELAY_DATABASE_URL"]
    assert database_url.startswith("postgresql")
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
    assert dict(stages) == {stage: "succeeded" for stage in ("extract", "translate", "tone", "reconstruct")}
    assert not (stack.config.data_dir / "jobs.db").exists()
