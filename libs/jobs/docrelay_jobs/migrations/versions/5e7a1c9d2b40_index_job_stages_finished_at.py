"""An index on job_stages.finished_at: the ETA reads the latest finished stages every few seconds (issue 15).

Without it each read scans and sorts every stage row the table ever kept.

Revision ID: 5e7a1c9d2b40
Revises: d41f7c2a9b6e
Create Date: 2026-12-05 01:20:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "5e7a1c9d2b40"
down_revision: str | Sequence[str] | None = "d41f7c2a9b6e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_job_stages_finished_at"), "job_stages", ["finished_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_job_stages_finished_at"), table_name="job_stages")
