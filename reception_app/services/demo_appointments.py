"""Sample appointments and room bookings: past ones with what happened, future ones to work with.

Called by DemoDataService inside its transaction. Bookings never overlap for an officer or a
room (each uses its own half-hour grid cell, and rooms keep their buffer free), so the sample
data obeys the same rules as real bookings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
from reception_app.persistence.records import (
    ContactRecord,
    InterviewRoomRecord,
    OfficeRecord,
    ServiceRecord,
    StaffRecord,
)

_CELL = timedelta(minutes=30)
_DELAY_REASONS = (
    "The officer's previous appointment ran over",
    "The officer was called to an urgent matter",
    "Waiting for a file from the back office",
)


def add_sample_appointments(
    session: Session,
    rng: random.Random,
    office: OfficeRecord,
    calendar: OfficeCalendar,
    officers: list[StaffRecord],
    contacts: list[ContactRecord],
    past_days: list[date],
    now: datetime,
    future_days: int = 10,
) -> int:
    """Add appointments on ``past_days`` (seen, late, no-show, cancelled) and on the next
    ``future_days`` working days (booked); returns how many were added."""
    services = [s for s in office.services if s.active]
    rooms = sorted((r for r in office.rooms if r.active), key=lambda r: (r.capacity, r.id))
    if not services or not officers or not contacts:
        return 0
    booker = _Booker(session, rng, office, services, contacts, rooms, now)
    today = now.astimezone(calendar.zone).date()
    added = 0
    for day in _booking_days(calendar, past_days, today, future_days):
        cells = _half_hours(calendar, day)
        if not cells:
            continue
        room_used: dict[int, set[datetime]] = {r.id: set() for r in rooms}
        for officer in officers:
            for start in rng.sample(cells, k=min(len(cells), rng.randint(0, 3))):
                if start.astimezone(now.tzinfo) < now and day >= today:
                    continue  # today's earlier cells: not bookable now, not history either
                if booker.book(officer, start, room_used):
                    added += 1
    return added


def _booking_days(
    calendar: OfficeCalendar, past_days: list[date], today: date, future_days: int
) -> list[date]:
    """``past_days`` and then the next ``future_days`` days with opening hours from today."""
    days = list(past_days)
    day = today
    while len(days) < len(past_days) + future_days:
        if calendar.opening_intervals(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _half_hours(calendar: OfficeCalendar, day: date) -> list[datetime]:
    """The starts of the half-hour cells that fit inside the day's opening hours."""
    cells: list[datetime] = []
    for open_start, open_end in calendar.opening_intervals(day):
        t = open_start
        while t + _CELL <= open_end:
            cells.append(t)
            t += _CELL
    return cells


@dataclass(frozen=True)
class _Booker:
    """Books sample appointments (and their rooms) for the office."""

    session: Session
    rng: random.Random
    office: OfficeRecord
    services: list[ServiceRecord]
    contacts: list[ContactRecord]
    rooms: list[InterviewRoomRecord]
    now: datetime

    def book(
        self, officer: StaffRecord, start: datetime, room_used: dict[int, set[datetime]]
    ) -> bool:
        """One appointment with ``officer`` at ``start``, what happened if it is over, and its
        room when the service needs one; False when no room is free."""
        rng, now = self.rng, self.now
        service = rng.choice(self.services)
        minutes = min(30, max(10, service.default_minutes))
        end = start + timedelta(minutes=minutes)
        contact = rng.choice(self.contacts)
        room = None
        if service.needs_room:
            room = self._free_room(start, room_used)
            if room is None:
                return False
            room_used[room.id].add(start)
        record = AppointmentRecord(
            office_id=self.office.id,
            contact_id=contact.id,
            customer_name=contact.full_name,
            service_id=service.id,
            staff_id=officer.id,
            any_officer=rng.random() < 0.5,
            starts_at=start,
            ends_at=end,
            place="room" if room is not None else rng.choice(("desk", "desk", "phone")),
            people=2,
            hearing_loop=contact.hearing_loop,
            wheelchair_access=contact.wheelchair_access,
            interpreter_language=contact.interpreter_language,
            large_print=contact.preferred_format == "large_print",
            status="booked",
            created_at=min(now, start - timedelta(days=rng.randint(1, 14))),
            updated_at=now,
        )
        if end <= now:
            _what_happened(rng, record)
        self.session.add(record)
        if room is not None:
            # Through the relationship: the flush at the end writes the appointment first and
            # gives its id to the booking (a flush here, per booking, was most of the fill).
            self.session.add(
                RoomBookingRecord(
                    office_id=self.office.id,
                    room_id=room.id,
                    appointment=record,
                    starts_at=start,
                    ends_at=end,
                    purpose=f"{service.name}: {contact.full_name}",
                    status="released" if record.status in ("no_show", "cancelled") else "booked",
                    created_at=record.created_at,
                )
            )
        return True

    def _free_room(
        self, start: datetime, room_used: dict[int, set[datetime]]
    ) -> InterviewRoomRecord | None:
        """The smallest room free at ``start``: its buffer keeps the cells either side free too."""
        return next(
            (r for r in self.rooms if not room_used[r.id] & {start - _CELL, start, start + _CELL}),
            None,
        )


def _what_happened(rng: random.Random, record: AppointmentRecord) -> None:
    roll = rng.random()
    start = record.starts_at
    if roll < 0.07:
        record.status = "no_show"
        return
    if roll < 0.12:
        record.status = "cancelled"
        record.cancel_reason = "Customer rang to cancel"
        return
    record.status = "seen"
    if record.place in ("desk", "room"):
        record.arrived_at = start - timedelta(minutes=rng.randint(0, 12))
    delay = 0.0 if rng.random() < 0.75 else rng.lognormvariate(2.0, 0.6)
    record.seen_at = start + timedelta(minutes=round(delay, 1))
    record.finished_at = record.seen_at + (record.ends_at - record.starts_at)
    if delay > 5:
        record.delay_reason = rng.choice(_DELAY_REASONS)
        record.delay_new_time = record.seen_at
        record.delay_told_at = start + timedelta(minutes=5)
