"""Managers' report figures from plain rows: walk-in waits, first-contact resolution, standards.

Pure: the service layer reads the rows, this module turns them into figures (DOMAIN.md 7). Every
definition is written down in docs/reports.md; the short version:

- a **wait** runs from check-in to the call; a visitor who left uncalled waited until they left,
  one still waiting at the end of the day (or now, for today) until closing time (or now);
- **share within the target** counts visitors called within the target (inclusive), out of
  everyone whose outcome is known: called, or still uncalled after the target had passed;
- **percentiles** use the nearest-rank method (an actual wait, never an interpolation); the
  median is the ordinary median (the mean of the two middle waits when the count is even).

A report is a list of sections so that appointments, rooms and correspondence sit beside the
walk-ins; each figure carries a *selector* naming the records behind it (``rows_for``).
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ValidationError
from reception_app.domain.standards import CHANNELS, ChannelStandard

MAX_RANGE_DAYS = 3660
"""About ten years: a longer range is almost certainly a typing mistake."""
DAILY_TREND_DAYS = 62
"""Up to this many days the trend has one point a day; longer, one a week; over two years, a month."""
WEEKLY_TREND_DAYS = 731
ANNOUNCED_CLOSE_MINUTES = 5.0
"""An announced wait 'about right' when the actual wait was within this many minutes of it."""

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Visit statuses as stored (domain.visits.VisitStatus values).
_WAITING, _CALLED, _SERVING = "waiting", "called", "serving"
_SERVED, _LEFT, _CANCELLED = "served", "left", "cancelled"


# --- input rows ------------------------------------------------------------------------------


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


# --- figures ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Share:
    """``met`` out of ``total``; no fraction when nothing counted."""

    met: int = 0
    total: int = 0

    @property
    def fraction(self) -> float | None:
        return self.met / self.total if self.total else None

    def text(self) -> str:
        """'87% (26 of 30)' or 'none to count'."""
        if not self.total:
            return "none to count"
        return f"{percent_text(self.fraction)} ({self.met} of {self.total})"


@dataclass(frozen=True, slots=True)
class WaitStats:
    """Waits in minutes: how many, mean, median, 90th percentile (nearest rank) and longest."""

    count: int = 0
    mean: float | None = None
    median: float | None = None
    p90: float | None = None
    longest: float | None = None

    @classmethod
    def of(cls, waits: Iterable[float]) -> WaitStats:
        values = sorted(waits)
        if not values:
            return cls()
        return cls(
            count=len(values),
            mean=math.fsum(values) / len(values),
            median=statistics.median(values),
            p90=nearest_rank(values, 90),
            longest=values[-1],
        )


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


@dataclass(frozen=True, slots=True)
class DayStatus:
    """Whether the office had hours on a day, and why not."""

    day: date
    open: bool
    reason: str = ""
    """'' when open; e.g. 'Saturday', 'Christmas Day (bank holiday)', 'office closed: stocktake'."""
    opens_at: datetime | None = None
    closes_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class TrendPoint:
    label: str
    start: date
    end: date
    open_days: int
    arrivals: int
    mean_wait: float | None
    p90_wait: float | None
    within_target: Share
    selector: str


@dataclass(frozen=True, slots=True)
class Figure:
    """One number with its words, and the selector of the records behind it ('' for none)."""

    key: str
    label: str
    text: str
    value: float | None = None
    selector: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class FigureTable:
    """A breakdown table: header, rows of text, and one selector per row."""

    key: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    selectors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the report; ``available`` is False when its records do not exist yet."""

    key: str
    title: str
    figures: tuple[Figure, ...] = ()
    tables: tuple[FigureTable, ...] = ()
    note: str = ""
    available: bool = True


@dataclass(frozen=True, slots=True)
class ChannelLine:
    """One channel's published standard, for the definitions section and the 'met by channel'
    chart (``answered`` is empty until the channel's records exist)."""

    channel: str
    name: str
    clocks: str
    answered: Share = Share()
    overdue_now: int = 0


