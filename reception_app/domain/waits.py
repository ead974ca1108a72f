"""Walk-in wait estimator: minutes until each waiting ticket is called (DOMAIN.md 4)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from types import MappingProxyType

# --- the snapshot ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WaitingTicket:
    """A visitor in the queue; tickets are listed in calling order."""

    ticket: str
    service: str
    checked_in: datetime


@dataclass(frozen=True, slots=True)
class CurrentService:
    """What a busy desk is doing; ``booked_minutes`` is set when it is a booked appointment."""

    service: str
    started: datetime
    booked_minutes: float | None = None


@dataclass(frozen=True, slots=True)
class Desk:
    """A desk, its shifts (sorted, non-overlapping) and the services it handles (None: all)."""

    desk: str
    busy: CurrentService | None
    shifts: tuple[tuple[datetime, datetime], ...]
    services: frozenset[str] | None = None

    def handles(self, service: str) -> bool:
        return self.services is None or service in self.services


@dataclass(frozen=True, slots=True)
class Appointment:
    """A booked appointment that has not started yet; it takes its desk for ``minutes``."""

    desk: str
    start: datetime
    minutes: float


@dataclass(frozen=True, slots=True)
class QueueSnapshot:
    """Everything the estimate depends on, as parsed by ``parse_snapshot``."""

    now: datetime
    waiting: tuple[WaitingTicket, ...]
    desks: tuple[Desk, ...]
    appointments: tuple[Appointment, ...] = ()
    history: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    """Recent handling minutes of completed walk-ins by service, oldest first."""


@dataclass(frozen=True, slots=True)
class WaitSettings:
    """The estimator's knobs; the defaults are the ones the benchmark was run with."""

    default_minutes: float = 10.0
    """Handling time assumed for a service with no history (and no other service to learn from)."""
    prior_weight: float = 2.0
    """How many observations the prior (default or office-wide mean) counts for in shrinkage."""
    half_life: float = 60.0
    """Recency weighting: an observation this many completions old counts half as much."""
    max_history: int = 180
    """Only the most recent observations of each service are read (older ones weigh < 1/8)."""
    default_spread: float = 0.5
    """Log-scale spread of handling times assumed without history (lognormal sigma)."""
    appointment_spread: float = 0.3
    """Log-scale spread of a booked appointment's length around its booked minutes."""
    appointment_gap_minutes: float = 5.0
    """A desk does not start a walk-in when its next appointment is less than this away."""

    def __post_init__(self) -> None:
        for name in ("default_minutes", "prior_weight", "half_life", "default_spread"):
            value = getattr(self, name)
            if not math.isfinite(value) or value <= 0:
                raise ValueError(f"{name}: must be a positive number ({value!r})")
        if not math.isfinite(self.appointment_spread) or self.appointment_spread < 0:
            raise ValueError(
                f"appointment_spread: must be at least 0 ({self.appointment_spread!r})"
            )
        if not math.isfinite(self.appointment_gap_minutes) or self.appointment_gap_minutes < 0:
            raise ValueError(
                f"appointment_gap_minutes: must be at least 0 ({self.appointment_gap_minutes!r})"
            )


DEFAULT_SETTINGS = WaitSettings()


@dataclass(frozen=True, slots=True)
class TicketForecast:
    """The estimate for one ticket: ``desk`` and ``called_at`` are None when no desk that
    handles the service is expected to be free before the last shift ends."""

    ticket: str
    minutes: float
    desk: str | None
    called_at: datetime | None


# --- parsing -----------------------------------------------------------------------------------


