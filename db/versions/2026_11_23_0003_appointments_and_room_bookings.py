"""Appointments, officer working patterns and absences, interview room bookings.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "staff_absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(length=120), nullable=False),
        sa.CheckConstraint("first_day <= last_day", name=op.f("ck_staff_absences_days_in_order")),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_absences_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_absences")),
    )
    with op.batch_alter_table("staff_absences", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_absences_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "staff_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("start", sa.String(length=5), nullable=False),
        sa.Column("end", sa.String(length=5), nullable=False),
        sa.CheckConstraint('start < "end"', name=op.f("ck_staff_hours_start_before_end")),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_staff_hours_weekday_known")),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_staff_hours_staff_id_staff"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_hours")),
    )
    with op.batch_alter_table("staff_hours", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_hours_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "appointments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("customer_name", sa.String(length=300), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("any_officer", sa.Boolean(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=10), nullable=False),
        sa.Column("home_address", sa.Text(), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("interpreter_language", sa.String(length=120), nullable=False),
        sa.Column("hearing_loop", sa.Boolean(), nullable=False),
        sa.Column("wheelchair_access", sa.Boolean(), nullable=False),
        sa.Column("large_print", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("cancel_reason", sa.String(length=255), nullable=False),
        sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("visit_id", sa.Integer(), nullable=True),
        sa.Column("delay_reason", sa.String(length=255), nullable=False),
        sa.Column(
            "delay_new_time",
            sa.DateTime(timezone=True),
            nullable=True,
        ),
        sa.Column("delay_told_by", sa.Integer(), nullable=True),
        sa.Column(
            "delay_told_at",
            sa.DateTime(timezone=True),
            nullable=True,
        ),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "place IN ('desk', 'room', 'phone', 'home')", name=op.f("ck_appointments_place_known")
        ),
        sa.CheckConstraint(
            "status IN ('booked', 'arrived', 'seen', 'no_show', 'cancelled')",
            name=op.f("ck_appointments_status_known"),
        ),
        sa.CheckConstraint("people > 0", name=op.f("ck_appointments_people_positive")),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_appointments_starts_before_ends")),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_appointments_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["staff.id"], name=op.f("fk_appointments_created_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["delay_told_by"], ["staff.id"], name=op.f("fk_appointments_delay_told_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_appointments_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_appointments_service_id_services"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"],
            ["staff.id"],
            name=op.f("fk_appointments_staff_id_staff"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_appointments_visit_id_visits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appointments")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_appointments_visit_id")),
    )
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_appointments_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            "ix_appointments_office_id_starts_at", ["office_id", "starts_at"], unique=False
        )
        batch_op.create_index(
            "ix_appointments_staff_id_starts_at", ["staff_id", "starts_at"], unique=False
        )

    op.create_table(
        "room_bookings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("appointment_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("purpose", sa.String(length=255), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("series", sa.String(length=40), nullable=True),
        sa.Column("booked_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('booked', 'released', 'cancelled')",
            name=op.f("ck_room_bookings_status_known"),
        ),
        sa.CheckConstraint("starts_at < ends_at", name=op.f("ck_room_bookings_starts_before_ends")),
        sa.ForeignKeyConstraint(
            ["appointment_id"],
            ["appointments.id"],
            name=op.f("fk_room_bookings_appointment_id_appointments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["booked_by"], ["staff.id"], name=op.f("fk_room_bookings_booked_by_staff")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_room_bookings_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["interview_rooms.id"],
            name=op.f("fk_room_bookings_room_id_interview_rooms"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_bookings")),
        sa.UniqueConstraint("appointment_id", name=op.f("uq_room_bookings_appointment_id")),
    )
    with op.batch_alter_table("room_bookings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_room_bookings_room_id_starts_at", ["room_id", "starts_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_room_bookings_series"), ["series"], unique=False)

    with op.batch_alter_table("interview_rooms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("hours", sa.JSON(), nullable=True))

    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("what_to_bring", sa.Text(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_column("what_to_bring")

    with op.batch_alter_table("interview_rooms", schema=None) as batch_op:
        batch_op.drop_column("hours")

    with op.batch_alter_table("room_bookings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_room_bookings_series"))
        batch_op.drop_index("ix_room_bookings_room_id_starts_at")

    op.drop_table("room_bookings")
    with op.batch_alter_table("appointments", schema=None) as batch_op:
        batch_op.drop_index("ix_appointments_staff_id_starts_at")
        batch_op.drop_index("ix_appointments_office_id_starts_at")
        batch_op.drop_index(batch_op.f("ix_appointments_contact_id"))

    op.drop_table("appointments")
    with op.batch_alter_table("staff_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_hours_staff_id"))

    op.drop_table("staff_hours")
    with op.batch_alter_table("staff_absences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staff_absences_staff_id"))

    op.drop_table("staff_absences")