@dataclass(frozen=True)
class Report:
    office_name: str
    calendar: OfficeCalendar
    start: date
    end: date
    generated_at: datetime
    target_wait_minutes: int
    days: tuple[DayStatus, ...]
    walk_ins: WalkInFigures
    outcomes: tuple[VisitOutcome, ...]
    trend: tuple[TrendPoint, ...]
    channels: tuple[ChannelLine, ...]
    sections: tuple[Section, ...]
    partial: bool = False
    """The period includes today: figures so far."""
    extra_rows: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    """Records behind figures of other sections, by selector (headers under ``'headers:'+key``)."""

    @property
    def single_day(self) -> bool:
        return self.start == self.end

    @property
    def open_days(self) -> int:
        return sum(1 for d in self.days if d.open)

    @property
    def no_office_hours(self) -> bool:
        """No opening hours on any day of the period and nobody came: say so, not zeros."""
        return self.open_days == 0 and not self.outcomes

    def closed_reason(self) -> str:
        """For a day (or a range) without office hours: 'no office hours: Saturday'."""
        if self.single_day:
            return f"No office hours on {long_date(self.start)}: {self.days[0].reason}."
        return (
            f"No office hours between {long_date(self.start)} and {long_date(self.end)} "
            "(weekends, bank holidays or closure days only)."
        )

    @property
    def period_text(self) -> str:
        if self.single_day:
            return long_date(self.start)
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


# --- small helpers ---------------------------------------------------------------------------


def nearest_rank(sorted_values: Sequence[float], percentile: float) -> float:
    """The nearest-rank percentile of values already sorted ascending: the value at rank
    ceil(p/100 * n) (1-based). Always one of the values; the 100th is the largest."""
    if not sorted_values:
        raise ValueError("no values")
    if not 0 < percentile <= 100:
        raise ValueError(f"percentile must be above 0 and at most 100, not {percentile}")
    rank = math.ceil(percentile / 100 * len(sorted_values))
    return sorted_values[max(rank, 1) - 1]


def minutes_between(start: datetime, end: datetime) -> float:
    return max((end - start).total_seconds() / 60.0, 0.0)


def minutes_text(value: float | None) -> str:
    """'7.5 min'; '-' for none."""
    if value is None:
        return "-"
    return f"{value:.1f} min"


def signed_minutes_text(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:+.1f} min"


def percent_text(fraction: float | None) -> str:
    if fraction is None:
        return "-"
    return f"{fraction * 100:.0f}%"


def long_date(d: date) -> str:
    """'Tuesday 24 November 2026'."""
    return f"{WEEKDAY_NAMES[d.weekday()]} {d.day} {d:%B %Y}"


def short_date(d: date) -> str:
    """'24 Nov 2026'."""
    return f"{d.day} {d:%b %Y}"


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


# --- validation ------------------------------------------------------------------------------


def check_period(start: date, end: date, today: date, first_day: date | None) -> None:
    """Refuse a period a report cannot be made for, with a message for the field at fault.

    ``first_day`` is the office's first day with records (None: none yet, so today).
    """
    if end < start:
        raise ValidationError(
            f"The end date ({long_date(end)}) is before the start date ({long_date(start)}). "
            "Choose an end on or after the start.",
            "end",
        )
    if start > today:
        raise ValidationError(
            f"{long_date(start)} is in the future: reports cover days up to today "
            f"({long_date(today)}).",
            "start",
        )
    if end > today:
        raise ValidationError(
            f"The end date ({long_date(end)}) is in the future: choose today "
            f"({long_date(today)}) or an earlier day.",
            "end",
        )
    begins = min(first_day, today) if first_day is not None else today
    if start < begins:
        raise ValidationError(
            f"This office's records begin on {long_date(begins)}, so there is nothing to report "
            f"for {long_date(start)}. Choose {long_date(begins)} or later.",
            "start",
        )
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise ValidationError(
            f"A report can cover at most {MAX_RANGE_DAYS} days; this range has "
            f"{(end - start).days + 1}. Choose a shorter range.",
            "end",
        )


