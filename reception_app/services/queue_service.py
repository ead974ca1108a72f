"""The walk-in queue: check in, call, serve, move, desk breaks and the wait estimates (issue 3)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reception_app.domain.appointments import AppointmentStatus, FreeSlot
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import (
    NotFoundError,
    ReceptionError,
    ValidationError,
)
from reception_app.domain.people import StaffMember
from reception_app.domain.shifts import Shift
from reception_app.domain.visits import (
    Visit,
    VisitKind,
    VisitNeeds,
    VisitStatus,
    format_ticket,
    public_name,
)
from reception_app.domain.waits import estimate_waits, forecast_waits
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.office_repository import profile_from_record
from reception_app.persistence.records import (
    ContactRecord,
    DeskDutyRecord,
    DeskPauseRecord,
    DeskRecord,
    OfficeRecord,
    ServiceRecord,
    StaffRecord,
    VisitRecord,
)
from reception_app.services.appointment_service import AppointmentService
from reception_app.services.context import actor_id
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.office_service import require_manager
from reception_app.services.status_change import Logged, change_if_status

HISTORY_DAYS = 42
"""Completed visits this many calendar days back (about 30 working days) teach the estimator."""
ASSUMED_BREAK_MINUTES = 15.0
"""How long the estimator expects a desk that is on a break to stay away."""
CHECK_IN_ATTEMPTS = 3
"""A clash on the unique ticket number (another desk, another server) is retried this often."""

_AT_DESK = (VisitStatus.CALLED.value, VisitStatus.SERVING.value)


class QueueService(OfficeScoped):
    """Use-cases of one office's queue. Every public method is one transaction."""

    # --- check-in -----------------------------------------------------------------------------

    def check_in(
        self,
        actor: StaffMember | None,
        service_key: str,
        display_name: str = "",
        contact_id: int | None = None,
        *,
        private_room: bool = False,
        interpreter_language: str = "",
        hearing_loop: bool = False,
        wheelchair_access: bool = False,
        large_print: bool = False,
        note: str = "",
    ) -> Visit:
        """Give a walk-in the next ticket for their service and store the wait announced to them.

        ``actor`` is None at the self-service kiosk. The number is allocated inside the write
        transaction, and the database refuses a duplicate; a clash is retried.
        """
        needs = VisitNeeds(
            private_room=private_room,
            interpreter_language=interpreter_language.strip()[:120],
            hearing_loop=hearing_loop,
            wheelchair_access=wheelchair_access,
            large_print=large_print,
        )
        for attempt in range(CHECK_IN_ATTEMPTS):
            try:
                return self._check_in_once(
                    actor, service_key, display_name, contact_id, needs, note.strip()
                )
            except IntegrityError:
                if attempt == CHECK_IN_ATTEMPTS - 1:
                    raise ReceptionError(
                        "Another desk was issuing a ticket at the same moment and no free number "
                        "could be reserved. Please try again."
                    ) from None
        raise AssertionError("unreachable")

    def _check_in_once(
        self,
        actor: StaffMember | None,
        service_key: str,
        display_name: str,
        contact_id: int | None,
        needs: VisitNeeds,
        note: str,
    ) -> Visit:
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            service = session.scalars(
                select(ServiceRecord).where(
                    ServiceRecord.office_id == office.id, ServiceRecord.key == service_key
                )
            ).first()
            if service is None:
                raise NotFoundError(f"There is no service '{service_key}' at {office.name}.")
            if not service.active:
                raise ValidationError(
                    f"{service.name} is no longer offered at the desk.", "service"
                )
            name = display_name
            if contact_id is not None:
                contact = session.get(ContactRecord, contact_id)
                if contact is None or contact.office_id != office.id:
                    raise NotFoundError("That contact no longer exists.")
                name = name or contact.full_name
                needs = VisitNeeds(
                    private_room=needs.private_room or contact.private_room,
                    interpreter_language=needs.interpreter_language or contact.interpreter_language,
                    hearing_loop=needs.hearing_loop or contact.hearing_loop,
                    wheelchair_access=needs.wheelchair_access or contact.wheelchair_access,
                    large_print=needs.large_print or contact.preferred_format == "large_print",
                )
            day = self._local_day(office, now)
            prefix = service.ticket_prefix
            number, position = _next_ticket(session, office, day, prefix)
            record = VisitRecord(
                office_id=office.id,
                ticket=format_ticket(prefix, number),
                ticket_prefix=prefix,
                ticket_number=number,
                ticket_day=day,
                service_id=service.id,
                contact_id=contact_id,
                display_name=public_name(name),
                private_room=needs.private_room,
                interpreter_language=needs.interpreter_language,
                hearing_loop=needs.hearing_loop,
                wheelchair_access=needs.wheelchair_access,
                large_print=needs.large_print,
                note=note,
                kind=VisitKind.WALK_IN.value,
                status=VisitStatus.WAITING.value,
                checked_in_at=now,
                position=position,
            )
            session.add(record)
            session.flush()
            forecasts = forecast_waits(self._snapshot(session, office, now))
            record.announced_wait_minutes = forecasts[record.ticket].minutes
            callable_today = forecasts[record.ticket].desk is not None
            log_event(
                session,
                at=now,
                action="checked_in",
                entity="visit",
                entity_id=record.id,
                office_id=office.id,
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
            visit = self._visit(record, record.announced_wait_minutes)
            return dataclasses.replace(visit, callable_today=callable_today)

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
            appointment = session.get(AppointmentRecord, appointment_id)
            if appointment is None or appointment.office_id != office.id:
                raise NotFoundError("That appointment no longer exists.")
            if appointment.status == AppointmentStatus.ARRIVED.value:
                ticket = appointment.visit.ticket if appointment.visit else "a ticket"
                raise ReceptionError(f"{appointment.customer_name} has already arrived ({ticket}).")
            if appointment.status != AppointmentStatus.BOOKED.value:
                raise ReceptionError("This appointment is no longer booked.")
            if appointment.place in ("phone", "home"):
                raise ReceptionError(
                    "This appointment is a phone call or home visit, not at the office."
                )
            day = self._local_day(office, now)
            booked_day = self._local_day(office, appointment.starts_at)
            if booked_day != day:
                raise ReceptionError(
                    f"This appointment is on {booked_day:%A} {booked_day.day} {booked_day:%B}, "
                    "not today. Check them in as a walk-in or rebook."
                )
            service = appointment.service
            number, position = _next_ticket(session, office, day, service.ticket_prefix)
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
                announced_wait_minutes=max(
                    0.0, (appointment.starts_at - now) / timedelta(minutes=1)
                ),
            )
            session.add(record)
            session.flush()
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
                summary=f"{appointment.customer_name} arrived ({record.ticket})",
                details={"ticket": record.ticket, "visit_id": record.id},
            )
            return self._visit(
                record, record.announced_wait_minutes, booked_at=appointment.starts_at
            )

    # --- reading ------------------------------------------------------------------------------

    def waiting(self) -> list[Visit]:
        """Today's waiting visitors in calling order, each with their current estimate."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            forecasts = forecast_waits(self._snapshot(session, office, now))
            records = self._waiting_records(session, office, now)
            booked = _booked(session, records)
            visits = []
            for r in records:
                if r.id in booked:
                    start = booked[r.id].starts_at
                    wait = max(0.0, (start - now) / timedelta(minutes=1))
                    visits.append(self._visit(r, wait, booked_at=start))
                else:
                    known = forecasts.get(r.ticket)
                    visit = self._visit(r, known.minutes if known else None)
                    if known is not None and known.desk is None:
                        visit = dataclasses.replace(visit, callable_today=False)
                    visits.append(visit)
            return visits

    def at_desks(self) -> list[Visit]:
        """Today's visitors who have been called and are not finished."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            rows = session.scalars(
                select(VisitRecord)
                .where(
                    VisitRecord.office_id == office.id,
                    VisitRecord.ticket_day == self._local_day(office, now),
                    VisitRecord.status.in_(_AT_DESK),
                )
                .order_by(VisitRecord.called_at)
            )
            return [self._visit(r) for r in rows]

    def visit(self, ticket: str) -> Visit:
        """Today's visit with ``ticket``, in any status."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            return self._visit(self._by_ticket(session, office, ticket, now))

    def snapshot(self, now: datetime | None = None) -> dict[str, Any]:
        """The JSON-compatible snapshot ``reception_app.domain.waits.estimate_waits`` reads."""
        at = now or self._clock()
        with transaction(self._factory, write=False) as session:
            return self._snapshot(session, self._office(session), at)

    def estimates(self) -> dict[str, float]:
        """Predicted minutes until each waiting ticket is called."""
        return estimate_waits(self.snapshot())

    def alternative_slots(self, service_key: str, count: int = 3) -> list[FreeSlot]:
        """The next free appointment slots for a service: the alternative to waiting.

        The same search the Appointments page books from (officers' patterns, absences,
        existing bookings, rooms where the service needs one, the minimum notice), so a slot
        offered at check-in can be booked in one click. An unknown service is refused; a service
        no longer offered has no slots.
        """
        service = AppointmentService(self._context, self._office_key)
        return service.free_slots(service_key, count=count)

    # --- calling ------------------------------------------------------------------------------

    def call_next(self, actor: StaffMember | None, desk_key: str) -> Visit | None:
        """Call the first waiting visitor whose service this desk handles; None if nobody is."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            desk = self._ready_desk(session, office, desk_key)
            handled = self._handled_service_ids(desk)
            records = self._waiting_records(session, office, now)
            booked = _booked(session, records)
            officer_desks = self._officer_desks(session, office, now)
            for record in records:
                if handled is not None and record.service_id not in handled:
                    continue
                appointment = booked.get(record.id)
                if appointment is not None:
                    if appointment.starts_at > now:
                        continue  # called at the booked time, not before
                    officers_desk = officer_desks.get(appointment.staff_id)
                    if officers_desk is not None and officers_desk != desk.id:
                        continue  # their officer is at another desk
                if self._claim(session, record, desk, staff_id, now):
                    return self._visit(record)
            return None

    def call(self, actor: StaffMember | None, desk_key: str, ticket: str) -> Visit:
        """Call a chosen waiting ticket to this desk."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            desk = self._ready_desk(session, office, desk_key)
            record = self._by_ticket(session, office, ticket, now)
            if record.status != VisitStatus.WAITING.value:
                raise ReceptionError(self._not_waiting_message(record))
            handled = self._handled_service_ids(desk)
            if handled is not None and record.service_id not in handled:
                raise ValidationError(
                    f"{desk.name} does not handle {record.service.name}; "
                    "call this ticket from a desk that does.",
                    "ticket",
                )
            if not self._claim(session, record, desk, staff_id, now):
                raise ReceptionError(self._not_waiting_message(record))
            return self._visit(record)

    def start_serving(self, actor: StaffMember | None, ticket: str) -> Visit:
        """The called visitor has reached the desk: serving starts now."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._by_ticket(session, office, ticket, now)
            if record.status != VisitStatus.CALLED.value:
                raise ReceptionError(
                    f"{record.ticket} has not been called, so serving cannot start."
                    if record.status == VisitStatus.WAITING.value
                    else self._not_waiting_message(record)
                )
            if not change_if_status(
                session,
                record,
                (VisitStatus.CALLED.value,),
                {"status": VisitStatus.SERVING.value, "served_at": now},
                at=now,
                log=Logged("serving", "visit", staff_id, f"{record.ticket} being served"),
            ):
                raise ReceptionError(f"{record.ticket} was changed at another desk just now.")
            return self._visit(record)

    # --- finishing ----------------------------------------------------------------------------

    def mark_served(
        self,
        actor: StaffMember | None,
        ticket: str,
        resolved_first_contact: bool,
        follow_up_officer_id: int | None = None,
        follow_up_target: date | None = None,
    ) -> Visit:
        """Record the outcome; unresolved needs the named officer and the agreed target date."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._by_ticket(session, office, ticket, now)
            if record.status == VisitStatus.WAITING.value:
                raise ReceptionError(
                    f"{record.ticket} has not been called yet, so cannot be marked served. "
                    "Call the ticket first."
                )
            if record.status not in _AT_DESK:
                raise ReceptionError(self._not_waiting_message(record))
            if resolved_first_contact:
                follow_up_officer_id, follow_up_target = None, None
            else:
                self._check_follow_up(session, office, follow_up_officer_id, follow_up_target, now)
            served = Logged(
                "served",
                "visit",
                staff_id,
                f"{record.ticket} served; resolved at first contact"
                if resolved_first_contact
                else f"{record.ticket} served; follow-up by {follow_up_target:%d %b %Y}",
                {
                    "ticket": record.ticket,
                    "resolved_first_contact": resolved_first_contact,
                    "follow_up_officer_id": follow_up_officer_id,
                    "follow_up_target": follow_up_target.isoformat() if follow_up_target else None,
                },
            )
            outcome = {
                "status": VisitStatus.SERVED.value,
                "finished_at": now,
                "resolved_first_contact": resolved_first_contact,
                "follow_up_officer_id": follow_up_officer_id,
                "follow_up_target": follow_up_target,
            }
            if not change_if_status(session, record, _AT_DESK, outcome, at=now, log=served):
                raise ReceptionError(f"{record.ticket} was finished at another desk just now.")
            _finish_appointment(session, record, now, AppointmentStatus.SEEN, "")
            return self._visit(record)

    def mark_left(self, actor: StaffMember | None, ticket: str) -> Visit:
        """The visitor left without being seen (waiting, or called and never came)."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        allowed = (VisitStatus.WAITING.value, VisitStatus.CALLED.value)
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._by_ticket(session, office, ticket, now)
            if record.status == VisitStatus.SERVING.value:
                raise ReceptionError(f"{record.ticket} is being served; mark them served instead.")
            if record.status not in allowed:
                raise ReceptionError(self._not_waiting_message(record))
            if not change_if_status(
                session,
                record,
                allowed,
                {"status": VisitStatus.LEFT.value, "finished_at": now},
                at=now,
                log=Logged("left", "visit", staff_id, f"{record.ticket} left without being seen"),
            ):
                raise ReceptionError(f"{record.ticket} was changed at another desk just now.")
            _finish_appointment(
                session, record, now, AppointmentStatus.CANCELLED, "Left before being seen"
            )
            return self._visit(record)

    def withdraw(self, actor: StaffMember | None, ticket: str, reason: str) -> Visit:
        """The visitor stops waiting by choice (an appointment on another day instead): the
        ticket is cancelled, not counted as "left without being seen"."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._by_ticket(session, office, ticket, now)
            if record.status != VisitStatus.WAITING.value:
                raise ReceptionError(self._not_waiting_message(record))
            if not change_if_status(
                session,
                record,
                (VisitStatus.WAITING.value,),
                {"status": VisitStatus.CANCELLED.value, "finished_at": now},
                at=now,
                log=Logged(
                    "withdrawn", "visit", staff_id, f"{record.ticket} stopped waiting: {reason}"
                ),
            ):
                raise ReceptionError(f"{record.ticket} was changed at another desk just now.")
            return self._visit(record)

    def move(self, actor: StaffMember | None, ticket: str, before_ticket: str | None) -> Visit:
        """Move a waiting ticket to just before ``before_ticket`` (None: to the end)."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._by_ticket(session, office, ticket, now)
            if record.status != VisitStatus.WAITING.value:
                raise ReceptionError(self._not_waiting_message(record))
            others = [r for r in self._waiting_records(session, office, now) if r.id != record.id]
            if before_ticket is None:
                position = (others[-1].position + 1.0) if others else record.position
                where = "to the end of the queue"
            else:
                target = self._by_ticket(session, office, before_ticket, now)
                if target.id == record.id:
                    raise ValidationError("A ticket cannot be moved before itself.", "ticket")
                if target.status != VisitStatus.WAITING.value:
                    raise ReceptionError(self._not_waiting_message(target))
                index = next(i for i, r in enumerate(others) if r.id == target.id)
                before = others[index - 1].position if index > 0 else target.position - 2.0
                position = (before + target.position) / 2.0
                if not before < position < target.position:
                    # Floats ran out of room between the two: renumber the day's queue first.
                    for i, r in enumerate(others):
                        r.position = float(2 * (i + 1))
                    before = others[index - 1].position if index > 0 else 0.0
                    position = (before + others[index].position) / 2.0
                where = f"before {target.ticket}"
            record.position = position
            log_event(
                session,
                at=now,
                action="moved",
                entity="visit",
                entity_id=record.id,
                office_id=office.id,
                staff_id=staff_id,
                summary=f"{record.ticket} moved {where}",
            )
            return self._visit(record)

    # --- desks --------------------------------------------------------------------------------

    def pause_desk(self, actor: StaffMember | None, desk_key: str) -> None:
        """Put a desk on a break: it calls nobody until resumed (a visit in progress goes on)."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            desk = self._desk(session, office, desk_key)
            if self._open_pause(session, desk) is not None:
                raise ReceptionError(f"{desk.name} is already on a break.")
            session.add(DeskPauseRecord(desk_id=desk.id, started_at=now, staff_id=staff_id))
            log_event(
                session,
                at=now,
                action="paused",
                entity="desk",
                entity_id=desk.id,
                office_id=office.id,
                staff_id=staff_id,
                summary=f"{desk.name} on a break",
            )

    def resume_desk(self, actor: StaffMember | None, desk_key: str) -> None:
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            desk = self._desk(session, office, desk_key)
            pause = self._open_pause(session, desk)
            if pause is None:
                raise ReceptionError(f"{desk.name} is not on a break.")
            pause.ended_at = now
            log_event(
                session,
                at=now,
                action="resumed",
                entity="desk",
                entity_id=desk.id,
                office_id=office.id,
                staff_id=staff_id,
                summary=f"{desk.name} back from a break",
            )

    def paused_desks(self) -> list[str]:
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            return [d.key for d in office.desks if self._open_pause(session, d) is not None]

    def set_desk_duties(
        self,
        actor: StaffMember | None,
        desk_key: str,
        duties: Iterable[Shift],
        officers: Mapping[Shift, int | None] | None = None,
    ) -> None:
        """Replace a desk's rota (managers only). No lines: staffed whenever the office is open.

        ``officers`` names who sits at the desk for a line (their arrived appointments are
        called there and block the desk in the estimate); None keeps the officer of every line
        that is unchanged."""
        require_manager(actor)
        checked = sorted(_check_duty(d) for d in duties)
        now = self._clock()
        with transaction(self._factory) as session:
            require_manager(actor, session)
            office = self._office(session)
            desk = self._desk(session, office, desk_key)
            kept: dict[Shift, int | None] = {}
            for old in session.scalars(
                select(DeskDutyRecord).where(DeskDutyRecord.desk_id == desk.id)
            ):
                kept[Shift.from_text(old.weekday, old.start, old.end)] = old.staff_id
                session.delete(old)
            chosen = dict(kept if officers is None else officers)
            for staff_id in {v for v in chosen.values() if v is not None}:
                member = session.get(StaffRecord, staff_id)
                if member is None or member.office_id != office.id or not member.active:
                    raise ValidationError(
                        "Choose an active member of staff for the rota line.", "officer"
                    )
            for shift in checked:
                session.add(
                    DeskDutyRecord(
                        desk_id=desk.id,
                        weekday=shift.weekday,
                        start=shift.start_text,
                        end=shift.end_text,
                        staff_id=chosen.get(shift),
                    )
                )
            log_event(
                session,
                at=now,
                action="updated",
                entity="desk_rota",
                entity_id=desk.id,
                office_id=office.id,
                staff_id=actor_id(actor),
                summary=f"Rota for {desk.name}: {len(checked)} line(s)",
                details={"duties": [[d.weekday, d.start_text, d.end_text] for d in checked]},
            )

    def desk_duties(self, desk_key: str) -> list[Shift]:
        return list(self.desk_duty_officers(desk_key))

    def desk_duty_officers(self, desk_key: str) -> dict[Shift, int | None]:
        """The desk's rota lines in order, each with the officer who sits there (or None)."""
        with transaction(self._factory, write=False) as session:
            desk = self._desk(session, self._office(session), desk_key)
            rows = session.scalars(
                select(DeskDutyRecord)
                .where(DeskDutyRecord.desk_id == desk.id)
                .order_by(DeskDutyRecord.weekday, DeskDutyRecord.start)
            )
            return {Shift.from_text(r.weekday, r.start, r.end): r.staff_id for r in rows}

    # --- the snapshot -------------------------------------------------------------------------

    def _snapshot(self, session: Session, office: OfficeRecord, now: datetime) -> dict[str, Any]:
        zone = ZoneInfo(office.timezone)
        local_now = _local(now, zone)
        records = self._waiting_records(session, office, now)
        booked = _booked(session, records)
        officer_desks = self._officer_desks(session, office, now)
        # Arrived appointments are not walk-ins: one whose officer the rota puts on a desk takes
        # that desk at the booked time ("appointments" below). One whose officer is on no desk
        # is called by any desk once due, so from then on it queues like a walk-in at the front.
        waiting = [
            {
                "ticket": r.ticket,
                "service": r.service.key,
                "checked_in": _local(r.checked_in_at, zone).isoformat(),
            }
            for r in records
            if r.id not in booked
            or (booked[r.id].starts_at <= now and booked[r.id].staff_id not in officer_desks)
        ]
        busy: dict[int, VisitRecord] = {}
        for r in session.scalars(
            select(VisitRecord)
            .where(
                VisitRecord.office_id == office.id,
                VisitRecord.ticket_day == local_now.date(),
                VisitRecord.status.in_(_AT_DESK),
                VisitRecord.desk_id.is_not(None),
            )
            .order_by(VisitRecord.called_at)
        ):
            assert r.desk_id is not None
            busy[r.desk_id] = r  # the latest call wins if a desk somehow has two
        calendar: OfficeCalendar | None = None
        desks: list[dict[str, Any]] = []
        for desk in office.desks:
            if not desk.active:
                continue
            duties = session.scalars(
                select(DeskDutyRecord).where(DeskDutyRecord.desk_id == desk.id)
            ).all()
            if duties:
                if calendar is None:
                    calendar = OfficeCalendar.from_profile(profile_from_record(office))
                # A rota line is a weekly pattern: on a bank holiday or closure day nobody works.
                open_today = calendar.is_open_day(local_now.date())
                shifts = [
                    (
                        datetime.combine(local_now.date(), shift.start),
                        datetime.combine(local_now.date(), shift.end),
                    )
                    for shift in (Shift.from_text(d.weekday, d.start, d.end) for d in duties)
                    if open_today and shift.weekday == local_now.weekday()
                ]
            else:
                if calendar is None:
                    calendar = OfficeCalendar.from_profile(profile_from_record(office))
                shifts = [
                    (_local(a, zone), _local(b, zone))
                    for a, b in calendar.opening_intervals(local_now.date())
                ]
            pause = self._open_pause(session, desk)
            if pause is not None:
                back = max(
                    _local(pause.started_at, zone) + timedelta(minutes=ASSUMED_BREAK_MINUTES),
                    local_now,
                )
                shifts = [(max(a, back), b) for a, b in shifts if b > back]
            current = busy.get(desk.id)
            desks.append(
                {
                    "desk": desk.key,
                    "busy": None
                    if current is None
                    else {
                        "service": current.service.key,
                        "started": _local(
                            current.served_at or current.called_at or now, zone
                        ).isoformat(),
                        "booked_minutes": self._booked_minutes(session, current),
                    },
                    "shifts": [[a.isoformat(), b.isoformat()] for a, b in sorted(shifts)],
                    "services": None
                    if desk.handles_all_services
                    else sorted(s.key for s in desk.services),
                }
            )
        return {
            "now": local_now.isoformat(),
            "waiting": waiting,
            "desks": desks,
            "appointments": self._desk_appointments(session, office, now),
            "history": self._history(session, office, now),
        }

    @staticmethod
    def _booked_minutes(session: Session, visit: VisitRecord) -> float | None:
        if visit.kind != VisitKind.APPOINTMENT.value:
            return None
        appointment = session.scalars(
            select(AppointmentRecord).where(AppointmentRecord.visit_id == visit.id)
        ).first()
        if appointment is None:
            return None
        return (appointment.ends_at - appointment.starts_at) / timedelta(minutes=1)

    def _desk_appointments(
        self, session: Session, office: OfficeRecord, now: datetime
    ) -> list[dict[str, Any]]:
        """Today's appointments still to be seen at the office whose officer the rota puts on
        a desk at the booked time: that desk stops taking walk-ins for them."""
        zone = ZoneInfo(office.timezone)
        local_now = _local(now, zone)
        end_of_day = datetime.combine(local_now.date() + timedelta(days=1), time(), zone)
        rows = session.scalars(
            select(AppointmentRecord)
            .where(
                AppointmentRecord.office_id == office.id,
                AppointmentRecord.status.in_(("booked", "arrived")),
                AppointmentRecord.seen_at.is_(None),
                AppointmentRecord.place.in_(("desk", "room")),
                AppointmentRecord.ends_at > now,
                AppointmentRecord.starts_at < end_of_day,
            )
            .order_by(AppointmentRecord.starts_at)
        ).all()
        if not rows:
            return []
        desk_keys = {d.id: d.key for d in office.desks if d.active}
        lines = self._officer_lines(session, office, local_now.weekday())
        result = []
        for appointment in rows:
            at = max(appointment.starts_at, now).astimezone(zone)
            desk_id = _desk_at(lines, at).get(appointment.staff_id)
            if desk_id is None or desk_id not in desk_keys:
                continue
            result.append(
                {
                    "desk": desk_keys[desk_id],
                    "start": _local(appointment.starts_at, zone).isoformat(),
                    "minutes": (appointment.ends_at - appointment.starts_at) / timedelta(minutes=1),
                }
            )
        return result

    @staticmethod
    def _history(session: Session, office: OfficeRecord, now: datetime) -> dict[str, list[float]]:
        rows = session.execute(
            select(
                ServiceRecord.key,
                VisitRecord.called_at,
                VisitRecord.served_at,
                VisitRecord.finished_at,
            )
            .join(ServiceRecord, ServiceRecord.id == VisitRecord.service_id)
            .where(
                VisitRecord.office_id == office.id,
                VisitRecord.kind == VisitKind.WALK_IN.value,
                VisitRecord.status == VisitStatus.SERVED.value,
                VisitRecord.finished_at >= now - timedelta(days=HISTORY_DAYS),
                VisitRecord.finished_at <= now,
            )
            .order_by(VisitRecord.finished_at, VisitRecord.id)
        )
        history: dict[str, list[float]] = {}
        for key, called_at, served_at, finished_at in rows:
            started = served_at or called_at
            if started is None or finished_at is None:
                continue
            minutes = max((finished_at - started).total_seconds() / 60.0, 0.0)
            history.setdefault(key, []).append(round(minutes, 2))
        return history

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _local_day(office: OfficeRecord, now: datetime) -> date:
        return now.astimezone(ZoneInfo(office.timezone)).date()

    def _waiting_records(
        self, session: Session, office: OfficeRecord, now: datetime
    ) -> list[VisitRecord]:
        """Waiting visitors in calling order: arrived appointments whose time has come (by booked
        time), then walk-ins (by queue position), then appointments not yet due."""
        rows = session.scalars(
            select(VisitRecord)
            .where(
                VisitRecord.office_id == office.id,
                VisitRecord.ticket_day == self._local_day(office, now),
                VisitRecord.status == VisitStatus.WAITING.value,
            )
            .order_by(VisitRecord.position, VisitRecord.id)
        ).all()
        booked = _booked(session, rows)
        if not booked:
            return list(rows)
        due = sorted(
            (r for r in rows if r.id in booked and booked[r.id].starts_at <= now),
            key=lambda r: (booked[r.id].starts_at, r.id),
        )
        later = sorted(
            (r for r in rows if r.id in booked and booked[r.id].starts_at > now),
            key=lambda r: (booked[r.id].starts_at, r.id),
        )
        return due + [r for r in rows if r.id not in booked] + later

    def _officer_desks(
        self, session: Session, office: OfficeRecord, at: datetime
    ) -> dict[int, int]:
        """Officer (staff id) -> the desk the rota puts them on at ``at``."""
        local = at.astimezone(ZoneInfo(office.timezone))
        return _desk_at(self._officer_lines(session, office, local.weekday()), local)

    @staticmethod
    def _officer_lines(
        session: Session, office: OfficeRecord, weekday: int
    ) -> list[tuple[int, int, Shift]]:
        """(staff id, desk id, shift) of the rota lines naming an officer on ``weekday``."""
        rows = session.execute(
            select(
                DeskDutyRecord.staff_id,
                DeskDutyRecord.desk_id,
                DeskDutyRecord.start,
                DeskDutyRecord.end,
            )
            .join(DeskRecord, DeskRecord.id == DeskDutyRecord.desk_id)
            .where(
                DeskRecord.office_id == office.id,
                DeskRecord.active.is_(True),
                DeskDutyRecord.staff_id.is_not(None),
                DeskDutyRecord.weekday == weekday,
            )
        ).all()
        return [
            (staff, desk, Shift.from_text(weekday, a, b))
            for staff, desk, a, b in rows
            if staff is not None
        ]

    def _by_ticket(
        self, session: Session, office: OfficeRecord, ticket: str, now: datetime
    ) -> VisitRecord:
        record = session.scalars(
            select(VisitRecord).where(
                VisitRecord.office_id == office.id,
                VisitRecord.ticket_day == self._local_day(office, now),
                VisitRecord.ticket == ticket.strip().upper(),
            )
        ).first()
        if record is None:
            raise NotFoundError(f"There is no ticket {ticket.strip().upper()} today.")
        return record

    @staticmethod
    def _desk(session: Session, office: OfficeRecord, desk_key: str) -> DeskRecord:
        desk = session.scalars(
            select(DeskRecord).where(DeskRecord.office_id == office.id, DeskRecord.key == desk_key)
        ).first()
        if desk is None:
            raise NotFoundError(f"There is no desk '{desk_key}' at {office.name}.")
        return desk

    @staticmethod
    def _open_pause(session: Session, desk: DeskRecord) -> DeskPauseRecord | None:
        return session.scalars(
            select(DeskPauseRecord)
            .where(DeskPauseRecord.desk_id == desk.id, DeskPauseRecord.ended_at.is_(None))
            .order_by(DeskPauseRecord.started_at.desc())
        ).first()

    def _ready_desk(self, session: Session, office: OfficeRecord, desk_key: str) -> DeskRecord:
        """The desk, refused if it is switched off, on a break, or still has a visitor."""
        desk = self._desk(session, office, desk_key)
        if not desk.active:
            raise ReceptionError(f"{desk.name} is not in use; switch it on in Settings.")
        if self._open_pause(session, desk) is not None:
            raise ReceptionError(f"{desk.name} is on a break; resume it before calling anyone.")
        current = session.scalars(
            select(VisitRecord).where(
                VisitRecord.desk_id == desk.id, VisitRecord.status.in_(_AT_DESK)
            )
        ).first()
        if current is not None:
            raise ReceptionError(
                f"{desk.name} still has {current.ticket}; mark them served or left first."
            )
        return desk

    @staticmethod
    def _handled_service_ids(desk: DeskRecord) -> set[int] | None:
        return None if desk.handles_all_services else {s.id for s in desk.services}

    @staticmethod
    def _claim(
        session: Session, record: VisitRecord, desk: DeskRecord, staff_id: int, now: datetime
    ) -> bool:
        """Call ``record`` to ``desk`` if it is still waiting (and log the call): the check and
        the change are one UPDATE, so two desks can never both get the same visitor."""
        claimed = change_if_status(
            session,
            record,
            (VisitStatus.WAITING.value,),
            {
                "status": VisitStatus.CALLED.value,
                "called_at": now,
                "desk_id": desk.id,
                "called_by": staff_id,
            },
            at=now,
            log=Logged(
                "called",
                "visit",
                staff_id,
                f"{record.ticket} called to {desk.name}",
                {"ticket": record.ticket, "desk": desk.key},
            ),
        )
        if claimed and record.kind == VisitKind.APPOINTMENT.value:
            # Seen when called in: this is the time reports compare with the booked time.
            session.execute(
                update(AppointmentRecord)
                .where(AppointmentRecord.visit_id == record.id, AppointmentRecord.seen_at.is_(None))
                .values(seen_at=now)
                .execution_options(synchronize_session=False)
            )
        return claimed

    @staticmethod
    def _not_waiting_message(record: VisitRecord) -> str:
        status = record.status
        if status in _AT_DESK:
            where = f" to {record.desk.name}" if record.desk is not None else ""
            return f"{record.ticket} has already been called{where}."
        if status == VisitStatus.WAITING.value:
            return f"{record.ticket} is still waiting."
        words = {"served": "has been served", "left": "has left", "cancelled": "was cancelled"}
        return f"{record.ticket} {words.get(status, status)} and is no longer in the queue."

    def _check_follow_up(
        self,
        session: Session,
        office: OfficeRecord,
        officer_id: int | None,
        target: date | None,
        now: datetime,
    ) -> None:
        if officer_id is None:
            raise ValidationError(
                "Not resolved at first contact: name the officer who will follow it up.",
                "follow_up_officer_id",
            )
        if target is None:
            raise ValidationError(
                "Not resolved at first contact: enter the target date agreed with the customer.",
                "follow_up_target",
            )
        officer = session.get(StaffRecord, officer_id)
        if officer is None or officer.office_id != office.id or not officer.active:
            raise ValidationError(
                "The follow-up officer is not an active member of staff here.",
                "follow_up_officer_id",
            )
        if target < self._local_day(office, now):
            raise ValidationError("The target date cannot be in the past.", "follow_up_target")

    @staticmethod
    def _visit(
        record: VisitRecord, estimate: float | None = None, *, booked_at: datetime | None = None
    ) -> Visit:
        return Visit(
            id=record.id,
            ticket=record.ticket,
            ticket_day=record.ticket_day,
            service_key=record.service.key,
            service_name=record.service.name,
            service_active=record.service.active,
            display_name=record.display_name,
            contact_id=record.contact_id,
            needs=VisitNeeds(
                private_room=record.private_room,
                interpreter_language=record.interpreter_language,
                hearing_loop=record.hearing_loop,
                wheelchair_access=record.wheelchair_access,
                large_print=record.large_print,
            ),
            note=record.note,
            kind=VisitKind(record.kind),
            status=VisitStatus(record.status),
            checked_in_at=record.checked_in_at,
            position=record.position,
            called_at=record.called_at,
            served_at=record.served_at,
            finished_at=record.finished_at,
            desk_key=record.desk.key if record.desk is not None else None,
            called_by=record.called_by,
            announced_wait_minutes=record.announced_wait_minutes,
            resolved_first_contact=record.resolved_first_contact,
            follow_up_officer_id=record.follow_up_officer_id,
            follow_up_target=record.follow_up_target,
            booked_at=booked_at,
            estimate_minutes=estimate,
        )


