"""What the wait estimate reads and gives back: a typed queue snapshot, the estimator's
settings and the forecast of each ticket. Office-local wall-clock times throughout, no zone."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime


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


def merge_shifts(
    shifts: Iterable[tuple[datetime, datetime]],
) -> tuple[tuple[datetime, datetime], ...]:
    """``shifts`` sorted, with overlapping or touching ones (a rota typed twice) made one
    stretch on duty, as ``Desk.shifts`` wants them."""
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(shifts):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