# --- office days -----------------------------------------------------------------------------


def day_status(
    calendar: OfficeCalendar, day: date, closure_reasons: Mapping[date, str]
) -> DayStatus:
    """Whether the office had opening hours on ``day``, and in plain words why not."""
    intervals = calendar.opening_intervals(day)
    if intervals:
        return DayStatus(
            day, True, "", intervals[0][0].astimezone(UTC), intervals[-1][1].astimezone(UTC)
        )
    holiday = calendar.bank_holiday_name(day)
    if holiday:
        reason = f"{holiday} (bank holiday)"
    elif calendar.is_closure_day(day):
        why = closure_reasons.get(day, "")
        reason = f"office closed ({why})" if why else "office closed (closure day)"
    elif day.weekday() >= 5:
        reason = "weekend"
    else:
        reason = f"the office has no opening hours on {WEEKDAY_NAMES[day.weekday()]}s"
    return DayStatus(day, False, reason)


def _cutoff(status: DayStatus, calendar: OfficeCalendar, now: datetime) -> datetime:
    """Until when a visitor never called is counted as waiting: closing time, or the end of the
    office-local day on a day without hours, and never later than now."""
    if status.closes_at is not None:
        end = status.closes_at
    else:
        end = datetime.combine(status.day + timedelta(days=1), time(0), calendar.zone)
    return min(end.astimezone(UTC), now)


# --- per-visit outcome -----------------------------------------------------------------------


def visit_outcome(
    row: VisitRow, target_minutes: float, cutoff: datetime, calendar: OfficeCalendar
) -> VisitOutcome:
    """The wait and target result of one visit (definitions at the top of the module)."""
    hour = calendar.to_local(row.checked_in_at).hour
    if row.status == _CANCELLED:
        return VisitOutcome(row, None, "cancelled", None, None, None, hour)
    called = row.called_at
    if called is None and row.status in (_CALLED, _SERVING, _SERVED):
        called = row.served_at or row.finished_at  # a record closed without its call time
    announced_error = None
    handling = None
    if called is not None:
        wait = minutes_between(row.checked_in_at, called)
        end = "called"
        within: bool | None = wait <= target_minutes
        if row.announced_wait_minutes is not None:
            announced_error = wait - row.announced_wait_minutes
        if row.status == _SERVED and row.finished_at is not None:
            handling = minutes_between(row.served_at or called, row.finished_at)
    else:
        if row.status == _LEFT and row.finished_at is not None:
            wait, end = minutes_between(row.checked_in_at, row.finished_at), "left"
        else:
            wait = minutes_between(row.checked_in_at, max(cutoff, row.checked_in_at))
            end = "left" if row.status == _LEFT else "still_waiting"
        within = False if wait > target_minutes else None
    return VisitOutcome(row, wait, end, within, announced_error, handling, hour)


def _group(key: str, label: str, outcomes: Sequence[VisitOutcome], selector: str) -> GroupFigures:
    counted = [o for o in outcomes if o.wait_minutes is not None]
    handling = [o.handling_minutes for o in counted if o.handling_minutes is not None]
    return GroupFigures(
        key=key,
        label=label,
        arrivals=len(counted),
        served=sum(1 for o in counted if o.row.status == _SERVED),
        left=sum(1 for o in counted if o.row.status == _LEFT),
        waits=WaitStats.of(o.wait_minutes for o in counted if o.wait_minutes is not None),
        within_target=_within(counted),
        first_contact=_first_contact(counted)[0],
        mean_handling=math.fsum(handling) / len(handling) if handling else None,
        selector=selector,
    )


def _within(outcomes: Iterable[VisitOutcome]) -> Share:
    known = [o.within_target for o in outcomes if o.within_target is not None]
    return Share(sum(known), len(known))


def _first_contact(outcomes: Iterable[VisitOutcome]) -> tuple[Share, int]:
    served = [o.row for o in outcomes if o.row.status == _SERVED]
    known = [r.resolved_first_contact for r in served if r.resolved_first_contact is not None]
    return Share(sum(known), len(known)), len(served) - len(known)


