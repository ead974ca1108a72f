"""Texts and e-mails about an appointment, queued in the transaction that books, moves, cancels
or reports it late (docs/notify.md), to the customer's contact by the channel they agreed to."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from reception_app.domain.appointments import Place
from reception_app.domain.notifications import NotificationKind
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import OfficeRecord
from reception_app.services.booking_support import zone_of
from reception_app.services.notifications.outbox import cancel_open, notify_contact

SUPERSEDED = (
    NotificationKind.APPOINTMENT_CONFIRMED,
    NotificationKind.APPOINTMENT_REMINDER,
    NotificationKind.APPOINTMENT_MOVED,
)
"""What a move or a cancellation makes untrue while it still waits to be sent."""


def day_text(at: datetime, zone: ZoneInfo) -> str:
    local = at.astimezone(zone)
    return f"{local:%A} {local.day} {local:%B}"


def place_text(office: OfficeRecord, record: AppointmentRecord) -> str:
    """Where, as a text says it after 'Where:'."""
    place = Place(record.place)
    if place is Place.HOME:
        return "we will visit you at home"
    if place is Place.PHONE:
        return "we will phone you"
    booking = record.room_booking
    room = booking.room if booking is not None and place is Place.ROOM else None
    parts = [room.name, room.location] if room is not None else ["Reception"]
    return ", ".join(p for p in (*parts, office.site) if p)


def appointment_values(office: OfficeRecord, record: AppointmentRecord) -> dict[str, str]:
    """The wording's fields for ``record``: nothing personal beyond what the person gave."""
    zone = zone_of(office)
    at_office = Place(record.place) in (Place.DESK, Place.ROOM)
    return {
        "date": day_text(record.starts_at, zone),
        "time": f"{record.starts_at.astimezone(zone):%H:%M}",
        "place": place_text(office, record),
        "directions": office.directions if at_office else "",
        "service": record.service.name,
    }


def queue_notice(
    session: Session,
    office: OfficeRecord,
    record: AppointmentRecord,
    kind: NotificationKind,
    now: datetime,
    extra: Mapping[str, str] | None = None,
) -> NotificationRecord | None:
    """Queue ``kind`` to the appointment's contact; None when they did not agree (or there is
    no contact, or the office has not set texts and e-mails up)."""
    contact = record.contact
    if contact is None:
        return None
    return notify_contact(
        session,
        office=office,
        contact=contact,
        kind=kind,
        values={**appointment_values(office, record), **(extra or {})},
        now=now,
        subject_kind="appointment",
        subject_id=record.id,
    )


def notice_booked(
    session: Session, office: OfficeRecord, record: AppointmentRecord, now: datetime
) -> None:
    queue_notice(session, office, record, NotificationKind.APPOINTMENT_CONFIRMED, now)


def notice_moved(
    session: Session,
    office: OfficeRecord,
    record: AppointmentRecord,
    previous_start: datetime,
    now: datetime,
) -> None:
    """The old time's messages still waiting are dropped; the new time is sent."""
    if record.starts_at == previous_start:
        return  # another officer or room at the same time: nothing the customer must know
    cancel_open(
        session,
        now,
        "The appointment moved before it went, so it was not sent.",
        subject=("appointment", record.id),
        kinds=SUPERSEDED,
    )
    zone = zone_of(office)
    previous = {
        "previous_date": day_text(previous_start, zone),
        "previous_time": f"{previous_start.astimezone(zone):%H:%M}",
    }
    queue_notice(session, office, record, NotificationKind.APPOINTMENT_MOVED, now, previous)


def notice_cancelled(
    session: Session, office: OfficeRecord, record: AppointmentRecord, reason: str, now: datetime
) -> None:
    cancel_open(
        session,
        now,
        "The appointment was cancelled before it went, so it was not sent.",
        subject=("appointment", record.id),
    )
    extra = {"reason": reason if reason.endswith(".") else f"{reason}."}
    queue_notice(session, office, record, NotificationKind.APPOINTMENT_CANCELLED, now, extra)


def notice_late(
    session: Session,
    office: OfficeRecord,
    record: AppointmentRecord,
    reason: str,
    new_time: datetime,
    now: datetime,
) -> NotificationRecord | None:
    """The late prompt's reason and new time, for a waiting customer or a home visit."""
    kind = (
        NotificationKind.HOME_VISIT_LATE
        if Place(record.place) is Place.HOME
        else NotificationKind.APPOINTMENT_LATE
    )
    extra = {
        "reason": reason if reason.endswith((".", "!", "?")) else f"{reason}.",
        "new_time": f"{new_time.astimezone(zone_of(office)):%H:%M}",
    }
    return queue_notice(session, office, record, kind, now, extra)
