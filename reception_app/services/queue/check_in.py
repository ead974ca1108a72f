"""Checking in a walk-in: the next ticket for their service, the wait they are told, and the
appointment times offered instead of waiting."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reception_app.domain.appointments import Appointment, FreeSlot, Place
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.closing_time import (
    NotSeenToday,
    WalkInVerdict,
    opening_now,
    why_not_today,
)
from reception_app.domain.errors import NotFoundError, ReceptionError, ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_uk_mobile
from reception_app.domain.visits import (
    Visit,
    VisitKind,
    VisitNeeds,
    VisitStatus,
    format_ticket,
    public_name,
)
from reception_app.domain.waits import TicketForecast
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.office_repository import profile_from_record
from reception_app.persistence.records import (
    ContactRecord,
    OfficeRecord,
    ServiceRecord,
    VisitRecord,
)
from reception_app.services.appointment_service import AppointmentService, BookingRequest
from reception_app.services.appointment_service.views import appointment_view
from reception_app.services.context import actor_id
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.queue.calling import withdraw_in
from reception_app.services.queue.snapshot import build_snapshot, forecast_newcomer
from reception_app.services.queue.visits import local_day, next_ticket, visit_view

CHECK_IN_ATTEMPTS = 3
"""A clash on the unique ticket number (another desk, another server) is retried this often."""


@dataclass(frozen=True, slots=True)
class CheckInRequest:
    """A walk-in to check in, as the check-in dialog or the kiosk sends it.

    ``display_name`` may be left empty (the contact's name, or "anonymous", is used);
    ``contact_id`` links a known contact, whose own needs are added to ``needs``."""

    service_key: str
    display_name: str = ""
    contact_id: int | None = None
    needs: VisitNeeds = field(default_factory=VisitNeeds)
    note: str = ""
    mobile: str = ""
    """A UK mobile they gave for texts about their turn (their consent); empty: no texts."""


class CheckIn(OfficeScoped):
    """Walk-in check-in (``QueueService`` is made of this and its siblings)."""

    def check_in(self, actor: StaffMember | None, request: CheckInRequest) -> Visit:
        """Give a walk-in the next ticket for their service and store the wait announced to them.

        ``actor`` is None at the self-service kiosk. The number is allocated inside the write
        transaction, and the database refuses a duplicate; a clash is retried.
        """
        language = request.needs.interpreter_language.strip()[:120]
        cleaned = dataclasses.replace(
            request,
            needs=dataclasses.replace(request.needs, interpreter_language=language),
            note=request.note.strip(),
            mobile=check_uk_mobile(request.mobile),
        )
        for attempt in range(CHECK_IN_ATTEMPTS):
            try:
                return self._check_in_once(actor, cleaned)
            except IntegrityError:
                if attempt == CHECK_IN_ATTEMPTS - 1:
                    raise ReceptionError(
                        "Another desk was issuing a ticket at the same moment and no free number "
                        "could be reserved. Please try again."
                    ) from None
        raise AssertionError("unreachable")

    def alternative_slots(
        self, service_key: str, count: int = 3, *, private_room: bool = False
    ) -> list[FreeSlot]:
        """The next free appointment slots for a service on another day: the alternative to
        waiting (North Norfolk: "an appointment on an alternative day and time").

        The same search the Appointments page books from (officers' patterns, absences,
        existing bookings, rooms where the service needs one, the minimum notice), so a slot
        offered at check-in can be booked in one click. An unknown service is refused; a service
        no longer offered has no slots.
        """
        service = AppointmentService(self._context, self._office_key)
        with transaction(self._factory, write=False) as session:
            tomorrow = local_day(self._office(session), self._clock()) + timedelta(days=1)
        return service.free_slots(
            service_key,
            count=count,
            first_day=tomorrow,
            place=Place.ROOM if private_room else None,
        )

    def book_instead(
        self,
        actor: StaffMember | None,
        ticket: str | None,
        request: BookingRequest,
        needs: VisitNeeds | None = None,
    ) -> Appointment:
        """Book an appointment instead of waiting and withdraw ``ticket`` (None: no ticket was
        issued), in one transaction: both happen or neither. Every need (``needs`` and the
        visit's) and the visit's contact and note go with the booking, whatever ``request``
        left out."""
        staff_id = self._require_actor(actor).id
        booking = AppointmentService(self._context, self._office_key)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            request = _with_needs(request, needs or VisitNeeds(), None, "")
            if ticket is not None:
                visit = withdraw_in(
                    session, office, staff_id, ticket, "booked an appointment instead", now
                )
                request = _with_needs(
                    request, visit_view(visit).needs, visit.contact_id, visit.note
                )
            return appointment_view(booking.book_in(session, staff_id, request))

    def walk_in_verdict(self, service_key: str) -> WalkInVerdict:
        """Whether a visitor for ``service_key`` checking in now could be seen today, and if not
        why, the next opening and the out-of-hours contact (nothing is saved)."""
        return self._told(service_key, self._clock())[1]

    def _told(self, service_key: str, now: datetime) -> tuple[TicketForecast, WalkInVerdict]:
        """The wait to tell a visitor joining the queue now, worked out from a snapshot read
        before the ticket is issued: the write transaction then holds the write lock only for
        the write (docs/concurrency.md). A ticket issued by another kiosk in between can make
        the wait told a little short; the estimate shown afterwards is always recomputed."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            told = forecast_newcomer(build_snapshot(session, office, now), service_key)
            return told, _verdict(office, now, told)

    def _check_in_once(self, actor: StaffMember | None, request: CheckInRequest) -> Visit:
        now = self._clock()
        told, verdict = self._told(request.service_key, now)
        with transaction(self._factory) as session:
            office = self._office(session)
            service = _offered_service(session, office, request.service_key)
            if not verdict.seen_today:  # DOMAIN.md 4: a ticket only when they can be seen today
                raise NotSeenToday(verdict, service.name)
            name, needs = request.display_name, request.needs
            if request.contact_id is not None:
                name, needs = _with_contact(session, office, request.contact_id, name, needs)
            day = local_day(office, now)
            number, position = next_ticket(session, office, day, service.ticket_prefix)
            record = VisitRecord(
                office_id=office.id,
                ticket=format_ticket(service.ticket_prefix, number),
                ticket_prefix=service.ticket_prefix,
                ticket_number=number,
                ticket_day=day,
                service_id=service.id,
                contact_id=request.contact_id,
                display_name=public_name(name),
                private_room=needs.private_room,
                interpreter_language=needs.interpreter_language,
                hearing_loop=needs.hearing_loop,
                wheelchair_access=needs.wheelchair_access,
                large_print=needs.large_print,
                bsl=needs.bsl,
                braille=needs.braille,
                note=request.note,
                notify_mobile=request.mobile,
                kind=VisitKind.WALK_IN.value,
                status=VisitStatus.WAITING.value,
                checked_in_at=now,
                position=position,
            )
            record.announced_wait_minutes = told.minutes
            session.add(record)
            session.flush()
            _log_check_in(session, record, service, actor, now)
            visit = visit_view(record, record.announced_wait_minutes)
            return dataclasses.replace(visit, callable_today=told.desk is not None)


def _with_needs(
    request: BookingRequest, needs: VisitNeeds, contact_id: int | None, note: str
) -> BookingRequest:
    """``request`` with every need in ``needs``, the contact and the note added. The booking
    has no BSL or braille field of its own (its interpreter field is for a spoken language):
    those go into its notes, so the officer sees them."""
    notes = request.notes or note
    extra = [w for on, w in ((needs.bsl, "BSL interpreter"), (needs.braille, "Braille")) if on]
    missing = [w for w in extra if w.lower() not in notes.lower()]
    if missing:
        line = "Needs: " + ", ".join(missing)
        notes = f"{notes}\n{line}" if notes else line
    return dataclasses.replace(
        request,
        contact_id=request.contact_id or contact_id,
        place=Place.ROOM if needs.private_room and request.place is Place.DESK else request.place,
        interpreter_language=request.interpreter_language or needs.interpreter_language,
        hearing_loop=request.hearing_loop or needs.hearing_loop,
        wheelchair_access=request.wheelchair_access or needs.wheelchair_access,
        large_print=request.large_print or needs.large_print,
        notes=notes,
    )


def _verdict(office: OfficeRecord, now: datetime, told: TicketForecast) -> WalkInVerdict:
    """The walk-in rule (``domain.closing_time``) for a visitor told ``told`` at ``now``; when
    they cannot be seen today, the next opening after today's closing time."""
    profile = profile_from_record(office)
    calendar = OfficeCalendar.from_profile(profile)
    status = opening_now(profile, calendar, now)
    why = why_not_today(status, wait_minutes=told.minutes, desk_found=told.desk is not None)
    after = status.closes_at or status.local_now
    return WalkInVerdict(
        why_not=why,
        next_opening=None if why is None else calendar.next_opening(after),
        out_of_hours=profile.out_of_hours,
        reason_closed=status.reason_closed,
        closes_at=status.closes_at,
    )


def _offered_service(session: Session, office: OfficeRecord, key: str) -> ServiceRecord:
    """The service ``key``, refused when unknown or no longer offered at the desk."""
    service = session.scalars(
        select(ServiceRecord).where(ServiceRecord.office_id == office.id, ServiceRecord.key == key)
    ).first()
    if service is None:
        raise NotFoundError(f"There is no service '{key}' at {office.name}.")
    if not service.active:
        raise ValidationError(f"{service.name} is no longer offered at the desk.", "service")
    return service


def _with_contact(
    session: Session, office: OfficeRecord, contact_id: int, name: str, needs: VisitNeeds
) -> tuple[str, VisitNeeds]:
    """The name (the contact's when none was typed) and the needs, the contact's added."""
    contact = session.get(ContactRecord, contact_id)
    if contact is None or contact.office_id != office.id:
        raise NotFoundError("That contact no longer exists.")
    return name or contact.full_name, VisitNeeds(
        private_room=needs.private_room or contact.private_room,
        interpreter_language=needs.interpreter_language or contact.interpreter_language,
        hearing_loop=needs.hearing_loop or contact.hearing_loop,
        wheelchair_access=needs.wheelchair_access or contact.wheelchair_access,
        large_print=needs.large_print or contact.preferred_format == "large_print",
        bsl=needs.bsl or contact.bsl,
        braille=needs.braille or contact.braille or contact.preferred_format == "braille",
    )


def _log_check_in(
    session: Session,
    record: VisitRecord,
    service: ServiceRecord,
    actor: StaffMember | None,
    now: datetime,
) -> None:
    log_event(
        session,
        at=now,
        action="checked_in",
        entity="visit",
        entity_id=record.id,
        office_id=record.office_id,
        staff_id=actor_id(actor),
        summary=(
            f"{record.ticket} checked in for {service.name}; "
            f"told about {record.announced_wait_minutes:.0f} min"
        ),
        details={
            "ticket": record.ticket,
            "service": service.key,
            "announced_wait_minutes": record.announced_wait_minutes,
            "kiosk": actor is None,
        },
    )