def walk_in_figures(outcomes: Sequence[VisitOutcome], hours: Iterable[int] = ()) -> WalkInFigures:
    """Every walk-in figure of a day or a range from its visits' outcomes.

    ``hours`` are office-local hours to list even with no arrivals (the opening hours).
    """
    counted = [o for o in outcomes if o.wait_minutes is not None]
    errors = [o.announced_error for o in counted if o.announced_error is not None]
    first_contact, unrecorded = _first_contact(counted)
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
        served=sum(1 for o in counted if o.row.status == _SERVED),
        left=sum(1 for o in counted if o.row.status == _LEFT),
        still_waiting=sum(1 for o in counted if o.wait_end == "still_waiting"),
        at_desk=sum(1 for o in counted if o.row.status in (_CALLED, _SERVING)),
        cancelled=len(outcomes) - len(counted),
        waits=WaitStats.of(o.wait_minutes for o in counted if o.wait_minutes is not None),
        called_waits=WaitStats.of(
            o.wait_minutes for o in counted if o.wait_end == "called" and o.wait_minutes is not None
        ),
        within_target=_within(counted),
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


# --- the trend -------------------------------------------------------------------------------


def trend_buckets(start: date, end: date) -> list[tuple[str, date, date]]:
    """(label, first day, last day) of each trend point: days, weeks (Monday) or months."""
    length = (end - start).days + 1
    if length <= DAILY_TREND_DAYS:
        return [(f"{d:%a} {d.day} {d:%b}", d, d) for d in days_of(start, end)]
    buckets: list[tuple[str, date, date]] = []
    day = start
    while day <= end:
        if length <= WEEKLY_TREND_DAYS:
            last = min(day + timedelta(days=6 - day.weekday()), end)
            label = f"w/c {day.day} {day:%b %Y}" if day.weekday() == 0 else f"{day.day} {day:%b %Y}"
        else:
            next_month = date(day.year + day.month // 12, day.month % 12 + 1, 1)
            last = min(next_month - timedelta(days=1), end)
            label = f"{day:%b %Y}"
        buckets.append((label, day, last))
        day = last + timedelta(days=1)
    return buckets


def trend(
    start: date, end: date, outcomes: Sequence[VisitOutcome], days: Sequence[DayStatus]
) -> tuple[TrendPoint, ...]:
    by_day: dict[date, list[VisitOutcome]] = defaultdict(list)
    for o in outcomes:
        if o.wait_minutes is not None:
            by_day[o.row.day].append(o)
    open_days = {d.day for d in days if d.open}
    points = []
    for label, first, last in trend_buckets(start, end):
        members = [o for d in days_of(first, last) for o in by_day.get(d, ())]
        stats = WaitStats.of(o.wait_minutes for o in members if o.wait_minutes is not None)
        points.append(
            TrendPoint(
                label=label,
                start=first,
                end=last,
                open_days=sum(1 for d in days_of(first, last) if d in open_days),
                arrivals=len(members),
                mean_wait=stats.mean,
                p90_wait=stats.p90,
                within_target=_within(members),
                selector=f"walk_in:days:{first.isoformat()}:{last.isoformat()}",
            )
        )
    return tuple(points)


# --- the whole report ------------------------------------------------------------------------


def build_report(
    *,
    office_name: str,
    calendar: OfficeCalendar,
    start: date,
    end: date,
    rows: Iterable[VisitRow],
    target_wait_minutes: int,
    now: datetime,
    standards: Mapping[str, ChannelStandard] | None = None,
    closure_reasons: Mapping[date, str] | None = None,
    extra_sections: Sequence[Section] = (),
    extra_rows: Mapping[str, tuple[tuple[str, ...], ...]] | None = None,
    channel_results: Mapping[str, tuple[Share, int]] | None = None,
) -> Report:
    """The report for ``start`` to ``end`` (office-local days) from the visits of those days.

    ``now`` (aware) ends the wait of visitors still waiting today. ``channel_results`` maps a
    channel to (answered within standard, overdue now) once correspondence records exist.
    """
    reasons = closure_reasons or {}
    statuses = {d: day_status(calendar, d, reasons) for d in days_of(start, end)}
    cutoffs = {d: _cutoff(s, calendar, now) for d, s in statuses.items()}
    outcomes: list[VisitOutcome] = []
    for row in rows:
        status = statuses.get(row.day) or day_status(calendar, row.day, reasons)
        cutoff = cutoffs.get(row.day) or _cutoff(status, calendar, now)
        outcomes.append(visit_outcome(row, target_wait_minutes, cutoff, calendar))
    outcomes.sort(key=lambda o: (o.row.checked_in_at, o.row.id))
    hours: set[int] = set()
    for s in statuses.values():
        if s.opens_at is not None and s.closes_at is not None:
            first = calendar.to_local(s.opens_at).hour
            last_moment = calendar.to_local(s.closes_at) - timedelta(minutes=1)
            hours.update(range(first, last_moment.hour + 1))
    figures = walk_in_figures(outcomes, hours)
    days = tuple(statuses[d] for d in sorted(statuses))
    local_today = calendar.to_local(now).date()
    channels = channel_lines(standards or {}, channel_results or {})
    sections = (
        walk_in_section(figures, target_wait_minutes, start == end),
        first_contact_section(figures),
        *extra_sections,
        standards_section(channels, target_wait_minutes, bool(channel_results)),
    )
    return Report(
        office_name=office_name,
        calendar=calendar,
        start=start,
        end=end,
        generated_at=now,
        target_wait_minutes=target_wait_minutes,
        days=days,
        walk_ins=figures,
        outcomes=tuple(outcomes),
        trend=trend(start, end, outcomes, days),
        channels=channels,
        sections=sections,
        partial=start <= local_today <= end,
        extra_rows=dict(extra_rows or {}),
    )


# --- sections (the words every output shares) ------------------------------------------------

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
    waits = f.waits
    still = "still waiting at closing time" if single_day else "never called by closing time"
    items = (
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


def channel_lines(
    standards: Mapping[str, ChannelStandard], results: Mapping[str, tuple[Share, int]]
) -> tuple[ChannelLine, ...]:
    lines = []
    for channel, name in CHANNELS.items():
        standard = standards.get(channel)
        if standard is None:
            continue
        clocks = "; ".join(
            f"{clock}: {rule.describe()}" for clock, rule in standard.clocks().items()
        )
        answered, overdue = results.get(channel, (Share(), 0))
        lines.append(ChannelLine(channel, name, clocks, answered, overdue))
    return tuple(lines)


def standards_section(channels: Sequence[ChannelLine], target: int, with_results: bool) -> Section:
    items = (
        Figure(
            "target_wait",
            "Target wait for walk-in visitors",
            f"{target} minutes",
            float(target),
            note="set in Settings; a visitor called after exactly the target counts as within it",
        ),
    )
    headers: tuple[str, ...] = ("Channel", "Published standard")
    rows: list[tuple[str, ...]] = []
    for line in channels:
        row: tuple[str, ...] = (line.name, line.clocks)
        if with_results:
            row += (line.answered.text(), str(line.overdue_now))
        rows.append(row)
    if with_results:
        headers += ("Answered within standard", "Overdue now")
    table = FigureTable(
        "standards",
        "Service standards by channel",
        headers,
        tuple(rows),
        tuple(f"channel:{line.channel}" if with_results else "" for line in channels),
    )
    return Section("standards", "Service standards", items, (table,))


def unavailable_section(key: str, title: str, why: str) -> Section:
    """A section whose records are not in this version's database yet."""
    return Section(key, title, note=why, available=False)


# --- drill-down ------------------------------------------------------------------------------


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
        "served": lambda o: o.row.status == _SERVED,
        "left": lambda o: o.row.status == _LEFT,
        "still_waiting": lambda o: o.wait_end == "still_waiting",
        "at_desk": lambda o: o.row.status in (_CALLED, _SERVING),
        "over_target": lambda o: o.within_target is False,
        "within_target": lambda o: o.within_target is True,
        "announced": lambda o: o.announced_error is not None,
        "fcr_yes": lambda o: o.row.status == _SERVED and o.row.resolved_first_contact is True,
        "fcr_no": lambda o: o.row.status == _SERVED and o.row.resolved_first_contact is False,
        "fcr_unknown": lambda o: o.row.status == _SERVED and o.row.resolved_first_contact is None,
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


def _local_time(calendar_zone: OfficeCalendar, at: datetime | None) -> str:
    return "" if at is None else f"{calendar_zone.to_local(at):%H:%M}"


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
        _local_time(calendar, r.checked_in_at),
        _local_time(calendar, r.called_at),
        _local_time(calendar, r.finished_at),
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


def summary_rows(report: Report) -> list[tuple[str, str, str, str]]:
    """The summary as (section, figure, breakdown, value) lines: the CSV and any flat export."""
    out: list[tuple[str, str, str, str]] = [
        ("Report", "Office", "", report.office_name),
        ("Report", "Period", "", report.period_text),
        ("Report", "Days with office hours", "", str(report.open_days)),
    ]
    if report.partial:
        out.append(("Report", "Note", "", "includes today: figures so far"))
    for d in report.days:
        if not d.open:
            out.append(("Report", "No office hours", d.day.isoformat(), d.reason))
    for section in report.sections:
        if not section.available:
            out.append((section.title, "Not available", "", section.note))
            continue
        for fig in section.figures:
            out.append((section.title, fig.label, "", fig.text))
        for table in section.tables:
            for row in table.rows:
                for header, cell in zip(table.headers[1:], row[1:], strict=False):
                    out.append((section.title, f"{table.title}: {header}", row[0], cell))
    for point in report.trend:
        out.append(("Trend", "Walk-ins", point.label, str(point.arrivals)))
        out.append(("Trend", "Mean wait", point.label, minutes_text(point.mean_wait)))
        out.append(
            ("Trend", "Within target", point.label, percent_text(point.within_target.fraction))
        )
    return out


# --- appointments, rooms, messages and correspondence ----------------------------------------


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


@dataclass(frozen=True, slots=True)
class RoomBookingRow:
    id: int
    room: str
    starts_at: datetime
    ends_at: datetime
    status: str
    """booked, released or cancelled: only 'booked' counts as use."""
    purpose: str = ""


@dataclass(frozen=True, slots=True)
class WorkItemRow:
    """A message wanting a call-back, or a piece of correspondence, with its answer clock."""

    id: int
    kind: str
    """'message' or 'correspondence'."""
    channel: str
    received_at: datetime
    due_on: date | None
    """The office-local day the answer is due by (end of day); None: no clock."""
    due_at: datetime | None = None
    """The exact moment, for clocks counted in hours."""
    answered_at: datetime | None = None
    closed: bool = False
    next_due_on: date | None = None
    """When the next step (acknowledge, answer...) is due while open: for 'overdue now'."""


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
ROOM_HEADERS = ("Room", "Day", "From", "To", "Hours", "Purpose")
ITEM_HEADERS = (
    "Kind",
    "Channel",
    "Received",
    "Due by",
    "Answered",
    "Within standard",
    "Overdue by (working days)",
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
    live = [r for r in rows if r.status != "cancelled"]
    seen = [r for r in live if r.seen_at is not None]
    delays = [d for d in (_delay(r) for r in seen) if d is not None]
    on_time = sum(1 for d in delays if d <= late_minutes)
    late = [r for r in seen if (_delay(r) or 0) > late_minutes]
    told = sum(1 for r in late if r.delay_told_at is not None)
    no_shows = [r for r in live if r.status == "no_show"]
    open_rows = [r for r in live if r.status in ("booked", "arrived")]

    def cells(r: AppointmentRow) -> tuple[str, ...]:
        delay = _delay(r)
        return (
            f"{calendar.to_local(r.starts_at):%d %b %H:%M}",
            r.service,
            r.officer,
            r.status.replace("_", " "),
            _local_time(calendar, r.arrived_at),
            _local_time(calendar, r.seen_at),
            "" if delay is None else f"{delay:.1f}",
            "yes" if r.delay_told_at else "",
        )

    ordered = sorted(rows, key=lambda r: (r.starts_at, r.id))
    extra = {
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
    on_time_share = Share(on_time, len(delays))
    late_told = Share(told, len(late))
    figures = (
        Figure("booked", "Appointments", str(len(live)), len(live), "appointments:all"),
        Figure("seen", "Seen", str(len(seen)), len(seen), "appointments:seen"),
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
            minutes_text(math.fsum(delays) / len(delays) if delays else None),
            math.fsum(delays) / len(delays) if delays else None,
            "appointments:seen",
        ),
        Figure(
            "worst_delay",
            "Worst delay",
            minutes_text(max(delays) if delays else None),
            max(delays) if delays else None,
            "appointments:late",
        ),
        Figure(
            "late_told",
            "Late visitors told the reason and new time",
            late_told.text(),
            late_told.fraction,
            "appointments:late",
        ),
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
    return Section("appointments", "Appointments", figures), extra


def rooms_section(
    rows: Sequence[RoomBookingRow],
    rooms: Sequence[str],
    open_hours: float,
    calendar: OfficeCalendar,
) -> tuple[Section, dict[str, tuple[tuple[str, ...], ...]]]:
    """Use per room: bookings, hours booked and the share of the office's opening hours."""
    used = [r for r in rows if r.status == "booked"]
    table_rows = []
    selectors = []
    extra: dict[str, tuple[tuple[str, ...], ...]] = {"headers:rooms": (ROOM_HEADERS,)}
    for room in sorted({*rooms, *(r.room for r in used)}, key=str.casefold):
        mine = sorted((r for r in used if r.room == room), key=lambda r: r.starts_at)
        hours = math.fsum((r.ends_at - r.starts_at).total_seconds() / 3600 for r in mine)
        share = percent_text(hours / open_hours) if open_hours else "-"
        table_rows.append((room, str(len(mine)), f"{hours:.1f}", share))
        selectors.append(f"rooms:room:{room}")
        extra[f"rooms:room:{room}"] = tuple(
            (
                r.room,
                f"{calendar.to_local(r.starts_at):%a %d %b %Y}",
                _local_time(calendar, r.starts_at),
                _local_time(calendar, r.ends_at),
                f"{(r.ends_at - r.starts_at).total_seconds() / 3600:.1f}",
                r.purpose,
            )
            for r in mine
        )
    table = FigureTable(
        "rooms",
        f"Use per room ({open_hours:.1f} opening hours in the period)",
        ("Room", "Bookings", "Hours booked", "Share of opening hours"),
        tuple(table_rows),
        tuple(selectors),
    )
    return Section("rooms", "Interview rooms", tables=(table,)), extra


def _answered_in_time(item: WorkItemRow, calendar: OfficeCalendar) -> bool:
    assert item.answered_at is not None
    if item.due_at is not None:
        return item.answered_at <= item.due_at
    assert item.due_on is not None
    return calendar.to_local(item.answered_at).date() <= item.due_on


def correspondence_section(
    in_period: Sequence[WorkItemRow],
    open_now: Sequence[WorkItemRow],
    today: date,
    now: datetime,
    calendar: OfficeCalendar,
) -> tuple[Section, dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[Share, int]]]:
    """Answered within standard by channel (items received in the period), overdue now and the
    oldest overdue item (everything still open today, whenever it came in).

    An item counts towards 'within standard' once its outcome is known: answered (in time or
    not), or unanswered after its deadline. Items with no clock are left out.
    """

    def past_due(item: WorkItemRow) -> bool:
        if item.due_at is not None:
            return now > item.due_at
        return item.due_on is not None and today > item.due_on

    def overdue_since(item: WorkItemRow) -> date | None:
        due = item.next_due_on
        return due if due is not None and due < today else None

    results: dict[str, list[bool]] = defaultdict(list)
    cells_by: dict[str, list[tuple[str, ...]]] = defaultdict(list)

    def cells(item: WorkItemRow, within: bool | None) -> tuple[str, ...]:
        since = overdue_since(item) if not item.closed else None
        return (
            item.kind,
            CHANNELS.get(item.channel, item.channel),
            f"{calendar.to_local(item.received_at):%d %b %Y %H:%M}",
            "" if item.due_on is None else item.due_on.isoformat(),
            ""
            if item.answered_at is None
            else f"{calendar.to_local(item.answered_at):%d %b %Y %H:%M}",
            "" if within is None else ("yes" if within else "no"),
            "" if since is None else str(calendar.working_days_between(since, today)),
        )

    for item in in_period:
        within: bool | None = None
        if item.due_on is not None or item.due_at is not None:
            if item.answered_at is not None:
                within = _answered_in_time(item, calendar)
            elif past_due(item):
                within = False
        if within is not None:
            results[item.channel].append(within)
        cells_by[f"channel:{item.channel}"].append(cells(item, within))
        if within is False:
            cells_by["correspondence:missed"].append(cells(item, within))
    overdue = sorted(
        (i for i in open_now if overdue_since(i) is not None),
        key=lambda i: (overdue_since(i) or today, i.received_at),
    )
    overdue_by_channel: dict[str, int] = defaultdict(int)
    for item in overdue:
        overdue_by_channel[item.channel] += 1
        cells_by["correspondence:overdue"].append(cells(item, None))
    channel_results = {
        channel: (
            Share(sum(results.get(channel, [])), len(results.get(channel, []))),
            overdue_by_channel.get(channel, 0),
        )
        for channel in {*results, *overdue_by_channel, *(i.channel for i in in_period)}
    }
    total = Share(sum(sum(v) for v in results.values()), sum(len(v) for v in results.values()))
    oldest_text = "none"
    if overdue:
        first = overdue[0]
        since = overdue_since(first)
        assert since is not None
        oldest_text = (
            f"{CHANNELS.get(first.channel, first.channel)} received "
            f"{short_date(calendar.to_local(first.received_at).date())}, due {short_date(since)}: "
            f"overdue by {calendar.working_days_between(since, today)} working days"
        )
    messages = [i for i in in_period if i.kind == "message"]
    letters = [i for i in in_period if i.kind == "correspondence"]
    figures = (
        Figure(
            "received",
            "Call-backs and correspondence received",
            f"{len(messages)} call-backs, {len(letters)} correspondence",
            float(len(in_period)),
        ),
        Figure(
            "within_standard",
            "Answered within standard (all channels)",
            total.text(),
            total.fraction,
            "correspondence:missed",
            "click to list those that missed it",
        ),
        Figure(
            "overdue_now",
            "Overdue now",
            str(len(overdue)),
            float(len(overdue)),
            "correspondence:overdue",
            f"as of {long_date(today)}",
        ),
        Figure("oldest_overdue", "Oldest overdue", oldest_text, None, "correspondence:overdue"),
    )
    rows = []
    selectors = []
    for channel, name in CHANNELS.items():
        if channel not in channel_results:
            continue
        share, n_overdue = channel_results[channel]
        rows.append(
            (
                name,
                str(sum(1 for i in in_period if i.channel == channel)),
                share.text(),
                str(n_overdue),
            )
        )
        selectors.append(f"channel:{channel}")
    table = FigureTable(
        "by_channel",
        "By channel",
        ("Channel", "Received in period", "Answered within standard", "Overdue now"),
        tuple(rows),
        tuple(selectors),
    )
    extra: dict[str, tuple[tuple[str, ...], ...]] = {
        key: tuple(value) for key, value in cells_by.items()
    }
    extra["headers:channel"] = (ITEM_HEADERS,)
    extra["headers:correspondence"] = (ITEM_HEADERS,)
    section = Section("correspondence", "Call-backs and correspondence", figures, (table,))
    return section, extra, channel_results
