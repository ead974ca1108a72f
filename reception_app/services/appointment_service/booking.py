"""Booking and moving appointments without double booking: the officer (and room) are checked
again inside the write transaction by the same rule the slot search used."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.appointments import (
    OPEN_STATUSES,
    Appointment,
    AppointmentStatus,
    BookingRefused,
    Officer,
    Place,
    check_officer_available,
    check_room_open,
    check_room_suits,
    check_times,
    conflicting,
    describe_clash,
)
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import NotFoundError, ReceptionError, ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_length
from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
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
from reception_app.services.appointment_service.notices import notice_booked, notice_moved
from reception_app.services.appointment_service.search import SlotSearch
from reception_app.services.appointment_service.views import (
    MAX_MINUTES,
    BookingRequest,
    appointment_record,
    appointment_view,
    room_needs,
    service_by_key,
)
from reception_app.services.booking_support import (
    active_rooms,
    calendar_for,
    candidate_staff,
    lock_rows,
    officer_busy,
    officer_from,
    room_busy,
    room_from,
    zone_of,
)


class Booking(SlotSearch):
    """Booking and rescheduling (``AppointmentService`` is made of this and its siblings)."""

    def book(self, actor: StaffMember | None, request: BookingRequest) -> Appointment:
        """Save a booking if, inside the write transaction, the officer (and room) are still
        free by the same rule the slot list used. Refusals say why and carry alternatives."""
        staff_id = self._require_actor(actor).id
        try:
            with transaction(self._factory) as session:
                record = self._save(session, staff_id, request, None)
                notice_booked(session, self._office(session), record, self._clock())
                return appointment_view(record)
        except BookingRefused as refused:
            if not refused.alternatives:
                refused.alternatives = self._alternatives(request)
            raise

    def book_in(
        self, session: Session, actor_id: int, request: BookingRequest
    ) -> AppointmentRecord:
        """``book`` inside the caller's write transaction (the check-in desk books instead of a
        ticket and withdraws the ticket in the same transaction); a refusal carries no
        alternatives."""
        return self._save(session, actor_id, request, None)

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
        actor_id = self._require_actor(actor).id
        with transaction(self._factory, write=False) as session:
            current = appointment_record(session, self._office(session), appointment_id)
            if current.status == AppointmentStatus.ARRIVED.value:
                raise ReceptionError(
                    f"{current.customer_name} has arrived and is in the queue: see them today, "
                    "or cancel this appointment and book a new one."
                )
            if current.status not in OPEN_STATUSES:
                raise ReceptionError("Only a booked appointment can be moved.")
            booking = current.room_booking
            previous = current.starts_at
            request = _moved_request(current, start, minutes, staff_id)
        try:
            return self._move(actor_id, request, appointment_id, previous)
        except BookingRefused as refused:
            if booking is not None and "room" in (refused.field or ""):
                # The same room is taken: any other suitable room will do.
                request = replace(request, room_id=None)
                try:
                    return self._move(actor_id, request, appointment_id, previous)
                except BookingRefused as again:
                    refused = again
            if not refused.alternatives:
                refused.alternatives = self._alternatives(request, appointment_id)
            raise refused from None

    def _move(
        self, actor_id: int, request: BookingRequest, appointment_id: int, previous: datetime
    ) -> Appointment:
        """Save the moved booking and queue the customer's notice, in one transaction."""
        with transaction(self._factory) as session:
            record = self._save(session, actor_id, request, appointment_id)
            notice_moved(session, self._office(session), record, previous, self._clock())
            return appointment_view(record)

    def _save(
        self,
        session: Session,
        actor_id: int,
        request: BookingRequest,
        existing_id: int | None,
    ) -> AppointmentRecord:
        """Check ``request`` and write it (a new booking, or ``existing_id`` moved); the same
        rules as the slot search decide, so a refusal says why (BookingRefused)."""
        now = self._clock()
        office = self._office(session)
        service = service_by_key(session, office, request.service_key)
        if not service.active:
            raise ValidationError(f"{service.name} is no longer offered.", "service")
        start, end, calendar = _checked_times(session, office, service, request, now)
        name, contact = _customer(session, office, request)
        place, home_address = _place(service, request, contact)
        officer = _choose_officer(
            session, office, service, request, calendar, start, end, existing_id
        )
        existing_booking = None
        if existing_id is not None:
            existing_booking = session.scalars(
                select(RoomBookingRecord).where(RoomBookingRecord.appointment_id == existing_id)
            ).first()
        room = None
        if place is Place.ROOM:
            room = _choose_room(session, office, request, calendar, start, end, existing_booking)
        chosen = _Chosen(service, start, end, name, contact, place, home_address, officer, room)
        record = self._write(session, office, actor_id, request, chosen, existing_id, now)
        _write_room_booking(
            session, office, actor_id, request, chosen, record, existing_booking, now
        )
        _log_booking(session, office, actor_id, chosen, record, existing_id is None, now)
        session.refresh(record)
        return record

    def _write(
        self,
        session: Session,
        office: OfficeRecord,
        actor_id: int,
        request: BookingRequest,
        chosen: _Chosen,
        existing_id: int | None,
        now: datetime,
    ) -> AppointmentRecord:
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
            record = appointment_record(session, office, existing_id)
            # Checked again here: another desk may have cancelled it or checked the customer in
            # since the form was filled.
            if record.status != AppointmentStatus.BOOKED.value:
                raise ReceptionError(
                    "This appointment was changed at another desk just now; it cannot be moved."
                )
            record.updated_at = now
        record.contact_id = chosen.contact.id if chosen.contact is not None else None
        record.customer_name = chosen.name
        record.service_id = chosen.service.id
        record.staff_id = chosen.officer.id
        record.any_officer = request.staff_id is None
        record.starts_at = chosen.start
        record.ends_at = chosen.end
        record.place = chosen.place.value
        record.home_address = chosen.home_address if chosen.place is Place.HOME else ""
        record.people = request.people
        record.interpreter_language = request.interpreter_language.strip()[:120]
        record.hearing_loop = request.hearing_loop
        record.wheelchair_access = request.wheelchair_access
        record.large_print = request.large_print
        record.notes = request.notes.strip()
        session.flush()
        return record