def parse_snapshot(data: Mapping[str, object]) -> QueueSnapshot:
    """Check and convert a JSON-compatible snapshot (see ``estimate_waits``).

    ``appointments`` and ``history`` may be left out (none), and so may a desk's ``busy`` and
    ``services`` and a busy desk's ``booked_minutes`` (null). Anything else missing or malformed
    raises ValueError naming the field, e.g. "waiting[2].checked_in: not an ISO date-time".
    """
    if not isinstance(data, Mapping):
        raise ValueError("snapshot: expected an object")
    now = _when(_required(data, "now", "now"), "now")

    waiting: list[WaitingTicket] = []
    tickets: set[str] = set()
    for i, item in enumerate(_list(_required(data, "waiting", "waiting"), "waiting")):
        where = f"waiting[{i}]"
        entry = _object(item, where)
        ticket = _text(_required(entry, "ticket", where), f"{where}.ticket")
        if ticket in tickets:
            raise ValueError(f"{where}.ticket: ticket {ticket!r} is listed twice")
        tickets.add(ticket)
        service = _text(_required(entry, "service", where), f"{where}.service")
        checked_in = _when(_required(entry, "checked_in", where), f"{where}.checked_in")
        waiting.append(WaitingTicket(ticket, service, checked_in))

    desks: list[Desk] = []
    names: set[str] = set()
    for i, item in enumerate(_list(_required(data, "desks", "desks"), "desks")):
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

    appointments: list[Appointment] = []
    for i, item in enumerate(_list(data.get("appointments", []), "appointments")):
        where = f"appointments[{i}]"
        entry = _object(item, where)
        desk = _text(_required(entry, "desk", where), f"{where}.desk")
        if desk not in names:
            raise ValueError(f"{where}.desk: no desk {desk!r} in desks")
        start = _when(_required(entry, "start", where), f"{where}.start")
        minutes = _minutes(_required(entry, "minutes", where), f"{where}.minutes", positive=True)
        appointments.append(Appointment(desk, start, minutes))

    history: dict[str, tuple[float, ...]] = {}
    raw_history = data.get("history", {})
    if raw_history is None:
        raw_history = {}
    if not isinstance(raw_history, Mapping):
        raise ValueError("history: expected an object of service -> list of minutes")
    for service, values in raw_history.items():
        where = f"history[{service!r}]"
        if not isinstance(service, str) or not service:
            raise ValueError(f"{where}: a service key must be a non-empty string")
        history[service] = _timings(values, where)

    return QueueSnapshot(
        now, tuple(waiting), tuple(desks), tuple(appointments), MappingProxyType(history)
    )


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


def _timings(values: object, where: str) -> tuple[float, ...]:
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
    shifts.sort()
    # Overlapping or touching shifts (a rota typed twice) are one stretch on duty.
    merged: list[tuple[datetime, datetime]] = []
    for start, end in shifts:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _services(value: object, where: str) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset(_text(v, f"{where}[{i}]") for i, v in enumerate(_list(value, where)))


# --- handling times ----------------------------------------------------------------------------

_FLOOR_MINUTES = 0.25  # a recorded 0 (a ticket closed at once) must not break the log scale
_MAD_TO_SIGMA = 1.4826
_CLIP_SIGMAS = 3.0


@dataclass(frozen=True, slots=True)
class _Handling:
    """A service's handling time as a lognormal: its mean in minutes and its log-scale sigma."""

    mean: float
    spread: float

    @property
    def variance(self) -> float:
        return self.mean * self.mean * math.expm1(self.spread * self.spread)


@dataclass(frozen=True, slots=True)
class _Fit:
    """What the timings alone say, and how many observations they are worth after weighting."""

    handling: _Handling
    weight: float


