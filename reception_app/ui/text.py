"""Wording shown in several places (status bar, Today page), kept in one place."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from reception_app.domain.standards import ClockKind, ClockRule

if TYPE_CHECKING:  # types only: the main window's first paint must not wait for these imports
    from collections.abc import Sequence

    from reception_app.domain.appointments import FreeSlot as Slot
    from reception_app.domain.deadlines import DeadlineEngine
    from reception_app.services.office_service import OfficeStatus


def when(moment: datetime, today: datetime) -> str:
    """'at 09:30' today, 'tomorrow at 09:30', or 'on Monday 28 December at 09:30'."""
    days = (moment.date() - today.date()).days
    clock = f"{moment:%H:%M}"
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"on {moment:%A} {moment.day} {moment:%B} at {clock}"


def slot_day(moment: datetime) -> str:
    """'Wed 25 Nov'."""
    return f"{moment:%a} {moment.day} {moment:%b}"


def slots_for_desk(slots: Sequence[Slot]) -> str:
    """'Or come back at: Wed 25 Nov 09:30, Wed 25 Nov 09:45'; '' when there are none."""
    if not slots:
        return ""
    return "Or come back at: " + ", ".join(f"{slot_day(s.start)} {s.start:%H:%M}" for s in slots)


def slots_for_visitor(slots: Sequence[Slot]) -> str:
    """'Or come back: Wed 25 Nov at 09:30, 09:45 or 10:00', times grouped by day; '' if none."""
    days: dict[str, list[str]] = {}
    for s in slots:
        days.setdefault(slot_day(s.start), []).append(f"{s.start:%H:%M}")
    if not days:
        return ""
    parts = []
    for day, times in days.items():
        listed = times[0] if len(times) == 1 else f"{', '.join(times[:-1])} or {times[-1]}"
        parts.append(f"{day} at {listed}")
    return "Or come back: " + "; ".join(parts)


def opening_lead(next_opening: datetime | None, out_of_hours: str, now: datetime) -> str:
    """'Opens tomorrow at 09:30. Out of hours: ...': what to lead with when a visitor cannot be
    seen today."""
    opens = (
        f"Opens {when(next_opening, now)}."
        if next_opening is not None
        else "No opening hours are set: add them in Settings."
    )
    return f"{opens} Out of hours: {out_of_hours}"


def describe_status(status: OfficeStatus) -> tuple[str, str]:
    """(headline, detail) for whether the office is open."""
    if status.is_open:
        closes = f"{status.closes_at:%H:%M}" if status.closes_at else "later today"
        return (f"Open until {closes}", f"{status.office_name} is open to visitors.")
    opens = (
        f"Opens {when(status.next_opening, status.local_now)}."
        if status.next_opening
        else "No opening hours are set: add them in Settings."
    )
    return (
        f"Closed ({status.reason_closed})" if status.reason_closed else "Closed",
        f"{opens}\nOut of hours: {status.out_of_hours}",
    )


def status_bar_text(status: OfficeStatus) -> str:
    date_text = f"{status.local_now:%A} {status.local_now.day} {status.local_now:%B %Y}"
    if status.is_open:
        closes = f" until {status.closes_at:%H:%M}" if status.closes_at else ""
        return f"{status.office_name}  ·  {date_text}  ·  Open{closes}"
    opens = (
        f"opens {when(status.next_opening, status.local_now)}"
        if status.next_opening
        else "no opening hours set"
    )
    return (
        f"{status.office_name}  ·  {date_text}  ·  Closed, {opens}  ·  "
        f"Out of hours: {status.out_of_hours}"
    )


def day_text(d: date) -> str:
    """'Tue 8 Dec 2026'."""
    return f"{d:%a} {d.day} {d:%b %Y}"


def long_day(d: date) -> str:
    """'Tuesday 8 December 2026'."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def due_text(engine: DeadlineEngine, due: date | datetime, now: datetime) -> str:
    """'Tue 8 Dec 2026 (in 10 working days)'; a time-of-day deadline also gives the time
    (in the office's zone), and one at midnight is shown as the end of the day before.

    ``now`` is the moment, not the day: an hours clock whose moment has come says "overdue"
    (``DeadlineEngine.status``), exactly as the log, the detail pane and the report judge it."""
    if isinstance(due, datetime):
        local = engine.calendar.to_local(due)
        if local.time() == time(0):
            when = f"end of {day_text(local.date() - timedelta(days=1))}"
        else:
            when = f"{day_text(local.date())} at {local:%H:%M}"
    else:
        when = day_text(due)
    return f"{when} ({engine.status(due, engine.calendar.local_date(now), now)})"


def rule_phrase(clock: str, rule: ClockRule) -> str:
    """'respond by the end of the next working day', 'respond within 2 working days'."""
    text = rule.describe()
    if text.startswith("end of"):
        return f"{clock} by the {text}"
    if rule.kind is ClockKind.AGREED:
        return f"{clock} by a {text}"
    return f"{clock} within {text}"


def wait_range(minutes: float | None, unit: str = "min") -> str:
    """An estimate as the range a visitor is told, in 5-minute bands: 'about 10-15 min'.

    A range, not a single figure, because the estimate is honest only to a few minutes;
    under 2 minutes is 'now' and under 5 'under 5 min'.
    """
    if minutes is None:
        return ""
    if minutes < 2:
        return "now"
    low = int(minutes // 5) * 5
    if low == 0:
        return f"under 5 {unit}"
    return f"about {low}-{low + 5} {unit}"
