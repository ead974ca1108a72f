"""What the appointment use-cases take and give back: the booking request, officers and their
time away, and the domain ``Appointment`` of a record; the look-ups they all share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.appointments import Appointment, AppointmentStatus, Place, RoomNeeds
from reception_app.domain.errors import NotFoundError
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.records import OfficeRecord, ServiceRecord
from reception_app.services.office_scoped import owned

MAX_MINUTES = 8 * 60
"""The longest appointment that can be booked."""
CHANGED_ELSEWHERE = "This appointment was changed at another desk just now."


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


def service_by_key(session: Session, office: OfficeRecord, key: str) -> ServiceRecord:
    service = session.scalars(
        select(ServiceRecord).where(ServiceRecord.office_id == office.id, ServiceRecord.key == key)
    ).first()
    if service is None:
        raise NotFoundError(f"There is no service '{key}' at {office.name}.")
    return service


def appointment_record(
    session: Session, office: OfficeRecord, appointment_id: int
) -> AppointmentRecord:
    return owned(session, AppointmentRecord, appointment_id, office, "appointment")


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


def room_needs(request: BookingRequest) -> RoomNeeds:
    return RoomNeeds(
        people=request.people,
        hearing_loop=request.hearing_loop,
        wheelchair_access=request.wheelchair_access,
    )
