"""What happens on the day: cancelling, no-shows, seen, telling a waiting customer about a delay,
and reading the day's appointments and prompts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from reception_app.domain.appointments import (
    OPEN_STATUSES,
    Appointment,
    AppointmentStatus,
    Place,
    needs_delay_prompt,
)
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.notifications import Channel
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_length
from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.settings_repository import read_setting
from reception_app.services.appointment_service.notices import notice_cancelled, notice_late
from reception_app.services.appointment_service.views import (
    CHANGED_ELSEWHERE,
    appointment_record,
    appointment_view,
)
from reception_app.services.booking_support import zone_of
from reception_app.services.notifications.outbox import reachable_by
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.status_change import Logged, change_if_status


class OnTheDay(OfficeScoped):
    """Changing and reading booked appointments (``AppointmentService`` is made of this and
    its siblings)."""

    def cancel(self, actor: StaffMember | None, appointment_id: int, reason: str) -> Appointment:
        actor_id = self._require_actor(actor).id
        reason = reason.strip()
        if not reason:
            raise ValidationError("Say why the appointment is cancelled.", "reason")
        check_length(reason, "reason", "The reason", 255)
        now = self._clock()
        with transaction(self._factory) as session:
            record = appointment_record(session, self._office(session), appointment_id)
            if record.status not in OPEN_STATUSES:
                raise ReceptionError("This appointment is not booked any more.")
            if record.status == AppointmentStatus.ARRIVED.value:
                _withdraw_visit(session, record, now, reason)
            cancelled = {
                "status": AppointmentStatus.CANCELLED.value,
                "cancel_reason": reason,
                "updated_at": now,
            }
            said = f"Appointment #{record.id} cancelled: {reason}"
            log = Logged("appointment_cancelled", "appointment", actor_id, said)
            if not change_if_status(session, record, OPEN_STATUSES, cancelled, at=now, log=log):
                raise ReceptionError(CHANGED_ELSEWHERE)
            if record.room_booking is not None:
                record.room_booking.status = "cancelled"
            notice_cancelled(session, self._office(session), record, reason, now)
            return appointment_view(record)

    def mark_no_show(self, actor: StaffMember | None, appointment_id: int) -> Appointment:
        """The customer did not come: the officer's time and any room are freed."""
        actor_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            record = appointment_record(session, self._office(session), appointment_id)
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
                f"Appointment #{record.id}: the customer did not come",
            )
            booked = (AppointmentStatus.BOOKED.value,)
            if not change_if_status(session, record, booked, no_show, at=now, log=log):
                raise ReceptionError(CHANGED_ELSEWHERE)
            if record.room_booking is not None and record.room_booking.status == "booked":
                record.room_booking.status = "released"
                record.room_booking.released_at = now
            return appointment_view(record)

    def mark_seen(self, actor: StaffMember | None, appointment_id: int) -> Appointment:
        """The officer saw the customer (away from the queue: a phone call or home visit)."""
        actor_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            record = appointment_record(session, self._office(session), appointment_id)
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
                "seen_at": record.seen_at or now,
                "finished_at": now,
                "updated_at": now,
            }
            log = Logged(
                "appointment_seen", "appointment", actor_id, f"Appointment #{record.id} seen"
            )
            if not change_if_status(session, record, OPEN_STATUSES, seen, at=now, log=log):
                raise ReceptionError(CHANGED_ELSEWHERE)
            return appointment_view(record)

    def record_delay(
        self,
        actor: StaffMember | None,
        appointment_id: int,
        reason: str,
        new_time: datetime,
        *,
        send: bool = False,
    ) -> Appointment:
        """The desk told a waiting customer (or a home visit's customer) why they are late being
        seen and when they will be; ``send``: by their text or e-mail too, in the same step."""
        actor_id = self._require_actor(actor).id
        reason = _checked_delay(reason, new_time, self._clock())
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = appointment_record(session, office, appointment_id)
            home = record.place == Place.HOME.value
            allowed = (
                (AppointmentStatus.BOOKED.value,) if home else (AppointmentStatus.ARRIVED.value,)
            )
            refused = (
                "This home visit is not booked any more."
                if home
                else "The customer is not waiting for this appointment."
            )
            if record.status not in allowed:
                raise ReceptionError(refused)
            told = {
                "delay_reason": reason,
                "delay_new_time": new_time,
                "delay_told_by": actor_id,
                "delay_told_at": now,
                "updated_at": now,
            }
            at = f"{new_time.astimezone(zone_of(office)):%H:%M}"
            log = Logged(
                "appointment_delay_told",
                "appointment",
                actor_id,
                f"Appointment #{record.id}: the customer was told: {reason}; "
                + (f"we arrive by {at}" if home else f"seen by {at}"),
                {"reason": reason, "new_time": new_time.isoformat(), "sent": send},
            )
            if not change_if_status(session, record, allowed, told, at=now, log=log):
                raise ReceptionError(refused)
            if send:
                # Nothing is queued if they withdrew consent since the dialog opened.
                notice_late(session, office, record, reason, new_time, now)
            return appointment_view(record)

    def notice_channel(self, appointment_id: int) -> Channel:
        """How the appointment's customer would be told (NONE: not at all): their contact's
        choice, where the office has set it up and their number or address can take it."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            contact = appointment_record(session, office, appointment_id).contact
            if contact is None:
                return Channel.NONE
            return reachable_by(session, office, contact)

    def appointment(self, appointment_id: int) -> Appointment:
        with transaction(self._factory, write=False) as session:
            return appointment_view(
                appointment_record(session, self._office(session), appointment_id)
            )

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
            return [appointment_view(r) for r in session.scalars(query)]

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
            record = appointment_record(session, self._office(session), appointment_id)
            office = self._office(session)
            appointment = appointment_view(record)
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


def _checked_delay(reason: str, new_time: datetime, now: datetime) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the customer is waiting.", "reason")
    check_length(reason, "reason", "The reason", 255)
    if new_time.tzinfo is None:
        raise ValueError("new_time must be aware")
    if new_time <= now:
        raise ValidationError("The new time must be later than now.", "new_time")
    if new_time > now + timedelta(hours=4):
        raise ValidationError(
            "That is more than four hours away; offer another appointment instead.", "new_time"
        )
    return reason
