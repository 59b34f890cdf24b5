"""The jobs tables' migrations on real SQLite and PostgreSQL databases: the revisions build exactly the
models, two processes may migrate one database at once, and tables made by `create_all` before docrelay had
migrations are adopted when they match the first revision and refused, with advice, when they do not."""

import multiprocessing
import uuid
from collections.abc import Iterator
from multiprocessing.synchronize import Barrier
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect, make_url, text

from docrelay_common.errors import ErrorCode
from docrelay_jobs.schema import (
    CREATE_ALL_REVISION,
    MIGRATIONS,
    UnknownSchemaError,
    alembic_config,
    upgrade_schema,
)
from docrelay_jobs.store import JobStore
from docrelay_jobs.tables import Base, create_db_engine
from tests.support.servers import postgres_server


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of a fresh, empty database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'jobs.db'}"
    server = request.getfixturevalue("postgres")
    name = f"jobs_{uuid.uuid4().hex}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = create_db_engine(database_url)
    yield engine
    engine.dispose()


def head() -> str | None:
    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


def versions(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(connection.scalars(text("SELECT version_num FROM alembic_version")))


def differences(engine: Engine) -> list[Any]:
    """What autogenerate would put in a new revision: how the database differs from the models."""
    with engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def create_all_of_old(engine: Engine) -> None:
    """The tables `create_all` made before docrelay had migrations: the first revision's, unstamped."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), CREATE_ALL_REVISION)
        connection.exec_driver_sql("DROP TABLE alembic_version")


def tables(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def test_the_revisions_build_exactly_the_models(engine: Engine) -> None:
    # The comparison sees every table and index an empty database lacks.
    assert {difference[0] for difference in differences(engine)} == {"add_table", "add_index"}
    upgrade_schema(engine)
    assert differences(engine) == []
    assert versions(engine) == [head()]

    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert tables(engine) == {"alembic_version"}
    upgrade_schema(engine)
    assert differences(engine) == []


def tables_made_by_create_all(engine: Engine) -> None:
    """The tables as `create_all` made them before docrelay had migrations: those of the first revision
    (today's models have more columns)."""
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), CREATE_ALL_REVISION)
        connection.exec_driver_sql("DROP TABLE alembic_version")


def open_store(url: str, start: Barrier) -> None:
    """A service starting: it opens the jobs table the moment the other one does."""
    start.wait(timeout=60)
    JobStore(url).close()


@pytest.mark.parametrize("made_by_create_all", [False, True], ids=["fresh", "made-by-create-all"])
def test_two_processes_migrate_one_database_at_once(
    database_url: str, engine: Engine, made_by_create_all: bool
) -> None:
    if made_by_create_all:
        create_all_of_old(engine)
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(2)
    services = [spawn.Process(target=open_store, args=(database_url, start)) for _ in range(2)]
    for service in services:
        service.start()
    for service in services:
        service.join(120)
    assert [service.exitcode for service in services] == [0, 0]
    assert differences(engine) == []
    assert versions(engine) == [head()]


def test_tables_made_by_create_all_are_adopted_with_their_jobs(database_url: str, engine: Engine) -> None:
    create_all_of_old(engine)
    with engine.begin() as connection:
        columns = "id, status, progress, target_lang, tone, output, filename, size_bytes, webhook_attempts"
        connection.exec_driver_sql(
            f"INSERT INTO jobs ({columns}, created_at, updated_at) VALUES "
            "('old-job', 'succeeded', 100, 'es', 'neutral', 'translated', 'a.pdf', 1, 0, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
        )

    store = JobStore(database_url)
    job = store.get("old-job")
    store.close()
    assert job is not None and job.filename == "a.pdf"
    assert versions(engine) == [head()]
    assert differences(engine) == []


@pytest.mark.parametrize(
    ("change", "problem", "repair"),
    [
        (
            "ALTER TABLE jobs DROP COLUMN notices",
            "column jobs.notices is missing",
            "ALTER TABLE jobs ADD COLUMN notices JSON",
        ),
        (
            "ALTER TABLE job_stages ADD COLUMN priority INTEGER",
            "column job_stages.priority is unknown",
            "ALTER TABLE job_stages DROP COLUMN priority",
        ),
    ],
    ids=["missing-column", "unknown-column"],
)
def test_create_all_tables_that_differ_are_refused_with_what_to_do(
    database_url: str, engine: Engine, change: str, problem: str, repair: str
) -> None:
    create_all_of_old(engine)
    with engine.begin() as connection:
        connection.exec_driver_sql(change)

    with pytest.raises(UnknownSchemaError) as refused:
        JobStore(database_url)
    assert refused.value.code == ErrorCode.DATABASE_SCHEMA_UNKNOWN
    assert problem in refused.value.message and CREATE_ALL_REVISION in refused.value.message
    start_afresh = f"delete {engine.url.database}" if engine.dialect.name == "sqlite" else "drop the tables"
    assert start_afresh in refused.value.message
    assert "alembic_version" not in tables(engine)

    # The advice works: once the tables match the revision, they are adopted.
    with engine.begin() as connection:
        connection.exec_driver_sql(repair)
    JobStore(database_url).close()
    assert versions(engine) == [head()]
    assert differences(engine) == []
