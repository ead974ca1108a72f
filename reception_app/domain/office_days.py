"""The office's coming working days, and why the days in between are closed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.offices import OfficeProfile

WORKING_DAYS_SHOWN = 10
_SEARCH_DAYS = 400  # an office shut for a long refurbishment still ends the loop


@dataclass(frozen=True, slots=True)
class ComingDay:
    """One line of the coming days: a working day with its hours, or a run of days off."""

    first: date
    last: date
    working: bool
    text: str


def hours_text(intervals: Sequence[tuple[datetime, datetime]]) -> str:
    """'09:30–12:30, 13:15–16:00' for local opening intervals ('' when there are none)."""
    return ", ".join(f"{a:%H:%M}–{b:%H:%M}" for a, b in intervals)


def closed_reason(calendar: OfficeCalendar, profile: OfficeProfile, day: date) -> str:
    """Why the office does not work on ``day``: a bank holiday, a closure day or the weekend."""
    holiday = calendar.bank_holiday_name(day)
    if holiday:
        return f"Closed (bank holiday): {holiday}"
    closure = next((d for d in profile.closure_days if d.day == day), None)
    if closure is not None:
        return f"Closed: {closure.reason or 'office closure day'}"
    intervals = calendar.opening_intervals(day)
    if intervals:
        return f"Open {hours_text(intervals)} (weekend opening, not a working day)"
    return "Closed: weekend"


def coming_days(
    calendar: OfficeCalendar, profile: OfficeProfile, today: date, count: int = WORKING_DAYS_SHOWN
) -> list[ComingDay]:
    """The next ``count`` office working days from ``today`` (included) with their hours, and the
    days skipped in between with the reason; consecutive days off for the same reason share a row."""
    rows: list[ComingDay] = []
    found = 0
    day = today
    for _ in range(_SEARCH_DAYS):
        if found == count:
            break
        if calendar.is_office_working_day(day):
            intervals = calendar.opening_intervals(day)
            text = hours_text(intervals) or "No opening hours set for this day"
            rows.append(ComingDay(day, day, True, text))
            found += 1
        else:
            reason = closed_reason(calendar, profile, day)
            previous = rows[-1] if rows else None
            if (
                previous is not None
                and not previous.working
                and previous.text == reason
                and previous.last == day - timedelta(days=1)
            ):
                rows[-1] = ComingDay(previous.first, day, False, reason)
            else:
                rows.append(ComingDay(day, day, False, reason))
        day += timedelta(days=1)
    return rows


def week_day_text(calendar: OfficeCalendar, profile: OfficeProfile, day: date) -> str:
    """A day of the Today page's "This week": its hours ('09:30-16:00'), or 'Closed (Christmas
    Day)', 'Closed (Staff training)', 'Closed'."""
    if calendar.is_office_working_day(day):
        return profile.hours_text(day.weekday())
    text = calendar.bank_holiday_name(day) or next(
        (f"Closed ({d.reason or 'closure day'})" for d in profile.closure_days if d.day == day),
        "Closed",
    )
    return text if text.startswith("Closed") else f"Closed ({text})"
