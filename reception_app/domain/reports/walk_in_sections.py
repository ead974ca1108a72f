"""The walk-in and first-contact sections: the words and tables every output shares."""

from __future__ import annotations

from collections.abc import Sequence

from reception_app.domain.reports.figures import (
    Figure,
    FigureTable,
    Section,
    minutes_text,
    percent_text,
    signed_minutes_text,
)
from reception_app.domain.reports.walk_ins import (
    ANNOUNCED_CLOSE_MINUTES,
    GroupFigures,
    WalkInFigures,
)

BREAKDOWN_HEADERS = (
    "Walk-ins",
    "Served",
    "Left",
    "Mean wait",
    "Median",
    "90th percentile",
    "Longest",
    "Within target",
    "Resolved first time",
)


def _breakdown(
    key: str, title: str, first: str, groups: Sequence[GroupFigures], handling: bool = False
) -> FigureTable:
    headers = (first, *BREAKDOWN_HEADERS) + (("Mean time at desk",) if handling else ())
    rows = []
    for g in groups:
        cells = (
            g.label,
            str(g.arrivals),
            str(g.served),
            str(g.left),
            minutes_text(g.waits.mean),
            minutes_text(g.waits.median),
            minutes_text(g.waits.p90),
            minutes_text(g.waits.longest),
            percent_text(g.within_target.fraction),
            percent_text(g.first_contact.fraction),
        )
        rows.append(cells + ((minutes_text(g.mean_handling),) if handling else ()))
    return FigureTable(key, title, headers, tuple(rows), tuple(g.selector for g in groups))


def walk_in_section(figures: WalkInFigures, target: int, single_day: bool) -> Section:
    f = figures
    items = (
        *_count_figures(f, single_day),
        *_wait_figures(f, target),
        Figure(
            "cancelled", "Tickets cancelled", str(f.cancelled), f.cancelled, "walk_in:cancelled"
        ),
    )
    tables = (
        _breakdown("by_hour", "By hour of arrival", "Hour", f.by_hour),
        _breakdown("by_service", "By service", "Service", f.by_service),
        _breakdown("by_desk", "By desk", "Desk", f.by_desk, handling=True),
        _breakdown(
            "by_officer",
            "By officer (who called the visitor)",
            "Officer",
            f.by_officer,
            handling=True,
        ),
    )
    return Section("walk_ins", "Walk-in visitors", items, tables)


def _count_figures(f: WalkInFigures, single_day: bool) -> tuple[Figure, ...]:
    """How many came, were served, left, are still waiting or at a desk."""
    still = "still waiting at closing time" if single_day else "never called by closing time"
    return (
        Figure("arrivals", "Walk-ins", str(f.arrivals), f.arrivals, "walk_in:all"),
        Figure("served", "Served", str(f.served), f.served, "walk_in:served"),
        Figure("left", "Left without being seen", str(f.left), f.left, "walk_in:left"),
        Figure(
            "still_waiting",
            "Not called (" + still + " or now)",
            str(f.still_waiting),
            f.still_waiting,
            "walk_in:still_waiting",
        ),
        Figure("at_desk", "At a desk now", str(f.at_desk), f.at_desk, "walk_in:at_desk"),
    )


def _wait_figures(f: WalkInFigures, target: int) -> tuple[Figure, ...]:
    """The waits, the share within the target and how far the announced wait was out."""
    waits = f.waits
    return (
        Figure("mean_wait", "Mean wait", minutes_text(waits.mean), waits.mean, "walk_in:waited"),
        Figure(
            "median_wait", "Median wait", minutes_text(waits.median), waits.median, "walk_in:waited"
        ),
        Figure(
            "p90_wait",
            "90th percentile wait",
            minutes_text(waits.p90),
            waits.p90,
            "walk_in:p90",
            "9 in 10 visitors waited this long or less",
        ),
        Figure(
            "longest_wait",
            "Longest wait",
            minutes_text(waits.longest),
            waits.longest,
            "walk_in:longest",
        ),
        Figure(
            "within_target",
            f"Called within the {target}-minute target",
            f.within_target.text(),
            f.within_target.fraction,
            "walk_in:over_target",
            "click to list the visitors who waited longer",
        ),
        Figure(
            "announced_error",
            "Actual wait minus wait announced (mean)",
            signed_minutes_text(f.announced.mean_error),
            f.announced.mean_error,
            "walk_in:announced",
            f"mean size of the error {minutes_text(f.announced.mean_absolute_error)}; "
            f"within {ANNOUNCED_CLOSE_MINUTES:.0f} min: {f.announced.close.text()}",
        ),
    )


def first_contact_section(figures: WalkInFigures) -> Section:
    fc = figures.first_contact
    items = (
        Figure(
            "first_contact",
            "Resolved at the first point of contact",
            fc.text(),
            fc.fraction,
            "walk_in:fcr_yes",
        ),
        Figure(
            "not_resolved",
            "Passed to an officer with a target date",
            str(fc.total - fc.met),
            fc.total - fc.met,
            "walk_in:fcr_no",
        ),
        Figure(
            "fcr_unrecorded",
            "Served, outcome not recorded",
            str(figures.unrecorded_first_contact),
            figures.unrecorded_first_contact,
            "walk_in:fcr_unknown",
        ),
    )
    return Section("first_contact", "First-contact resolution (walk-ins)", items)
