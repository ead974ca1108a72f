"""Interview rooms: the room board, bookings on their own, "private room now", repeat bookings
and releasing no-shows (issue 4). Uses the same conflict rule as appointments."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from reception_app.domain.appointments import (
    Repeat,
    Room,
    RoomNeeds,
    check_room_open,
    check_room_suits,
    check_times,
    conflicting,
    describe_clash,
    repeat_starts,
)
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import (
    NotFoundError,
    ReceptionError,
    ValidationError,
)
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_length
from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import InterviewRoomRecord, OfficeRecord
from reception_app.persistence.settings_repository import read_setting
from reception_app.services.booking_support import (
    active_rooms,
    calendar_for,
    lock_rows,
    room_busy,
    room_from,
    zone_of,
)
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.room_views import (
    PlannedOccurrence,
    RoomBooking,
    RoomInfo,
    room_booking,
    room_info,
)

__all__ = ["FREE_TIME_STEP_MINUTES", "PlannedOccurrence", "RoomBooking", "RoomInfo", "RoomService"]

FREE_TIME_STEP_MINUTES = 15
"""Free times offered instead of a refused one are on the quarter hour, like appointments."""


class RoomService(OfficeScoped):
    """Interview-room bookings of one office. Every public method is one transaction."""

    def rooms(self) -> list[RoomInfo]:
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            return [room_info(r) for r in active_rooms(office)]

    def board(self, day: date) -> list[RoomBooking]:
        """The day's booked room time (released and cancelled bookings left out)."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            zone = zone_of(office)
            rows = session.scalars(
                select(RoomBookingRecord)
                .where(
                    RoomBookingRecord.office_id == office.id,
                    RoomBookingRecord.status == "booked",
                    RoomBookingRecord.starts_at
                    < datetime.combine(day + timedelta(days=1), time(), zone),
                    RoomBookingRecord.ends_at > datetime.combine(day, time(), zone),
                )
                .options(
                    selectinload(RoomBookingRecord.room),
                    selectinload(RoomBookingRecord.appointment),
                )
                .order_by(RoomBookingRecord.starts_at)
            )
            return [room_booking(r) for r in rows]

    def calendar(self) -> OfficeCalendar:
        with transaction(self._factory, write=False) as session:
            return calendar_for(self._office(session))

    def free_times(
        self,
        room_id: int,
        day: date | datetime,
        minutes: int,
        count: int = 3,
        needs: RoomNeeds | None = None,
    ) -> list[datetime]:
        """Up to ``count`` free start times of the room on that day, on the quarter hour, in
        time order: the nearest to ``day`` when it is a datetime (the time asked for), else the
        earliest. Free by the booking rules: not past, inside the office's opening hours and the
        room's own hours, clear of its bookings by its buffer (``conflicting``). Empty when the
        room does not suit ``needs`` or the day has no free time."""
        if not 5 <= minutes <= 12 * 60:
            raise ValidationError("A room booking lasts between 5 minutes and 12 hours.", "minutes")
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            room = self._room(session, office, room_id)
            spec = room_from(room)
            calendar = calendar_for(office)
            if needs is not None and not spec.suits(needs):
                return []
            asked = calendar.to_local(day) if isinstance(day, datetime) else None
            local_day = asked.date() if asked is not None else day
            opening = calendar.opening_intervals(local_day)
            if not opening:
                return []
            length = timedelta(minutes=minutes)
            index = room_busy(session, [room.id], opening[0][0], opening[-1][1]).get(room.id)
            midnight = datetime.combine(local_day, time())
            found: list[datetime] = []
            for k in range(0, 24 * 60, FREE_TIME_STEP_MINUTES):
                start = calendar.to_local(midnight + timedelta(minutes=k))
                end = start + length
                if start.date() != local_day or start in found:
                    continue  # the hour a clock change skips or repeats
                try:
                    check_times(calendar, start, end, now)
                    check_room_open(spec, calendar, start, end)
                except ValidationError:
                    continue
                nearby = index.around(start, end, spec.buffer) if index else []
                if not conflicting(start, end, nearby, spec.buffer):
                    found.append(start)
        if asked is not None:
            found = sorted(found, key=lambda s: (abs(s - asked), s))
        return sorted(found[:count])

    # --- booking ------------------------------------------------------------------------------

    def book(
        self,
        actor: StaffMember | None,
        room_id: int,
        start: datetime,
        minutes: int,
        purpose: str,
        needs: RoomNeeds | None = None,
    ) -> RoomBooking:
        """Book a room on its own (a meeting, a private conversation)."""
        actor_id = self._require_actor(actor).id
        purpose = _purpose(purpose)
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._book_one(
                session, office, actor_id, room_id, start, minutes, purpose, needs or RoomNeeds()
            )
            return room_booking(record)

    def private_room_now(
        self,
        actor: StaffMember | None,
        minutes: int = 30,
        needs: RoomNeeds | None = None,
        purpose: str = "Private conversation",
    ) -> RoomBooking:
        """A visitor asks for privacy: the smallest suitable room free from now on, booked at once."""
        actor_id = self._require_actor(actor).id
        needs = needs or RoomNeeds()
        now = self._clock()
        start = now.replace(second=0, microsecond=0)
        with transaction(self._factory) as session:
            office = self._office(session)
            calendar = calendar_for(office)
            if not calendar.is_open(now):
                raise ReceptionError("The office is closed, so no room can be booked for now.")
            closes = calendar.closing_time(now)
            end = start + timedelta(minutes=minutes)
            if closes is not None and end > closes:
                end = closes
            rooms = sorted(active_rooms(office), key=lambda r: (r.capacity, r.id))
            lock_rows(session, InterviewRoomRecord, [r.id for r in rooms])
            taken = room_busy(session, [r.id for r in rooms], start, end)
            reasons = []
            for room in rooms:
                spec = room_from(room)
                try:
                    check_room_suits(spec, needs)
                    check_room_open(spec, calendar, start, end)
                except ValidationError as error:
                    reasons.append(str(error))
                    continue
                index = taken.get(room.id)
                if conflicting(
                    start, end, index.around(start, end, spec.buffer) if index else [], spec.buffer
                ):
                    reasons.append(f"{room.name} is in use.")
                    continue
                record = self._insert(
                    session, office, actor_id, room, start, end, purpose, needs.people, None
                )
                return room_booking(record)
            raise ReceptionError(
                "No suitable room is free right now. " + " ".join(reasons)
                if reasons
                else "There are no interview rooms set up. Add one in Settings."
            )

    def plan_repeat(
        self,
        room_id: int,
        first_start: datetime,
        minutes: int,
        repeat: Repeat,
        occurrences: int,
        needs: RoomNeeds | None = None,
    ) -> list[PlannedOccurrence]:
        """Every date of a repeat booking with why it cannot be booked, if so: shown before
        confirming, so "skip conflicting dates" is an informed choice."""
        needs = needs or RoomNeeds()
        now = self._clock()
        plan: list[PlannedOccurrence] = []
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            room = self._room(session, office, room_id)
            spec = room_from(room)
            calendar = calendar_for(office)
            check_room_suits(spec, needs)
            starts = repeat_starts(calendar.to_local(first_start), repeat, occurrences)
            length = timedelta(minutes=minutes)
            taken = room_busy(session, [room.id], starts[0], starts[-1] + length)
            index = taken.get(room.id)
            for start in starts:
                end = start + length
                reason = ""
                try:
                    check_times(calendar, start, end, now)
                    _check_room_open(spec, calendar, start, end)
                except ValidationError as error:
                    reason = str(error)
                if not reason and index is not None:
                    clash = conflicting(
                        start, end, index.around(start, end, spec.buffer), spec.buffer
                    )
                    if clash:
                        reason = describe_clash(room.name, clash, calendar)
                plan.append(PlannedOccurrence(start, end, reason))
        return plan

    def book_repeat(
        self,
        actor: StaffMember | None,
        room_id: int,
        first_start: datetime,
        minutes: int,
        repeat: Repeat,
        occurrences: int,
        purpose: str,
        *,
        skip_conflicts: bool,
        needs: RoomNeeds | None = None,
    ) -> list[RoomBooking]:
        """Book every date of a repeat booking in one transaction. With ``skip_conflicts`` the
        dates that clash are left out; without, one clash refuses the whole series."""
        actor_id = self._require_actor(actor).id
        purpose = _purpose(purpose)
        needs = needs or RoomNeeds()
        plan = self.plan_repeat(room_id, first_start, minutes, repeat, occurrences, needs)
        clashes = [p for p in plan if not p.free]
        if clashes and not skip_conflicts:
            first = clashes[0]
            raise ValidationError(
                f"{len(clashes)} of the {len(plan)} dates cannot be booked, starting "
                f"{first.start:%a %d %b}: {first.clash} Choose 'skip conflicting dates' or "
                "another time.",
                "start",
            )
        series = uuid.uuid4().hex[:12]
        made: list[RoomBooking] = []
        with transaction(self._factory) as session:
            office = self._office(session)
            for occurrence in plan:
                if not occurrence.free:
                    continue
                # Checked again inside this transaction: another desk may have booked meanwhile.
                record = self._book_one(
                    session,
                    office,
                    actor_id,
                    room_id,
                    occurrence.start,
                    minutes,
                    purpose,
                    needs,
                    series=series,
                )
                made.append(room_booking(record))
            if not made:
                raise ValidationError("None of the dates can be booked.", "start")
        return made

    def _book_one(
        self,
        session: Session,
        office: OfficeRecord,
        actor_id: int,
        room_id: int,
        start: datetime,
        minutes: int,
        purpose: str,
        needs: RoomNeeds,
        *,
        series: str | None = None,
    ) -> RoomBookingRecord:
        if not 5 <= minutes <= 12 * 60:
            raise ValidationError("A room booking lasts between 5 minutes and 12 hours.", "minutes")
        if start.tzinfo is None:
            raise ValueError("start must be aware")
        now = self._clock()
        end = start + timedelta(minutes=minutes)
        calendar = calendar_for(office)
        room = self._room(session, office, room_id)
        spec = room_from(room)
        check_times(calendar, start, end, now)
        check_room_suits(spec, needs)
        _check_room_open(spec, calendar, start, end)
        lock_rows(session, InterviewRoomRecord, [room.id])
        index = room_busy(session, [room.id], start, end).get(room.id)
        clash = conflicting(
            start, end, index.around(start, end, spec.buffer) if index else [], spec.buffer
        )
        if clash:
            raise ValidationError(
                describe_clash(room.name, clash, calendar)
                + (
                    f" Bookings need {room.buffer_minutes} minutes between them."
                    if room.buffer_minutes
                    else ""
                ),
                "start",
            )
        return self._insert(
            session, office, actor_id, room, start, end, purpose, needs.people, series
        )

    def _insert(
        self,
        session: Session,
        office: OfficeRecord,
        actor_id: int,
        room: InterviewRoomRecord,
        start: datetime,
        end: datetime,
        purpose: str,
        people: int,
        series: str | None,
    ) -> RoomBookingRecord:
        now = self._clock()
        record = RoomBookingRecord(
            office_id=office.id,
            room_id=room.id,
            starts_at=start,
            ends_at=end,
            purpose=purpose,
            people=people,
            status="booked",
            series=series,
            booked_by=actor_id,
            created_at=now,
        )
        session.add(record)
        session.flush()
        local = start.astimezone(zone_of(office))
        log_event(
            session,
            at=now,
            action="room_booked",
            entity="room_booking",
            entity_id=record.id,
            office_id=office.id,
            staff_id=actor_id,
            summary=f"{room.name} booked {local:%a %d %b %H:%M}-{end.astimezone(zone_of(office)):%H:%M}: {purpose}",
        )
        session.refresh(record)
        return record

    # --- freeing ------------------------------------------------------------------------------

    def cancel(self, actor: StaffMember | None, booking_id: int) -> None:
        actor_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            record = self._booking_record(session, booking_id)
            if record.appointment_id is not None:
                raise ReceptionError(
                    "This room is booked for an appointment: cancel or move the appointment instead."
                )
            if record.status != "booked":
                raise ReceptionError("This booking is not active any more.")
            record.status = "cancelled"
            log_event(
                session,
                at=now,
                action="room_booking_cancelled",
                entity="room_booking",
                entity_id=record.id,
                office_id=record.office_id,
                staff_id=actor_id,
                summary=f"Room booking cancelled: {record.purpose}",
            )

    def release_no_shows(self, actor: StaffMember | None) -> list[RoomBooking]:
        """Free rooms held for appointments whose customer has not arrived by the grace period
        after the start (setting), so the room can be used by someone else."""
        actor_id = self._require_actor(actor).id
        now = self._clock()
        released: list[RoomBooking] = []
        with transaction(self._factory) as session:
            office = self._office(session)
            grace = timedelta(
                minutes=read_setting(session, "room_release_grace_minutes", office.id)
            )
            rows = session.scalars(
                select(RoomBookingRecord)
                .join(AppointmentRecord, AppointmentRecord.id == RoomBookingRecord.appointment_id)
                .where(
                    RoomBookingRecord.office_id == office.id,
                    RoomBookingRecord.status == "booked",
                    AppointmentRecord.status == "booked",
                    AppointmentRecord.starts_at <= now - grace,
                    RoomBookingRecord.ends_at > now,
                )
            ).all()
            for record in rows:
                record.status = "released"
                record.released_at = now
                log_event(
                    session,
                    at=now,
                    action="room_released",
                    entity="room_booking",
                    entity_id=record.id,
                    office_id=office.id,
                    staff_id=actor_id,
                    summary=f"{record.room.name} released: customer not arrived ({record.purpose})",
                )
                released.append(room_booking(record))
        return released

    # --- helpers ------------------------------------------------------------------------------

    def _room(self, session: Session, office: OfficeRecord, room_id: int) -> InterviewRoomRecord:
        room = session.get(InterviewRoomRecord, room_id)
        if room is None or room.office_id != office.id:
            raise NotFoundError("That room no longer exists.")
        if not room.active:
            raise ValidationError(f"{room.name} is not in use for bookings.", "room")
        return room

    def _booking_record(self, session: Session, booking_id: int) -> RoomBookingRecord:
        office = self._office(session)
        record = session.get(RoomBookingRecord, booking_id)
        if record is None or record.office_id != office.id:
            raise NotFoundError("That room booking no longer exists.")
        return record


def _check_room_open(room: Room, calendar: OfficeCalendar, start: datetime, end: datetime) -> None:
    """``check_room_open``, saying when the room can be booked that day (next to the time, as
    the fix is usually another time; the free times are offered there)."""
    try:
        check_room_open(room, calendar, start, end)
    except ValidationError:
        day = calendar.to_local(start).date()
        spans = (room.hours or {}).get(day.weekday(), ())
        if spans:
            hours = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in spans)
            message = f"{room.name} can only be booked {hours} on {day:%A}s."
        else:
            message = f"{room.name} cannot be booked on {day:%A}s."
        raise ValidationError(
            f"{message} Choose a time it is open, or another room.", "start"
        ) from None


def _purpose(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError("Say what the room is for.", "purpose")
    return check_length(text, "purpose", "The purpose", 255)
