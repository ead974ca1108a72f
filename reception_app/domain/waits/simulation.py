"""The forward simulation: when each waiting ticket is expected to be called, desk by desk."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from reception_app.domain.waits.handling import Handling, handling_by_service, remaining_after
from reception_app.domain.waits.snapshot import (
    DEFAULT_SETTINGS,
    Desk,
    QueueSnapshot,
    TicketForecast,
    WaitingTicket,
    WaitSettings,
)

_TOLERANCE = 1e-6  # minutes: rounding in the sums must not decide the 5-minute rule


class _DeskClock:
    """One desk during the forward simulation: when it can next start a walk-in (minutes from
    now, as a mean and a variance), its shifts and the appointments still ahead of it."""

    __slots__ = (
        "appointment_cv2",
        "appointments",
        "free",
        "gap",
        "name",
        "services",
        "shifts",
        "variance",
    )

    def __init__(
        self,
        desk: Desk,
        free: tuple[float, float],
        shifts: list[tuple[float, float]],
        appointments: list[tuple[float, float]],
        settings: WaitSettings,
    ) -> None:
        self.name = desk.desk
        self.services = desk.services
        self.free, self.variance = free
        self.shifts = shifts
        self.appointments = appointments
        self.gap = settings.appointment_gap_minutes
        self.appointment_cv2 = math.expm1(settings.appointment_spread**2)

    def handles(self, service: str) -> bool:
        return self.services is None or service in self.services

    def next_start(self) -> float:
        """The earliest time from ``free`` the desk may start a walk-in (inf: not today).

        Moves ``free`` on past appointments and breaks: whatever walk-in it takes next, the
        desk has to get through those first.
        """
        t = self.free
        while True:
            if self.appointments and self.appointments[0][0] - t < self.gap - _TOLERANCE:
                # The 5-minute rule: too close to (or already late for) the next appointment.
                start, minutes = self.appointments.pop(0)
                # Waiting idle for the appointment forgets how uncertain ``free`` was.
                spread = minutes * minutes * self.appointment_cv2
                self.variance = spread if t <= start else self.variance + spread
                t = max(t, start) + minutes
                continue
            while self.shifts and self.shifts[0][1] <= t:
                self.shifts.pop(0)
            if not self.shifts:
                t = math.inf
                break
            if t < self.shifts[0][0]:
                t, self.variance = self.shifts[0][0], 0.0  # back from a break on the hour
                continue
            break
        self.free = t
        return t


def forecast(
    snapshot: QueueSnapshot, settings: WaitSettings = DEFAULT_SETTINGS
) -> tuple[TicketForecast, ...]:
    """Predicted call of each waiting ticket, in the order of ``snapshot.waiting``.

    A deterministic forward simulation: whenever a desk can next start a walk-in (on shift, not
    within the appointment gap of its next appointment, its current visitor's expected remaining
    time over), it calls the first ticket in calling order whose service it handles, and is then
    busy for that service's expected handling time. Ties go to the desk listed first.

    Alongside each expected time the simulation carries its variance (the current visit's
    remaining time given how long it has run, then each handling time; a break or an idle wait
    for an appointment resets it). The estimate is the median of a lognormal with that mean and
    variance: a wait is as likely to be shorter as longer, which is what keeps the error in
    minutes smallest, and it sits below the mean when one long visit could hold the desk.

    A ticket no desk can call before its last shift ends (no desk handles the service, or the
    queue is too long) gets the minutes until the last shift of any desk ends (0 if that has
    passed): that is when the visitor will be told, and the app should offer an appointment.
    """
    now = snapshot.now
    by_service, office = handling_by_service(snapshot.history, settings)
    clocks, last_end = _desk_clocks(snapshot, settings, by_service, office)
    called = _simulate(snapshot.waiting, clocks, by_service, office)
    out: list[TicketForecast] = []
    for i, ticket in enumerate(snapshot.waiting):
        if i in called:
            minutes, clock = called[i]
            out.append(TicketForecast(ticket.ticket, minutes, clock.name, _after(now, minutes)))
        else:
            out.append(TicketForecast(ticket.ticket, max(last_end, 0.0), None, None))
    return tuple(out)


def _desk_clocks(
    snapshot: QueueSnapshot,
    settings: WaitSettings,
    by_service: Mapping[str, Handling],
    office: Handling,
) -> tuple[list[_DeskClock], float]:
    """Each desk's clock at ``snapshot.now``, and when the last shift of any desk ends."""
    now = snapshot.now
    appointment_lists: dict[str, list[tuple[float, float]]] = {d.desk: [] for d in snapshot.desks}
    for i, appointment in enumerate(snapshot.appointments):
        booked = appointment_lists.get(appointment.desk)
        if booked is None:
            raise ValueError(f"appointments[{i}].desk: no desk {appointment.desk!r} in desks")
        booked.append((_offset(now, appointment.start), appointment.minutes))

    clocks: list[_DeskClock] = []
    last_end = 0.0
    for desk in snapshot.desks:
        free = (0.0, 0.0)
        if desk.busy is not None:
            elapsed = max(_offset(desk.busy.started, now), 0.0)
            if desk.busy.booked_minutes is not None:
                handling = Handling(desk.busy.booked_minutes, settings.appointment_spread)
            else:
                handling = by_service.get(desk.busy.service, office)
            free = remaining_after(handling, elapsed)
        shifts = sorted((_offset(now, s), _offset(now, e)) for s, e in desk.shifts)
        last_end = max([last_end, *(e for _, e in shifts)])
        appointments = sorted(appointment_lists[desk.desk])
        clocks.append(_DeskClock(desk, free, shifts, appointments, settings))
    return clocks, last_end


def _simulate(
    waiting: Sequence[WaitingTicket],
    clocks: list[_DeskClock],
    by_service: Mapping[str, Handling],
    office: Handling,
) -> dict[int, tuple[float, _DeskClock]]:
    """Index in ``waiting`` -> (minutes until called, the desk that calls it), for every ticket
    some desk reaches before its shifts end."""
    pending = list(range(len(waiting)))
    called: dict[int, tuple[float, _DeskClock]] = {}
    starts = [clock.next_start() for clock in clocks]
    while pending:
        best, best_position = -1, -1
        for d, clock in enumerate(clocks):
            if best >= 0 and starts[d] >= starts[best]:
                continue
            for position, i in enumerate(pending):
                if clock.handles(waiting[i].service):
                    best, best_position = d, position
                    break
        if best < 0 or math.isinf(starts[best]):
            break
        clock, start = clocks[best], starts[best]
        i = pending.pop(best_position)
        called[i] = (_lognormal_median(start, clock.variance), clock)
        handling = by_service.get(waiting[i].service, office)
        clock.free = start + handling.mean
        clock.variance += handling.variance
        starts[best] = clock.next_start()
    return called


def _lognormal_median(mean: float, variance: float) -> float:
    if mean <= 0 or variance <= 0:
        return max(mean, 0.0)
    return mean / math.sqrt(1.0 + variance / (mean * mean))


def _offset(origin: datetime, moment: datetime) -> float:
    return (moment - origin).total_seconds() / 60.0


def _after(origin: datetime, minutes: float) -> datetime:
    return origin + timedelta(minutes=minutes)