def _fit(values: Sequence[float], settings: WaitSettings) -> _Fit | None:
    """Robust, recency-weighted lognormal fit of a service's timings (oldest first).

    Logs are clipped at 3 robust sigmas around the weighted median, so one 90-minute visit
    among 7-minute ones moves the estimate little, then weighted so that a timing
    ``half_life`` completions old counts half.
    """
    recent = values[-settings.max_history :] if settings.max_history > 0 else values
    n = len(recent)
    if n == 0:
        return None
    decay = 0.5 ** (1.0 / settings.half_life)
    weights = [decay ** (n - 1 - i) for i in range(n)]
    logs = [math.log(max(v, _FLOOR_MINUTES)) for v in recent]
    centre = _weighted_median(logs, weights)
    mad = _weighted_median([abs(x - centre) for x in logs], weights) * _MAD_TO_SIGMA
    # Even identical timings get some room: a handful of equal values is not a certainty.
    half_width = _CLIP_SIGMAS * max(mad, 0.1)
    low, high = centre - half_width, centre + half_width
    total = sum(weights)
    clipped = [min(max(x, low), high) for x in logs]
    mu = sum(w * x for w, x in zip(weights, clipped, strict=True)) / total
    var = sum(w * (x - mu) ** 2 for w, x in zip(weights, clipped, strict=True)) / total
    n_eff = total * total / sum(w * w for w in weights)
    return _Fit(_Handling(math.exp(mu + 0.5 * var), math.sqrt(var)), n_eff)


def _shrink(fit: _Fit | None, prior: _Handling, prior_weight: float) -> _Handling:
    """The fit pulled toward ``prior`` as if the prior were ``prior_weight`` more timings."""
    if fit is None:
        return prior
    n, k = fit.weight, prior_weight
    return _Handling(
        (n * fit.handling.mean + k * prior.mean) / (n + k),
        math.sqrt((n * fit.handling.spread**2 + k * prior.spread**2) / (n + k)),
    )


def _weighted_median(values: Sequence[float], weights: Sequence[float]) -> float:
    pairs = sorted(zip(values, weights, strict=True))
    half = 0.5 * sum(weights)
    running = 0.0
    for value, weight in pairs:
        running += weight
        if running >= half:
            return value
    return pairs[-1][0]


def handling_time(history: Sequence[float], default: float) -> float:
    """Expected handling minutes of a service from its recent timings (oldest first).

    Robust to outliers, weighted toward recent timings and shrunk toward ``default`` when there
    are few (``default`` itself when there are none). ValueError for a negative or non-finite
    timing or a default that is not positive.
    """
    if isinstance(default, bool) or not math.isfinite(default) or default <= 0:
        raise ValueError(f"default: must be a positive number of minutes ({default!r})")
    values = _timings(list(history), "history")
    prior = _Handling(default, DEFAULT_SETTINGS.default_spread)
    return _shrink(_fit(values, DEFAULT_SETTINGS), prior, DEFAULT_SETTINGS.prior_weight).mean


def _handling_by_service(
    history: Mapping[str, Sequence[float]], settings: WaitSettings
) -> tuple[dict[str, _Handling], _Handling]:
    """Each service's handling time, and the office-wide one used for services never seen.

    A service with few timings leans on the office's other services (which lean on
    ``default_minutes`` only when the office has little history at all).
    """
    default = _Handling(settings.default_minutes, settings.default_spread)
    fits = {s: f for s, f in ((s, _fit(v, settings)) for s, v in history.items()) if f}
    weight = sum(f.weight for f in fits.values())
    if weight == 0:
        return {}, default
    pooled = _Fit(
        _Handling(
            sum(f.handling.mean * f.weight for f in fits.values()) / weight,
            math.sqrt(sum(f.handling.spread**2 * f.weight for f in fits.values()) / weight),
        ),
        weight,
    )
    office = _shrink(pooled, default, settings.prior_weight)
    return {s: _shrink(f, office, settings.prior_weight) for s, f in fits.items()}, office


def _remaining(handling: _Handling, elapsed: float) -> tuple[float, float]:
    """Mean and variance of the minutes left of a lognormal service that has already run
    ``elapsed`` minutes (a long-running visit is expected to run on, not to end now)."""
    s = max(handling.spread, 1e-3)
    if elapsed <= 0:
        return handling.mean, handling.variance
    mu = math.log(handling.mean) - 0.5 * s * s
    z = (math.log(elapsed) - mu) / s
    survival = 0.5 * math.erfc(z / _SQRT2)
    if survival < 1e-300:
        # Far past anything the timings allow: the lognormal mean residual life tends to
        # s^2 e / (ln e - mu), with a spread of the same size.
        left = elapsed * s * s / max(z * s, 1e-9)
        return left, left * left
    # Partial moments E[T^k; T > elapsed] of the lognormal, over the survival probability.
    first = handling.mean * 0.5 * math.erfc((z - s) / _SQRT2) / survival
    second = math.exp(2 * mu + 2 * s * s) * 0.5 * math.erfc((z - 2 * s) / _SQRT2) / survival
    return max(first - elapsed, 0.0), max(second - first * first, 0.0)


