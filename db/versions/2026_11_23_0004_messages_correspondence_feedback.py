"""Phone messages, correspondence log, follow-ups, feedback and incidents.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 09:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "correspondence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("logged_by_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("from_name", sa.String(length=300), nullable=False),
        sa.Column("from_email", sa.String(length=255), nullable=False),
        sa.Column("from_phone", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("target_on", sa.Date(), nullable=True),
        sa.Column("acknowledge_due_on", sa.Date(), nullable=True),
        sa.Column("acknowledge_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("respond_due_on", sa.Date(), nullable=True),
        sa.Column("respond_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("final_due_on", sa.Date(), nullable=True),
        sa.Column("final_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extended_due_on", sa.Date(), nullable=True),
        sa.Column("extension_reason", sa.Text(), nullable=False),
        sa.Column("extended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("extended_by_id", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("responded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("responded_by_id", sa.Integer(), nullable=True),
        sa.Column("response_note", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=False),
        sa.Column("next_due_on", sa.Date(), nullable=True),
        sa.Column("next_step", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["staff.id"],
            name=op.f("fk_correspondence_acknowledged_by_id_staff"),
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["staff.id"], name=op.f("fk_correspondence_closed_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_correspondence_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["extended_by_id"], ["staff.id"], name=op.f("fk_correspondence_extended_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["logged_by_id"], ["staff.id"], name=op.f("fk_correspondence_logged_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_correspondence_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["staff.id"], name=op.f("fk_correspondence_owner_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["responded_by_id"], ["staff.id"], name=op.f("fk_correspondence_responded_by_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correspondence")),
    )
    with op.batch_alter_table("correspondence", schema=None) as batch_op:
        batch_op.create_index(
            "ix_correspondence_office_id_closed_at", ["office_id", "closed_at"], unique=False
        )
        batch_op.create_index(
            "ix_correspondence_office_id_next_due_on", ["office_id", "next_due_on"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_correspondence_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("person", sa.String(length=300), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("staff_involved", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("action_taken", sa.Text(), nullable=False),
        sa.Column("police_told", sa.Boolean(), nullable=False),
        sa.Column("police_reference", sa.String(length=60), nullable=False),
        sa.Column("police_not_told_reason", sa.Text(), nullable=False),
        sa.Column("witness_count", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('verbal_abuse', 'aggressive_behaviour', 'threat_of_violence', 'violence', 'other')",
            name=op.f("ck_incidents_kind_known"),
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_incidents_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_incidents_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff.id"], name=op.f("fk_incidents_recorded_by_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_office_id"), ["office_id"], unique=False)

    op.create_table(
        "messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("taken_by_id", sa.Integer(), nullable=True),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("recipient_team", sa.String(length=120), nullable=False),
        sa.Column("caller_name", sa.String(length=200), nullable=False),
        sa.Column("caller_phone", sa.String(length=40), nullable=False),
        sa.Column("caller_phone_other", sa.String(length=40), nullable=False),
        sa.Column("caller_email", sa.String(length=255), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("best_time", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("urgency", sa.String(length=10), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.Column("callback_expected", sa.Boolean(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("read_by_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("close_note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "recipient_id IS NOT NULL OR recipient_team <> ''",
            name=op.f("ck_messages_has_recipient"),
        ),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_messages_status_known")),
        sa.CheckConstraint(
            "urgency IN ('normal', 'urgent')", name=op.f("ck_messages_urgency_known")
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["staff.id"], name=op.f("fk_messages_closed_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_messages_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_messages_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["read_by_id"], ["staff.id"], name=op.f("fk_messages_read_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["recipient_id"], ["staff.id"], name=op.f("fk_messages_recipient_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["taken_by_id"], ["staff.id"], name=op.f("fk_messages_taken_by_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_messages")),
    )
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.create_index("ix_messages_office_id_status", ["office_id", "status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_messages_recipient_id"), ["recipient_id"], unique=False
        )

    op.create_table(
        "correspondence_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("correspondence_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("asked_on", sa.Date(), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "reason IN ('identity', 'clarification', 'fee')",
            name=op.f("ck_correspondence_pauses_reason_known"),
        ),
        sa.CheckConstraint(
            "answered_on IS NULL OR answered_on >= asked_on",
            name=op.f("ck_correspondence_pauses_answered_after_asked"),
        ),
        sa.ForeignKeyConstraint(
            ["correspondence_id"],
            ["correspondence.id"],
            name=op.f("fk_correspondence_pauses_correspondence_id_correspondence"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_correspondence_pauses_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_correspondence_pauses")),
    )
    with op.batch_alter_table("correspondence_pauses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_correspondence_pauses_correspondence_id"),
            ["correspondence_id"],
            unique=False,
        )

    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("from_name", sa.String(length=300), nullable=False),
        sa.Column("from_phone", sa.String(length=40), nullable=False),
        sa.Column("from_email", sa.String(length=255), nullable=False),
        sa.Column("about_service", sa.String(length=120), nullable=False),
        sa.Column("about_staff_id", sa.Integer(), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("serious", sa.Boolean(), nullable=False),
        sa.Column("escalated_to_id", sa.Integer(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("shared_by_id", sa.Integer(), nullable=True),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('compliment', 'comment', 'concern', 'complaint')",
            name=op.f("ck_feedback_kind_known"),
        ),
        sa.CheckConstraint(
            "status IN ('open', 'shared', 'resolved_informally', 'formal_complaint', 'closed')",
            name=op.f("ck_feedback_status_known"),
        ),
        sa.ForeignKeyConstraint(
            ["about_staff_id"], ["staff.id"], name=op.f("fk_feedback_about_staff_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["staff.id"], name=op.f("fk_feedback_closed_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["correspondence.id"],
            name=op.f("fk_feedback_complaint_id_correspondence"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_feedback_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["escalated_to_id"], ["staff.id"], name=op.f("fk_feedback_escalated_to_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["office_id"],
            ["offices.id"],
            name=op.f("fk_feedback_office_id_offices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["staff.id"], name=op.f("fk_feedback_recorded_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["shared_by_id"], ["staff.id"], name=op.f("fk_feedback_shared_by_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback")),
    )
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_office_id_status", ["office_id", "status"], unique=False)

    op.create_table(
        "holding_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("correspondence_id", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("expected_on", sa.Date(), nullable=False),
        sa.Column("contact_staff_id", sa.Integer(), nullable=True),
        sa.Column("contact_name", sa.String(length=120), nullable=False),
        sa.Column("contact_phone", sa.String(length=40), nullable=False),
        sa.Column("contact_email", sa.String(length=255), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_staff_id"],
            ["staff.id"],
            name=op.f("fk_holding_responses_contact_staff_id_staff"),
        ),
        sa.ForeignKeyConstraint(
            ["correspondence_id"],
            ["correspondence.id"],
            name=op.f("fk_holding_responses_correspondence_id_correspondence"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_holding_responses_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holding_responses")),
    )
    with op.batch_alter_table("holding_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_holding_responses_correspondence_id"),
            ["correspondence_id"],
            unique=False,
        )

    op.create_table(
        "message_callbacks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('spoke', 'no_answer', 'left_voicemail', 'wrong_number', 'emailed')",
            name=op.f("ck_message_callbacks_outcome_known"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["messages.id"],
            name=op.f("fk_message_callbacks_message_id_messages"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_message_callbacks_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_callbacks")),
    )
    with op.batch_alter_table("message_callbacks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_callbacks_message_id"), ["message_id"], unique=False
        )

    op.create_table(
        "visit_follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["closed_by_id"], ["staff.id"], name=op.f("fk_visit_follow_ups_closed_by_id_staff")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"],
            ["visits.id"],
            name=op.f("fk_visit_follow_ups_visit_id_visits"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_follow_ups")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_visit_follow_ups_visit_id")),
    )


def downgrade() -> None:
    op.drop_table("visit_follow_ups")
    with op.batch_alter_table("message_callbacks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_callbacks_message_id"))
    op.drop_table("message_callbacks")
    with op.batch_alter_table("holding_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holding_responses_correspondence_id"))
    op.drop_table("holding_responses")
    with op.batch_alter_table("feedback", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_office_id_status")
    op.drop_table("feedback")
    with op.batch_alter_table("correspondence_pauses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_correspondence_pauses_correspondence_id"))
    op.drop_table("correspondence_pauses")
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_messages_recipient_id"))
        batch_op.drop_index("ix_messages_office_id_status")
    op.drop_table("messages")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_office_id"))
    op.drop_table("incidents")
    with op.batch_alter_table("correspondence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_correspondence_owner_id"))
        batch_op.drop_index("ix_correspondence_office_id_next_due_on")
        batch_op.drop_index("ix_correspondence_office_id_closed_at")
    op.drop_table("correspondence")
