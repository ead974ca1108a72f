"""Calling, serving and moving visitors: the desk calls the next ticket (or a chosen one),
serves them, records the outcome, and reorders or withdraws waiting tickets."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reception_app.domain.appointments import AppointmentStatus
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.visits import Visit, VisitKind, VisitStatus
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import DeskRecord, OfficeRecord, StaffRecord, VisitRecord
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.queue.desks import desk_by_key, officer_desks, open_pause
from reception_app.services.queue.texts import text_called
from reception_app.services.queue.visits import (
    AT_DESK,
    booked,
    by_ticket,
    local_day,
    not_waiting_message,
    visit_view,
    waiting_records,
)
from reception_app.services.status_change import Logged, change_if_status


class Calling(OfficeScoped):
    """Calling, serving and moving (``QueueService`` is made of this and its siblings)."""

    def call_next(self, actor: StaffMember | None, desk_key: str) -> Visit | None:
        """Call the first waiting visitor whose service this desk handles; None if nobody is."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            desk = _ready_desk(session, office, desk_key)
            handled = _handled_service_ids(desk)
            records = waiting_records(session, office, now)
            appointments = booked(session, records)
            on_desks = officer_desks(session, office, now)
            for record in records:
                if handled is not None and record.service_id not in handled:
                    continue
                appointment = appointments.get(record.id)
                if appointment is not None:
                    if appointment.starts_at > now:
                        continue  # called at the booked time, not before
                    officers_desk = on_desks.get(appointment.staff_id)
                    if officers_desk is not None and officers_desk != desk.id:
                        continue  # their officer is at another desk
                if _claim(session, record, desk, staff_id, now):
                    text_called(session, office, record, desk, now)
                    return visit_view(record)
            return None

    def call(self, actor: StaffMember | None, desk_key: str, ticket: str) -> Visit:
        """Call a chosen waiting ticket to this desk."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            desk = _ready_desk(session, office, desk_key)
            record = by_ticket(session, office, ticket, now)
            if record.status != VisitStatus.WAITING.value:
                raise ReceptionError(not_waiting_message(record))
            handled = _handled_service_ids(desk)
            if handled is not None and record.service_id not in handled:
                raise ValidationError(
                    f"{desk.name} does not handle {record.service.name}; "
                    "call this ticket from a desk that does.",
                    "ticket",
                )
            if not _claim(session, record, desk, staff_id, now):
                raise ReceptionError(not_waiting_message(record))
            text_called(session, office, record, desk, now)
            return visit_view(record)

    def start_serving(self, actor: StaffMember | None, ticket: str) -> Visit:
        """The called visitor has reached the desk: serving starts now."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = by_ticket(session, office, ticket, now)
            if record.status != VisitStatus.CALLED.value:
                raise ReceptionError(
                    f"{record.ticket} has not been called, so serving cannot start."
                    if record.status == VisitStatus.WAITING.value
                    else not_waiting_message(record)
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
            return visit_view(record)

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
            record = by_ticket(session, office, ticket, now)
            if record.status == VisitStatus.WAITING.value:
                raise ReceptionError(
                    f"{record.ticket} has not been called yet, so cannot be marked served. "
                    "Call the ticket first."
                )
            if record.status not in AT_DESK:
                raise ReceptionError(not_waiting_message(record))
            if resolved_first_contact:
                follow_up_officer_id, follow_up_target = None, None
            else:
                _check_follow_up(session, office, follow_up_officer_id, follow_up_target, now)
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
            if not change_if_status(session, record, AT_DESK, outcome, at=now, log=served):
                raise ReceptionError(f"{record.ticket} was finished at another desk just now.")
            _finish_appointment(session, record, now, AppointmentStatus.SEEN, "")
            return visit_view(record)

    def mark_left(self, actor: StaffMember | None, ticket: str) -> Visit:
        """The visitor left without being seen (waiting, or called and never came)."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        allowed = (VisitStatus.WAITING.value, VisitStatus.CALLED.value)
        with transaction(self._factory) as session:
            office = self._office(session)
            record = by_ticket(session, office, ticket, now)
            if record.status == VisitStatus.SERVING.value:
                raise ReceptionError(f"{record.ticket} is being served; mark them served instead.")
            if record.status not in allowed:
                raise ReceptionError(not_waiting_message(record))
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
            return visit_view(record)

    def withdraw(self, actor: StaffMember | None, ticket: str, reason: str) -> Visit:
        """The visitor stops waiting by choice (an appointment on another day instead): the
        ticket is cancelled, not counted as "left without being seen"."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            return visit_view(
                withdraw_in(session, self._office(session), staff_id, ticket, reason, now)
            )

    def move(self, actor: StaffMember | None, ticket: str, before_ticket: str | None) -> Visit:
        """Move a waiting ticket to just before ``before_ticket`` (None: to the end)."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = by_ticket(session, office, ticket, now)
            if record.status != VisitStatus.WAITING.value:
                raise ReceptionError(not_waiting_message(record))
            others = [r for r in waiting_records(session, office, now) if r.id != record.id]
            if before_ticket is None:
                position = (others[-1].position + 1.0) if others else record.position
                where = "to the end of the queue"
            else:
                target = by_ticket(session, office, before_ticket, now)
                if target.id == record.id:
                    raise ValidationError("A ticket cannot be moved before itself.", "ticket")
                if target.status != VisitStatus.WAITING.value:
                    raise ReceptionError(not_waiting_message(target))
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
            return visit_view(record)


def _ready_desk(session: Session, office: OfficeRecord, desk_key: str) -> DeskRecord:
    """The desk, refused if it is switched off, on a break, or still has a visitor."""
    desk = desk_by_key(session, office, desk_key)
    if not desk.active:
        raise ReceptionError(f"{desk.name} is not in use; switch it on in Settings.")
    if open_pause(session, desk) is not None:
        raise ReceptionError(f"{desk.name} is on a break; resume it before calling anyone.")
    current = session.scalars(
        select(VisitRecord).where(VisitRecord.desk_id == desk.id, VisitRecord.status.in_(AT_DESK))
    ).first()
    if current is not None:
        raise ReceptionError(
            f"{desk.name} still has {current.ticket}; mark them served or left first."
        )
    return desk


def _handled_service_ids(desk: DeskRecord) -> set[int] | None:
    return None if desk.handles_all_services else {s.id for s in desk.services}


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


def _check_follow_up(
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
    if target < local_day(office, now):
        raise ValidationError("The target date cannot be in the past.", "follow_up_target")


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


def withdraw_in(
    session: Session, office: OfficeRecord, staff_id: int, ticket: str, reason: str, now: datetime
) -> VisitRecord:
    """Cancel waiting ``ticket`` inside the caller's write transaction (refused unless it is
    still waiting: another desk may have called it)."""
    record = by_ticket(session, office, ticket, now)
    if record.status != VisitStatus.WAITING.value:
        raise ReceptionError(not_waiting_message(record))
    if not change_if_status(
        session,
        record,
        (VisitStatus.WAITING.value,),
        {"status": VisitStatus.CANCELLED.value, "finished_at": now},
        at=now,
        log=Logged("withdrawn", "visit", staff_id, f"{record.ticket} stopped waiting: {reason}"),
    ):
        raise ReceptionError(f"{record.ticket} was changed at another desk just now.")
    return record
