"""The appointments section: seen on time, delays, no-shows and whether late visitors were told."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports.figures import (
    Figure,
    Section,
    Share,
    local_time,
    minutes_between,
    minutes_text,
)


@dataclass(frozen=True, slots=True)
class AppointmentRow:
    """One appointment starting in the period (no customer names: reports are anonymous)."""

    id: int
    starts_at: datetime
    ends_at: datetime
    status: str
    """booked, arrived, seen, no_show or cancelled."""
    service: str
    officer: str
    arrived_at: datetime | None = None
    seen_at: datetime | None = None
    delay_told_at: datetime | None = None


APPOINTMENT_HEADERS = (
    "Starts",
    "Service",
    "Officer",
    "Status",
    "Arrived",
    "Seen",
    "Delay (min)",
    "Told of delay",
)


def _delay(row: AppointmentRow) -> float | None:
    """Minutes from the later of the start and the arrival to being seen (never negative)."""
    if row.seen_at is None:
        return None
    ready = max(row.starts_at, row.arrived_at) if row.arrived_at else row.starts_at
    return minutes_between(ready, row.seen_at)


def appointments_section(
    rows: Sequence[AppointmentRow], late_minutes: int, calendar: OfficeCalendar
) -> tuple[Section, dict[str, tuple[tuple[str, ...], ...]]]:
    """Seen on time (within the late-prompt setting of the start, or of a late arrival), the
    average and worst delay, no-shows, and whether late visitors were told."""
    section = Section("appointments", "Appointments", _figures(rows, late_minutes))
    return section, _records(rows, late_minutes, calendar)


def _seen(rows: Sequence[AppointmentRow]) -> list[AppointmentRow]:
    return [r for r in rows if r.status != "cancelled" and r.seen_at is not None]


def _late(seen: Sequence[AppointmentRow], late_minutes: int) -> list[AppointmentRow]:
    return [r for r in seen if (_delay(r) or 0) > late_minutes]


def _cells(r: AppointmentRow, calendar: OfficeCalendar) -> tuple[str, ...]:
    """One appointment as a row of the list behind a figure."""
    delay = _delay(r)
    return (
        f"{calendar.to_local(r.starts_at):%d %b %H:%M}",
        r.service,
        r.officer,
        r.status.replace("_", " "),
        local_time(calendar, r.arrived_at),
        local_time(calendar, r.seen_at),
        "" if delay is None else f"{delay:.1f}",
        "yes" if r.delay_told_at else "",
    )


def _records(
    rows: Sequence[AppointmentRow], late_minutes: int, calendar: OfficeCalendar
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The appointments behind each figure, by selector."""

    def cells(r: AppointmentRow) -> tuple[str, ...]:
        return _cells(r, calendar)

    ordered = sorted(rows, key=lambda r: (r.starts_at, r.id))
    late = _late(_seen(rows), late_minutes)
    return {
        "headers:appointments": (APPOINTMENT_HEADERS,),
        "appointments:all": tuple(cells(r) for r in ordered if r.status != "cancelled"),
        "appointments:seen": tuple(
            cells(r) for r in ordered if r.seen_at is not None and r.status != "cancelled"
        ),
        "appointments:late": tuple(cells(r) for r in sorted(late, key=lambda r: -(_delay(r) or 0))),
        "appointments:no_show": tuple(cells(r) for r in ordered if r.status == "no_show"),
        "appointments:open": tuple(cells(r) for r in ordered if r.status in ("booked", "arrived")),
        "appointments:cancelled": tuple(cells(r) for r in ordered if r.status == "cancelled"),
    }


def _figures(rows: Sequence[AppointmentRow], late_minutes: int) -> tuple[Figure, ...]:
    live = [r for r in rows if r.status != "cancelled"]
    seen = _seen(rows)
    no_shows = [r for r in live if r.status == "no_show"]
    open_rows = [r for r in live if r.status in ("booked", "arrived")]
    return (
        Figure("booked", "Appointments", str(len(live)), len(live), "appointments:all"),
        Figure("seen", "Seen", str(len(seen)), len(seen), "appointments:seen"),
        *_delay_figures(seen, late_minutes),
        Figure("no_shows", "No-shows", str(len(no_shows)), len(no_shows), "appointments:no_show"),
        Figure(
            "open",
            "Not finished (booked or arrived)",
            str(len(open_rows)),
            len(open_rows),
            "appointments:open",
        ),
        Figure(
            "cancelled",
            "Cancelled",
            str(len(rows) - len(live)),
            len(rows) - len(live),
            "appointments:cancelled",
        ),
    )


def _delay_figures(seen: Sequence[AppointmentRow], late_minutes: int) -> tuple[Figure, ...]:
    """Seen on time, the average and worst delay, and whether late visitors were told."""
    delays = [d for d in (_delay(r) for r in seen) if d is not None]
    on_time = sum(1 for d in delays if d <= late_minutes)
    late = _late(seen, late_minutes)
    told = sum(1 for r in late if r.delay_told_at is not None)
    on_time_share = Share(on_time, len(delays))
    late_told = Share(told, len(late))
    mean_delay = math.fsum(delays) / len(delays) if delays else None
    worst_delay = max(delays) if delays else None
    return (
        Figure(
            "on_time",
            f"Seen on time (within {late_minutes} min)",
            on_time_share.text(),
            on_time_share.fraction,
            "appointments:late",
            "click to list the late ones",
        ),
        Figure(
            "mean_delay",
            "Average delay",
            minutes_text(mean_delay),
            mean_delay,
            "appointments:seen",
        ),
        Figure(
            "worst_delay",
            "Worst delay",
            minutes_text(worst_delay),
            worst_delay,
            "appointments:late",
        ),
        Figure(
            "late_told",
            "Late visitors told the reason and new time",
            late_told.text(),
            late_told.fraction,
            "appointments:late",
        ),
    )
