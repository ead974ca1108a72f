"""The trend over a period: one point a day, a week or a month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from reception_app.domain.reports.figures import Share, WaitStats, days_of
from reception_app.domain.reports.period import DayStatus
from reception_app.domain.reports.walk_ins import VisitOutcome, share_within

DAILY_TREND_DAYS = 62
"""Up to this many days the trend has one point a day; longer, one a week; over two years, a month."""
WEEKLY_TREND_DAYS = 731


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
            next_month = day + relativedelta(months=1, day=1)
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
                within_target=share_within(members),
                selector=f"walk_in:days:{first.isoformat()}:{last.isoformat()}",
            )
        )
    return tuple(points)
