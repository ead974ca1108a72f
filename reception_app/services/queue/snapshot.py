"""The queue as it stands: the typed snapshot the wait estimate reads, built from today's
records, and the lists and estimates the desk, the kiosk and the display show from it."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime, time, timedelta
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.visits import Visit, VisitKind, VisitStatus
from reception_app.domain.waits import (
    Appointment,
    CurrentService,
    Desk,
    QueueSnapshot,
    TicketForecast,
    WaitingTicket,
    estimate,
    forecast,
    merge_shifts,
    snapshot_to_json,
)
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.office_repository import profile_from_record
from reception_app.persistence.records import DeskRecord, OfficeRecord, ServiceRecord, VisitRecord
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.queue.desks import (
    desk_at,
    desk_shifts,
    officer_desks,
    officer_lines,
    open_pause,
)
from reception_app.services.queue.visits import (
    AT_DESK,
    booked,
    by_ticket,
    local,
    local_day,
    visit_view,
    waiting_records,
    with_texted,
)

HISTORY_DAYS = 42
"""Completed visits this many calendar days back (about 30 working days) teach the estimator."""
ASSUMED_BREAK_MINUTES = 15.0
"""How long the estimator expects a desk that is on a break to stay away."""
NEW_VISITOR = "(new visitor)"
"""The ticket of the visitor ``forecast_new_visitor`` imagines at the back of the queue."""


class QueueReadings(OfficeScoped):
    """Reading the queue (``QueueService`` is made of this and its siblings)."""

    def waiting(self) -> list[Visit]:
        """Today's waiting visitors in calling order, each with their current estimate."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            forecasts = forecasts_by_ticket(build_snapshot(session, office, now))
            records = waiting_records(session, office, now)
            appointments = booked(session, records)
            visits = []
            for r in records:
                if r.id in appointments:
                    start = appointments[r.id].starts_at
                    promised = appointments[r.id].delay_new_time  # told at the desk (F8)
                    due = max(start, promised) if promised is not None else start
                    wait = max(0.0, (due - now) / timedelta(minutes=1))
                    visits.append(visit_view(r, wait, booked_at=start, promised_at=promised))
                else:
                    known = forecasts.get(r.ticket)
                    visit = visit_view(r, known.minutes if known else None)
                    if known is not None and known.desk is None:
                        visit = dataclasses.replace(visit, callable_today=False)
                    visits.append(visit)
            return with_texted(session, visits)

    def at_desks(self) -> list[Visit]:
        """Today's visitors who have been called and are not finished."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            rows = session.scalars(
                select(VisitRecord)
                .where(
                    VisitRecord.office_id == office.id,
                    VisitRecord.ticket_day == local_day(office, now),
                    VisitRecord.status.in_(AT_DESK),
                )
                .order_by(VisitRecord.called_at)
            )
            return with_texted(session, [visit_view(r) for r in rows])

    def visit(self, ticket: str) -> Visit:
        """Today's visit with ``ticket``, in any status."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            return visit_view(by_ticket(session, office, ticket, now))

    def queue_snapshot(self, now: datetime | None = None) -> QueueSnapshot:
        """Everything the wait estimate reads about the queue now (or at ``now``)."""
        at = now or self._clock()
        with transaction(self._factory, write=False) as session:
            return build_snapshot(session, self._office(session), at)

    def snapshot(self, now: datetime | None = None) -> dict[str, Any]:
        """``queue_snapshot`` in the JSON form ``reception_app.domain.waits.estimate_waits``
        reads (for tests, benchmarks and anyone replaying a day outside the app)."""
        return snapshot_to_json(self.queue_snapshot(now))

    def estimates(self) -> dict[str, float]:
        """Predicted minutes until each waiting ticket is called."""
        return estimate(self.queue_snapshot())

    def forecast_new_visitor(self, service_key: str) -> TicketForecast:
        """What a visitor checking in now for ``service_key`` would be told (nothing is saved):
        the kiosk asks before it issues a ticket."""
        return forecast_newcomer(self.queue_snapshot(), service_key)


def forecast_newcomer(snapshot: QueueSnapshot, service_key: str) -> TicketForecast:
    """The forecast of a visitor for ``service_key`` joining the end of ``snapshot``'s queue
    (where a check-in puts them)."""
    newcomer = WaitingTicket(NEW_VISITOR, service_key, snapshot.now)
    imagined = dataclasses.replace(snapshot, waiting=(*snapshot.waiting, newcomer))
    return forecast(imagined)[-1]


def forecasts_by_ticket(snapshot: QueueSnapshot) -> dict[str, TicketForecast]:
    return {f.ticket: f for f in forecast(snapshot)}


