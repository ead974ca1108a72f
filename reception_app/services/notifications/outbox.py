"""Writing to the outbox, inside the transaction of the action that causes the message.

``queue_notification`` is what a use-case calls (check-in, calling, booking, logging a letter,
taking a message): the text or e-mail is committed with the action or not at all, and the
background sender (sender.py) sends it afterwards. Nothing here talks to Notify.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications import (
    OPEN_STATUSES,
    Channel,
    FilledMessage,
    Notification,
    NotificationKind,
    OutboxStatus,
    fill_to_fit,
)
from reception_app.domain.validation import check_email, check_uk_mobile, mobile_for_notify
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import ContactRecord, OfficeRecord
from reception_app.persistence.settings_repository import get_setting, put_setting
from reception_app.services.notifications import wording_book

CHANNELS_SETTING = "notify_channels"
"""Per office: the channels a manager set up (['sms', 'email']); none: nothing is offered."""


def office_channels(session: Session, office_id: int) -> frozenset[Channel]:
    value = get_setting(session, CHANNELS_SETTING, office_id)
    if not isinstance(value, list):
        return frozenset()
    return frozenset(Channel(v) for v in value if v in (Channel.SMS, Channel.EMAIL))


def set_office_channels(session: Session, office_id: int, channels: frozenset[Channel]) -> None:
    put_setting(session, CHANNELS_SETTING, sorted(c.value for c in channels), office_id)


def recipient_for(channel: Channel, address: str) -> str:
    """+447700900123 or a checked e-mail address; ValidationError in plain words otherwise."""
    if channel is Channel.SMS:
        return mobile_for_notify(check_uk_mobile(address))
    email = check_email(address)
    if not email:
        raise ValidationError("An e-mail needs an e-mail address.", "email")
    return email


def queue_notification(
    session: Session,
    *,
    office: OfficeRecord,
    kind: NotificationKind,
    channel: Channel,
    address: str,
    values: Mapping[str, str],
    now: datetime,
    contact_id: int | None = None,
    subject_kind: str = "",
    subject_id: int | None = None,
    expires_at: datetime | None = None,
) -> NotificationRecord | None:
    """Add one text or e-mail to the outbox in ``session``'s transaction.

    None (nothing queued) when the office has not set up ``channel``, or the wording has no
    version for it. ``values`` fill the wording; the office's name and phone come by themselves.
    """
    if channel is Channel.NONE or channel not in office_channels(session, office.id):
        return None
    wording = wording_book.for_office(office.key).get(kind)
    if wording is None or channel not in wording.channels:
        return None
    filled = fill_to_fit(
        wording,
        channel,
        {"office_name": office.name, "office_phone": office.phone, **values},
    )
    return _add(
        session,
        office.id,
        kind,
        filled,
        recipient_for(channel, address),
        now,
        contact_id=contact_id,
        subject_kind=subject_kind,
        subject_id=subject_id,
        expires_at=expires_at,
    )


def _add(
    session: Session,
    office_id: int,
    kind: NotificationKind,
    filled: FilledMessage,
    recipient: str,
    now: datetime,
    *,
    contact_id: int | None,
    subject_kind: str,
    subject_id: int | None,
    expires_at: datetime | None,
) -> NotificationRecord:
    record = NotificationRecord(
        reference=str(uuid.uuid4()),
        office_id=office_id,
        kind=kind.value,
        channel=filled.channel.value,
        recipient=recipient,
        contact_id=contact_id,
        subject_kind=subject_kind,
        subject_id=subject_id,
        subject=filled.subject[:255],
        body=filled.body,
        status=OutboxStatus.QUEUED.value,
        attempts=0,
        next_attempt_at=now,
        expires_at=expires_at,
        notify_status="",
        problem="",
        created_at=now,
    )
    session.add(record)
    session.flush()
    return record


def reachable_by(session: Session, office: OfficeRecord, contact: ContactRecord) -> Channel:
    """The channel ``notify_contact`` would use for ``contact`` now; NONE if none."""
    channel = Channel(contact.notify_by) if contact.notify_by in set(Channel) else Channel.NONE
    address = contact.phone if channel is Channel.SMS else contact.email
    if channel is Channel.NONE or not address or channel not in office_channels(session, office.id):
        return Channel.NONE
    try:
        recipient_for(channel, address)
    except ValidationError:
        return Channel.NONE
    return channel


def notify_contact(
    session: Session,
    *,
    office: OfficeRecord,
    contact: ContactRecord,
    kind: NotificationKind,
    values: Mapping[str, str],
    now: datetime,
    subject_kind: str = "",
    subject_id: int | None = None,
) -> NotificationRecord | None:
    """Queue ``kind`` to a contact by the channel they agreed to; None if they did not agree,
    the office has not set it up, or their number or address cannot take it."""
    channel = Channel(contact.notify_by) if contact.notify_by in set(Channel) else Channel.NONE
    address = contact.phone if channel is Channel.SMS else contact.email
    if channel is Channel.NONE or not address:
        return None
    try:
        return queue_notification(
            session,
            office=office,
            kind=kind,
            channel=channel,
            address=address,
            values=values,
            now=now,
            contact_id=contact.id,
            subject_kind=subject_kind,
            subject_id=subject_id,
        )
    except ValidationError:
        return None  # a landline kept from before: nothing to text


def cancel_open(
    session: Session,
    now: datetime,
    reason: str,
    *,
    contact_id: int | None = None,
    subject: tuple[str, int] | None = None,
    kinds: tuple[NotificationKind, ...] = (),
) -> int:
    """Cancel what is still waiting to be sent for a contact or a record; how many."""
    query = update(NotificationRecord).where(NotificationRecord.status == OutboxStatus.QUEUED.value)
    if contact_id is not None:
        query = query.where(NotificationRecord.contact_id == contact_id)
    if subject is not None:
        query = query.where(
            NotificationRecord.subject_kind == subject[0],
            NotificationRecord.subject_id == subject[1],
        )
    if kinds:
        query = query.where(NotificationRecord.kind.in_([k.value for k in kinds]))
    result = session.execute(
        query.values(status=OutboxStatus.CANCELLED.value, problem=reason, completed_at=now)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def notification_from_record(record: NotificationRecord) -> Notification:
    return Notification(
        id=record.id,
        kind=NotificationKind(record.kind),
        channel=Channel(record.channel),
        recipient=record.recipient,
        status=OutboxStatus(record.status),
        created_at=record.created_at,
        body=record.body,
        subject=record.subject,
        sent_at=record.sent_at,
        completed_at=record.completed_at,
        problem=record.problem,
        attempts=record.attempts,
    )


def notifications_about(session: Session, subject_kind: str, subject_id: int) -> list[Notification]:
    rows = session.scalars(
        select(NotificationRecord)
        .where(
            NotificationRecord.subject_kind == subject_kind,
            NotificationRecord.subject_id == subject_id,
        )
        .order_by(NotificationRecord.id)
    )
    return [notification_from_record(r) for r in rows]


__all__ = [
    "OPEN_STATUSES",
    "cancel_open",
    "notification_from_record",
    "notifications_about",
    "notify_contact",
    "office_channels",
    "queue_notification",
    "reachable_by",
    "recipient_for",
    "set_office_channels",
]
