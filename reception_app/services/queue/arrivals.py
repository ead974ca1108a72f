"""Appointment arrivals: a customer who has come for today's appointment joins the queue with a
ticket and is called at their booked time."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reception_app.domain.appointments import AppointmentStatus
from reception_app.domain.errors import NotFoundError, ReceptionError
from reception_app.domain.people import StaffMember
from reception_app.domain.visits import Visit, VisitKind, VisitStatus, format_ticket, public_name
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import OfficeRecord, VisitRecord
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.queue.check_in import CHECK_IN_ATTEMPTS
from reception_app.services.queue.visits import local_day, next_ticket, visit_view


class Arrivals(OfficeScoped):
    """Appointment arrivals (``QueueService`` is made of this and its siblings)."""

    def check_in_appointment(self, actor: StaffMember | None, appointment_id: int) -> Visit:
        """The customer has arrived for today's appointment: they join the live queue with a
        ticket and are called at their booked time, ahead of walk-ins for their officer."""
        staff_id = self._require_actor(actor).id
        for attempt in range(CHECK_IN_ATTEMPTS):
            try:
                return self._arrive_once(staff_id, appointment_id)
            except IntegrityError:
                if attempt == CHECK_IN_ATTEMPTS - 1:
                    raise ReceptionError(
                        "Another desk was issuing a ticket at the same moment. Please try again."
                    ) from None
        raise AssertionError("unreachable")

    def _arrive_once(self, staff_id: int, appointment_id: int) -> Visit:
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            appointment = _arriving(session, office, appointment_id, now)
            record = _appointment_visit(session, office, appointment, now)
            appointment.status = AppointmentStatus.ARRIVED.value
            appointment.arrived_at = now
            appointment.visit_id = record.id
            appointment.updated_at = now
            log_event(
                session,
                at=now,
                action="appointment_arrived",
                entity="appointment",
                entity_id=appointment.id,
                office_id=office.id,
                staff_id=staff_id,
                summary=f"Appointment #{appointment.id} arrived ({record.ticket})",
                details={"ticket": record.ticket, "visit_id": record.id},
            )
            return visit_view(
                record, record.announced_wait_minutes, booked_at=appointment.starts_at
            )


def _arriving(
    session: Session, office: OfficeRecord, appointment_id: int, now: datetime
) -> AppointmentRecord:
    """The appointment, refused unless it is booked, at the office, and today."""
    appointment = session.get(AppointmentRecord, appointment_id)
    if appointment is None or appointment.office_id != office.id:
        raise NotFoundError("That appointment no longer exists.")
    if appointment.status == AppointmentStatus.ARRIVED.value:
        ticket = appointment.visit.ticket if appointment.visit else "a ticket"
        raise ReceptionError(f"{appointment.customer_name} has already arrived ({ticket}).")
    if appointment.status != AppointmentStatus.BOOKED.value:
        raise ReceptionError("This appointment is no longer booked.")
    if appointment.place in ("phone", "home"):
        raise ReceptionError("This appointment is a phone call or home visit, not at the office.")
    booked_day = local_day(office, appointment.starts_at)
    if booked_day != local_day(office, now):
        raise ReceptionError(
            f"This appointment is on {booked_day:%A} {booked_day.day} {booked_day:%B}, "
            "not today. Check them in as a walk-in or rebook."
        )
    return appointment


def _appointment_visit(
    session: Session, office: OfficeRecord, appointment: AppointmentRecord, now: datetime
) -> VisitRecord:
    """The new visit (and ticket) of an arriving appointment, told the time until it starts."""
    service = appointment.service
    day = local_day(office, now)
    number, position = next_ticket(session, office, day, service.ticket_prefix)
    record = VisitRecord(
        office_id=office.id,
        ticket=format_ticket(service.ticket_prefix, number),
        ticket_prefix=service.ticket_prefix,
        ticket_number=number,
        ticket_day=day,
        service_id=service.id,
        contact_id=appointment.contact_id,
        display_name=public_name(appointment.customer_name),
        private_room=appointment.place == "room",
        interpreter_language=appointment.interpreter_language,
        hearing_loop=appointment.hearing_loop,
        wheelchair_access=appointment.wheelchair_access,
        large_print=appointment.large_print,
        note=f"Appointment with {appointment.staff.full_name}",
        kind=VisitKind.APPOINTMENT.value,
        status=VisitStatus.WAITING.value,
        checked_in_at=now,
        position=position,
        announced_wait_minutes=max(0.0, (appointment.starts_at - now) / timedelta(minutes=1)),
    )
    session.add(record)
    session.flush()
    return record
