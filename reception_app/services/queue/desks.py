"""Desks of the queue: breaks (pause and resume) and the rota, with who sits at each desk."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError, ReceptionError, ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.shifts import Shift
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import (
    DeskDutyRecord,
    DeskPauseRecord,
    DeskRecord,
    OfficeRecord,
    StaffRecord,
)
from reception_app.services.context import actor_id
from reception_app.services.office_scoped import OfficeScoped, require_manager


class DeskBreaks(OfficeScoped):
    """Desk breaks and rotas (``QueueService`` is made of this and its siblings)."""

    def pause_desk(self, actor: StaffMember | None, desk_key: str) -> None:
        """Put a desk on a break: it calls nobody until resumed (a visit in progress goes on)."""
        staff_id = self._require_actor(actor).id
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            desk = desk_by_key(session, office, desk_key)
            if open_pause(session, desk) is not None:
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
            desk = desk_by_key(session, office, desk_key)
            pause = open_pause(session, desk)
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
            return [d.key for d in office.desks if open_pause(session, d) is not None]

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
            desk = desk_by_key(session, office, desk_key)
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
            desk = desk_by_key(session, self._office(session), desk_key)
            rows = session.scalars(
                select(DeskDutyRecord)
                .where(DeskDutyRecord.desk_id == desk.id)
                .order_by(DeskDutyRecord.weekday, DeskDutyRecord.start)
            )
            return {Shift.from_text(r.weekday, r.start, r.end): r.staff_id for r in rows}


def desk_by_key(session: Session, office: OfficeRecord, desk_key: str) -> DeskRecord:
    desk = session.scalars(
        select(DeskRecord).where(DeskRecord.office_id == office.id, DeskRecord.key == desk_key)
    ).first()
    if desk is None:
        raise NotFoundError(f"There is no desk '{desk_key}' at {office.name}.")
    return desk


def open_pause(session: Session, desk: DeskRecord) -> DeskPauseRecord | None:
    """The desk's break in progress, if it is on one."""
    return session.scalars(
        select(DeskPauseRecord)
        .where(DeskPauseRecord.desk_id == desk.id, DeskPauseRecord.ended_at.is_(None))
        .order_by(DeskPauseRecord.started_at.desc())
    ).first()


def desk_shifts(session: Session, desk: DeskRecord) -> list[Shift]:
    """Every rota line of ``desk`` (none: staffed whenever the office is open)."""
    rows = session.scalars(select(DeskDutyRecord).where(DeskDutyRecord.desk_id == desk.id))
    return [Shift.from_text(r.weekday, r.start, r.end) for r in rows]


def officer_lines(
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


def desk_at(lines: Sequence[tuple[int, int, Shift]], local: datetime) -> dict[int, int]:
    """Officer -> desk from the day's officer rota lines at the office-local time ``local``."""
    clock = local.time()
    return {staff: desk for staff, desk, shift in lines if shift.covers(clock)}


def officer_desks(session: Session, office: OfficeRecord, at: datetime) -> dict[int, int]:
    """Officer (staff id) -> the desk the rota puts them on at ``at``."""
    local = at.astimezone(ZoneInfo(office.timezone))
    return desk_at(officer_lines(session, office, local.weekday()), local)


def _check_duty(duty: Shift) -> Shift:
    if not 0 <= duty.weekday <= 6:
        raise ValidationError("The weekday must be 0 (Monday) to 6 (Sunday).", "weekday")
    if not duty.start < duty.end:
        raise ValidationError("A duty must end after it starts.", "end")
    return duty
