"""jobs.ocr: the job's OCR option and what OCR did (pages, seconds, blocks kept as scanned), as JSON.

Revision ID: cbd53bcb44e5
Revises: b0d2239e10f1
Create Date: 2026-12-03 05:36:57.080057
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "cbd53bcb44e5"
down_revision: str | Sequence[str] | None = "b0d2239e10f1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("ocr", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("jobs", "ocr")
