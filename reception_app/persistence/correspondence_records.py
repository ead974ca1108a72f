"""Phone messages, correspondence, follow-ups, feedback and incidents (issue 5).

Registered on Base.metadata with every other record module through all_records.py.

Letters (issue 6) are generated from these rows, so each keeps what a letter needs: the named
contact (owner or recipient, with the phone and email told to the customer), the expected dates
and the customer's own details.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reception_app.persistence.base import Base, str40, str120, str255

MESSAGE_STATUSES = ("open", "closed")
MESSAGE_URGENCIES = ("normal", "urgent")
CALLBACK_OUTCOMES = ("spoke", "no_answer", "left_voicemail", "wrong_number", "emailed")
PAUSE_REASONS = ("identity", "clarification", "fee")
FEEDBACK_KINDS = ("compliment", "comment", "concern", "complaint")
FEEDBACK_STATUSES = ("open", "shared", "resolved_informally", "formal_complaint", "closed")
INCIDENT_KINDS = ("verbal_abuse", "aggressive_behaviour", "threat_of_violence", "violence", "other")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class MessageRecord(Base):
    """A message taken for a colleague or a team, and whether the caller expects a call back."""

    __tablename__ = "messages"
    __table_args__ = (
        Index("ix_messages_office_id_status", "office_id", "status"),
        CheckConstraint(_in("status", MESSAGE_STATUSES), name="status_known"),
        CheckConstraint(_in("urgency", MESSAGE_URGENCIES), name="urgency_known"),
        CheckConstraint("recipient_id IS NOT NULL OR recipient_team <> ''", name="has_recipient"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    taken_at: Mapped[datetime]
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    recipient_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id"), nullable=True, index=True
    )
    """The officer the message is for; None when it is for a whole team."""
    recipient_team: Mapped[str120] = mapped_column(default="")
    """The team, when the message is for whoever in the team picks it up."""
    caller_name: Mapped[str] = mapped_column(String(200))
    caller_phone: Mapped[str40] = mapped_column(default="")
    caller_phone_other: Mapped[str40] = mapped_column(default="")
    caller_email: Mapped[str255] = mapped_column(default="")
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    best_time: Mapped[str] = mapped_column(String(200), default="")
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    urgency: Mapped[str] = mapped_column(String(10), default="normal")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    callback_expected: Mapped[bool] = mapped_column(Boolean, default=True)
    due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    """The office-local day the call-back is due by (end of day); None: no call-back wanted."""
    due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """The exact moment, only when the standard is counted in hours."""
    status: Mapped[str] = mapped_column(String(12), default="open")
    read_at: Mapped[datetime | None] = mapped_column(nullable=True)
    read_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    close_note: Mapped[str] = mapped_column(Text, default="")
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """A manager's hold: retention leaves the record alone while it is set."""
    purged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When retention removed its personal details (None: not yet)."""


class MessageCallbackRecord(Base):
    """One attempt to call the customer back (several may be logged)."""

    __tablename__ = "message_callbacks"
    __table_args__ = (CheckConstraint(_in("outcome", CALLBACK_OUTCOMES), name="outcome_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("messages.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    outcome: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class CorrespondenceRecord(Base):
    """A piece of correspondence and its clocks.

    The due dates are computed by the deadline engine when the item is logged and again when
    its clock is paused, resumed or extended; ``next_due_on`` is the date of the next thing to
    do, so the due-soon and overdue views are index look-ups even with years of history.
    """

    __tablename__ = "correspondence"
    __table_args__ = (
        Index("ix_correspondence_office_id_next_due_on", "office_id", "next_due_on"),
        Index("ix_correspondence_office_id_closed_at", "office_id", "closed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    channel: Mapped[str40]
    received_at: Mapped[datetime]
    logged_at: Mapped[datetime]
    logged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    from_name: Mapped[str] = mapped_column(String(300))
    from_email: Mapped[str255] = mapped_column(default="")
    from_phone: Mapped[str40] = mapped_column(default="")
    subject: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    """The named contact: the officer who answers it."""
    target_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    """A target date agreed with the customer (channels without a fixed clock)."""
    acknowledge_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    acknowledge_due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    respond_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    respond_due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    final_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    final_due_at: Mapped[datetime | None] = mapped_column(nullable=True)
    extended_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    extension_reason: Mapped[str] = mapped_column(Text, default="")
    extended_at: Mapped[datetime | None] = mapped_column(nullable=True)
    extended_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    extension_told_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    """SAR: the day the person was told of the extension (within the first month)."""
    acknowledged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    acknowledged_letter_id: Mapped[int | None] = mapped_column(nullable=True)
    """The letter that acknowledged it (its evidence), or None when recorded by hand."""
    responded_at: Mapped[datetime | None] = mapped_column(nullable=True)
    responded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    responded_letter_id: Mapped[int | None] = mapped_column(nullable=True)
    """The letter that answered it (its evidence), or None when recorded by hand."""
    response_note: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    close_note: Mapped[str] = mapped_column(Text, default="")
    next_due_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    """When the next step is due; None when closed, paused or with no clock."""
    next_step: Mapped[str] = mapped_column(String(20), default="")
    """'acknowledge', 'respond', 'final', 'target' or ''."""
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """A manager's hold: retention leaves the record alone while it is set."""
    purged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When retention removed its personal details (None: not yet)."""


class CorrespondencePauseRecord(Base):
    """The clock stopped (SAR, FOI, EIR) while waiting for identity, a clarification or a fee."""

    __tablename__ = "correspondence_pauses"
    __table_args__ = (
        CheckConstraint(_in("reason", PAUSE_REASONS), name="reason_known"),
        CheckConstraint(
            "answered_on IS NULL OR answered_on >= asked_on", name="answered_after_asked"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    correspondence_id: Mapped[int] = mapped_column(
        ForeignKey("correspondence.id", ondelete="CASCADE"), index=True
    )
    reason: Mapped[str] = mapped_column(String(20))
    asked_on: Mapped[date] = mapped_column(Date)
    answered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    """None while still waiting: the clock is stopped."""
    note: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)


class HoldingResponseRecord(Base):
    """A holding response: why the deadline cannot be met, the expected date, a named contact.

    The contact's name, phone and email are copied as they were told to the customer, so the
    letter (and any later complaint) shows what was said even if the officer moves on.
    """

    __tablename__ = "holding_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    correspondence_id: Mapped[int] = mapped_column(
        ForeignKey("correspondence.id", ondelete="CASCADE"), index=True
    )
    sent_at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    expected_on: Mapped[date] = mapped_column(Date)
    contact_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    contact_name: Mapped[str120]
    contact_phone: Mapped[str40] = mapped_column(default="")
    contact_email: Mapped[str255] = mapped_column(default="")


class VisitFollowUpRecord(Base):
    """The closing of a walk-in follow-up (the follow-up itself lives on the visit)."""

    __tablename__ = "visit_follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), unique=True)
    closed_at: Mapped[datetime]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")


class FeedbackRecord(Base):
    """A compliment, comment, concern or complaint (Hellesdon 5.7)."""

    __tablename__ = "feedback"
    __table_args__ = (
        Index("ix_feedback_office_id_status", "office_id", "status"),
        CheckConstraint(_in("kind", FEEDBACK_KINDS), name="kind_known"),
        CheckConstraint(_in("status", FEEDBACK_STATUSES), name="status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str40]
    received_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    from_name: Mapped[str] = mapped_column(String(300), default="")
    from_phone: Mapped[str40] = mapped_column(default="")
    from_email: Mapped[str255] = mapped_column(default="")
    about_service: Mapped[str120] = mapped_column(default="")
    about_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    details: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(30), default="open")
    serious: Mapped[bool] = mapped_column(Boolean, default=False)
    escalated_to_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    escalated_at: Mapped[datetime | None] = mapped_column(nullable=True)
    shared_at: Mapped[datetime | None] = mapped_column(nullable=True)
    shared_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    complaint_id: Mapped[int | None] = mapped_column(
        ForeignKey("correspondence.id", ondelete="SET NULL"), nullable=True
    )
    """The formal complaint (a correspondence item with the complaint clocks)."""
    outcome: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """A manager's hold: retention leaves the record alone while it is set."""
    purged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When retention removed its personal details (None: not yet)."""


class IncidentRecord(Base):
    """Aggressive or abusive behaviour (Hellesdon 4.2); only managers read these."""

    __tablename__ = "incidents"
    __table_args__ = (CheckConstraint(_in("kind", INCIDENT_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    occurred_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(30))
    location: Mapped[str] = mapped_column(String(200), default="")
    person: Mapped[str] = mapped_column(String(300), default="")
    """Who behaved so: a name if known, else a description."""
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    staff_involved: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text)
    action_taken: Mapped[str] = mapped_column(Text, default="")
    police_told: Mapped[bool] = mapped_column(Boolean, default=False)
    police_reference: Mapped[str] = mapped_column(String(60), default="")
    police_not_told_reason: Mapped[str] = mapped_column(Text, default="")
    witness_count: Mapped[int] = mapped_column(Integer, default=0)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """A manager's hold: retention leaves the record alone while it is set."""
    purged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When retention removed its personal details (None: not yet)."""
