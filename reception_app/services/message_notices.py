"""The text to a caller that their message was taken for a colleague, and by when they will be
called back: queued in the transaction that takes the message (docs/notify.md)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from reception_app.domain.messages import MessageDraft
from reception_app.domain.notifications import Channel, NotificationKind
from reception_app.persistence.correspondence_records import MessageRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import ContactRecord, OfficeRecord
from reception_app.services.booking_support import zone_of
from reception_app.services.notifications.outbox import notify_contact, queue_notification


def callback_values(office: OfficeRecord, record: MessageRecord) -> dict[str, str]:
    """'by 16:00 on Wednesday 25 November', or by the end of that day when no time is set."""
    zone = zone_of(office)
    if record.due_at is not None:
        local = record.due_at.astimezone(zone)
        return {
            "callback_time": f"{local:%H:%M}",
            "callback_date": f"{local:%A} {local.day} {local:%B}",
        }
    day = record.due_on
    if day is None:
        return {}
    return {"callback_time": "the end of the day", "callback_date": f"{day:%A} {day.day} {day:%B}"}


def notice_taken(
    session: Session,
    office: OfficeRecord,
    record: MessageRecord,
    draft: MessageDraft,
    now: datetime,
) -> NotificationRecord | None:
    """The caller's text: to the mobile they gave just now if they agreed on the call, else to
    their contact by the channel recorded there. Nothing when no call back is expected."""
    if not record.callback_expected:
        return None
    values = callback_values(office, record)
    if draft.text_confirmation:
        return queue_notification(
            session,
            office=office,
            kind=NotificationKind.MESSAGE_TAKEN,
            channel=Channel.SMS,
            address=record.caller_phone,
            values=values,
            now=now,
            contact_id=record.contact_id,
            subject_kind="message",
            subject_id=record.id,
        )
    contact = session.get(ContactRecord, record.contact_id) if record.contact_id else None
    if contact is None:
        return None
    return notify_contact(
        session,
        office=office,
        contact=contact,
        kind=NotificationKind.MESSAGE_TAKEN,
        values=values,
        now=now,
        subject_kind="message",
        subject_id=record.id,
    )
