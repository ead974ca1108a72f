"""Correspondence: the letter that acknowledged or answered it, and when a SAR requester was
told of an extension (issue 13 points 4 and 5).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 01:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy), as in 0007. The letter ids carry no foreign key, like
    # letters.source_id: a letter is the evidence, not a parent row.
    op.add_column(
        "correspondence", sa.Column("acknowledged_letter_id", sa.Integer(), nullable=True)
    )
    op.add_column("correspondence", sa.Column("responded_letter_id", sa.Integer(), nullable=True))
    op.add_column("correspondence", sa.Column("extension_told_on", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("correspondence") as batch:
        batch.drop_column("extension_told_on")
        batch.drop_column("responded_letter_id")
        batch.drop_column("acknowledged_letter_id")