def _local(at: datetime, zone: ZoneInfo) -> datetime:
    """Office-local wall-clock time without a zone, as the wait snapshot wants it."""
    return at.astimezone(zone).replace(tzinfo=None)


def _check_duty(duty: Shift) -> Shift:
    if not 0 <= duty.weekday <= 6:
        raise ValidationError("The weekday must be 0 (Monday) to 6 (Sunday).", "weekday")
    if not duty.start < duty.end:
        raise ValidationError("A duty must end after it starts.", "end")
    return duty


def _booked(session: Session, records: Sequence[VisitRecord]) -> dict[int, AppointmentRecord]:
    """Visit id -> its appointment, for the arrived appointments among ``records``."""
    ids = [r.id for r in records if r.kind == VisitKind.APPOINTMENT.value]
    if not ids:
        return {}
    rows = session.scalars(select(AppointmentRecord).where(AppointmentRecord.visit_id.in_(ids)))
    return {a.visit_id: a for a in rows if a.visit_id is not None}


def _finish_appointment(
    session: Session,
    record: VisitRecord,
    now: datetime,
    status: AppointmentStatus,
    reason: str,
) -> None:
    """Close the appointment behind an appointment visit when the visit ends."""
    if record.kind != VisitKind.APPOINTMENT.value:
        return
    appointment = session.scalars(
        select(AppointmentRecord).where(AppointmentRecord.visit_id == record.id)
    ).first()
    if appointment is None:
        return
    appointment.status = status.value
    appointment.finished_at = now
    appointment.updated_at = now
    if reason:
        appointment.cancel_reason = reason
    booking = appointment.room_booking
    if status is AppointmentStatus.CANCELLED and booking is not None and booking.status == "booked":
        booking.status = "released"
        booking.released_at = now


def _next_ticket(
    session: Session, office: OfficeRecord, day: date, prefix: str
) -> tuple[int, float]:
    """The next ticket number for ``prefix`` today and a queue position after everyone else.
    The unique constraint on (office, day, ticket) catches a clash with another desk."""
    last_number = session.scalar(
        select(func.max(VisitRecord.ticket_number)).where(
            VisitRecord.office_id == office.id,
            VisitRecord.ticket_day == day,
            VisitRecord.ticket_prefix == prefix,
        )
    )
    last_position = session.scalar(
        select(func.max(VisitRecord.position)).where(
            VisitRecord.office_id == office.id, VisitRecord.ticket_day == day
        )
    )
    return (last_number or 0) + 1, (last_position or 0.0) + 1.0


def _desk_at(lines: Sequence[tuple[int, int, Shift]], local: datetime) -> dict[int, int]:
    """Officer -> desk from the day's officer rota lines at the office-local time ``local``."""
    clock = local.time()
    return {staff: desk for staff, desk, shift in lines if shift.covers(clock)}
