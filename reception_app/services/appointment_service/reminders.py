"""The reminder the working day before an appointment, queued by the office's sender.

The sender (one per office, holding the office's lease inside the write transaction) calls
``queue_reminders`` now and then: on a working day from ``REMINDER_FROM`` it queues a reminder
for every booked appointment up to the next working day (Friday covers Saturday to Monday),
unless one was queued since the appointment was last changed. An appointment booked or moved
today gets none: its confirmation or moved notice has just said it all.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.appointments import AppointmentStatus
from reception_app.domain.notifications import NotificationKind, OutboxStatus
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import OfficeRecord
from reception_app.services.appointment_service.notices import queue_notice
from reception_app.services.booking_support import calendar_for, zone_of

REMINDER_FROM = time(10, 0)
"""Reminders go from this time of the working day before (local time)."""


def _reminded(session: Session, record: AppointmentRecord) -> bool:
    return (
        session.scalar(
            select(NotificationRecord.id).where(
                NotificationRecord.subject_kind == "appointment",
                NotificationRecord.subject_id == record.id,
                NotificationRecord.kind == NotificationKind.APPOINTMENT_REMINDER.value,
                NotificationRecord.status != OutboxStatus.CANCELLED.value,
                NotificationRecord.created_at >= record.updated_at,
            )
        )
        is not None
    )


def reminder_window(office: OfficeRecord, now: datetime) -> tuple[datetime, datetime] | None:
    """[start, end) of the appointments to remind now; None outside a working day's hours."""
    zone = zone_of(office)
    local = now.astimezone(zone)
    calendar = calendar_for(office)
    today = local.date()
    if local.time() < REMINDER_FROM or not calendar.is_office_working_day(today):
        return None
    last = calendar.next_working_day_after(today)
    start = datetime.combine(today + timedelta(days=1), time(0), zone)
    return start, datetime.combine(last + timedelta(days=1), time(0), zone)


def queue_reminders(session: Session, office: OfficeRecord, now: datetime) -> int:
    """Queue the reminders due now (inside the sender's write transaction); how many."""
    window = reminder_window(office, now)
    if window is None:
        return 0
    start_of_today = datetime.combine(
        now.astimezone(zone_of(office)).date(), time(0), zone_of(office)
    )
    rows = session.scalars(
        select(AppointmentRecord)
        .where(
            AppointmentRecord.office_id == office.id,
            AppointmentRecord.status == AppointmentStatus.BOOKED.value,
            AppointmentRecord.contact_id.is_not(None),
            AppointmentRecord.starts_at >= window[0],
            AppointmentRecord.starts_at < window[1],
            AppointmentRecord.updated_at < start_of_today,
        )
        .order_by(AppointmentRecord.starts_at)
    ).all()
    queued = 0
    for record in rows:
        if _reminded(session, record):
            continue
        if queue_notice(session, office, record, NotificationKind.APPOINTMENT_REMINDER, now):
            queued += 1
    return queued
