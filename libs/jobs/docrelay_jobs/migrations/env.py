"""Alembic's entry point: runs the revisions on the connection `docrelay_jobs.schema` hands in.

Developers' command line (libs/jobs/alembic.ini) passes none: it works on the scratch database named there.
"""

from alembic import context
from sqlalchemy import Connection, create_engine

from docrelay_jobs.tables import Base


def run_migrations(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()


given = context.config.attributes.get("connection")
if given is not None:
    run_migrations(given)
else:
    scratch = create_engine(context.config.get_main_option("sqlalchemy.url", ""))
    with scratch.connect() as connection:
        run_migrations(connection)
    scratch.dispose()
