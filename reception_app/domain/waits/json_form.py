"""The JSON form of a queue snapshot: checked and parsed into the typed one, and written back.

``estimate_waits`` takes this form (it is how the estimator is called from outside Python and
how the benchmarks replay a day); the app itself builds the typed ``QueueSnapshot`` directly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import Any

from reception_app.domain.waits.snapshot import (
    Appointment,
    CurrentService,
    Desk,
    QueueSnapshot,
    WaitingTicket,
    merge_shifts,
)


def parse_snapshot(data: Mapping[str, object]) -> QueueSnapshot:
    """Check and convert a JSON-compatible snapshot (see ``estimate_waits``).

    ``appointments`` and ``history`` may be left out (none), and so may a desk's ``busy`` and
    ``services`` and a busy desk's ``booked_minutes`` (null). Anything else missing or malformed
    raises ValueError naming the field, e.g. "waiting[2].checked_in: not an ISO date-time".
    """
    if not isinstance(data, Mapping):
        raise ValueError("snapshot: expected an object")
    now = _when(_required(data, "now", "now"), "now")
    waiting = _waiting(_required(data, "waiting", "waiting"))
    desks = _desks(_required(data, "desks", "desks"))
    appointments = _appointments(data.get("appointments", []), {d.desk for d in desks})
    return QueueSnapshot(now, waiting, desks, appointments, _history(data.get("history", {})))


def snapshot_to_json(snapshot: QueueSnapshot) -> dict[str, Any]:
    """The JSON-compatible form of ``snapshot``, which ``parse_snapshot`` reads back unchanged."""
    return {
        "now": snapshot.now.isoformat(),
        "waiting": [
            {"ticket": t.ticket, "service": t.service, "checked_in": t.checked_in.isoformat()}
            for t in snapshot.waiting
        ],
        "desks": [
            {
                "desk": d.desk,
                "busy": None
                if d.busy is None
                else {
                    "service": d.busy.service,
                    "started": d.busy.started.isoformat(),
                    "booked_minutes": d.busy.booked_minutes,
                },
                "shifts": [[a.isoformat(), b.isoformat()] for a, b in d.shifts],
                "services": None if d.services is None else sorted(d.services),
            }
            for d in snapshot.desks
        ],
        "appointments": [
            {"desk": a.desk, "start": a.start.isoformat(), "minutes": a.minutes}
            for a in snapshot.appointments
        ],
        "history": {service: list(values) for service, values in snapshot.history.items()},
    }


def _waiting(value: object) -> tuple[WaitingTicket, ...]:
    waiting: list[WaitingTicket] = []
    tickets: set[str] = set()
    for i, item in enumerate(_list(value, "waiting")):
        where = f"waiting[{i}]"
        entry = _object(item, where)
        ticket = _text(_required(entry, "ticket", where), f"{where}.ticket")
        if ticket in tickets:
            raise ValueError(f"{where}.ticket: ticket {ticket!r} is listed twice")
        tickets.add(ticket)
        service = _text(_required(entry, "service", where), f"{where}.service")
        checked_in = _when(_required(entry, "checked_in", where), f"{where}.checked_in")
        waiting.append(WaitingTicket(ticket, service, checked_in))
    return tuple(waiting)


def _desks(value: object) -> tuple[Desk, ...]:
    desks: list[Desk] = []
    names: set[str] = set()
    for i, item in enumerate(_list(value, "desks")):
        where = f"desks[{i}]"
        entry = _object(item, where)
        name = _text(_required(entry, "desk", where), f"{where}.desk")
        if name in names:
            raise ValueError(f"{where}.desk: desk {name!r} is listed twice")
        names.add(name)
        desks.append(
            Desk(
                name,
                _busy(entry.get("busy"), f"{where}.busy"),
                _shifts(_required(entry, "shifts", where), f"{where}.shifts"),
                _services(entry.get("services"), f"{where}.services"),
            )
        )
    return tuple(desks)


def _appointments(value: object, desk_names: set[str]) -> tuple[Appointment, ...]:
    appointments: list[Appointment] = []
    for i, item in enumerate(_list(value, "appointments")):
        where = f"appointments[{i}]"
        entry = _object(item, where)
        desk = _text(_required(entry, "desk", where), f"{where}.desk")
        if desk not in desk_names:
            raise ValueError(f"{where}.desk: no desk {desk!r} in desks")
        start = _when(_required(entry, "start", where), f"{where}.start")
        minutes = _minutes(_required(entry, "minutes", where), f"{where}.minutes", positive=True)
        appointments.append(Appointment(desk, start, minutes))
    return tuple(appointments)


def _history(value: object) -> Mapping[str, tuple[float, ...]]:
    history: dict[str, tuple[float, ...]] = {}
    if value is None:
        value = {}
    if not isinstance(value, Mapping):
        raise ValueError("history: expected an object of service -> list of minutes")
    for service, values in value.items():
        where = f"history[{service!r}]"
        if not isinstance(service, str) or not service:
            raise ValueError(f"{where}: a service key must be a non-empty string")
        history[service] = check_timings(values, where)
    return MappingProxyType(history)


def _required(entry: Mapping[str, object], key: str, where: str) -> object:
    if key not in entry:
        raise ValueError(f"{where if where == key else where + '.' + key}: missing")
    return entry[key]


def _object(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping):
        raise ValueError(f"{where}: expected an object")
    return value


def _list(value: object, where: str) -> Sequence[object]:
    if not isinstance(value, (list, tuple)):
        raise ValueError(f"{where}: expected a list")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"{where}: expected a non-empty string")
    return value


def _when(value: object, where: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{where}: not an ISO date-time ({value!r})") from None
    else:
        raise ValueError(f"{where}: not an ISO date-time ({value!r})")
    if moment.tzinfo is not None:
        # Office-local wall-clock times throughout; mixing in a zone would shift every estimate.
        raise ValueError(f"{where}: expected a local date-time without a zone ({value!r})")
    return moment


def _minutes(value: object, where: str, positive: bool) -> float:
    # bool is an int in Python, but true is not a number of minutes.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{where}: expected a number of minutes ({value!r})")
    if value < 0 or (positive and value == 0):
        raise ValueError(
            f"{where}: must be {'more than' if positive else 'at least'} 0 ({value!r})"
        )
    return float(value)


def check_timings(values: object, where: str) -> tuple[float, ...]:
    out: list[float] = []
    for j, v in enumerate(_list(values, where)):
        # The common case first: a long history is most of the snapshot (NaN and inf fail the
        # range test and get the full check, which names them).
        if (type(v) is float or type(v) is int) and 0 <= v < math.inf:
            out.append(float(v))
        else:
            out.append(_minutes(v, f"{where}[{j}]", positive=False))
    return tuple(out)


def _busy(value: object, where: str) -> CurrentService | None:
    if value is None:
        return None
    entry = _object(value, where)
    service = _text(_required(entry, "service", where), f"{where}.service")
    started = _when(_required(entry, "started", where), f"{where}.started")
    booked = entry.get("booked_minutes")
    booked_minutes = None if booked is None else _minutes(booked, f"{where}.booked_minutes", True)
    return CurrentService(service, started, booked_minutes)


def _shifts(value: object, where: str) -> tuple[tuple[datetime, datetime], ...]:
    shifts: list[tuple[datetime, datetime]] = []
    for i, item in enumerate(_list(value, where)):
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise ValueError(f"{where}[{i}]: expected [start, end]")
        start, end = _when(item[0], f"{where}[{i}][0]"), _when(item[1], f"{where}[{i}][1]")
        if end <= start:
            raise ValueError(f"{where}[{i}]: the shift ends before it starts")
        shifts.append((start, end))
    return merge_shifts(shifts)


def _services(value: object, where: str) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(_text(v, f"{where}[{i}]") for i, v in enumerate(_list(value, where)))
