"""Visits (walk-in queue), the desk rota and desk breaks.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:36:38.730227
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "desk_duties",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start", sa.String(length=5), nullable=False),
        sa.Column("end", sa.String(length=5), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.CheckConstraint('start < "end"', name=op.f("ck_desk_duties_start_before_end")),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_desk_duties_weekday_known")),
        sa.ForeignKeyConstraint(
            ["desk_id"], ["desks.id"], name=op.f("fk_desk_duties_desk_id_desks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_desk_duties_staff_id_staff"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_duties")),
    )
    with op.batch_alter_table("desk_duties", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_desk_duties_desk_id"), ["desk_id"], unique=False)

    op.create_table(
        "desk_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("desk_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["desk_id"], ["desks.id"], name=op.f("fk_desk_pauses_desk_id_desks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_desk_pauses_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desk_pauses")),
    )
    with op.batch_alter_table("desk_pauses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_desk_pauses_desk_id"), ["desk_id"], unique=False)

    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("ticket", sa.String(length=12), nullable=False),
        sa.Column("ticket_prefix", sa.String(length=3), nullable=False),
        sa.Column("ticket_number", sa.Integer(), nullable=False),
        sa.Column("ticket_day", sa.Date(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("private_room", sa.Boolean(), nullable=False),
        sa.Column("interpreter_language", sa.String(length=120), nullable=False),
        sa.Column("hearing_loop", sa.Boolean(), nullable=False),
        sa.Column("wheelchair_access", sa.Boolean(), nullable=False),
        sa.Column("large_print", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("served_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("desk_id", sa.Integer(), nullable=True),
        sa.Column("called_by", sa.Integer(), nullable=True),
        sa.Column("announced_wait_minutes", sa.Float(), nullable=True),
        sa.Column("resolved_first_contact", sa.Boolean(), nullable=True),
        sa.Column("follow_up_officer_id", sa.Integer(), nullable=True),
        sa.Column("follow_up_target", sa.Date(), nullable=True),
        sa.Column("position", sa.Float(), nullable=False),
        sa.CheckConstraint("kind IN ('walk_in', 'appointment')", name=op.f("ck_visits_kind_known")),
        sa.CheckConstraint(
            "status IN ('waiting', 'called', 'serving', 'served', 'left', 'cancelled')",
            name=op.f("ck_visits_status_known"),
        ),
        sa.CheckConstraint("ticket_number > 0", name=op.f("ck_visits_ticket_number_positive")),
        sa.ForeignKeyConstraint(
            ["called_by"], ["staff.id"], name=op.f("fk_visits_called_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_visits_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["desk_id"], ["desks.id"], name=op.f("fk_visits_desk_id_desks"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["follow_up_officer_id"],
            ["staff.id"],
            name=op.f("fk_visits_follow_up_officer_id_staff"),
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_visits_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_visits_service_id_services"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint(
            "office_id", "ticket_day", "ticket", name=op.f("uq_visits_office_id_ticket_day_ticket")
        ),
    )
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.create_index("ix_visits_office_id_status", ["office_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_visits_service_id"), ["service_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visits_service_id"))
        batch_op.drop_index("ix_visits_office_id_status")

    op.drop_table("visits")
    with op.batch_alter_table("desk_pauses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_desk_pauses_desk_id"))

    op.drop_table("desk_pauses")
    with op.batch_alter_table("desk_duties", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_desk_duties_desk_id"))

    op.drop_table("desk_duties")