@dataclass(frozen=True, slots=True)
class _Chosen:
    """What checking a booking request decided, ready to be written."""

    service: ServiceRecord
    start: datetime
    end: datetime
    name: str
    contact: ContactRecord | None
    place: Place
    home_address: str
    officer: StaffRecord
    room: InterviewRoomRecord | None

    @property
    def minutes(self) -> int:
        return int((self.end - self.start) / timedelta(minutes=1))


def _checked_times(
    session: Session,
    office: OfficeRecord,
    service: ServiceRecord,
    request: BookingRequest,
    now: datetime,
) -> tuple[datetime, datetime, OfficeCalendar]:
    """Start and end of the booking, refused outside 5 minutes to 8 hours, outside opening
    hours or inside the minimum notice; and the office calendar they were checked against."""
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
    return start, end, calendar


def _customer(
    session: Session, office: OfficeRecord, request: BookingRequest
) -> tuple[str, ContactRecord | None]:
    """The customer's name (the contact's when none was typed) and their contact, if linked."""
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
    return name, contact


def _place(
    service: ServiceRecord, request: BookingRequest, contact: ContactRecord | None
) -> tuple[Place, str]:
    """Where it happens (a service that needs a room gets one) and the home visit's address."""
    place = request.place
    if service.needs_room and place is Place.DESK:
        place = Place.ROOM
    home_address = request.home_address.strip()
    if place is Place.HOME:
        if not home_address and contact is not None and contact.address:
            home_address = "\n".join(p for p in (contact.address.strip(), contact.postcode) if p)
        if not home_address:
            raise ValidationError("Enter the address for the home visit.", "home_address")
    if not 1 <= request.people <= 50:
        raise ValidationError("Enter how many people will attend (1 to 50).", "people")
    return place, home_address