_SQRT2 = math.sqrt(2.0)
_TOLERANCE = 1e-6  # minutes: rounding in the sums must not decide the 5-minute rule


# --- the forward simulation --------------------------------------------------------------------


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
    by_service, office = _handling_by_service(snapshot.history, settings)
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
                handling = _Handling(desk.busy.booked_minutes, settings.appointment_spread)
            else:
                handling = by_service.get(desk.busy.service, office)
            free = _remaining(handling, elapsed)
        shifts = sorted((_offset(now, s), _offset(now, e)) for s, e in desk.shifts)
        last_end = max([last_end, *(e for _, e in shifts)])
        appointments = sorted(appointment_lists[desk.desk])
        clocks.append(_DeskClock(desk, free, shifts, appointments, settings))

    waiting = snapshot.waiting
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

    out: list[TicketForecast] = []
    for i, ticket in enumerate(waiting):
        if i in called:
            minutes, clock = called[i]
            out.append(TicketForecast(ticket.ticket, minutes, clock.name, _after(now, minutes)))
        else:
            out.append(TicketForecast(ticket.ticket, max(last_end, 0.0), None, None))
    return tuple(out)


def _lognormal_median(mean: float, variance: float) -> float:
    if mean <= 0 or variance <= 0:
        return max(mean, 0.0)
    return mean / math.sqrt(1.0 + variance / (mean * mean))


def _offset(origin: datetime, moment: datetime) -> float:
    return (moment - origin).total_seconds() / 60.0


def _after(origin: datetime, minutes: float) -> datetime:
    return origin + timedelta(minutes=minutes)


def estimate(
    snapshot: QueueSnapshot, settings: WaitSettings = DEFAULT_SETTINGS
) -> dict[str, float]:
    """Predicted minutes from ``snapshot.now`` until each waiting ticket is called."""
    return {f.ticket: f.minutes for f in forecast(snapshot, settings)}


def estimate_waits(
    snapshot: Mapping[str, object], settings: WaitSettings = DEFAULT_SETTINGS
) -> dict[str, float]:
    """Predicted minutes from ``now`` until each waiting ticket is called, by ticket.

    ``snapshot`` is JSON-compatible (times ISO 8601, office-local, no zone)::

        {"now": "2027-03-15T10:12:00",
         "waiting": [{"ticket": "C014", "service": "council_tax",
                      "checked_in": "2027-03-15T10:01:00"}],            # in calling order
         "desks": [{"desk": "D1",
                    "busy": {"service": "housing", "started": "2027-03-15T10:05:00",
                             "booked_minutes": null},                 # null busy: idle
                    "shifts": [["2027-03-15T09:30:00", "2027-03-15T12:30:00"]],
                    "services": null}],                               # null: every service
         "appointments": [{"desk": "D1", "start": "2027-03-15T10:30:00", "minutes": 20}],
         "history": {"council_tax": [7.5, 6.0, 9.2]}}                 # oldest first

    A ticket no desk can call before the last shift ends gets the minutes to that end (see
    ``forecast``). ValueError names the first malformed or missing field.
    """
    return estimate(parse_snapshot(snapshot), settings)


def forecast_waits(
    snapshot: Mapping[str, object], settings: WaitSettings = DEFAULT_SETTINGS
) -> dict[str, TicketForecast]:
    """``estimate_waits`` with the rest of each forecast: the desk expected to call the ticket,
    or None when no desk that handles its service is on duty long enough today."""
    return {f.ticket: f for f in forecast(parse_snapshot(snapshot), settings)}
