"""Appointments: free-slot search, booking without double booking, and what happens on the day
(issue 4). Every public method is one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from reception_app.domain.appointments import (
    OPEN_STATUSES,
    Appointment,
    AppointmentStatus,
    BookingRefused,
    FreeSlot,
    Officer,
    PartOfDay,
    Place,
    RoomNeeds,
    SlotQuery,
    check_officer_available,
    check_room_open,
    check_room_suits,
    check_times,
    conflicting,
    describe_clash,
    free_slots,
    needs_delay_prompt,
)
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import (
    NotFoundError,
    ReceptionError,
    ValidationError,
)
from reception_app.domain.people import StaffMember
from reception_app.domain.shifts import Shift
from reception_app.domain.validation import check_length
from reception_app.persistence.appointment_records import (
    AppointmentRecord,
    RoomBookingRecord,
    StaffAbsenceRecord,
    StaffHoursRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import (
    ContactRecord,
    InterviewRoomRecord,
    OfficeRecord,
    ServiceRecord,
    StaffRecord,
)
from reception_app.persistence.settings_repository import read_setting
from reception_app.services.booking_support import (
    BOOKABLE_ROLES,
    active_rooms,
    calendar_for,
    candidate_staff,
    lock_rows,
    officer_busy,
    officer_from,
    officers_from,
    room_busy,
    room_from,
    zone_of,
)
from reception_app.services.office_scoped import OfficeScoped, require_actor
from reception_app.services.office_service import require_manager
from reception_app.services.status_change import Logged, change_if_status

MAX_MINUTES = 8 * 60
CHANGED_ELSEWHERE = "This appointment was changed at another desk just now."
SEARCH_WINDOWS = (2, 14, 120)
"""Days of bookings loaded per round of the slot search: most searches end in the first week."""


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """What the booking form sends. ``start`` is aware; ``staff_id`` None: any officer of the
    service's team; ``room_id`` None with a room needed: the smallest suitable free room."""

    service_key: str
    start: datetime
    minutes: int | None = None
    staff_id: int | None = None
    contact_id: int | None = None
    customer_name: str = ""
    place: Place = Place.DESK
    room_id: int | None = None
    home_address: str = ""
    people: int = 2
    interpreter_language: str = ""
    hearing_loop: bool = False
    wheelchair_access: bool = False
    large_print: bool = False
    notes: str = ""


@dataclass(frozen=True, slots=True)
class OfficerInfo:
    staff_id: int
    name: str
    team: str
    role: str


@dataclass(frozen=True, slots=True)
class Absence:
    id: int
    staff_id: int
    first_day: date
    last_day: date
    reason: str


