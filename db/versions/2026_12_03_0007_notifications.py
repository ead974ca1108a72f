"""Texts and e-mails through GOV.UK Notify: the outbox, its sender lease, consent (issue 16).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 12:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from reception_app.persistence.base import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ADD COLUMN (no batch copy): SQLite adds a column in place, and copying the contacts
    # table would fire the visits' ON DELETE SET NULL.
    op.add_column(
        "contacts",
        sa.Column("notify_by", sa.String(length=10), nullable=False, server_default="none"),
    )
    op.add_column("contacts", sa.Column("notify_consent_at", UTCDateTime(), nullable=True))
    op.add_column(
        "visits",
        sa.Column("notify_mobile", sa.String(length=40), nullable=False, server_default=""),
    )
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=36), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("recipient", sa.String(length=255), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("subject_kind", sa.String(length=20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.Column("lease_until", UTCDateTime(), nullable=True),
        sa.Column("notify_id", sa.String(length=36), nullable=True),
        sa.Column("notify_status", sa.String(length=40), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("completed_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled')",
            name=op.f("ck_notifications_status_known"),
        ),
        sa.CheckConstraint(
            "channel IN ('sms', 'email')", name=op.f("ck_notifications_channel_known")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_notifications_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_notifications_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("reference", name=op.f("uq_notifications_reference")),
    )
    op.create_index("ix_notifications_status_due", "notifications", ["status", "next_attempt_at"])
    op.create_index("ix_notifications_subject", "notifications", ["subject_kind", "subject_id"])
    op.create_index(op.f("ix_notifications_office_id"), "notifications", ["office_id"])
    op.create_index(op.f("ix_notifications_contact_id"), "notifications", ["contact_id"])
    op.create_table(
        "notification_senders",
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("holder", sa.String(length=120), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_notification_senders_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("office_id", name=op.f("pk_notification_senders")),
    )


def downgrade() -> None:
    op.drop_table("notification_senders")
    op.drop_index(op.f("ix_notifications_contact_id"), table_name="notifications")
    op.drop_index(op.f("ix_notifications_office_id"), table_name="notifications")
    op.drop_index("ix_notifications_subject", table_name="notifications")
    op.drop_index("ix_notifications_status_due", table_name="notifications")
    op.drop_table("notifications")
    op.drop_column("visits", "notify_mobile")
    op.drop_column("contacts", "notify_consent_at")
    op.drop_column("contacts", "notify_by")
