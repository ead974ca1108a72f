"""Walk-ins' BSL interpreter and braille needs, as contacts have them (issue 13 point 13).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy), as 0007 does for visits.
    for name in ("bsl", "braille"):
        op.add_column(
            "visits",
            sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false()),
        )


def downgrade() -> None:
    with op.batch_alter_table("visits") as batch:
        batch.drop_column("braille")
        batch.drop_column("bsl")
