"""What appointment and room bookings share: loading officers, rooms and their bookings, and
locking them inside a write transaction so two desks can never book the same time."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.appointments import (
    OPEN_STATUSES,
    Busy,
    BusyIndex,
    Officer,
    Room,
)
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.offices import parse_hours
from reception_app.persistence.appointment_records import (
    AppointmentRecord,
    RoomBookingRecord,
    StaffAbsenceRecord,
    StaffHoursRecord,
)
from reception_app.persistence.office_repository import profile_from_record
from reception_app.persistence.records import (
    InterviewRoomRecord,
    OfficeRecord,
    ServiceRecord,
    StaffRecord,
)

BOOKABLE_ROLES = ("officer", "clerk", "manager")
"""Who appointments can be booked with (receptionists run the desk)."""


def hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def calendar_for(office: OfficeRecord) -> OfficeCalendar:
    return OfficeCalendar.from_profile(profile_from_record(office))


def officer_from(session: Session, staff: StaffRecord) -> Officer:
    hours = session.scalars(
        select(StaffHoursRecord)
        .where(StaffHoursRecord.staff_id == staff.id)
        .order_by(StaffHoursRecord.weekday, StaffHoursRecord.start)
    ).all()
    pattern: dict[int, tuple[tuple[time, time], ...]] | None = None
    if hours:
        pattern = {}
        for line in hours:
            pattern[line.weekday] = (
                *pattern.get(line.weekday, ()),
                (hhmm(line.start), hhmm(line.end)),
            )
    absences = session.scalars(
        select(StaffAbsenceRecord).where(StaffAbsenceRecord.staff_id == staff.id)
    ).all()
    return Officer(
        staff.id,
        staff.full_name,
        pattern,
        tuple((a.first_day, a.last_day) for a in absences),
    )


def officers_from(session: Session, staff: Sequence[StaffRecord]) -> list[Officer]:
    """``officer_from`` for many staff in two queries (the slot search runs on every keystroke
    of the booking form's date, so per-officer queries add up)."""
    ids = [s.id for s in staff]
    if not ids:
        return []
    patterns: dict[int, dict[int, tuple[tuple[time, time], ...]]] = {}
    for line in session.scalars(
        select(StaffHoursRecord)
        .where(StaffHoursRecord.staff_id.in_(ids))
        .order_by(StaffHoursRecord.weekday, StaffHoursRecord.start)
    ):
        days = patterns.setdefault(line.staff_id, {})
        days[line.weekday] = (*days.get(line.weekday, ()), (hhmm(line.start), hhmm(line.end)))
    absences: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for absence in session.scalars(
        select(StaffAbsenceRecord).where(StaffAbsenceRecord.staff_id.in_(ids))
    ):
        absences[absence.staff_id].append((absence.first_day, absence.last_day))
    return [
        Officer(s.id, s.full_name, patterns.get(s.id), tuple(absences.get(s.id, ()))) for s in staff
    ]


def candidate_staff(
    session: Session, office: OfficeRecord, service: ServiceRecord
) -> list[StaffRecord]:
    """Active staff who take appointments for ``service``: its team, or anyone bookable when
    the service names no team."""
    query = select(StaffRecord).where(
        StaffRecord.office_id == office.id,
        StaffRecord.active.is_(True),
        StaffRecord.role.in_(BOOKABLE_ROLES),
    )
    if service.team:
        query = query.where(StaffRecord.team == service.team)
    return list(session.scalars(query.order_by(StaffRecord.full_name, StaffRecord.id)))


def room_hours(record: InterviewRoomRecord) -> Mapping[int, tuple[tuple[time, time], ...]] | None:
    if not record.hours:
        return None
    return parse_hours(record.hours, f"rooms.{record.key}.hours")


def room_from(record: InterviewRoomRecord) -> Room:
    return Room(
        record.id,
        record.name,
        record.capacity,
        timedelta(minutes=record.buffer_minutes),
        record.hearing_loop,
        record.wheelchair_access,
        record.screen,
        room_hours(record),
    )


def active_rooms(office: OfficeRecord) -> list[InterviewRoomRecord]:
    return [r for r in office.rooms if r.active]


def officer_busy(
    session: Session,
    staff_ids: Iterable[int],
    start: datetime,
    end: datetime,
    *,
    exclude_appointment: int | None = None,
) -> dict[int, BusyIndex]:
    """Open appointments of these officers that touch ``[start, end)``."""
    ids = list(staff_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(
            AppointmentRecord.id,
            AppointmentRecord.staff_id,
            AppointmentRecord.starts_at,
            AppointmentRecord.ends_at,
            AppointmentRecord.customer_name,
        ).where(
            AppointmentRecord.staff_id.in_(ids),
            AppointmentRecord.status.in_(OPEN_STATUSES),
            AppointmentRecord.starts_at < end,
            AppointmentRecord.ends_at > start,
        )
    ).all()
    grouped: dict[int, list[Busy]] = defaultdict(list)
    for row_id, staff_id, a, b, name in rows:
        if row_id == exclude_appointment:
            continue
        grouped[staff_id].append(Busy(a, b, f"appointment with {name}"))
    return {k: BusyIndex(v) for k, v in grouped.items()}


def room_busy(
    session: Session,
    room_ids: Iterable[int],
    start: datetime,
    end: datetime,
    *,
    margin: timedelta = timedelta(hours=2),
    exclude_booking: int | None = None,
) -> dict[int, BusyIndex]:
    """Booked (not released or cancelled) room bookings touching ``[start, end)`` widened by
    ``margin`` so buffers at the edges are seen."""
    ids = list(room_ids)
    if not ids:
        return {}
    rows = session.execute(
        select(
            RoomBookingRecord.id,
            RoomBookingRecord.room_id,
            RoomBookingRecord.starts_at,
            RoomBookingRecord.ends_at,
            RoomBookingRecord.purpose,
        ).where(
            RoomBookingRecord.room_id.in_(ids),
            RoomBookingRecord.status == "booked",
            RoomBookingRecord.starts_at < end + margin,
            RoomBookingRecord.ends_at > start - margin,
        )
    ).all()
    grouped: dict[int, list[Busy]] = defaultdict(list)
    for row_id, room_id, a, b, purpose in rows:
        if row_id == exclude_booking:
            continue
        grouped[room_id].append(Busy(a, b, purpose))
    return {k: BusyIndex(v) for k, v in grouped.items()}


def lock_rows(session: Session, model: Any, ids: Iterable[int]) -> None:
    """Take row locks on the officer and room rows a booking uses (PostgreSQL: SELECT ... FOR
    UPDATE, so a second desk booking the same officer or room waits for this transaction).
    SQLite write transactions already start with BEGIN IMMEDIATE, which serialises writers."""
    wanted = sorted(set(ids))
    if wanted and session.get_bind().dialect.name != "sqlite":
        session.execute(select(model.id).where(model.id.in_(wanted)).with_for_update()).all()


def zone_of(office: OfficeRecord) -> ZoneInfo:
    return ZoneInfo(office.timezone)
