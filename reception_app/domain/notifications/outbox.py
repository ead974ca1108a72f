"""A notification as the desk sees it on a visit, appointment, letter or message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reception_app.domain.notifications.kinds import Channel, NotificationKind, OutboxStatus


@dataclass(frozen=True, slots=True)
class Notification:
    id: int
    kind: NotificationKind
    channel: Channel
    recipient: str
    status: OutboxStatus
    created_at: datetime
    body: str
    subject: str = ""
    sent_at: datetime | None = None
    completed_at: datetime | None = None
    problem: str = ""
    """Plain words: why it failed, was not sent, or is being retried."""
    attempts: int = 0

    @property
    def summary(self) -> str:
        """One line for a record's history, e.g. 'Text message: Delivered'."""
        words = self.status.label
        if self.problem and self.status in (OutboxStatus.FAILED, OutboxStatus.CANCELLED):
            words = f"{words}: {self.problem}"
        elif self.problem and self.status is OutboxStatus.QUEUED and self.attempts:
            words = f"{words} (trying again: {self.problem})"
        return f"{self.channel.label}: {words}"


@dataclass(frozen=True, slots=True)
class NotificationCounts:
    """The report's figures for a period: ``sent`` reached Notify (delivered, failed after
    reaching it, or still waiting for a report); ``failed`` includes those Notify refused."""

    queued: int = 0
    sent: int = 0
    delivered: int = 0
    failed: int = 0
    cancelled: int = 0