def build_snapshot(session: Session, office: OfficeRecord, now: datetime) -> QueueSnapshot:
    """The typed snapshot of ``office``'s queue at ``now``, in office-local time."""
    zone = ZoneInfo(office.timezone)
    local_now = local(now, zone)
    busy: dict[int, VisitRecord] = {}
    for r in session.scalars(
        select(VisitRecord)
        .where(
            VisitRecord.office_id == office.id,
            VisitRecord.ticket_day == local_now.date(),
            VisitRecord.status.in_(AT_DESK),
            VisitRecord.desk_id.is_not(None),
        )
        .order_by(VisitRecord.called_at)
    ):
        assert r.desk_id is not None
        busy[r.desk_id] = r  # the latest call wins if a desk somehow has two
    desks: tuple[Desk, ...] = ()
    active = [d for d in office.desks if d.active]
    if active:
        calendar = OfficeCalendar.from_profile(profile_from_record(office))
        desks = tuple(_desk(session, d, busy.get(d.id), calendar, now, zone) for d in active)
    return QueueSnapshot(
        now=local_now,
        waiting=_waiting(session, office, now),
        desks=desks,
        appointments=_desk_appointments(session, office, now),
        history=_history(session, office, now),
    )


def _waiting(session: Session, office: OfficeRecord, now: datetime) -> tuple[WaitingTicket, ...]:
    """The walk-ins in calling order, and the appointments that queue like them.

    Arrived appointments are not walk-ins: one whose officer the rota puts on a desk takes that
    desk at the booked time (the snapshot's appointments). One whose officer is on no desk is
    called by any desk once due, so from then on it queues like a walk-in at the front.
    """
    zone = ZoneInfo(office.timezone)
    records = waiting_records(session, office, now)
    appointments = booked(session, records)
    on_desks = officer_desks(session, office, now)
    return tuple(
        WaitingTicket(r.ticket, r.service.key, local(r.checked_in_at, zone))
        for r in records
        if r.id not in appointments
        or (appointments[r.id].starts_at <= now and appointments[r.id].staff_id not in on_desks)
    )


def _desk(
    session: Session,
    desk: DeskRecord,
    current: VisitRecord | None,
    calendar: OfficeCalendar,
    now: datetime,
    zone: ZoneInfo,
) -> Desk:
    """One desk now: whom it is serving, its shifts left today (after any break), its services."""
    local_now = local(now, zone)
    day = local_now.date()
    lines = desk_shifts(session, desk)
    if lines:
        # A rota line is a weekly pattern: on a bank holiday or closure day nobody works.
        open_today = calendar.is_open_day(day)
        shifts = [
            (datetime.combine(day, s.start), datetime.combine(day, s.end))
            for s in lines
            if open_today and s.weekday == local_now.weekday()
        ]
    else:
        shifts = [(local(a, zone), local(b, zone)) for a, b in calendar.opening_intervals(day)]
    pause = open_pause(session, desk)
    if pause is not None:
        back = max(
            local(pause.started_at, zone) + timedelta(minutes=ASSUMED_BREAK_MINUTES), local_now
        )
        shifts = [(max(a, back), b) for a, b in shifts if b > back]
    serving = None
    if current is not None:
        started = local(current.served_at or current.called_at or now, zone)
        serving = CurrentService(current.service.key, started, _booked_minutes(session, current))
    services = None if desk.handles_all_services else frozenset(s.key for s in desk.services)
    return Desk(desk.key, serving, merge_shifts(shifts), services)


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
    session: Session, office: OfficeRecord, now: datetime
) -> tuple[Appointment, ...]:
    """Today's appointments still to be seen at the office whose officer the rota puts on
    a desk at the booked time: that desk stops taking walk-ins for them."""
    zone = ZoneInfo(office.timezone)
    local_now = local(now, zone)
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
        return ()
    desk_keys = {d.id: d.key for d in office.desks if d.active}
    lines = officer_lines(session, office, local_now.weekday())
    result = []
    for appointment in rows:
        at = max(appointment.starts_at, now).astimezone(zone)
        desk_id = desk_at(lines, at).get(appointment.staff_id)
        if desk_id is None or desk_id not in desk_keys:
            continue
        minutes = (appointment.ends_at - appointment.starts_at) / timedelta(minutes=1)
        result.append(Appointment(desk_keys[desk_id], local(appointment.starts_at, zone), minutes))
    return tuple(result)


def _history(
    session: Session, office: OfficeRecord, now: datetime
) -> Mapping[str, tuple[float, ...]]:
    """Handling minutes of the walk-ins served in the last ``HISTORY_DAYS``, by service."""
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
    return MappingProxyType({key: tuple(values) for key, values in history.items()})
