"""jobs.cells_kept_verbatim: how many table cells the extractor kept untranslated as data (issue 12).

Revision ID: ae0e93523879
Revises: cbd53bcb44e5
Create Date: 2026-12-03 05:16:32.895236
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ae0e93523879"
down_revision: str | Sequence[str] | None = "cbd53bcb44e5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("cells_kept_verbatim", sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column("jobs", "cells_kept_verbatim")
