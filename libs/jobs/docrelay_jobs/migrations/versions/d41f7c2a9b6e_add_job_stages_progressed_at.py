"""job_stages.progressed_at: when a stage's pages done last grew, for the ETA of a running stage (issue 15).

Revision ID: d41f7c2a9b6e
Revises: ae0e93523879
Create Date: 2026-12-04 15:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d41f7c2a9b6e"
down_revision: str | Sequence[str] | None = "ae0e93523879"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("job_stages", sa.Column("progressed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    op.drop_column("job_stages", "progressed_at")