def _choose_officer(
    session: Session,
    office: OfficeRecord,
    service: ServiceRecord,
    request: BookingRequest,
    calendar: OfficeCalendar,
    start: datetime,
    end: datetime,
    existing_id: int | None,
) -> StaffRecord:
    """The chosen officer, or the first of the service's team who is free."""
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
        return candidate
    if len(candidates) > 1:
        reason = f"No officer for {service.name} is free at that time."
    raise BookingRefused(reason, "officer")


def _choose_room(
    session: Session,
    office: OfficeRecord,
    request: BookingRequest,
    calendar: OfficeCalendar,
    start: datetime,
    end: datetime,
    existing_booking: RoomBookingRecord | None,
) -> InterviewRoomRecord:
    """The chosen room, or the smallest suitable one that is free; buffers apply to everyone."""
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
    needs = room_needs(request)
    room_reason = ""
    busy_suitable = False
    for candidate_room in sorted(rooms, key=lambda r: (r.capacity, r.id)):
        spec = room_from(candidate_room)
        try:
            check_room_suits(spec, needs)
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
        return candidate_room
    if request.room_id is None and len(rooms) > 1 and busy_suitable:
        room_reason = "No suitable interview room is free at that time."
    elif request.room_id is None and len(rooms) > 1:
        room_reason = f"No interview room suits this booking: {room_reason}"
    raise BookingRefused(room_reason or "No interview room is free.", "room")


def _write_room_booking(
    session: Session,
    office: OfficeRecord,
    actor_id: int,
    request: BookingRequest,
    chosen: _Chosen,
    record: AppointmentRecord,
    existing_booking: RoomBookingRecord | None,
    now: datetime,
) -> None:
    """Hold the room for the appointment (the booking moves with it), or release it."""
    if chosen.room is not None:
        if existing_booking is None:
            existing_booking = RoomBookingRecord(
                office_id=office.id,
                appointment_id=record.id,
                booked_by=actor_id,
                created_at=now,
            )
            session.add(existing_booking)
        existing_booking.room_id = chosen.room.id
        existing_booking.starts_at = chosen.start
        existing_booking.ends_at = chosen.end
        existing_booking.people = request.people
        existing_booking.purpose = f"{chosen.service.name}: {chosen.name}"
        existing_booking.status = "booked"
    elif existing_booking is not None:
        existing_booking.status = "cancelled"
    session.flush()


def _log_booking(
    session: Session,
    office: OfficeRecord,
    actor_id: int,
    chosen: _Chosen,
    record: AppointmentRecord,
    new: bool,
    now: datetime,
) -> None:
    local = chosen.start.astimezone(zone_of(office))
    room = chosen.room
    log_event(
        session,
        at=now,
        action="appointment_booked" if new else "appointment_moved",
        entity="appointment",
        entity_id=record.id,
        office_id=office.id,
        staff_id=actor_id,
        summary=(
            f"{chosen.service.name} with {chosen.officer.full_name} on {local:%a %d %b %Y %H:%M}"
            + (f" in {room.name}" if room is not None else "")
        ),
        details={
            "start": chosen.start.isoformat(),
            "minutes": chosen.minutes,
            "staff_id": chosen.officer.id,
            "room_id": room.id if room is not None else None,
            "place": chosen.place.value,
        },
    )


def _moved_request(
    current: AppointmentRecord, start: datetime, minutes: int | None, staff_id: int | None
) -> BookingRequest:
    """The booking ``current`` would be at ``start``: the same customer, needs and place,
    ``minutes`` long (else as long as now), with ``staff_id`` (else the same officer)."""
    booking = current.room_booking
    return BookingRequest(
        service_key=current.service.key,
        start=start,
        minutes=minutes or int((current.ends_at - current.starts_at) / timedelta(minutes=1)),
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
