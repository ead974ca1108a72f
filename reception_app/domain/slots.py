"""Free appointment slots offered as the alternative to waiting (issue 3).

Until the appointments issue books them, a slot is free when the office is open, a desk that
handles the service is on duty for the whole slot, and the minimum notice has passed. Pure
functions over an ``OfficeCalendar``; no clock is read here.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from reception_app.domain.calendar import OfficeCalendar

SEARCH_DAYS = 400
"""How far ahead to look, as OfficeCalendar.next_opening does, before giving up."""

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class DeskAvailability:
    """When one desk can see visitors.

    ``handles`` None means every service. ``duties`` maps a weekday (0 = Monday) to the desk's
    staffed intervals in office local time; None means whenever the office is open, and a
    weekday missing from the mapping means the desk is not staffed that day.
    """

    desk_key: str
    handles: frozenset[str] | None = None
    duties: Mapping[int, tuple[tuple[time, time], ...]] | None = None

    def handles_service(self, service: str | None) -> bool:
        return service is None or self.handles is None or service in self.handles


@dataclass(frozen=True, slots=True)
class Slot:
    """A free appointment time: aware datetimes in the office zone, and the desk it is on."""

    start: datetime
    end: datetime
    desk_key: str


def next_free_slots(
    calendar: OfficeCalendar,
    after: datetime,
    minutes: int,
    desks: Sequence[DeskAvailability],
    count: int = 3,
    minimum_notice: timedelta = timedelta(hours=1),
    step_minutes: int = 15,
    *,
    service: str | None = None,
) -> list[Slot]:
    """The ``count`` earliest free slots of ``minutes`` with distinct start times.

    A slot starts on the ``step_minutes`` grid of the local day (09:30, 09:45 ...), no earlier
    than ``after + minimum_notice``, lies wholly inside one opening interval of an open day
    (bank holidays and closure days have none) and inside a duty of a desk that handles
    ``service`` (every desk when ``service`` is None). When two desks are free at the same
    time the first desk in ``desks`` gets the slot. ValueError for a naive ``after`` or a
    non-positive length or step.
    """
    if after.tzinfo is None:
        raise ValueError("'after' must be an aware datetime")
    if minutes <= 0 or step_minutes <= 0:
        raise ValueError("slot length and step must be positive minutes")
    usable = [d for d in desks if d.handles_service(service)]
    if count <= 0 or not usable:
        return []
    earliest = calendar.to_local(after + minimum_notice)
    length = timedelta(minutes=minutes)
    found: list[Slot] = []
    day = earliest.date()
    for _ in range(SEARCH_DAYS):
        opening = calendar.opening_intervals(day)
        if opening:
            taken: dict[datetime, Slot] = {}
            for desk in usable:
                for window_start, window_end in _desk_windows(calendar, day, opening, desk):
                    for start in _grid(calendar, day, window_start, step_minutes):
                        end = start + length
                        if end > window_end:
                            break
                        if start >= earliest and start not in taken:
                            taken[start] = Slot(start, end, desk.desk_key)
            for start in sorted(taken):
                found.append(taken[start])
                if len(found) == count:
                    return found
        day += _ONE_DAY
    return found


def _desk_windows(
    calendar: OfficeCalendar,
    day: date,
    opening: list[tuple[datetime, datetime]],
    desk: DeskAvailability,
) -> list[tuple[datetime, datetime]]:
    """The parts of the day's opening intervals the desk is staffed for."""
    if desk.duties is None:
        return opening
    windows: list[tuple[datetime, datetime]] = []
    for duty_start, duty_end in desk.duties.get(day.weekday(), ()):
        a = calendar.to_local(datetime.combine(day, duty_start))
        b = calendar.to_local(datetime.combine(day, duty_end))
        for open_start, open_end in opening:
            start, end = max(a, open_start), min(b, open_end)
            if start < end:
                windows.append((start, end))
    return windows


def _grid(calendar: OfficeCalendar, day: date, start: datetime, step: int) -> Iterator[datetime]:
    """Grid times of the local day from ``start`` on (first one rounded up to the grid)."""
    midnight = datetime.combine(day, time())
    offset = (start.replace(tzinfo=None) - midnight) // timedelta(minutes=1)
    k = -(-offset // step) * step
    # Far enough for any day; the caller stops at the end of its window.
    while k < 24 * 60:
        yield calendar.to_local(midnight + timedelta(minutes=k))
        k += step
