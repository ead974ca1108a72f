"""What can be sent, by which channel, and where each notification stands in the outbox."""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    """How a person agreed to be kept informed: their consent and their preferred channel."""

    NONE = "none"
    SMS = "sms"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return {
            "none": "No texts or e-mails",
            "sms": "Text message",
            "email": "E-mail",
        }[self.value]

    @property
    def a_message(self) -> str:
        """'a text message' or 'an e-mail', for sentences."""
        return {"none": "nothing", "sms": "a text message", "email": "an e-mail"}[self.value]


class NotificationKind(StrEnum):
    """One kind of message; its wording is ``resources/notifications/<kind>.toml``."""

    NEARLY_UP = "nearly_up"
    CALLED = "called"
    APPOINTMENT_CONFIRMED = "appointment_confirmed"
    APPOINTMENT_REMINDER = "appointment_reminder"
    APPOINTMENT_MOVED = "appointment_moved"
    APPOINTMENT_CANCELLED = "appointment_cancelled"
    APPOINTMENT_LATE = "appointment_late"
    HOME_VISIT_LATE = "home_visit_late"
    CORRESPONDENCE_RECEIVED = "correspondence_received"
    HOLDING_RESPONSE = "holding_response"
    MESSAGE_TAKEN = "message_taken"
    TEST = "test"


class OutboxStatus(StrEnum):
    """Where a notification stands. ``QUEUED`` and ``SENDING`` are not finished yet; ``SENT``
    is with Notify and waits for its delivery report."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "queued": "Waiting to be sent",
            "sending": "Being sent",
            "sent": "Sent, waiting for delivery",
            "delivered": "Delivered",
            "failed": "Not delivered",
            "cancelled": "Not sent",
        }[self.value]

    @property
    def finished(self) -> bool:
        return self in (OutboxStatus.DELIVERED, OutboxStatus.FAILED, OutboxStatus.CANCELLED)


OPEN_STATUSES = (OutboxStatus.QUEUED, OutboxStatus.SENDING)
"""What withdrawing consent (or the visit ending) still stops."""


WHERE_TO_SET_UP = (
    "Texts and e-mails are not set up. A manager can set them up in "
    "Settings > This computer > Texts and e-mails."
)
"""What a screen says instead of offering texts and e-mails when the office has none."""
