"""Walk-in figures: each visit's wait and target result, and a period's totals and breakdowns.

The definitions are at the top of ``reception_app.domain.reports``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports.figures import Share, WaitStats, minutes_between

ANNOUNCED_CLOSE_MINUTES = 5.0
"""An announced wait 'about right' when the actual wait was within this many minutes of it."""

# Visit statuses as stored (domain.visits.VisitStatus values).
WAITING, CALLED, SERVING = "waiting", "called", "serving"
SERVED, LEFT, CANCELLED = "served", "left", "cancelled"


@dataclass(frozen=True, slots=True)
class VisitRow:
    """One walk-in visit as the report needs it (no visitor names: reports are anonymous)."""

    id: int
    ticket: str
    day: date
    """The office-local day the ticket belongs to."""
    service: str
    status: str
    checked_in_at: datetime
    called_at: datetime | None = None
    served_at: datetime | None = None
    finished_at: datetime | None = None
    desk: str = ""
    officer: str = ""
    announced_wait_minutes: float | None = None
    resolved_first_contact: bool | None = None
    kind: str = "walk_in"


@dataclass(frozen=True, slots=True)
class AnnouncedError:
    """How far the wait told at check-in was from the actual wait, for visitors who were called.

    ``mean_error`` is actual minus announced (positive: people waited longer than they were told).
    """

    compared: int = 0
    mean_error: float | None = None
    mean_absolute_error: float | None = None
    close: Share = Share()
    """Actual within ANNOUNCED_CLOSE_MINUTES of the announced wait."""


@dataclass(frozen=True, slots=True)
class VisitOutcome:
    """What one visit contributes: the wait, whether it met the target, the announcement error."""

    row: VisitRow
    wait_minutes: float | None
    """None for a cancelled ticket (not counted anywhere)."""
    wait_end: str
    """'called', 'left', 'still_waiting' (at the end of the day or now) or 'cancelled'."""
    within_target: bool | None
    """None when the outcome is not known (left or still waiting before the target passed)."""
    announced_error: float | None
    handling_minutes: float | None
    hour: int
    """Office-local hour of check-in."""


@dataclass(frozen=True, slots=True)
class GroupFigures:
    """One line of a breakdown (an hour, a service, a desk or an officer)."""

    key: str
    label: str
    arrivals: int
    served: int
    left: int
    waits: WaitStats
    within_target: Share
    first_contact: Share
    mean_handling: float | None
    selector: str


@dataclass(frozen=True, slots=True)
class WalkInFigures:
    arrivals: int = 0
    """Tickets issued, cancelled ones excepted."""
    served: int = 0
    left: int = 0
    """Left without being seen."""
    still_waiting: int = 0
    """Never called by the end of the day (or, today, waiting now)."""
    at_desk: int = 0
    """Called or being served, not yet finished."""
    cancelled: int = 0
    waits: WaitStats = WaitStats()
    called_waits: WaitStats = WaitStats()
    """Waits of visitors who were called only (for comparison)."""
    within_target: Share = Share()
    announced: AnnouncedError = AnnouncedError()
    first_contact: Share = Share()
    unrecorded_first_contact: int = 0
    """Served visits whose outcome (resolved or not) was never recorded."""
    by_hour: tuple[GroupFigures, ...] = ()
    by_service: tuple[GroupFigures, ...] = ()
    by_desk: tuple[GroupFigures, ...] = ()
    by_officer: tuple[GroupFigures, ...] = ()


def visit_outcome(
    row: VisitRow, target_minutes: float, cutoff: datetime, calendar: OfficeCalendar
) -> VisitOutcome:
    """The wait and target result of one visit (definitions at the top of the module)."""
    hour = calendar.to_local(row.checked_in_at).hour
    if row.status == CANCELLED:
        return VisitOutcome(row, None, "cancelled", None, None, None, hour)
    called = row.called_at
    if called is None and row.status in (CALLED, SERVING, SERVED):
        called = row.served_at or row.finished_at  # a record closed without its call time
    announced_error = None
    handling = None
    if called is not None:
        wait = minutes_between(row.checked_in_at, called)
        end = "called"
        within: bool | None = wait <= target_minutes
        if row.announced_wait_minutes is not None:
            announced_error = wait - row.announced_wait_minutes
        if row.status == SERVED and row.finished_at is not None:
            handling = minutes_between(row.served_at or called, row.finished_at)
    else:
        if row.status == LEFT and row.finished_at is not None:
            wait, end = minutes_between(row.checked_in_at, row.finished_at), "left"
        else:
            wait = minutes_between(row.checked_in_at, max(cutoff, row.checked_in_at))
            end = "left" if row.status == LEFT else "still_waiting"
        within = False if wait > target_minutes else None
    return VisitOutcome(row, wait, end, within, announced_error, handling, hour)


def _group(key: str, label: str, outcomes: Sequence[VisitOutcome], selector: str) -> GroupFigures:
    counted = [o for o in outcomes if o.wait_minutes is not None]
    handling = [o.handling_minutes for o in counted if o.handling_minutes is not None]
    return GroupFigures(
        key=key,
        label=label,
        arrivals=len(counted),
        served=sum(1 for o in counted if o.row.status == SERVED),
        left=sum(1 for o in counted if o.row.status == LEFT),
        waits=WaitStats.of(o.wait_minutes for o in counted if o.wait_minutes is not None),
        within_target=share_within(counted),
        first_contact=first_contact_share(counted)[0],
        mean_handling=math.fsum(handling) / len(handling) if handling else None,
        selector=selector,
    )


def share_within(outcomes: Iterable[VisitOutcome]) -> Share:
    known = [o.within_target for o in outcomes if o.within_target is not None]
    return Share(sum(known), len(known))


def first_contact_share(outcomes: Iterable[VisitOutcome]) -> tuple[Share, int]:
    served = [o.row for o in outcomes if o.row.status == SERVED]
    known = [r.resolved_first_contact for r in served if r.resolved_first_contact is not None]
    return Share(sum(known), len(known)), len(served) - len(known)


def walk_in_figures(outcomes: Sequence[VisitOutcome], hours: Iterable[int] = ()) -> WalkInFigures:
    """Every walk-in figure of a day or a range from its visits' outcomes.

    ``hours`` are office-local hours to list even with no arrivals (the opening hours).
    """
    counted = [o for o in outcomes if o.wait_minutes is not None]
    errors = [o.announced_error for o in counted if o.announced_error is not None]
    first_contact, unrecorded = first_contact_share(counted)
    by: dict[str, dict[str, list[VisitOutcome]]] = {
        "hour": defaultdict(list),
        "service": defaultdict(list),
        "desk": defaultdict(list),
        "officer": defaultdict(list),
    }
    for o in counted:
        by["hour"][f"{o.hour:02d}"].append(o)
        by["service"][o.row.service].append(o)
        if o.row.desk:
            by["desk"][o.row.desk].append(o)
        if o.row.officer:
            by["officer"][o.row.officer].append(o)
    for h in hours:
        by["hour"].setdefault(f"{h:02d}", [])

    def groups(kind: str, label: Callable[[str], str]) -> tuple[GroupFigures, ...]:
        keys = sorted(by[kind]) if kind == "hour" else sorted(by[kind], key=str.casefold)
        return tuple(_group(k, label(k), by[kind][k], f"walk_in:{kind}:{k}") for k in keys)

    return WalkInFigures(
        arrivals=len(counted),
        served=sum(1 for o in counted if o.row.status == SERVED),
        left=sum(1 for o in counted if o.row.status == LEFT),
        still_waiting=sum(1 for o in counted if o.wait_end == "still_waiting"),
        at_desk=sum(1 for o in counted if o.row.status in (CALLED, SERVING)),
        cancelled=len(outcomes) - len(counted),
        waits=WaitStats.of(o.wait_minutes for o in counted if o.wait_minutes is not None),
        called_waits=WaitStats.of(
            o.wait_minutes for o in counted if o.wait_end == "called" and o.wait_minutes is not None
        ),
        within_target=share_within(counted),
        announced=AnnouncedError(
            compared=len(errors),
            mean_error=math.fsum(errors) / len(errors) if errors else None,
            mean_absolute_error=math.fsum(abs(e) for e in errors) / len(errors) if errors else None,
            close=Share(sum(1 for e in errors if abs(e) <= ANNOUNCED_CLOSE_MINUTES), len(errors)),
        ),
        first_contact=first_contact,
        unrecorded_first_contact=unrecorded,
        by_hour=groups("hour", lambda k: f"{k}:00-{int(k) + 1:02d}:00"),
        by_service=groups("service", lambda k: k),
        by_desk=groups("desk", lambda k: k),
        by_officer=groups("officer", lambda k: k),
    )
