"""The outbox's state changes, each in its own short write transaction (the sender's steps).

A claim marks rows ``sending`` with a row lease, inside the write transaction that also checks
this desk still holds the office's sender lease; a result is recorded only on a row still
claimed by that same attempt, so a desk that stalled past its lease cannot overwrite the desk
that took over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from reception_app.domain.notifications import (
    MAX_ATTEMPTS,
    Channel,
    OutboxStatus,
    Outcome,
    backoff,
)
from reception_app.persistence.notification_records import (
    NotificationRecord,
    NotificationSenderRecord,
)
from reception_app.persistence.records import ContactRecord

ROW_LEASE = timedelta(seconds=120)
"""How long a claimed row is left to its sender (longer than the client's timeout)."""
GIVE_UP_POLLING = timedelta(days=3)
"""Notify keeps a notification's status for 7 days; after 3 without a report, stop asking."""


@dataclass(frozen=True, slots=True)
class Claim:
    id: int
    reference: str
    channel: Channel
    recipient: str
    body: str
    subject: str
    attempts: int
    recovering: bool
    """Tried before, or left 'sending' by a sender that stopped: ask Notify for the reference
    before sending."""


def hold_lease(
    session: Session, office_id: int, holder: str, now: datetime, lease: timedelta
) -> bool:
    """Take or renew the office's sender lease (inside a write transaction)."""
    record = session.get(NotificationSenderRecord, office_id)
    if record is None:
        session.add(
            NotificationSenderRecord(office_id=office_id, holder=holder, lease_until=now + lease)
        )
        return True
    if record.holder != holder and record.lease_until > now:
        return False
    record.holder = holder
    record.lease_until = now + lease
    return True


def lease_state(session: Session, office_id: int, holder: str, now: datetime) -> timedelta | None:
    """How long this desk's lease has left (zero: free to take); None: another desk holds it."""
    record = session.get(NotificationSenderRecord, office_id)
    if record is None or record.lease_until <= now:
        return timedelta(0)
    if record.holder != holder:
        return None
    return record.lease_until - now


def anything_due(
    session: Session, office_id: int, channels: frozenset[Channel], now: datetime
) -> bool:
    return bool(due(session, office_id, channels, now, 1))


def release_lease(session: Session, office_id: int, holder: str) -> None:
    record = session.get(NotificationSenderRecord, office_id)
    if record is not None and record.holder == holder:
        session.delete(record)


def due(
    session: Session, office_id: int, channels: frozenset[Channel], now: datetime, limit: int
) -> list[NotificationRecord]:
    """Queued rows due now, and rows left 'sending' whose lease ran out."""
    return list(
        session.scalars(
            select(NotificationRecord)
            .where(
                NotificationRecord.office_id == office_id,
                NotificationRecord.channel.in_([c.value for c in channels]),
                or_(
                    (NotificationRecord.status == OutboxStatus.QUEUED.value)
                    & (NotificationRecord.next_attempt_at <= now),
                    (NotificationRecord.status == OutboxStatus.SENDING.value)
                    & (NotificationRecord.lease_until <= now),
                ),
            )
            .order_by(NotificationRecord.next_attempt_at, NotificationRecord.id)
            .limit(limit)
        )
    )


def _still_wanted(session: Session, row: NotificationRecord, now: datetime) -> str:
    """Why a queued row must not go any more ('' if it may)."""
    if row.expires_at is not None and row.expires_at <= now:
        return "Too late to be of use, so it was not sent."
    if row.contact_id is not None:
        contact = session.get(ContactRecord, row.contact_id)
        if contact is not None and contact.notify_by != row.channel:
            return "They withdrew their consent, so it was not sent."
    return ""


def claim(session: Session, rows: list[NotificationRecord], now: datetime) -> list[Claim]:
    claims = []
    for row in rows:
        # Tried before (a timeout, a 500, a desk that stopped mid-send): Notify may have it
        # already, so the sender asks for the reference before it sends again.
        recovering = row.status == OutboxStatus.SENDING.value or row.attempts > 0
        if row.status == OutboxStatus.QUEUED.value:
            reason = _still_wanted(session, row, now)
            if reason:
                row.status, row.problem, row.completed_at = (
                    OutboxStatus.CANCELLED.value,
                    reason,
                    now,
                )
                continue
        row.status = OutboxStatus.SENDING.value
        row.attempts += 1
        row.lease_until = now + ROW_LEASE
        claims.append(
            Claim(
                row.id,
                row.reference,
                Channel(row.channel),
                row.recipient,
                row.body,
                row.subject,
                row.attempts,
                recovering,
            )
        )
    return claims


def _claimed(session: Session, claim_: Claim) -> NotificationRecord | None:
    row = session.get(NotificationRecord, claim_.id)
    if row is None or row.status != OutboxStatus.SENDING.value or row.attempts != claim_.attempts:
        return None  # cancelled, or taken over by another sender meanwhile
    return row


def poll_delay(sent_at: datetime, now: datetime) -> timedelta:
    """Ask for the delivery status soon after sending, then less and less often."""
    age = now - sent_at
    for limit, delay in ((60, 5), (5 * 60, 30), (60 * 60, 5 * 60)):
        if age < timedelta(seconds=limit):
            return timedelta(seconds=delay)
    return timedelta(minutes=30)


def record_sent(
    session: Session, claim_: Claim, notify_id: str, status: str, now: datetime
) -> bool:
    row = _claimed(session, claim_)
    if row is None:
        return False
    row.status = OutboxStatus.SENT.value
    row.notify_id, row.notify_status = notify_id, status or "created"
    row.sent_at, row.lease_until, row.problem = now, None, ""
    row.next_attempt_at = now + poll_delay(now, now)
    return True


def record_refused(session: Session, claim_: Claim, outcome: Outcome, now: datetime) -> bool:
    row = _claimed(session, claim_)
    if row is None:
        return False
    row.lease_until = None
    if outcome.retry and row.attempts < MAX_ATTEMPTS:
        row.status, row.problem = OutboxStatus.QUEUED.value, outcome.words
        row.next_attempt_at = now + backoff(row.attempts)
        return True
    words = outcome.words
    if outcome.retry:
        words = f"{words} Gave up after {row.attempts} tries."
    row.status, row.problem, row.completed_at = OutboxStatus.FAILED.value, words, now
    return True


def awaiting_report(
    session: Session, office_id: int, now: datetime, limit: int
) -> list[tuple[int, str]]:
    """(row id, Notify id) of sent rows whose delivery status is due to be asked for."""
    rows = session.execute(
        select(NotificationRecord.id, NotificationRecord.notify_id)
        .where(
            NotificationRecord.office_id == office_id,
            NotificationRecord.status == OutboxStatus.SENT.value,
            NotificationRecord.completed_at.is_(None),
            NotificationRecord.next_attempt_at <= now,
        )
        .order_by(NotificationRecord.next_attempt_at)
        .limit(limit)
    ).all()
    return [(int(i), str(n)) for i, n in rows if n]


def record_report(
    session: Session, row_id: int, status: str, outcome: Outcome | None, now: datetime
) -> None:
    """Notify's delivery status for a sent row: still waiting, delivered, failed, or resend."""
    row = session.get(NotificationRecord, row_id)
    if row is None or row.status != OutboxStatus.SENT.value:
        return
    row.notify_status = status
    sent_at = row.sent_at or now
    if outcome is None:
        if now - sent_at > GIVE_UP_POLLING:
            row.problem, row.completed_at = "Notify has sent no delivery report.", now
        else:
            row.next_attempt_at = now + poll_delay(sent_at, now)
        return
    if outcome.delivered:
        row.status, row.completed_at, row.problem = OutboxStatus.DELIVERED.value, now, ""
    elif outcome.retry and row.attempts < MAX_ATTEMPTS:  # a technical failure: send again
        row.status, row.notify_id, row.problem = OutboxStatus.QUEUED.value, None, outcome.words
        row.next_attempt_at = now + backoff(row.attempts)
    else:
        row.status, row.completed_at, row.problem = OutboxStatus.FAILED.value, now, outcome.words


def report_later(session: Session, row_id: int, now: datetime, delay: timedelta) -> None:
    row = session.get(NotificationRecord, row_id)
    if row is not None and row.status == OutboxStatus.SENT.value:
        row.next_attempt_at = now + delay
