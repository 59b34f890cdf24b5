"""jobs.ocr: the job's OCR option and what OCR did (pages, seconds, blocks kept as scanned), as JSON.

Revision ID: cbd53bcb44e5
Revises: 68dde0589cc7
Create Date: 2026-12-03 05:36:57.080057
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cbd53bcb44e5"
down_revision: str | Sequence[str] | None = "68dde0589cc7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("ocr", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("jobs", "ocr")
