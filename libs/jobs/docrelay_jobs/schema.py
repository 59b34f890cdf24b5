"""The jobs tables' schema: Alembic revisions shipped in the package, applied whenever a JobStore opens."""

from collections.abc import Iterable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, func, inspect, select

from docrelay_common.errors import ErrorCode, PermanentError

MIGRATIONS = Path(__file__).with_name("migrations")
# The revision whose schema is the one `create_all` made before docrelay had migrations.
CREATE_ALL_REVISION = "b0d2239e10f1"
# Any fixed number will do, as long as every docrelay process takes the same one before migrating.
MIGRATION_LOCK_KEY = 0x646F6372


class UnknownSchemaError(PermanentError):
    """The database has jobs tables no revision can upgrade: someone has to decide what to do with them."""


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration, built in code so that no alembic.ini is needed at run time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade_schema(engine: Engine) -> None:
    """Bring the jobs tables to the newest revision; safe when several processes start at once."""
    with engine.begin() as connection:
        _wait_for_other_migrations(connection)
        _adopt_create_all_tables(connection)
        command.upgrade(alembic_config(connection), "head")


def _wait_for_other_migrations(connection: Connection) -> None:
    # The gateway and the status service start together: the second waits here until the first
    # commits, then finds the schema up to date. Both locks end with the transaction.
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))
    elif connection.dialect.name == "sqlite":
        # The write lock now, not at the first write: reading the old schema must wait for it too.
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _adopt_create_all_tables(connection: Connection) -> None:
    """Stamp tables made by `create_all` (no alembic_version) at the revision they equal."""
    if inspect(connection).has_table("alembic_version"):
        return
    expected = _create_all_columns()
    found = _columns(connection, expected)
    if not found:
        return
    problems = _differences(expected, found)
    if problems:
        raise UnknownSchemaError(ErrorCode.DATABASE_SCHEMA_UNKNOWN, _advice(connection, problems))
    command.stamp(alembic_config(connection), CREATE_ALL_REVISION)


def _create_all_columns() -> dict[str, set[str]]:
    """Each table's columns at CREATE_ALL_REVISION, read from a scratch database migrated to it."""
    scratch = create_engine("sqlite://")
    with scratch.begin() as connection:
        command.upgrade(alembic_config(connection), CREATE_ALL_REVISION)
        tables = [name for name in inspect(connection).get_table_names() if name != "alembic_version"]
        columns = _columns(connection, tables)
    scratch.dispose()
    return columns


def _columns(connection: Connection, tables: Iterable[str]) -> dict[str, set[str]]:
    inspector = inspect(connection)
    return {
        table: {column["name"] for column in inspector.get_columns(table)}
        for table in tables
        if inspector.has_table(table)
    }


def _differences(expected: dict[str, set[str]], found: dict[str, set[str]]) -> list[str]:
    problems = []
    for table, columns in sorted(expected.items()):
        if table not in found:
            problems.append(f"table {table} is missing")
            continue
        problems += [f"column {table}.{name} is missing" for name in sorted(columns - found[table])]
        problems += [f"column {table}.{name} is unknown" for name in sorted(found[table] - columns)]
    return problems


def _advice(connection: Connection, problems: list[str]) -> str:
    if connection.dialect.name == "sqlite":
        start_afresh = f"delete {connection.engine.url.database} (with its -wal and -shm files)"
    else:
        start_afresh = "drop the tables job_stages and jobs"
    return (
        f"the jobs database was created by a docrelay older than its schema migrations and cannot be "
        f"upgraded: {'; '.join(problems)}. Make those tables match revision {CREATE_ALL_REVISION} "
        f"(libs/jobs/docrelay_jobs/migrations/versions) to keep the jobs' history, or "
        f"{start_afresh} to start with an empty jobs table; then start docrelay again."
    )
