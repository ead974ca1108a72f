"""Message records as the desk sees them: who took it and for whom, the call-back attempts,
who it is escalated to when overdue, and confidential ones redacted for anyone who may not
read them in full (here, not on the screen, so the text never leaves the service)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.messages import (
    CallbackAttempt,
    CallbackOutcome,
    Message,
    MessageStatus,
    Urgency,
    can_read_in_full,
    escalation_targets,
    is_overdue,
    redact,
)
from reception_app.domain.people import StaffMember
from reception_app.persistence.correspondence_records import MessageCallbackRecord, MessageRecord
from reception_app.persistence.records import OfficeRecord, StaffRecord
from reception_app.services.contact_links import chunks, contact_names
from reception_app.services.staff_service import staff_from_record


def staff_of(session: Session, office: OfficeRecord) -> dict[int, StaffMember]:
    """Everyone on the office's staff list (former colleagues too), by id."""
    return {
        r.id: staff_from_record(r)
        for r in session.scalars(select(StaffRecord).where(StaffRecord.office_id == office.id))
    }


def messages_view(
    session: Session,
    office: OfficeRecord,
    records: Iterable[MessageRecord],
    viewer: StaffMember,
    today: date,
    now: datetime,
) -> list[Message]:
    """Many messages at once: one query for their attempts and one for contact names."""
    rows = list(records)
    staff = staff_of(session, office)
    attempts: dict[int, list[MessageCallbackRecord]] = {}
    if rows:
        for chunk in chunks([r.id for r in rows], 500):
            for attempt in session.scalars(
                select(MessageCallbackRecord)
                .where(MessageCallbackRecord.message_id.in_(chunk))
                .order_by(MessageCallbackRecord.at, MessageCallbackRecord.id)
            ):
                attempts.setdefault(attempt.message_id, []).append(attempt)
    names = contact_names(session, office, [r.contact_id for r in rows])
    return [to_message(r, staff, viewer, today, attempts.get(r.id, []), names, now) for r in rows]


def message_view(
    session: Session,
    record: MessageRecord,
    staff: dict[int, StaffMember],
    viewer: StaffMember | None,
    today: date,
    now: datetime,
) -> Message:
    attempts = list(
        session.scalars(
            select(MessageCallbackRecord)
            .where(MessageCallbackRecord.message_id == record.id)
            .order_by(MessageCallbackRecord.at, MessageCallbackRecord.id)
        )
    )
    names = contact_names(session, record.office_id, [record.contact_id])
    return to_message(record, staff, viewer, today, attempts, names, now)


def to_message(
    record: MessageRecord,
    staff: dict[int, StaffMember],
    viewer: StaffMember | None,
    today: date,
    attempts: Sequence[MessageCallbackRecord],
    contact_names: dict[int, str],
    now: datetime,
) -> Message:
    """``contact_names``: the current name of each linked contact, shown instead of the name
    typed when the message was taken (the contact may have been corrected since). ``now``:
    a call-back due at a time of day is overdue (and escalated) from that moment."""
    recipient = staff.get(record.recipient_id) if record.recipient_id is not None else None
    open_ = record.status == MessageStatus.OPEN.value
    targets = (
        escalation_targets(recipient, record.recipient_team, list(staff.values()))
        if is_overdue(record.due_on, today, open_, record.due_at, now)
        else []
    )
    message = Message(
        id=record.id,
        taken_at=record.taken_at,
        taken_by_name=_name(staff, record.taken_by_id),
        recipient_id=record.recipient_id,
        recipient_name=recipient.full_name if recipient else "",
        recipient_team=record.recipient_team,
        caller_name=contact_names.get(record.contact_id or -1, record.caller_name),
        subject=record.subject,
        body=record.body,
        caller_phone=record.caller_phone,
        caller_phone_other=record.caller_phone_other,
        caller_email=record.caller_email,
        best_time=record.best_time,
        urgency=Urgency(record.urgency),
        confidential=record.confidential,
        callback_expected=record.callback_expected,
        due_on=record.due_on,
        due_at=record.due_at,
        status=MessageStatus(record.status),
        read_at=record.read_at,
        closed_at=record.closed_at,
        close_note=record.close_note,
        attempts=tuple(_attempt(staff, a) for a in attempts),
        escalated_to=tuple(t.full_name for t in targets),
        escalated_to_ids=tuple(t.id for t in targets),
        contact_id=record.contact_id,
        recipient_phone=recipient.phone if recipient else "",
        recipient_email=recipient.email if recipient else "",
    )
    if record.confidential and not can_read_in_full(
        viewer, record.recipient_id, record.recipient_team
    ):
        return redact(message)
    return message


def _attempt(staff: dict[int, StaffMember], record: MessageCallbackRecord) -> CallbackAttempt:
    return CallbackAttempt(
        id=record.id,
        at=record.at,
        staff_name=_name(staff, record.staff_id),
        outcome=CallbackOutcome(record.outcome),
        note=record.note,
    )


def _name(staff: dict[int, StaffMember], staff_id: int | None) -> str:
    if staff_id is None:
        return ""
    person = staff.get(staff_id)
    return person.full_name if person else "a former colleague"
