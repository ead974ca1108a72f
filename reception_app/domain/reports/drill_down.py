"""Drill-down: the visits behind a walk-in figure, as rows of a list or CSV."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports.figures import local_time
from reception_app.domain.reports.report import Report
from reception_app.domain.reports.walk_ins import (
    CALLED,
    LEFT,
    SERVED,
    SERVING,
    VisitOutcome,
)


def outcomes_for(report: Report, selector: str) -> tuple[VisitOutcome, ...]:
    """The visits behind a walk-in figure (selectors 'walk_in:...'); () for anything else."""
    parts = selector.split(":")
    if parts[0] != "walk_in" or len(parts) < 2:
        return ()
    counted = [o for o in report.outcomes if o.wait_minutes is not None]
    what = parts[1]
    value = ":".join(parts[2:])
    tests: dict[str, Callable[[VisitOutcome], bool]] = {
        "all": lambda o: True,
        "waited": lambda o: True,
        "served": lambda o: o.row.status == SERVED,
        "left": lambda o: o.row.status == LEFT,
        "still_waiting": lambda o: o.wait_end == "still_waiting",
        "at_desk": lambda o: o.row.status in (CALLED, SERVING),
        "over_target": lambda o: o.within_target is False,
        "within_target": lambda o: o.within_target is True,
        "announced": lambda o: o.announced_error is not None,
        "fcr_yes": lambda o: o.row.status == SERVED and o.row.resolved_first_contact is True,
        "fcr_no": lambda o: o.row.status == SERVED and o.row.resolved_first_contact is False,
        "fcr_unknown": lambda o: o.row.status == SERVED and o.row.resolved_first_contact is None,
        "hour": lambda o: f"{o.hour:02d}" == value,
        "service": lambda o: o.row.service == value,
        "desk": lambda o: o.row.desk == value,
        "officer": lambda o: o.row.officer == value,
    }
    if what == "cancelled":
        return tuple(o for o in report.outcomes if o.wait_minutes is None)
    if what == "days":
        first, last = (date.fromisoformat(x) for x in value.split(":"))
        return tuple(o for o in counted if first <= o.row.day <= last)
    if what in ("p90", "longest"):
        stats = report.walk_ins.waits
        bound = stats.p90 if what == "p90" else stats.longest
        if bound is None:
            return ()
        chosen = [o for o in counted if o.wait_minutes is not None and o.wait_minutes >= bound]
        return tuple(sorted(chosen, key=lambda o: -(o.wait_minutes or 0)))
    test = tests.get(what)
    if test is None:
        return ()
    chosen = [o for o in counted if test(o)]
    if what == "waited":
        chosen.sort(key=lambda o: -(o.wait_minutes or 0))
    return tuple(chosen)


VISIT_HEADERS = (
    "Ticket",
    "Day",
    "Service",
    "Checked in",
    "Called",
    "Finished",
    "Waited (min)",
    "Wait ended",
    "Within target",
    "Told (min)",
    "Actual minus told (min)",
    "Status",
    "Desk",
    "Officer",
    "Resolved first time",
)


def visit_cells(outcome: VisitOutcome, calendar: OfficeCalendar) -> tuple[str, ...]:
    """One visit as the row of a list or CSV (local times, minutes to one decimal)."""
    r = outcome.row

    def num(x: float | None) -> str:
        return "" if x is None else f"{x:.1f}".replace("-0.0", "0.0")

    def yes_no(x: bool | None) -> str:
        return "" if x is None else ("yes" if x else "no")

    return (
        r.ticket,
        r.day.isoformat(),
        r.service,
        local_time(calendar, r.checked_in_at),
        local_time(calendar, r.called_at),
        local_time(calendar, r.finished_at),
        num(outcome.wait_minutes),
        outcome.wait_end.replace("_", " "),
        yes_no(outcome.within_target),
        num(r.announced_wait_minutes),
        num(outcome.announced_error),
        r.status,
        r.desk,
        r.officer,
        yes_no(r.resolved_first_contact),
    )
