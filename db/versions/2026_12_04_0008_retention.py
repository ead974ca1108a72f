"""Retention (issue 12): a manager's legal hold on records, and when a record was anonymised.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 01:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from reception_app.persistence.base import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PURGED = (
    "visits",
    "appointments",
    "room_bookings",
    "messages",
    "correspondence",
    "feedback",
    "incidents",
)
HELD = (*PURGED, "contacts")


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy), as in 0007: copying contacts would fire ON DELETE SET NULL.
    for table in HELD:
        op.add_column(
            table,
            sa.Column("legal_hold", sa.Boolean(), nullable=False, server_default=sa.false()),
        )
    for table in PURGED:
        op.add_column(table, sa.Column("purged_at", UTCDateTime(), nullable=True))


def downgrade() -> None:
    for table in PURGED:
        op.drop_column(table, "purged_at")
    for table in HELD:
        op.drop_column(table, "legal_hold")
