"""Today's visit records as every part of the queue reads them: found by ticket, put in calling
order, numbered, and shown as domain ``Visit``s."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError
from reception_app.domain.notifications import Channel
from reception_app.domain.visits import Visit, VisitKind, VisitNeeds, VisitStatus
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import OfficeRecord, VisitRecord

AT_DESK = (VisitStatus.CALLED.value, VisitStatus.SERVING.value)
"""Statuses of a visitor who has been called and is not finished."""


def local_day(office: OfficeRecord, now: datetime) -> date:
    return now.astimezone(ZoneInfo(office.timezone)).date()


def local(at: datetime, zone: ZoneInfo) -> datetime:
    """Office-local wall-clock time without a zone, as the wait snapshot wants it."""
    return at.astimezone(zone).replace(tzinfo=None)


def booked(session: Session, records: Sequence[VisitRecord]) -> dict[int, AppointmentRecord]:
    """Visit id -> its appointment, for the arrived appointments among ``records``."""
    ids = [r.id for r in records if r.kind == VisitKind.APPOINTMENT.value]
    if not ids:
        return {}
    rows = session.scalars(select(AppointmentRecord).where(AppointmentRecord.visit_id.in_(ids)))
    return {a.visit_id: a for a in rows if a.visit_id is not None}


def waiting_records(session: Session, office: OfficeRecord, now: datetime) -> list[VisitRecord]:
    """Waiting visitors in calling order: arrived appointments whose time has come (by booked
    time), then walk-ins (by queue position), then appointments not yet due."""
    rows = session.scalars(
        select(VisitRecord)
        .where(
            VisitRecord.office_id == office.id,
            VisitRecord.ticket_day == local_day(office, now),
            VisitRecord.status == VisitStatus.WAITING.value,
        )
        .order_by(VisitRecord.position, VisitRecord.id)
    ).all()
    appointments = booked(session, rows)
    if not appointments:
        return list(rows)
    due = sorted(
        (r for r in rows if r.id in appointments and appointments[r.id].starts_at <= now),
        key=lambda r: (appointments[r.id].starts_at, r.id),
    )
    later = sorted(
        (r for r in rows if r.id in appointments and appointments[r.id].starts_at > now),
        key=lambda r: (appointments[r.id].starts_at, r.id),
    )
    return due + [r for r in rows if r.id not in appointments] + later


def by_ticket(session: Session, office: OfficeRecord, ticket: str, now: datetime) -> VisitRecord:
    """Today's visit with ``ticket`` (any status); NotFoundError naming the ticket otherwise."""
    record = session.scalars(
        select(VisitRecord).where(
            VisitRecord.office_id == office.id,
            VisitRecord.ticket_day == local_day(office, now),
            VisitRecord.ticket == ticket.strip().upper(),
        )
    ).first()
    if record is None:
        raise NotFoundError(f"There is no ticket {ticket.strip().upper()} today.")
    return record


def next_ticket(
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


def not_waiting_message(record: VisitRecord) -> str:
    """Why a ticket cannot be called, moved or withdrawn: where it is now."""
    status = record.status
    if status in AT_DESK:
        where = f" to {record.desk.name}" if record.desk is not None else ""
        return f"{record.ticket} has already been called{where}."
    if status == VisitStatus.WAITING.value:
        return f"{record.ticket} is still waiting."
    words = {"served": "has been served", "left": "has left", "cancelled": "was cancelled"}
    return f"{record.ticket} {words.get(status, status)} and is no longer in the queue."


def visit_view(
    record: VisitRecord,
    estimate: float | None = None,
    *,
    booked_at: datetime | None = None,
    promised_at: datetime | None = None,
) -> Visit:
    """The domain ``Visit`` of ``record``, with its current estimate (and booked time)."""
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
            bsl=record.bsl,
            braille=record.braille,
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
        promised_at=promised_at,
        estimate_minutes=estimate,
    )


def texted_statuses(session: Session, visit_ids: Sequence[int]) -> dict[int, str]:
    """The newest text's outbox status for each of ``visit_ids`` that has one."""
    if not visit_ids:
        return {}
    rows = session.execute(
        select(NotificationRecord.subject_id, NotificationRecord.status)
        .where(
            NotificationRecord.subject_kind == "visit",
            NotificationRecord.subject_id.in_(list(visit_ids)),
            NotificationRecord.channel == Channel.SMS.value,
        )
        .order_by(NotificationRecord.id)
    ).all()
    return {int(i): str(s) for i, s in rows if i is not None}


def with_texted(session: Session, visits: list[Visit]) -> list[Visit]:
    """``visits`` with ``texted`` filled in (one query for all of them)."""
    statuses = texted_statuses(session, [v.id for v in visits])
    if not statuses:
        return visits
    return [dataclasses.replace(v, texted=statuses.get(v.id, "")) for v in visits]
