"""Which days a report covers: the period check, and whether the office had hours each day."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ValidationError
from reception_app.domain.reports.figures import WEEKDAY_NAMES, long_date

MAX_RANGE_DAYS = 3660
"""About ten years: a longer range is almost certainly a typing mistake."""


@dataclass(frozen=True, slots=True)
class DayStatus:
    """Whether the office had hours on a day, and why not."""

    day: date
    open: bool
    reason: str = ""
    """'' when open; e.g. 'Saturday', 'Christmas Day (bank holiday)', 'office closed: stocktake'."""
    opens_at: datetime | None = None
    closes_at: datetime | None = None


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


def wait_cutoff(status: DayStatus, calendar: OfficeCalendar, now: datetime) -> datetime:
    """Until when a visitor never called is counted as waiting: closing time, or the end of the
    office-local day on a day without hours, and never later than now."""
    if status.closes_at is not None:
        end = status.closes_at
    else:
        end = datetime.combine(status.day + timedelta(days=1), time(0), calendar.zone)
    return min(end.astimezone(UTC), now)
