"""jobs.engine_path (the hops of a translation) and jobs.other_language_blocks (blocks in other languages).

Revision ID: 68dde0589cc7
Revises: b0d2239e10f1
Create Date: 2026-12-03 04:51:45.567266
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "68dde0589cc7"
down_revision: str | Sequence[str] | None = "b0d2239e10f1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("engine_path", sa.JSON(), nullable=True))
    op.add_column("jobs", sa.Column("other_language_blocks", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("jobs", "other_language_blocks")
    op.drop_column("jobs", "engine_path")
