"""Letters produced and sent, recorded against their source record.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "letters_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("template_key", sa.String(length=40), nullable=False),
        sa.Column("template_title", sa.String(length=120), nullable=False),
        sa.Column("reference", sa.String(length=40), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("font_size", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("delivery", sa.String(length=20), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "source_kind IN ('contact', 'appointment', 'correspondence', 'message')",
            name=op.f("ck_letters_sent_source_kind_known"),
        ),
        sa.CheckConstraint(
            "format IN ('standard', 'large_print', 'braille')",
            name=op.f("ck_letters_sent_format_known"),
        ),
        sa.CheckConstraint(
            "status IN ('sent', 'awaiting_braille')", name=op.f("ck_letters_sent_status_known")
        ),
        sa.CheckConstraint(
            "delivery IN ('printed', 'pdf')", name=op.f("ck_letters_sent_delivery_known")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_letters_sent_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_letters_sent_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_letters_sent_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters_sent")),
    )
    with op.batch_alter_table("letters_sent", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_letters_sent_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_letters_sent_office_id"), ["office_id"], unique=False)
        batch_op.create_index("ix_letters_sent_source", ["source_kind", "source_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("letters_sent", schema=None) as batch_op:
        batch_op.drop_index("ix_letters_sent_source")
        batch_op.drop_index(batch_op.f("ix_letters_sent_office_id"))
        batch_op.drop_index(batch_op.f("ix_letters_sent_contact_id"))

    op.drop_table("letters_sent")
