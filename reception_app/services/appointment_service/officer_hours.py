"""Officers' working patterns and their time away, which the slot search reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import delete, select

from reception_app.domain.errors import NotFoundError, ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.shifts import Shift
from reception_app.persistence.appointment_records import StaffAbsenceRecord, StaffHoursRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import StaffRecord
from reception_app.services.appointment_service.views import Absence
from reception_app.services.office_scoped import OfficeScoped, require_manager


class OfficerHours(OfficeScoped):
    """Working patterns and absences (``AppointmentService`` is made of this and its siblings)."""

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
        actor_id = self._require_actor(actor).id
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
        actor_id = self._require_actor(actor).id
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
