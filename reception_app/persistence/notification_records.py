"""The outbox of texts and e-mails, and which desk's sender is sending for each office."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reception_app.persistence.base import Base, str40, str120, str255
from reception_app.persistence.records import utcnow

OUTBOX_STATUSES = ("queued", "sending", "sent", "delivered", "failed", "cancelled")
CHANNELS = ("sms", "email")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class NotificationRecord(Base):
    """One text or e-mail, written in the same transaction as the action that causes it.

    ``reference`` (a UUID made when it is queued) is given to Notify as the notification's
    reference, so a sender that finds a row left ``sending`` by a desk that stopped asks Notify
    for that reference before it sends again: never twice (docs/notify.md).
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_status_due", "status", "next_attempt_at"),
        Index("ix_notifications_subject", "subject_kind", "subject_id"),
        CheckConstraint(_in("status", OUTBOX_STATUSES), name="status_known"),
        CheckConstraint(_in("channel", CHANNELS), name="channel_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(36), unique=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str40]
    channel: Mapped[str] = mapped_column(String(10))
    recipient: Mapped[str255]
    """+447700900123 or an e-mail address, as it was when queued."""
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    subject_kind: Mapped[str] = mapped_column(String(20), default="")
    """What it is about: 'visit', 'appointment', 'correspondence', 'message' or 'test'."""
    subject_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject: Mapped[str255] = mapped_column(default="")
    """An e-mail's subject line."""
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    """Queued: when to (re)try; sent: when to ask Notify for its delivery status next."""
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """A text about the queue is no use later: not sent after this."""
    lease_until: Mapped[datetime | None] = mapped_column(nullable=True)
    """Sending: the sender that claimed it is working on it until then."""
    notify_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    notify_status: Mapped[str40] = mapped_column(default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    completed_at: Mapped[datetime | None] = mapped_column(nullable=True)


class NotificationSenderRecord(Base):
    """The one desk sending for an office at a time: it renews ``lease_until`` while it runs;
    another desk takes over once the lease has run out."""

    __tablename__ = "notification_senders"

    office_id: Mapped[int] = mapped_column(
        ForeignKey("offices.id", ondelete="CASCADE"), primary_key=True
    )
    holder: Mapped[str120]
    lease_until: Mapped[datetime]
