"""The whole report: the period's days, walk-ins, trend and sections, and its flat summary."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports.comparison import Comparison
from reception_app.domain.reports.figures import (
    Section,
    Share,
    days_of,
    long_date,
    minutes_text,
    percent_text,
)
from reception_app.domain.reports.period import DayStatus, day_status, wait_cutoff
from reception_app.domain.reports.standards import ChannelLine, channel_lines, standards_section
from reception_app.domain.reports.trend import TrendPoint, trend
from reception_app.domain.reports.walk_in_sections import first_contact_section, walk_in_section
from reception_app.domain.reports.walk_ins import (
    VisitOutcome,
    VisitRow,
    WalkInFigures,
    visit_outcome,
    walk_in_figures,
)
from reception_app.domain.standards import ChannelStandard


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
    compared: Comparison = field(default_factory=Comparison)
    """The same figures for the previous period and a year earlier (empty when not asked)."""

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
    cutoffs = {d: wait_cutoff(s, calendar, now) for d, s in statuses.items()}
    outcomes: list[VisitOutcome] = []
    for row in rows:
        status = statuses.get(row.day) or day_status(calendar, row.day, reasons)
        cutoff = cutoffs.get(row.day) or wait_cutoff(status, calendar, now)
        outcomes.append(visit_outcome(row, target_wait_minutes, cutoff, calendar))
    outcomes.sort(key=lambda o: (o.row.checked_in_at, o.row.id))
    figures = walk_in_figures(outcomes, _opening_hours(calendar, statuses.values()))
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


def _opening_hours(calendar: OfficeCalendar, statuses: Iterable[DayStatus]) -> set[int]:
    """The office-local hours the office was open on some day (listed even with no arrivals)."""
    hours: set[int] = set()
    for s in statuses:
        if s.opens_at is not None and s.closes_at is not None:
            first = calendar.to_local(s.opens_at).hour
            last_moment = calendar.to_local(s.closes_at) - timedelta(minutes=1)
            hours.update(range(first, last_moment.hour + 1))
    return hours


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