class AppointmentService(OfficeScoped):
    """Appointments of one office. Every public method is one transaction."""

    # --- reference data -----------------------------------------------------------------------

    def officers(self, service_key: str | None = None) -> list[OfficerInfo]:
        """Who appointments can be booked with (for a service: its team)."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            if service_key is None:
                rows = session.scalars(
                    select(StaffRecord)
                    .where(
                        StaffRecord.office_id == office.id,
                        StaffRecord.active.is_(True),
                        StaffRecord.role.in_(BOOKABLE_ROLES),
                    )
                    .order_by(StaffRecord.full_name)
                ).all()
            else:
                rows = candidate_staff(session, office, self._service(session, office, service_key))
            return [OfficerInfo(r.id, r.full_name, r.team, r.role) for r in rows]

    def calendar(self) -> OfficeCalendar:
        with transaction(self._factory, write=False) as session:
            return calendar_for(self._office(session))

    # --- searching ----------------------------------------------------------------------------

    def free_slots(
        self,
        service_key: str,
        *,
        staff_id: int | None = None,
        part_of_day: PartOfDay = PartOfDay.ANY,
        first_day: date | None = None,
        last_day: date | None = None,
        count: int = 5,
        minutes: int | None = None,
        place: Place | None = None,
        room_needs: RoomNeeds | None = None,
        room_id: int | None = None,
        exclude_appointment: int | None = None,
    ) -> list[FreeSlot]:
        """The next free slots for a service, honouring opening hours, bank holidays, closure
        days, each officer's pattern and absences, existing bookings, room availability (when
        the service or place needs a room) and the minimum notice. An inactive service has none."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            service = self._service(session, office, service_key)
            if not service.active:
                return []
            return self._search(
                session,
                office,
                service,
                now,
                staff_id=staff_id,
                part_of_day=part_of_day,
                first_day=first_day,
                last_day=last_day,
                count=count,
                minutes=minutes or service.default_minutes,
                needs_room=place is Place.ROOM or (place is None and service.needs_room),
                room_needs=room_needs or RoomNeeds(),
                room_id=room_id,
                exclude_appointment=exclude_appointment,
            )

    def _search(
        self,
        session: Session,
        office: OfficeRecord,
        service: ServiceRecord,
        now: datetime,
        *,
        staff_id: int | None,
        part_of_day: PartOfDay,
        first_day: date | None,
        last_day: date | None,
        count: int,
        minutes: int,
        needs_room: bool,
        room_needs: RoomNeeds,
        room_id: int | None = None,
        exclude_appointment: int | None = None,
    ) -> list[FreeSlot]:
        calendar = calendar_for(office)
        notice = timedelta(minutes=read_setting(session, "minimum_notice_minutes", office.id))
        staff = candidate_staff(session, office, service)
        if staff_id is not None:
            staff = [s for s in staff if s.id == staff_id]
            if not staff:
                member = session.get(StaffRecord, staff_id)
                if member is not None and member.active and member.role in BOOKABLE_ROLES:
                    staff = [member]
        officers = officers_from(session, staff)
        rooms = [room_from(r) for r in active_rooms(office) if room_id in (None, r.id)]
        after = now + notice
        zone = zone_of(office)
        start_day = max(after.astimezone(zone).date(), first_day or date.min)
        found: list[FreeSlot] = []
        for days in SEARCH_WINDOWS:
            window_end_day = start_day + timedelta(days=days)
            if last_day is not None:
                window_end_day = min(window_end_day, last_day)
            lo = datetime.combine(start_day, time(), zone)
            hi = datetime.combine(window_end_day + timedelta(days=1), time(), zone)
            query = SlotQuery(
                minutes=minutes,
                officers=officers,
                after=after,
                count=count,
                needs_room=needs_room,
                rooms=rooms,
                room_needs=room_needs,
                part_of_day=part_of_day,
                first_day=start_day,
                last_day=window_end_day,
            )
            found = free_slots(
                calendar,
                query,
                officer_busy(
                    session,
                    [o.staff_id for o in officers],
                    lo,
                    hi,
                    exclude_appointment=exclude_appointment,
                ),
                room_busy(session, [r.room_id for r in rooms], lo, hi),
            )
            if len(found) >= count or (last_day is not None and window_end_day >= last_day):
                break
        return found

    # --- booking ------------------------------------------------------------------------------

    def book(self, actor: StaffMember | None, request: BookingRequest) -> Appointment:
        """Save a booking if, inside the write transaction, the officer (and room) are still
        free by the same rule the slot list used. Refusals say why and carry alternatives."""
        staff_id = _require_actor(actor)
        try:
            with transaction(self._factory) as session:
                record = self._save(session, staff_id, request, None)
                return self._appointment(session, record)
        except BookingRefused as refused:
            if not refused.alternatives:
                refused.alternatives = self._alternatives(request)
            raise

    def reschedule(
        self,
        actor: StaffMember | None,
        appointment_id: int,
        start: datetime,
        minutes: int | None = None,
        staff_id: int | None = None,
    ) -> Appointment:
        """Move an appointment (and its room booking) to a new time, possibly with another
        officer; the old time is kept if the new one is refused."""
        actor_id = _require_actor(actor)
        with transaction(self._factory, write=False) as session:
            current = self._record(session, appointment_id)
            if current.status == AppointmentStatus.ARRIVED.value:
                raise ReceptionError(
                    f"{current.customer_name} has arrived and is in the queue: see them today, "
                    "or cancel this appointment and book a new one."
                )
            if current.status not in OPEN_STATUSES:
                raise ReceptionError("Only a booked appointment can be moved.")
            booking = current.room_booking
            request = BookingRequest(
                service_key=current.service.key,
                start=start,
                minutes=minutes
                or int((current.ends_at - current.starts_at) / timedelta(minutes=1)),
                staff_id=staff_id
                if staff_id is not None
                else (None if current.any_officer else current.staff_id),
                contact_id=current.contact_id,
                customer_name=current.customer_name,
                place=Place(current.place),
                room_id=booking.room_id if booking is not None else None,
                home_address=current.home_address,
                people=current.people,
                interpreter_language=current.interpreter_language,
                hearing_loop=current.hearing_loop,
                wheelchair_access=current.wheelchair_access,
                large_print=current.large_print,
                notes=current.notes,
            )
        try:
            with transaction(self._factory) as session:
                record = self._save(session, actor_id, request, appointment_id)
                return self._appointment(session, record)
        except BookingRefused as refused:
            if booking is not None and "room" in (refused.field or ""):
                # The same room is taken: any other suitable room will do.
                request = replace(request, room_id=None)
                try:
                    with transaction(self._factory) as session:
                        record = self._save(session, actor_id, request, appointment_id)
                        return self._appointment(session, record)
                except BookingRefused as again:
                    refused = again
            if not refused.alternatives:
                refused.alternatives = self._alternatives(request, appointment_id)
            raise refused from None

    def _alternatives(self, request: BookingRequest, exclude: int | None = None) -> list[FreeSlot]:
        """Three free times near the one asked for, on either side of it, in time order."""
        day = request.start.astimezone(self.calendar().zone).date()
        options = {
            "staff_id": request.staff_id,
            "minutes": request.minutes,
            "place": request.place,
            "room_needs": _room_needs(request),
            "exclude_appointment": exclude,
        }
        try:
            later = self.free_slots(request.service_key, first_day=day, count=12, **options)  # type: ignore[arg-type]
            earlier = self.free_slots(
                request.service_key,
                first_day=day - timedelta(days=3),
                last_day=day - timedelta(days=1),
                count=200,
                **options,  # type: ignore[arg-type]
            )[-3:]
        except ReceptionError:
            return []
        # Both sides of the time asked for: the latest free time before it and the first two
        # after it (topped up from the other side when one side has fewer).
        before = [s for s in earlier + later if s.start < request.start]
        after = [s for s in later if s.start > request.start]
        take_before = max(1, 3 - len(after))
        chosen = before[-take_before:] + after[: 3 - min(take_before, len(before))]
        return sorted(chosen, key=lambda s: s.start)[:3]

    def _save(
        self,
        session: Session,
        actor_id: int,
        request: BookingRequest,
        existing_id: int | None,
    ) -> AppointmentRecord:
        now = self._clock()
        office = self._office(session)
        service = self._service(session, office, request.service_key)
        if not service.active:
            raise ValidationError(f"{service.name} is no longer offered.", "service")
        minutes = request.minutes or service.default_minutes
        if not 5 <= minutes <= MAX_MINUTES:
            raise ValidationError(
                f"An appointment lasts between 5 minutes and {MAX_MINUTES // 60} hours.", "minutes"
            )
        if request.start.tzinfo is None:
            raise ValueError("booking start must be aware")
        start = request.start
        end = start + timedelta(minutes=minutes)
        calendar = calendar_for(office)
        notice = timedelta(minutes=read_setting(session, "minimum_notice_minutes", office.id))
        try:
            check_times(calendar, start, end, now, minimum_notice=notice)
        except ValidationError as error:
            raise BookingRefused(str(error), error.field) from None
        name = request.customer_name.strip()
        contact: ContactRecord | None = None
        if request.contact_id is not None:
            contact = session.get(ContactRecord, request.contact_id)
            if contact is None or contact.office_id != office.id:
                raise NotFoundError("That contact no longer exists.")
            name = name or contact.full_name
        if not name:
            raise ValidationError("Enter the customer's name or choose a contact.", "customer")
        check_length(name, "customer", "The name", 300)
        check_length(request.notes, "notes", "The notes", 2000)
        place = request.place
        if service.needs_room and place is Place.DESK:
            place = Place.ROOM
        home_address = request.home_address.strip()
        if place is Place.HOME:
            if not home_address and contact is not None and contact.address:
                home_address = "\n".join(
                    p for p in (contact.address.strip(), contact.postcode) if p
                )
            if not home_address:
                raise ValidationError("Enter the address for the home visit.", "home_address")
        if not 1 <= request.people <= 50:
            raise ValidationError("Enter how many people will attend (1 to 50).", "people")

        # The officer: the chosen one, or the first of the team who is free.
        if request.staff_id is not None:
            member = session.get(StaffRecord, request.staff_id)
            if member is None or member.office_id != office.id:
                raise NotFoundError("That officer no longer exists.")
            if not member.active:
                raise BookingRefused(
                    f"{member.full_name} is no longer active; choose another officer.", "officer"
                )
            candidates = [member]
        else:
            candidates = candidate_staff(session, office, service)
            if not candidates:
                raise BookingRefused(
                    f"Nobody takes appointments for {service.name}"
                    + (f" (team {service.team})" if service.team else "")
                    + ". Add an officer in Settings.",
                    "officer",
                )
        lock_rows(session, StaffRecord, [c.id for c in candidates])
        busy = officer_busy(
            session, [c.id for c in candidates], start, end, exclude_appointment=existing_id
        )
        chosen: StaffRecord | None = None
        reason = ""
        for candidate in candidates:
            officer: Officer = officer_from(session, candidate)
            try:
                check_officer_available(officer, calendar, start, end)
            except ValidationError as error:
                reason = reason or str(error)
                continue
            index = busy.get(candidate.id)
            clash = conflicting(start, end, index.around(start, end) if index else [])
            if clash:
                reason = reason or describe_clash(candidate.full_name, clash, calendar)
                continue
            chosen = candidate
            break
        if chosen is None:
            if len(candidates) > 1:
                reason = f"No officer for {service.name} is free at that time."
            raise BookingRefused(reason, "officer")

        # The room, when the place needs one; buffers apply to everyone.
        room: InterviewRoomRecord | None = None
        room_needs = _room_needs(request)
        existing_booking: RoomBookingRecord | None = None
        if existing_id is not None:
            existing_booking = session.scalars(
                select(RoomBookingRecord).where(RoomBookingRecord.appointment_id == existing_id)
            ).first()
        if place is Place.ROOM:
            rooms = active_rooms(office)
            if request.room_id is not None:
                rooms = [r for r in rooms if r.id == request.room_id]
                if not rooms:
                    raise BookingRefused("That room is not available for booking.", "room")
            lock_rows(session, InterviewRoomRecord, [r.id for r in rooms])
            taken = room_busy(
                session,
                [r.id for r in rooms],
                start,
                end,
                exclude_booking=existing_booking.id if existing_booking else None,
            )
            room_reason = ""
            busy_suitable = False
            for candidate_room in sorted(rooms, key=lambda r: (r.capacity, r.id)):
                spec = room_from(candidate_room)
                try:
                    check_room_suits(spec, room_needs)
                    check_room_open(spec, calendar, start, end)
                except ValidationError as error:
                    room_reason = room_reason or str(error)
                    continue
                index = taken.get(candidate_room.id)
                nearby = index.around(start, end, spec.buffer) if index else []
                clash = conflicting(start, end, nearby, spec.buffer)
                if clash:
                    busy_suitable = True
                    room_reason = room_reason or (
                        describe_clash(candidate_room.name, clash, calendar)
                        + (
                            f" Bookings need {candidate_room.buffer_minutes} minutes between them."
                            if candidate_room.buffer_minutes
                            else ""
                        )
                    )
                    continue
                room = candidate_room
                break
            if room is None:
                if request.room_id is None and len(rooms) > 1 and busy_suitable:
                    room_reason = "No suitable interview room is free at that time."
                elif request.room_id is None and len(rooms) > 1:
                    room_reason = f"No interview room suits this booking: {room_reason}"
                raise BookingRefused(room_reason or "No interview room is free.", "room")

        if existing_id is None:
            record = AppointmentRecord(
                office_id=office.id,
                created_by=actor_id,
                created_at=now,
                updated_at=now,
                status=AppointmentStatus.BOOKED.value,
            )
            session.add(record)
        else:
            record = self._record(session, existing_id)
            # Checked again here: another desk may have cancelled it or checked the customer in
            # since the form was filled.
            if record.status != AppointmentStatus.BOOKED.value:
                raise ReceptionError(
                    "This appointment was changed at another desk just now; it cannot be moved."
                )
            record.updated_at = now
        record.contact_id = contact.id if contact is not None else None
        record.customer_name = name
        record.service_id = service.id
        record.staff_id = chosen.id
        record.any_officer = request.staff_id is None
        record.starts_at = start
        record.ends_at = end
        record.place = place.value
        record.home_address = home_address if place is Place.HOME else ""
        record.people = request.people
        record.interpreter_language = request.interpreter_language.strip()[:120]
        record.hearing_loop = request.hearing_loop
        record.wheelchair_access = request.wheelchair_access
        record.large_print = request.large_print
        record.notes = request.notes.strip()
        session.flush()
        if room is not None:
            if existing_booking is None:
                existing_booking = RoomBookingRecord(
                    office_id=office.id,
                    appointment_id=record.id,
                    booked_by=actor_id,
                    created_at=now,
                )
                session.add(existing_booking)
            existing_booking.room_id = room.id
            existing_booking.starts_at = start
            existing_booking.ends_at = end
            existing_booking.people = request.people
            existing_booking.purpose = f"{service.name}: {name}"
            existing_booking.status = "booked"
        elif existing_booking is not None:
            existing_booking.status = "cancelled"
        session.flush()
        local = start.astimezone(zone_of(office))
        log_event(
            session,
            at=now,
            action="appointment_booked" if existing_id is None else "appointment_moved",
            entity="appointment",
            entity_id=record.id,
            office_id=office.id,
            staff_id=actor_id,
            summary=(
                f"{service.name} with {chosen.full_name} on {local:%a %d %b %Y %H:%M}"
                + (f" in {room.name}" if room is not None else "")
            ),
            details={
                "start": start.isoformat(),
                "minutes": minutes,
                "staff_id": chosen.id,
                "room_id": room.id if room is not None else None,
                "place": place.value,
            },
        )
        session.refresh(record)
        return record

    # --- changing -----------------------------------------------------------------------------

    def cancel(self, actor: StaffMember | None, appointment_id: int, reason: str) -> Appointment:
        actor_id = _require_actor(actor)
        reason = reason.strip()
        if not reason:
            raise ValidationError("Say why the appointment is cancelled.", "reason")
        check_length(reason, "reason", "The reason", 255)
        now = self._clock()
        with transaction(self._factory) as session:
            record = self._record(session, appointment_id)
            if record.status not in OPEN_STATUSES:
                raise ReceptionError("This appointment is not booked any more.")
            if record.status == AppointmentStatus.ARRIVED.value:
                _withdraw_visit(session, record, now, reason)
            cancelled = {
                "status": AppointmentStatus.CANCELLED.value,
                "cancel_reason": reason,
                "updated_at": now,
            }
            said = f"Appointment with {record.customer_name} cancelled: {reason}"
            log = Logged("appointment_cancelled", "appointment", actor_id, said)
            if not change_if_status(session, record, OPEN_STATUSES, cancelled, at=now, log=log):
                raise ReceptionError(CHANGED_ELSEWHERE)
            if record.room_booking is not None:
                record.room_booking.status = "cancelled"
            return self._appointment(session, record)

    def mark_no_show(self, actor: StaffMember | None, appointment_id: int) -> Appointment:
        """The customer did not come: the officer's time and any room are freed."""
        actor_id = _require_actor(actor)
        now = self._clock()
        with transaction(self._factory) as session:
            record = self._record(session, appointment_id)
            if record.status != AppointmentStatus.BOOKED.value:
                raise ReceptionError(
                    "Only a booked appointment whose customer has not arrived can be a no-show."
                )
            if record.starts_at > now:
                raise ReceptionError("The appointment has not started yet.")
            no_show = {"status": AppointmentStatus.NO_SHOW.value, "updated_at": now}
            log = Logged(
                "appointment_no_show",
                "appointment",
                actor_id,
                f"{record.customer_name} did not come",
            )
            booked = (AppointmentStatus.BOOKED.value,)
            if not change_if_status(session, record, booked, no_show, at=now, log=log):
                raise ReceptionError(CHANGED_ELSEWHERE)
            if record.room_booking is not None and record.room_booking.status == "booked":
                record.room_booking.status = "released"
                record.room_booking.released_at = now
            return self._appointment(session, record)

    def mark_seen(self, actor: StaffMember | None, appointment_id: int) -> Appointment:
        """The officer saw the customer (away from the queue: a phone call or home visit)."""
        actor_id = _require_actor(actor)
        now = self._clock()
        with transaction(self._factory) as session:
            record = self._record(session, appointment_id)
            if record.status not in OPEN_STATUSES:
                raise ReceptionError("This appointment is not open any more.")
            visit = record.visit
            if record.status == AppointmentStatus.ARRIVED.value and visit is not None:
                # Seen by their officer without being called from the queue: the ticket is
                # finished too, so nobody calls it later.
                if visit.status in ("waiting", "called", "serving"):
                    visit.status = "served"
                    visit.called_at = visit.called_at or now
                    visit.finished_at = now
            if record.starts_at > now + timedelta(hours=1):
                raise ReceptionError("The appointment is more than an hour away.")
            seen = {
                "status": AppointmentStatus.SEEN.value,
                "seen_at": func.coalesce(AppointmentRecord.seen_at, now),
                "finished_at": now,
                "updated_at": now,
            }
            log = Logged(
                "appointment_seen", "appointment", actor_id, f"{record.customer_name} seen"
            )
            if not change_if_status(session, record, OPEN_STATUSES, seen, at=now, log=log):
                raise ReceptionError(CHANGED_ELSEWHERE)
            return self._appointment(session, record)

    def record_delay(
        self,
        actor: StaffMember | None,
        appointment_id: int,
        reason: str,
        new_time: datetime,
    ) -> Appointment:
        """The desk told a waiting customer why they are late being seen and when they will be."""
        actor_id = _require_actor(actor)
        reason = reason.strip()
        if not reason:
            raise ValidationError("Say why the customer is waiting.", "reason")
        check_length(reason, "reason", "The reason", 255)
        now = self._clock()
        if new_time.tzinfo is None:
            raise ValueError("new_time must be aware")
        if new_time <= now:
            raise ValidationError("The new time must be later than now.", "new_time")
        if new_time > now + timedelta(hours=4):
            raise ValidationError(
                "That is more than four hours away; offer another appointment instead.", "new_time"
            )
        with transaction(self._factory) as session:
            record = self._record(session, appointment_id)
            if record.status != AppointmentStatus.ARRIVED.value:
                raise ReceptionError("The customer is not waiting for this appointment.")
            told = {
                "delay_reason": reason,
                "delay_new_time": new_time,
                "delay_told_by": actor_id,
                "delay_told_at": now,
                "updated_at": now,
            }
            zone = zone_of(self._office(session))
            log = Logged(
                "appointment_delay_told",
                "appointment",
                actor_id,
                f"{record.customer_name} told: {reason}; seen by {new_time.astimezone(zone):%H:%M}",
                {"reason": reason, "new_time": new_time.isoformat()},
            )
            arrived = (AppointmentStatus.ARRIVED.value,)
            if not change_if_status(session, record, arrived, told, at=now, log=log):
                raise ReceptionError("The customer is not waiting for this appointment.")
            return self._appointment(session, record)

    # --- reading ------------------------------------------------------------------------------

    def appointment(self, appointment_id: int) -> Appointment:
        with transaction(self._factory, write=False) as session:
            return self._appointment(session, self._record(session, appointment_id))

    def between(
        self,
        first_day: date,
        last_day: date,
        *,
        staff_id: int | None = None,
        include_cancelled: bool = False,
    ) -> list[Appointment]:
        """Appointments starting on the office-local days ``first_day`` to ``last_day``."""
        if last_day < first_day:
            raise ValidationError("The end date is before the start date.", "last_day")
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            zone = zone_of(office)
            query = (
                select(AppointmentRecord)
                .where(
                    AppointmentRecord.office_id == office.id,
                    AppointmentRecord.starts_at >= datetime.combine(first_day, time(), zone),
                    AppointmentRecord.starts_at
                    < datetime.combine(last_day + timedelta(days=1), time(), zone),
                )
                .options(
                    selectinload(AppointmentRecord.service),
                    selectinload(AppointmentRecord.staff),
                    selectinload(AppointmentRecord.visit),
                    selectinload(AppointmentRecord.room_booking).selectinload(
                        RoomBookingRecord.room
                    ),
                )
                .order_by(AppointmentRecord.starts_at, AppointmentRecord.id)
            )
            if staff_id is not None:
                query = query.where(AppointmentRecord.staff_id == staff_id)
            if not include_cancelled:
                query = query.where(AppointmentRecord.status != AppointmentStatus.CANCELLED.value)
            return [self._appointment(session, r) for r in session.scalars(query)]

    def day(self, day: date, *, staff_id: int | None = None) -> list[Appointment]:
        return self.between(day, day, staff_id=staff_id)

    def today(self) -> list[Appointment]:
        with transaction(self._factory, write=False) as session:
            zone = zone_of(self._office(session))
        return self.day(self._clock().astimezone(zone).date())

    def delay_prompts(self) -> list[Appointment]:
        """Arrived customers not yet called, past the prompt time: the desk must tell them why
        and when they will be seen (North Norfolk: "kept informed of the reason for any delay")."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            after = read_setting(session, "appointment_late_prompt_minutes", office.id)
            # Only arrived customers can be late being seen: one small query, every refresh.
            rows = session.scalars(
                select(AppointmentRecord)
                .where(
                    AppointmentRecord.office_id == office.id,
                    AppointmentRecord.status == AppointmentStatus.ARRIVED.value,
                    AppointmentRecord.seen_at.is_(None),
                    AppointmentRecord.starts_at <= now,
                )
                .order_by(AppointmentRecord.starts_at)
            )
            due = [appointment_view(r) for r in rows]
        return [a for a in due if needs_delay_prompt(a, now, after)]

    def confirmation_details(self, appointment_id: int) -> dict[str, str]:
        """What a confirmation letter says: date, time, officer, where to go, how to get there,
        what to bring and how to cancel (the letters issue fills its template with these)."""
        with transaction(self._factory, write=False) as session:
            record = self._record(session, appointment_id)
            office = self._office(session)
            appointment = self._appointment(session, record)
            zone = zone_of(office)
            start = appointment.start.astimezone(zone)
            end = appointment.end.astimezone(zone)
            if appointment.place is Place.HOME:
                where = f"We will visit you at: {', '.join(appointment.home_address.splitlines())}"
            elif appointment.place is Place.PHONE:
                where = "We will phone you"
            else:
                where = ", ".join(
                    p
                    for p in (
                        appointment.room_name if appointment.place is Place.ROOM else "Reception",
                        appointment.room_location,
                        office.site,
                    )
                    if p
                )
            return {
                "customer_name": appointment.customer_name,
                "service": appointment.service_name,
                "date": f"{start:%A} {start.day} {start:%B %Y}",
                "time": f"{start:%H:%M}",
                "end_time": f"{end:%H:%M}",
                "officer": appointment.officer_name,
                "place": appointment.place.value,
                "where": where,
                "directions": office.directions
                if appointment.place in (Place.DESK, Place.ROOM)
                else "",
                "what_to_bring": record.service.what_to_bring,
                "how_to_cancel": (
                    f"If you cannot come, please tell us as soon as you can: phone {office.phone} "
                    f"or email {office.email}."
                ),
                "needs": appointment.needs_text(),
                "office_name": office.name,
                "office_phone": office.phone,
                "office_email": office.email,
            }

    # --- officers' working patterns and absences ----------------------------------------------

    def working_pattern(self, staff_id: int) -> list[Shift]:
        with transaction(self._factory, write=False) as session:
            rows = session.scalars(
                select(StaffHoursRecord)
                .where(StaffHoursRecord.staff_id == staff_id)
                .order_by(StaffHoursRecord.weekday, StaffHoursRecord.start)
            ).all()
            return [Shift.from_text(r.weekday, r.start, r.end) for r in rows]

    def set_working_pattern(
        self, actor: StaffMember | None, staff_id: int, lines: Sequence[Shift]
    ) -> None:
        """Replace an officer's pattern; an empty pattern means the office's opening hours."""
        now = self._clock()
        for line in lines:
            if not 0 <= line.weekday <= 6:
                raise ValidationError("Choose a day of the week.", "weekday")
            if line.start >= line.end:
                raise ValidationError("Each working period must end after it starts.", "end")
        checked = list(lines)
        ordered = sorted(checked)
        for before, after in zip(ordered, ordered[1:], strict=False):
            if before.weekday == after.weekday and after.start < before.end:
                raise ValidationError("Two working periods on the same day overlap.", "start")
        with transaction(self._factory) as session:
            office = self._office(session)
            require_manager(actor, session)
            member = session.get(StaffRecord, staff_id)
            if member is None or member.office_id != office.id:
                raise NotFoundError("That member of staff no longer exists.")
            session.execute(delete(StaffHoursRecord).where(StaffHoursRecord.staff_id == staff_id))
            for line in checked:
                session.add(
                    StaffHoursRecord(
                        staff_id=staff_id,
                        weekday=line.weekday,
                        start=line.start_text,
                        end=line.end_text,
                    )
                )
            log_event(
                session,
                at=now,
                action="working_pattern_set",
                entity="staff",
                entity_id=staff_id,
                office_id=office.id,
                staff_id=actor.id if actor else None,
                summary=f"Working pattern of {member.full_name} set ({len(checked)} periods)",
            )

    def absences(self, staff_id: int | None = None) -> list[Absence]:
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            query = (
                select(StaffAbsenceRecord)
                .join(StaffRecord, StaffRecord.id == StaffAbsenceRecord.staff_id)
                .where(StaffRecord.office_id == office.id)
                .order_by(StaffAbsenceRecord.first_day)
            )
            if staff_id is not None:
                query = query.where(StaffAbsenceRecord.staff_id == staff_id)
            return [
                Absence(r.id, r.staff_id, r.first_day, r.last_day, r.reason)
                for r in session.scalars(query)
            ]

    def add_absence(
        self,
        actor: StaffMember | None,
        staff_id: int,
        first_day: date,
        last_day: date,
        reason: str = "",
    ) -> Absence:
        """Record leave; appointments already booked in it are listed in the message so the desk
        can move them (they are never silently cancelled)."""
        actor_id = _require_actor(actor)
        if last_day < first_day:
            raise ValidationError("The last day is before the first day.", "last_day")
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            require_manager(actor, session)
            member = session.get(StaffRecord, staff_id)
            if member is None or member.office_id != office.id:
                raise NotFoundError("That member of staff no longer exists.")
            record = StaffAbsenceRecord(
                staff_id=staff_id,
                first_day=first_day,
                last_day=last_day,
                reason=reason.strip()[:120],
            )
            session.add(record)
            session.flush()
            log_event(
                session,
                at=now,
                action="absence_added",
                entity="staff",
                entity_id=staff_id,
                office_id=office.id,
                staff_id=actor_id,
                summary=f"{member.full_name} away {first_day:%d %b} to {last_day:%d %b %Y}",
            )
            return Absence(record.id, staff_id, first_day, last_day, record.reason)

    def remove_absence(self, actor: StaffMember | None, absence_id: int) -> None:
        actor_id = _require_actor(actor)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            require_manager(actor, session)
            record = session.get(StaffAbsenceRecord, absence_id)
            if record is None:
                raise NotFoundError("That time away no longer exists.")
            member = session.get(StaffRecord, record.staff_id)
            if member is None or member.office_id != office.id:
                raise NotFoundError("That time away no longer exists.")
            log_event(
                session,
                at=now,
                action="absence_removed",
                entity="staff",
                entity_id=member.id,
                office_id=office.id,
                staff_id=actor_id,
                summary=(
                    f"{member.full_name}: time away {record.first_day:%d %b} to "
                    f"{record.last_day:%d %b %Y} removed"
                ),
            )
            session.delete(record)

    # --- helpers ------------------------------------------------------------------------------

    def _service(self, session: Session, office: OfficeRecord, key: str) -> ServiceRecord:
        service = session.scalars(
            select(ServiceRecord).where(
                ServiceRecord.office_id == office.id, ServiceRecord.key == key
            )
        ).first()
        if service is None:
            raise NotFoundError(f"There is no service '{key}' at {office.name}.")
        return service

    def _record(self, session: Session, appointment_id: int) -> AppointmentRecord:
        office = self._office(session)
        record = session.get(AppointmentRecord, appointment_id)
        if record is None or record.office_id != office.id:
            raise NotFoundError("That appointment no longer exists.")
        return record

    @staticmethod
    def _appointment(session: Session, record: AppointmentRecord) -> Appointment:
        return appointment_view(record)


def appointment_view(record: AppointmentRecord) -> Appointment:
    booking = record.room_booking
    room = booking.room if booking is not None and booking.status == "booked" else None
    return Appointment(
        id=record.id,
        customer_name=record.customer_name,
        contact_id=record.contact_id,
        service_key=record.service.key,
        service_name=record.service.name,
        staff_id=record.staff_id,
        officer_name=record.staff.full_name,
        any_officer=record.any_officer,
        start=record.starts_at,
        end=record.ends_at,
        place=Place(record.place),
        room_id=room.id if room is not None else None,
        room_name=room.name if room is not None else "",
        room_location=room.location if room is not None else "",
        home_address=record.home_address,
        people=record.people,
        interpreter_language=record.interpreter_language,
        hearing_loop=record.hearing_loop,
        wheelchair_access=record.wheelchair_access,
        large_print=record.large_print,
        notes=record.notes,
        status=AppointmentStatus(record.status),
        cancel_reason=record.cancel_reason,
        arrived_at=record.arrived_at,
        seen_at=record.seen_at,
        ticket=record.visit.ticket if record.visit is not None else None,
        delay_reason=record.delay_reason,
        delay_new_time=record.delay_new_time,
        delay_told_at=record.delay_told_at,
    )


def _room_needs(request: BookingRequest) -> RoomNeeds:
    return RoomNeeds(
        people=request.people,
        hearing_loop=request.hearing_loop,
        wheelchair_access=request.wheelchair_access,
    )


def _require_actor(actor: StaffMember | None) -> int:
    return require_actor(actor).id


def _withdraw_visit(
    session: Session, record: AppointmentRecord, now: datetime, reason: str
) -> None:
    """Take a cancelled appointment's customer out of the live queue (never one being seen)."""
    visit = record.visit
    if visit is None or visit.status in ("served", "left", "cancelled"):
        return
    if visit.status != "waiting":
        raise ReceptionError(
            f"{record.customer_name} ({visit.ticket}) is at a desk now; finish the visit there."
        )
    visit.status = "cancelled"
    visit.finished_at = now
    log_event(
        session,
        at=now,
        action="withdrawn",
        entity="visit",
        entity_id=visit.id,
        office_id=record.office_id,
        summary=f"{visit.ticket} taken out of the queue: appointment cancelled ({reason})",
    )
